/**
 * The operations console in a real browser (Debian's Chromium through playwright-core), served by
 * the local stack at a virtual date after the Q1 cut-off (09:00 on 02/04/2025, Vietnam time),
 * with the plan's workflows running on the stack's clock.
 *
 * The year is seeded first with the workflows off (submissions made before that date, through the
 * submission use case with its clock set back, files uploaded and pinned), then the stack starts
 * again on the same data with the workflows on, so that the lifecycles catch up on what was there.
 *
 * The tests run in order on one stack and build on each other, as a newcomer's session would:
 * signing in, the "done when" scenario (who is late, return a report, the unit told and reminded,
 * the unit submits again), the other actions, every page as each role (screenshots at 390 and
 * 1280 px in out/screenshots/console-<role>-<page>-<width>.png, axe-core with no serious or
 * critical violation), the exports, and signing out.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SubmissionRecord } from "../../functions/data";
import { type LocalStack, startLocalStack } from "../../local/runtime";
import type { Role } from "../../shared/console/access";
import type { TimelinessReport } from "../../shared/console/model";
import { consoleUrls } from "../../shared/web/console/urls";
import { minimalPdf, minimalXlsx } from "../support/attachment-files";
import { browserAvailable, launchChromium } from "../support/chromium";
import { submitEarlier } from "../support/console-seed";
import { parseCsv } from "../support/csv";
import { checkPage } from "../support/page-checks";

const PLAN_FILE = "plans/long-bien-2025.yaml";
const PLAN = "long-bien-2025";
/** The virtual date: nine days into the lateness of the Q1 reports (cut-off 00:00 on 25/03). */
const START = new Date("2025-04-02T09:00:00+07:00");
/** 8 days and 9 hours after the cut-off: the ninth day late has begun. */
const Q1_DAYS_LATE = 9;

const TTYT_Q1 = `${PLAN}:bao-cao-quy-ttyt:2025-Q1:ttyt`;
const BHXH_Q1 = `${PLAN}:bao-cao-quy-bhxh:2025-Q1:bhxh`;
const TTYT_DEADLINE = { planId: PLAN, obligationId: "bao-cao-quy-ttyt", period: "2025-Q1" };
const BHXH_DEADLINE = { planId: PLAN, obligationId: "bao-cao-quy-bhxh", period: "2025-Q1" };
const TTYT_NAME = "Trung tâm Y tế quận Long Biên";
const BHXH_NAME = "Bảo hiểm xã hội quận Long Biên";
const TTYT_EMAIL = "ttyt@longbien.example.org";
const TTYT_PHONE = "+84900000004";
const RETURN_REASON = "Thiếu chữ ký của Giám đốc TTYT trên tệp báo cáo; đề nghị ký, đóng dấu rồi gửi lại.";
const REMIND_REASON = "Báo cáo quý I bị trả lại, chưa có bản mới.";

const urls = consoleUrls();
const TTYT_PDF = minimalPdf("Báo cáo quý I/2025 của TTYT quận Long Biên");

describe.runIf(browserAvailable)("the operations console in Chromium", { timeout: 120_000 }, () => {
  let stack: LocalStack;
  let browser: Browser;
  let dataDir: string;
  const seeded: Record<string, SubmissionRecord> = {};
  /** The standing body's page, signed in by the scenario and used by the tests after it. */
  let office: Page;
  /** The TTYT's second version, submitted through its personal link after the return. */
  let resubmitted = "";
  /** Serious or critical axe-core violations, and what scrolled sideways that should not. */
  const problems: string[] = [];
  const timings: Record<string, number> = {};

  const user = (role: Role) => {
    const u = stack.demoUsers.find((d) => d.role === role);
    if (!u) throw new Error(`no demo user with role ${role} in local/demo-users.yaml`);
    return u;
  };
  const at = (path: string) => `${stack.baseUrl}${path}`;
  const ttytQ1 = () => urls.deadline(PLAN, "bao-cao-quy-ttyt", "2025-Q1");
  const bhxhQ1 = () => urls.deadline(PLAN, "bao-cao-quy-bhxh", "2025-Q1");

  /** A browser of its own (its own cookies), with the CSP bypassed for axe-core's script only. */
  async function newPage(): Promise<Page> {
    const context = await browser.newContext({
      bypassCSP: true,
      locale: "vi-VN",
      viewport: { width: 390, height: 844 },
      acceptDownloads: true,
    });
    // A step that cannot happen fails in seconds, not after playwright's 30 s.
    context.setDefaultTimeout(10_000);
    return context.newPage();
  }

  /** Clicks something that sends a form or follows a link, and waits for the page it leads to. */
  async function follow(page: Page, click: () => Promise<void>): Promise<void> {
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), click()]);
  }

  async function signIn(page: Page, role: Role): Promise<void> {
    const u = user(role);
    await page.fill("#email", u.email);
    await page.fill("#password", u.password);
    await Promise.all([
      page.waitForURL(/\/console\/(plans|oversight)\//),
      page.getByRole("button", { name: "Đăng nhập" }).click(),
    ]);
  }

  /**
   * Screenshots at both widths; axe as a phone shows the page, and also as a desktop shows it for
   * the standing body (whose pages have every form); the problems found are collected.
   */
  async function check(page: Page, name: string): Promise<void> {
    const t0 = Date.now();
    const axeAt = name.startsWith("standing-body") || name.startsWith("guest") ? [390, 1280] : [390];
    problems.push(...(await checkPage(page, `console-${name}`, axeAt)));
    timings[`check:${name}`] = Date.now() - t0;
  }

  const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? "").trim();
  const notice = (page: Page) => text(page, ".notice");
  /** A unit's card in the overview's "late right now" list (named by its heading). */
  const lateUnit = (page: Page, unitName: string) =>
    page
      .locator("section[aria-labelledby=dang-cham] li.late-unit")
      .filter({ has: page.locator("h3", { hasText: unitName }) });
  /** A unit's late item for a period in that list (shown or folded under "và N việc khác"). */
  const lateItem = (page: Page, unitName: string, periodText: string) =>
    lateUnit(page, unitName).locator("ul.late-items > li").filter({ hasText: periodText });

  /** Waits until the workflows have caught up (no step invoked for a while). */
  async function workflowsQuiet(quietMs = 1500, limitMs = 30_000): Promise<void> {
    const workflows = stack.workflows;
    if (!workflows) throw new Error("the stack runs no workflows");
    const until = Date.now() + limitMs;
    let seen = -1;
    let since = Date.now();
    while (Date.now() < until) {
      if (workflows.invocations !== seen) {
        seen = workflows.invocations;
        since = Date.now();
      } else if (Date.now() - since >= quietMs) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the workflows kept working for ${limitMs} ms`);
  }

  beforeAll(async () => {
    const t0 = Date.now();
    dataDir = mkdtempSync(join(tmpdir(), "hanchot-console-"));
    const options = { planFile: PLAN_FILE, port: 0, startAt: START, dataDir, log: () => {} };
    const [seeding, chromium] = await Promise.all([
      startLocalStack({ ...options, workflows: false }),
      launchChromium(),
    ]);
    browser = chromium;
    try {
      const clerk = (name: string) => ({ name, phone: "0912 345 678" });
      // The TTYT's Q1 report, on time, with its PDF: returned in the scenario.
      seeded.ttyt = await submitEarlier(seeding, {
        instanceId: TTYT_Q1,
        at: "2025-03-21T15:30:00+07:00",
        submitter: clerk("Nguyễn Thị Hồng Nhung"),
        fields: {
          "tom-tat": "Quý I: hoàn thành 98% kế hoạch khám sức khỏe người cao tuổi; tiêm chủng đạt 96,5%.",
          "ty-le-tiem-chung-day-du": 96.5,
          "ty-le-sdd-can-nang": 4.9,
          "so-nguoi-cao-tuoi-duoc-kham": 12450,
        },
        files: { "tep-bao-cao": { name: "bao-cao-quy-1-ttyt.pdf", bytes: TTYT_PDF } },
      });
      // Two wards' plans, one on time and one a week late (with its Excel sheet).
      seeded.boDe = await submitEarlier(seeding, {
        instanceId: `${PLAN}:ke-hoach-phuong:2025:p-bo-de`,
        at: "2025-01-17T10:00:00+07:00",
        submitter: clerk("Trần Văn Bình"),
        fields: { "tom-tat": "Kế hoạch năm 2025 của phường Bồ Đề đã ban hành." },
      });
      seeded.longBien = await submitEarlier(seeding, {
        instanceId: `${PLAN}:ke-hoach-phuong:2025:p-long-bien`,
        at: "2025-01-27T14:00:00+07:00",
        submitter: clerk("Lê Thị Lan"),
        fields: { "tom-tat": "Kế hoạch của phường Long Biên, kèm bảng chỉ tiêu." },
        files: { "tep-dinh-kem": { name: "chi-tieu-phuong-long-bien.xlsx", bytes: minimalXlsx() } },
      });
    } finally {
      await seeding.stop();
    }
    timings.seed = Date.now() - t0;
    stack = await startLocalStack(options);
    await workflowsQuiet();
    timings.start = Date.now() - t0;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    console.log(`console.test timings (ms): ${JSON.stringify(timings)}`);
  });

  it("the sign-in page: asked for on any console page, a wrong password told in Vietnamese", async () => {
    const t0 = Date.now();
    const page = await newPage();
    await page.goto(at(urls.overview(PLAN)));
    expect(new URL(page.url()).pathname).toBe("/console/sign-in");
    expect(new URL(page.url()).searchParams.get("next")).toBe(urls.overview(PLAN));
    expect(await text(page, "h1")).toBe("Đăng nhập");
    await check(page, "guest-sign-in");

    await page.fill("#email", user("standing-body").email);
    await page.fill("#password", "không-phải-mật-khẩu");
    await follow(page, () => page.getByRole("button", { name: "Đăng nhập" }).click());
    expect(await text(page, "[role=alert]")).toBe("Email hoặc mật khẩu không đúng.");
    expect(await page.inputValue("#email")).toBe(user("standing-body").email);
    expect(await page.getAttribute("#password", "aria-invalid")).toBe("true");
    await check(page, "guest-sign-in-error");
    await page.context().close();
    timings.signIn = Date.now() - t0;
  });

  it("done when: the standing body sees who is late, returns a report; the unit is told, reminded, and submits again", async () => {
    const t0 = Date.now();
    office = await newPage();
    await office.goto(stack.consoleUrl);
    await signIn(office, "standing-body");
    expect(new URL(office.url()).pathname).toBe(urls.overview(PLAN));
    // The header names the role; locally the email, as cognito-local's ID tokens carry no "name".
    expect(await text(office, ".who")).toContain(user("standing-body").email);
    expect(await text(office, ".who .role")).toBe("Cơ quan thường trực");
    expect(await text(office, "main .lead")).toContain("02/04/2025");

    // Late right now: the BHXH's Q1 report, 9 days after its cut-off; not the TTYT's, in on time.
    const bhxhLate = lateItem(office, BHXH_NAME, "quý I/2025");
    await expect.poll(() => bhxhLate.count()).toBe(1);
    expect(await bhxhLate.locator("strong").first().textContent()).toBe(`chậm ${Q1_DAYS_LATE} ngày`);
    expect(await bhxhLate.textContent()).toContain("thiếu, quá hạn chưa nộp");
    expect(await lateUnit(office, BHXH_NAME).locator(".late-contact").textContent()).toContain(
      "bhxh@longbien.example.org",
    );
    const ttytLate = lateItem(office, TTYT_NAME, "quý I/2025");
    expect(await ttytLate.count()).toBe(0);
    // The lifecycles caught up on the stack's clock: the BHXH marked overdue and escalated.
    const bhxhRun = await stack.data.deadlines.lifecycleSnapshot(BHXH_DEADLINE);
    expect(bhxhRun?.stagesDone.has("overdue")).toBe(true);
    expect(
      bhxhRun?.sends.some(
        (x) => x.stage.startsWith("escalation-1") && x.recipient === "bcd@longbien.example.org",
      ),
    ).toBe(true);

    // From the year's table to the TTYT's Q1 deadline, then its version.
    const q1Row = office
      .locator("section[aria-labelledby=theo-nhiem-vu] tbody tr")
      .filter({ hasText: "quý I/2025" })
      .filter({ hasText: "Định kỳ hàng quý tổng hợp, báo cáo tiến độ" });
    await follow(office, () => q1Row.locator("a").click());
    expect(new URL(office.url()).pathname).toBe(ttytQ1());
    // In on time before the workflows started: nobody was escalated about it.
    expect(await text(office, "section[aria-labelledby=vuot-cap]")).toContain(
      "Chưa có báo cáo vượt cấp nào.",
    );
    const ttytRow = office.locator(`tr#don-vi-ttyt`);
    expect(await ttytRow.textContent()).toContain("đúng hạn");
    await follow(office, () => ttytRow.locator(`a:text("${seeded.ttyt?.receipt}")`).click());
    expect(new URL(office.url()).pathname).toBe(urls.submission(PLAN, TTYT_Q1, seeded.ttyt?.receipt ?? ""));
    expect(await text(office, "h1")).toBe(`Báo cáo của ${TTYT_NAME}`);
    expect(await text(office, "section[aria-labelledby=thong-tin]")).toContain("đúng hạn");
    // Its PDF opens through a short-lived presigned GET of the pinned copy: the bytes the unit sent.
    const pdf = office.locator("section[aria-labelledby=noi-dung-bao-cao] a[target=_blank]");
    expect(await pdf.textContent()).toContain("bao-cao-quy-1-ttyt.pdf");
    const opened = await office.context().request.get((await pdf.getAttribute("href")) ?? "");
    expect(opened.status()).toBe(200);
    expect(new Uint8Array(await opened.body())).toEqual(TTYT_PDF);

    // Return it, with the reason.
    const mailBefore = stack.mail?.list().length ?? 0;
    const smsBefore = stack.sms.list().length;
    await office.fill("#tra-lai-ly-do", RETURN_REASON);
    await follow(office, () => office.getByRole("button", { name: "Trả lại" }).click());
    expect(await notice(office)).toBe("Đã trả lại bản nộp; đơn vị đã được báo qua email và tin nhắn.");
    expect(await office.getAttribute(".notice", "role")).toBe("status");
    expect(await text(office, "section[aria-labelledby=thong-tin]")).toContain("bị trả lại, chờ bản mới");
    expect(await text(office, "section[aria-labelledby=lich-su]")).toContain("đã trả lại");
    expect(await text(office, "section[aria-labelledby=lich-su]")).toContain(RETURN_REASON);
    // Returned already: no second "return" to send, the office may still accept it.
    expect(await office.locator("form[action$='/return']").count()).toBe(0);
    expect(await text(office, "section[aria-labelledby=thao-tac]")).toContain("Bản này đã bị trả lại");
    await check(office, "standing-body-submission-returned");
    // The notice is read once: a reload shows the page without it.
    await office.reload();
    expect(await office.locator(".notice").count()).toBe(0);

    // The unit got an email and an SMS with the reason and its link.
    const stage = `returned@${seeded.ttyt?.receipt}`;
    const returnMail = stack.mail
      ?.list()
      .slice(mailBefore)
      .filter((m) => m.to.includes(TTYT_EMAIL) && m.stage === stage);
    expect(returnMail).toHaveLength(1);
    expect(returnMail?.[0]?.subject).toContain("Trả lại báo cáo");
    expect(returnMail?.[0]?.text).toContain(RETURN_REASON);
    const returnSms = stack.sms
      .list()
      .slice(smsBefore)
      .filter((s) => s.to === TTYT_PHONE && s.stage === stage);
    expect(returnSms).toHaveLength(1);
    expect(returnSms[0]?.text).toContain("Bao cao bi tra lai");
    // The reason as far as one segment allows beside the title and the short link.
    expect(returnSms[0]?.text).toContain("Ly do: Thieu chu ky");
    expect(returnSms[0]?.segments).toBe(1);

    // The lifecycle, idle since everyone was in, runs again: the committee hears the TTYT owes it.
    await expect
      .poll(async () =>
        (await stack.data.deadlines.lifecycleSnapshot(TTYT_DEADLINE))?.sends.some(
          (x) => x.stage.startsWith("escalation-") && x.recipient === "bcd@longbien.example.org",
        ),
      )
      .toBe(true);

    // Late right now again: returned, nine days after the cut-off.
    await office.goto(at(urls.overview(PLAN)));
    const returned = lateItem(office, TTYT_NAME, "quý I/2025");
    expect(await returned.count()).toBe(1);
    expect(await returned.locator("strong").first().textContent()).toBe(`chậm ${Q1_DAYS_LATE} ngày`);
    expect(await returned.textContent()).toContain("bị trả lại, chờ bản mới");

    // Its next reminder, sent now from the deadline page, says it was returned and why.
    await office.goto(at(ttytQ1()));
    expect(await office.locator("tr#don-vi-ttyt").textContent()).toContain("bị trả lại, chờ bản mới");
    await office.selectOption("#nhac-don-vi", "ttyt");
    await office.fill("#nhac-ly-do", REMIND_REASON);
    const beforeRemind = stack.mail?.list().length ?? 0;
    const smsBeforeRemind = stack.sms.list().length;
    await follow(office, () => office.getByRole("button", { name: "Gửi tin nhắc" }).click());
    expect(await notice(office)).toBe("Đã gửi lời nhắc.");
    const manual = "manual@2025-04-02";
    const reminder = stack.mail
      ?.list()
      .slice(beforeRemind)
      .filter((m) => m.to.includes(TTYT_EMAIL) && m.stage === manual);
    expect(reminder).toHaveLength(1);
    expect(reminder?.[0]?.subject).toContain("Nhắc nộp lại");
    expect(reminder?.[0]?.text).toContain("đã trả lại báo cáo");
    expect(reminder?.[0]?.text).toContain(RETURN_REASON.slice(0, 60));
    const reminderSms = stack.sms
      .list()
      .slice(smsBeforeRemind)
      .filter((s) => s.to === TTYT_PHONE && s.stage === manual);
    expect(reminderSms).toHaveLength(1);
    expect(reminderSms[0]?.text).toContain("Bi tra lai");
    // A second "remind now" the same day sends nothing, and says so.
    await office.selectOption("#nhac-don-vi", "ttyt");
    await office.fill("#nhac-ly-do", REMIND_REASON);
    await follow(office, () => office.getByRole("button", { name: "Gửi tin nhắc" }).click());
    expect(await notice(office)).toContain("đã được nhắc hôm nay");
    expect(await office.getAttribute(".notice", "role")).toBe("alert");

    // The unit opens its personal link from the notice, and submits again with the signed file.
    const link = /https?:\/\/[^\s"<>]+\/f\/[A-Za-z0-9_.-]+/.exec(returnMail?.[0]?.text ?? "")?.[0];
    expect(link).toBeDefined();
    const unit = await newPage();
    await unit.goto(link ?? "");
    expect(await text(unit, "h1")).toContain("Định kỳ hàng quý tổng hợp");
    expect(await text(unit, ".status")).toBe("bị trả lại, cần nộp bản mới");
    const signed = Buffer.from(minimalPdf("Báo cáo quý I/2025 của TTYT, có chữ ký và dấu"));
    // The file uploads as soon as it is chosen (the form's script), then the report goes in one step.
    await unit.setInputFiles("#tai-len-tep-bao-cao", {
      name: "bao-cao-quy-1-ttyt-co-chu-ky.pdf",
      mimeType: "application/pdf",
      buffer: signed,
    });
    await unit.getByText("Đã tải lên: bao-cao-quy-1-ttyt-co-chu-ky.pdf", { exact: false }).first().waitFor();
    await unit.fill("#fields-tom-tat", "Bản có chữ ký của Giám đốc TTYT. Số liệu không đổi.");
    await unit.fill("#submitter-name", "Nguyễn Thị Hồng Nhung");
    await unit.fill("#submitter-phone", "0912 345 678");
    await follow(unit, () => unit.getByRole("button", { name: "Nộp bản cập nhật" }).click());
    expect(await text(unit, "h1"), (await unit.locator("[role=alert]").allTextContents()).join(" ")).toBe(
      "Đã nhận báo cáo",
    );
    resubmitted = await text(unit, "#so-bien-nhan");
    expect(resubmitted).toMatch(/^HC-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    await unit.context().close();

    const stored = await stack.data.deadlines.expectation(TTYT_Q1);
    expect(stored?.expectation.status).toBe("submitted");
    expect(stored?.submissions.map((s) => s.receipt)).toEqual([seeded.ttyt?.receipt, resubmitted]);

    // The console: submitted (nine days late, the returned version not counting), no longer late.
    await office.goto(at(urls.submission(PLAN, TTYT_Q1, resubmitted)));
    const facts = await text(office, "section[aria-labelledby=thong-tin]");
    expect(facts).toContain(`muộn ${Q1_DAYS_LATE} ngày`);
    expect(facts).toMatch(new RegExp(`Tình trạng của đơn vị\\s*◷ nộp muộn ${Q1_DAYS_LATE} ngày`));
    await office.goto(at(urls.overview(PLAN)));
    expect(await lateItem(office, TTYT_NAME, "quý I/2025").count()).toBe(0);
    timings.doneWhen = Date.now() - t0;
  });

  it("extends one unit's deadline from the deadline page and edits its contacts from its page", async () => {
    const t0 = Date.now();
    await office.goto(at(bhxhQ1()));
    await office.fill("#gia-han-ngay", "2025-04-10");
    await office.selectOption("#gia-han-don-vi", "bhxh");
    await office.fill("#gia-han-ly-do", "BHXH quận chờ số liệu đối soát của BHXH thành phố.");
    await follow(office, () => office.getByRole("button", { name: "Gia hạn" }).click());
    expect(await notice(office)).toBe("Đã gia hạn.");
    const bhxhRow = office.locator("tr#don-vi-bhxh");
    expect(await bhxhRow.textContent()).toContain("đã gia hạn riêng");
    expect(await bhxhRow.textContent()).toContain("10/04/2025");
    expect(await bhxhRow.textContent()).toContain("chưa đến hạn");
    // Expected again until its own cut-off: not late right now any more.
    await office.goto(at(urls.overview(PLAN)));
    expect(await lateItem(office, BHXH_NAME, "quý I/2025").count()).toBe(0);

    await office.goto(at(urls.unit(PLAN, "bhxh")));
    await office.fill("#lien-he-nguoi", "Phạm Thu Hà");
    await office.fill("#lien-he-email", "bhxh@longbien.example.org\nbaocao.bhxh@longbien.example.org");
    await office.fill("#lien-he-dien-thoai", "0912 345 678");
    await office.fill("#lien-he-ly-do", "Đơn vị báo đổi cán bộ phụ trách báo cáo.");
    await follow(office, () => office.getByRole("button", { name: "Lưu liên hệ" }).click());
    expect(await notice(office)).toBe("Đã lưu thông tin liên hệ; lần nhắn tiếp theo sẽ dùng thông tin mới.");
    const shown = await text(office, "section[aria-labelledby=lien-he] p.card");
    expect(shown).toContain("Phạm Thu Hà");
    expect(shown).toContain("baocao.bhxh@longbien.example.org");
    expect(shown).toContain("+84912345678");
    expect((await stack.data.deadlines.expectation(BHXH_Q1))?.expectation.contacts).toEqual({
      person: "Phạm Thu Hà",
      emails: ["bhxh@longbien.example.org", "baocao.bhxh@longbien.example.org"],
      phones: ["+84912345678"],
    });
    timings.actions = Date.now() - t0;
  });

  it("the standing body: every page, screenshots at 390 and 1280 px, no serious axe violation", async () => {
    const t0 = Date.now();
    const page = office;
    await page.goto(at(urls.overview(PLAN)));
    await check(page, "standing-body-overview");

    await follow(page, () => page.getByRole("link", { name: "Bảng theo dõi" }).click());
    expect(await text(page, "h1")).toBe("Bảng theo dõi năm 2025");
    // The TTYT's Q1 cell opens its latest version; late by nine days.
    const cell = page.locator(`a.cell[href="${urls.submission(PLAN, TTYT_Q1, resubmitted)}"]`);
    expect(await cell.getAttribute("title")).toBe(`nộp muộn ${Q1_DAYS_LATE} ngày`);
    await check(page, "standing-body-heatmap");

    await page.goto(at(ttytQ1()));
    expect(await page.locator("#thao-tac").count()).toBe(1);
    await check(page, "standing-body-deadline");

    await page.goto(at(urls.submission(PLAN, TTYT_Q1, resubmitted)));
    // The file opens through a short-lived presigned GET of the pinned copy: the very bytes sent.
    const file = page.locator("section[aria-labelledby=noi-dung-bao-cao] a[target=_blank]");
    // Uploaded by the form's script, which gives storage the file's name: named as the unit named it.
    expect(await file.textContent()).toContain("bao-cao-quy-1-ttyt-co-chu-ky.pdf");
    const got = await page.context().request.get((await file.getAttribute("href")) ?? "");
    expect(got.status()).toBe(200);
    expect(got.headers()["content-type"]).toBe("application/pdf");
    expect(new Uint8Array(await got.body())).toEqual(
      new Uint8Array(minimalPdf("Báo cáo quý I/2025 của TTYT, có chữ ký và dấu")),
    );
    await check(page, "standing-body-submission");

    await page.goto(at(urls.unit(PLAN, "ttyt")));
    expect(await text(page, "h1")).toBe(TTYT_NAME);
    await check(page, "standing-body-unit");

    await follow(page, () => page.getByRole("link", { name: "Chỉ tiêu" }).click());
    expect(await text(page, "h1")).toBe("Chỉ tiêu năm 2025");
    await check(page, "standing-body-targets");

    await follow(page, () => page.getByRole("link", { name: "Nhật ký thao tác" }).click());
    const log = await text(page, "main");
    for (const reason of [RETURN_REASON, REMIND_REASON, "Đơn vị báo đổi cán bộ phụ trách báo cáo."])
      expect(log).toContain(reason);
    // What changed, in the pages' words: the cut-off as a last on-time day, the status, the reminder.
    expect(log).toContain("Gia hạn đến: 23:59 thứ Năm 10/04/2025");
    expect(log).toContain("Quyết định: trả lại");
    expect(log).toContain("Đợt nhắc: nhắc ngay ngày 02/04/2025");
    expect(log).not.toMatch(/submitted|returned|manual@/);
    await check(page, "standing-body-audit");
    timings.standingBody = Date.now() - t0;
  });

  it("the committee: every page, read only; an action is refused", async () => {
    const t0 = Date.now();
    const page = await newPage();
    await page.goto(stack.consoleUrl);
    await signIn(page, "committee");
    expect(new URL(page.url()).pathname).toBe(urls.overview(PLAN));
    expect(await text(page, ".who .role")).toBe("Ban Chỉ đạo");
    await check(page, "committee-overview");
    await page.goto(at(urls.heatmap(PLAN, 2025)));
    await check(page, "committee-heatmap");
    await page.goto(at(ttytQ1()));
    expect(await page.locator("#thao-tac").count()).toBe(0);
    await check(page, "committee-deadline");
    await page.goto(at(urls.submission(PLAN, TTYT_Q1, resubmitted)));
    expect(await page.locator("form[action$='/return']").count()).toBe(0);
    await check(page, "committee-submission");
    await page.goto(at(urls.unit(PLAN, "ttyt")));
    expect(await page.locator("#lien-he-ly-do").count()).toBe(0);
    await check(page, "committee-unit");
    await page.goto(at(urls.targets(PLAN, 2025)));
    await check(page, "committee-targets");
    await page.goto(at(urls.audit(PLAN)));
    await check(page, "committee-audit");

    // A form posted anyway (with the session's own CSRF token) is refused: only the standing body acts.
    await postFrom(page, urls.remind(PLAN, "bao-cao-quy-bhxh", "2025-Q1"), { unitId: "bhxh", reason: "thử" });
    expect(await text(page, "h1")).toBe("Không có quyền");
    await page.context().close();
    timings.committee = Date.now() - t0;
  });

  /** Posts a form from the page as a browser would (the session's CSRF token taken from the sign-out form). */
  async function postFrom(page: Page, action: string, fields: Record<string, string>): Promise<void> {
    // A script string: the project compiles without the DOM's types.
    const script = `(() => {
      const form = document.createElement("form");
      form.method = "post";
      form.action = ${JSON.stringify(action)};
      const csrf = document.querySelector("input[name=csrf]")?.value ?? "";
      for (const [name, value] of Object.entries({ ...${JSON.stringify(fields)}, csrf })) {
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        input.value = value;
        form.append(input);
      }
      document.body.append(form);
      form.submit();
    })()`;
    await follow(page, () => page.evaluate(script));
  }

  it("the viewer: the ranking links to the plan; every page; 403 on an action, 404 for what is not there", async () => {
    const t0 = Date.now();
    const page = await newPage();
    await page.goto(stack.consoleUrl);
    await signIn(page, "viewer");
    expect(new URL(page.url()).pathname).toBe(urls.ranking("so-y-te-ha-noi"));
    expect(await text(page, "h1")).toBe("Xếp hạng các kế hoạch năm 2025");
    const plan = page.locator("tbody tr").filter({ hasText: "quận Long Biên" });
    expect(await plan.count()).toBe(1);
    await check(page, "viewer-ranking");

    await follow(page, () => plan.locator("a").click());
    expect(new URL(page.url()).pathname).toBe(urls.overview(PLAN));
    expect(await text(page, "h1")).toBe("Tổng quan năm 2025");
    await check(page, "viewer-overview");
    await page.goto(at(urls.heatmap(PLAN, 2025)));
    await check(page, "viewer-heatmap");
    await page.goto(at(ttytQ1()));
    expect(await page.locator("#thao-tac").count()).toBe(0);
    await check(page, "viewer-deadline");
    await page.goto(at(urls.submission(PLAN, TTYT_Q1, resubmitted)));
    expect(await page.locator("form[action$='/accept']").count()).toBe(0);
    await check(page, "viewer-submission");
    await page.goto(at(urls.unit(PLAN, "ttyt")));
    await check(page, "viewer-unit");
    await page.goto(at(urls.targets(PLAN, 2025)));
    await check(page, "viewer-targets");
    await page.goto(at(urls.audit(PLAN)));
    await check(page, "viewer-audit");

    await postFrom(page, urls.return(PLAN, TTYT_Q1, resubmitted), { reason: "thử" });
    expect(await text(page, "h1")).toBe("Không có quyền");
    expect(await text(page, "main")).toContain("Mã lỗi 403");
    await check(page, "viewer-error-403");
    expect((await stack.data.deadlines.expectation(TTYT_Q1))?.expectation.status).toBe("submitted");

    const missing = await page.goto(at(urls.unit(PLAN, "khong-co-don-vi-nay")));
    expect(missing?.status()).toBe(404);
    expect(await text(page, "h1")).toBe("Không tìm thấy");
    await check(page, "viewer-error-404");
    await page.context().close();
    timings.viewer = Date.now() - t0;
  });

  it("exports the year's timeliness as CSV and XLSX from the overview, with the JSON API's figures", async () => {
    const t0 = Date.now();
    await office.goto(at(urls.overview(PLAN)));
    const api = await office.context().request.get(at(`/api/console/plans/${PLAN}/timeliness?year=2025`));
    expect(api.status()).toBe(200);
    const report = (await api.json()) as TimelinessReport;
    const q1 = report.rows.find((r) => r.obligationId === "bao-cao-quy-ttyt" && r.period === "2025-Q1");
    expect(q1).toMatchObject({ expected: 1, actual: 1, actualOnTime: 0, reportingRate: 100, onTimeRate: 0 });
    const plansRow = report.rows.find((r) => r.obligationId === "ke-hoach-phuong");
    expect(plansRow).toMatchObject({ expected: 14, actual: 2, actualOnTime: 1 });

    const download = async (format: "csv" | "xlsx") => {
      const link = office.locator(`#xuat-du-lieu ~ ul a[href*="timeliness.${format}"]`);
      const [file] = await Promise.all([office.waitForEvent("download"), link.click()]);
      expect(file.suggestedFilename()).toMatch(new RegExp(`\\.${format}$`));
      return readFileSync((await file.path()) ?? "");
    };

    const csv = (await download("csv")).toString("utf8");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const [header = [], ...rows] = parseCsv(csv.slice(1));
    const col = (name: string) => {
      const i = header.indexOf(name);
      expect(i, `column ${name}`).toBeGreaterThanOrEqual(0);
      return i;
    };
    const csvRow = (obligationId: string, period: string) =>
      rows.find((r) => r[col("Mã nhiệm vụ")] === obligationId && r[col("Mã kỳ")] === period);
    const figuresOf = (r: string[] | undefined) =>
      ["Phải nộp", "Đã nộp", "Tỷ lệ đã nộp (%)", "Nộp đúng hạn", "Tỷ lệ đúng hạn (%)"].map((h) =>
        Number(r?.[col(h)]),
      );
    const jsonFigures = (f: {
      expected: number;
      actual: number;
      reportingRate: number | null;
      actualOnTime: number;
      onTimeRate: number | null;
    }) => [f.expected, f.actual, f.reportingRate, f.actualOnTime, f.onTimeRate];
    expect(figuresOf(csvRow("bao-cao-quy-ttyt", "2025-Q1"))).toEqual(jsonFigures(q1 ?? report.totals));
    expect(figuresOf(csvRow("ke-hoach-phuong", "2025"))).toEqual(jsonFigures(plansRow ?? report.totals));
    expect(csvRow("bao-cao-quy-ttyt", "2025-Q1")?.[col(`${TTYT_NAME} (ttyt)`)]).toBe(
      `nộp muộn ${Q1_DAYS_LATE} ngày`,
    );
    const totals = rows.find((r) => r[1]?.startsWith("Tổng các hạn đã đến"));
    expect(figuresOf(totals)).toEqual(jsonFigures(report.totals));

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download("xlsx")) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Tổng hợp");
    if (!sheet) throw new Error("no sheet “Tổng hợp” in the workbook");
    const headers = (sheet.getRow(1).values as unknown[]).map(String);
    const xcol = (name: string) => headers.indexOf(name);
    let xlsxQ1: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (
        row.getCell(xcol("Mã nhiệm vụ")).value === "bao-cao-quy-ttyt" &&
        row.getCell(xcol("Mã kỳ")).value === "2025-Q1"
      )
        xlsxQ1 = row;
    });
    expect(xlsxQ1).toBeDefined();
    expect(xlsxQ1?.getCell(xcol("Phải nộp")).value).toBe(q1?.expected);
    expect(xlsxQ1?.getCell(xcol("Đã nộp")).value).toBe(q1?.actual);
    expect(xlsxQ1?.getCell(xcol("Nộp đúng hạn")).value).toBe(q1?.actualOnTime);
    // Rates are real percentages in the workbook: a fraction shown with a % format.
    expect(Number(xlsxQ1?.getCell(xcol("Tỷ lệ đã nộp (%)")).value) * 100).toBeCloseTo(
      q1?.reportingRate ?? -1,
      6,
    );
    timings.exports = Date.now() - t0;
  });

  it("signs out: the session is gone, a console page leads to the sign-in page again", async () => {
    await office.goto(at(urls.overview(PLAN)));
    await follow(office, () => office.getByRole("button", { name: "Đăng xuất" }).click());
    expect(new URL(office.url()).pathname).toBe("/console/sign-in");
    await office.goto(at(ttytQ1()));
    expect(new URL(office.url()).pathname).toBe("/console/sign-in");
    expect(new URL(office.url()).searchParams.get("next")).toBe(ttytQ1());
    const api = await office.context().request.get(at("/api/console/me"));
    expect(api.status()).toBe(401);
    // Through it all, no workflow execution failed.
    expect(stack.workflows?.failures).toEqual([]);
  });

  it("no page shown had a serious or critical axe-core violation, nor scrolled sideways where it should not", () => {
    expect(problems).toEqual([]);
  });
});
