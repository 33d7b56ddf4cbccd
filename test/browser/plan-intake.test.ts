/**
 * Plan intake as a newcomer meets it, in Debian's Chromium on the local stack (`npm start`'s
 * runtime): the standing body signs in, uploads the Long Biên 2025 plan as a Word file (made from
 * the seed text), reads the draft beside the running hand-encoded plan (the calendar must match it
 * within the import goals: recall ≥ 95 %, precision ≥ 90 % of (unit, due day) pairs), corrects a row
 * with the live preview, finds the running plan's contacts carried into the draft, fills those of a
 * unit new to it and publishes, every unit reachable; then next year's plan from the
 * published one, and a draft from the template, discarded. Screenshots at 390 and 1280 px in
 * out/screenshots/intake-<page>-<width>.png, axe-core with no serious or critical violation.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStack, startLocalStack } from "../../local/runtime";
import type { DraftView, TimingPreview } from "../../shared/console/model";
import { consoleUrls } from "../../shared/web/console/urls";
import { browserAvailable, launchChromium } from "../support/chromium";
import { checkPage } from "../support/page-checks";
import { docxFrom } from "../support/seed-documents";

const SEED = resolve(
  import.meta.dirname,
  "../../../shared/seeds/long-bien-2025-primary-health-care-plan.txt",
);
const PLAN = "long-bien-2025";
const NEXT = "long-bien-2026";
const urls = consoleUrls();

describe.runIf(browserAvailable)("plan intake in Chromium", { timeout: 120_000 }, () => {
  let stack: LocalStack;
  let browser: Browser;
  let dataDir: string;
  let office: Page;
  let draftUrl = "";
  const problems: string[] = [];

  const at = (path: string) => `${stack.baseUrl}${path}`;
  const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? "").trim();
  const notice = (page: Page) => text(page, ".notice");
  async function follow(page: Page, click: () => Promise<void>): Promise<void> {
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), click()]);
  }
  const check = async (page: Page, name: string) => {
    problems.push(...(await checkPage(page, `intake-${name}`, [390, 1280])));
  };
  /** The README's pictures of the flow: what a desktop window shows, at 1280 × 860. */
  const readmeShot = async (page: Page, name: string) => {
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.screenshot({ path: `out/screenshots/readme/intake-${name}.png` });
  };
  const api = async <T>(path: string): Promise<T> => {
    const res = await office.request.get(at(path), { headers: { accept: "application/json" } });
    expect(res.status()).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "hanchot-intake-"));
    [stack, browser] = await Promise.all([
      startLocalStack({
        planFile: `plans/${PLAN}.yaml`,
        port: 0,
        startAt: new Date("2025-01-06T09:00:00+07:00"),
        dataDir,
        workflows: false,
        log: () => {},
      }),
      launchChromium(),
    ]);
    const context = await browser.newContext({
      bypassCSP: true,
      locale: "vi-VN",
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(15_000);
    office = await context.newPage();
    // Publishing writes every deadline of a year's plan (thousands of items in DynamoDB Local):
    // on a busy machine that takes longer than a page action should.
    office.setDefaultNavigationTimeout(90_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("imports the plan's Word document into a draft whose calendar matches the running plan", async () => {
    const user = stack.demoUsers.find((u) => u.role === "standing-body");
    if (!user) throw new Error("no standing-body demo user");
    await office.goto(at(urls.drafts()));
    await office.fill("#email", user.email);
    await office.fill("#password", user.password);
    await follow(office, () => office.getByRole("button", { name: "Đăng nhập" }).click());
    expect(new URL(office.url()).pathname).toBe(urls.drafts());
    expect(await text(office, "h1")).toBe("Nhập kế hoạch");
    await check(office, "list");
    await readmeShot(office, "1-start");

    const docx = join(dataDir, "KH-CSSKBD-Long-Bien-2025.docx");
    writeFileSync(docx, await docxFrom(readFileSync(SEED, "utf8")));
    await office.selectOption("#van-ban-ke-hoach", PLAN);
    await office.setInputFiles("#van-ban-tep", docx);
    await follow(office, () => office.getByRole("button", { name: "Tải lên và đọc" }).click());
    draftUrl = new URL(office.url()).pathname;
    expect(draftUrl).toMatch(/^\/console\/drafts\//);
    expect(await notice(office)).toMatch(/^Đã lập bản nháp long-bien-2025: \d+ nhiệm vụ/);

    const view = await api<DraftView>(`/api${draftUrl}`);
    expect(view.summary).toMatchObject({ planId: PLAN, origin: "document", amends: true, problems: 0 });
    expect(view.summary.source).toBe("KH-CSSKBD-Long-Bien-2025.docx");
    const c = view.comparison;
    if (!c) throw new Error("no comparison with the running plan");
    const recall = c.same / (c.same + c.removed);
    const precision = c.same / (c.same + c.added);
    console.log(`intake: ${JSON.stringify({ ...c, recall, precision, rows: view.rows.length })}`);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    // The page says the same, in words.
    expect(await office.textContent("main")).toContain(`${c.same} hạn trùng`);
    // On the running plan's ids, publishing keeps most of its deadlines, and says how many.
    expect(await office.textContent("main")).toContain(
      `khi công bố: giữ ${c.kept} hạn của các đơn vị (cùng bài đã nộp và gia hạn), hủy ${c.cancelled}`,
    );
    expect(c.kept).toBeGreaterThan(c.cancelled ?? Number.POSITIVE_INFINITY);
    await check(office, "review");
    await readmeShot(office, "2-review");
  });

  it("corrects a row with the live preview of its dates, and fills a unit's contacts", async () => {
    const view = await api<DraftView>(`/api${draftUrl}`);
    const row = view.rows.find((r) => r.review.length > 0 || r.certainty === undefined || r.certainty < 0.7);
    if (!row) throw new Error("no row to review in the draft");
    await office.goto(at(urls.draftObligation(view.summary.draftId, row.obligationId)));
    await check(office, "row");

    // With the script: the dates follow the phrase as it is typed.
    const phrase = "trước ngày 25 của tháng cuối quý";
    const previewed = office.waitForResponse((r) => r.url().includes("/preview?timing="));
    await office.fill("#thoi-gian", phrase);
    const preview = (await (await previewed).json()) as TimingPreview;
    expect(preview.dates.map((d) => d.period)).toEqual(["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]);
    await expect
      .poll(() => text(office, "#xem-truoc"))
      .toContain("hằng quý, trước ngày 25 của tháng cuối quý");
    expect(await text(office, "#xem-truoc")).toContain("24/03/2025");
    // An unreadable phrase is said to be unread, not given dates.
    await office.fill("#thoi-gian", "càng sớm càng tốt");
    await expect.poll(() => text(office, "#xem-truoc")).toMatch(/chưa đọc được/i);
    await office.fill("#thoi-gian", phrase);
    await expect.poll(() => text(office, "#xem-truoc")).toContain("24/03/2025");
    await check(office, "row-preview");
    await office.locator("#thoi-gian").scrollIntoViewIfNeeded();
    await readmeShot(office, "3-correct");
    await follow(office, () => office.getByRole("button", { name: "Lưu" }).click());
    expect(await notice(office)).toBe("Đã lưu nhiệm vụ.");
    const saved = (await api<DraftView>(`/api${draftUrl}`)).rows.find(
      (r) => r.obligationId === row.obligationId,
    );
    expect(saved).toMatchObject({ timing: phrase, ruleKind: "quarterly", review: [] });
    expect(saved?.certainty).toBeUndefined();

    // A refused correction: the form again, the field marked, nothing saved.
    await office.goto(at(urls.draftObligation(view.summary.draftId, row.obligationId)));
    await office.fill("#sua-noi-dung", "");
    await office
      .locator("#sua-nhiem-vu")
      .evaluate((form: { setAttribute(name: string, value: string): void }) =>
        form.setAttribute("novalidate", ""),
      );
    await follow(office, () => office.getByRole("button", { name: "Lưu" }).click());
    expect(await office.getAttribute("#sua-noi-dung", "aria-invalid")).toBe("true");
    await check(office, "row-error");

    // Contacts: those of the running plan's units now, carried into the draft, each listed for
    // review; no unit that owes something is left with no one to remind.
    expect(view.units.filter((u) => u.unreachable)).toEqual([]);
    const carried = view.review.filter(
      (r) => r.where === "đơn vị" && r.why.startsWith("liên hệ lấy từ kế hoạch đang chạy"),
    );
    expect(carried.length).toBeGreaterThan(view.units.length / 2);
    await office.goto(at(urls.draftUnits(view.summary.draftId)));
    expect(await notice(office)).toBe("Đơn vị nào có việc phải làm cũng có email hoặc số điện thoại.");
    await check(office, "units");
    // A unit the running plan does not have has none: the office fills them in.
    const fresh = view.review.find((r) => r.where === "đơn vị" && r.why.startsWith("đơn vị mới"));
    const unit = view.units.find((u) => u.name === fresh?.what);
    if (!unit) throw new Error("no unit new to the running plan");
    expect(unit.contacts).toEqual({ emails: [], phones: [] });
    const card = office.locator("li", { has: office.locator(`h3#dv-${unit.id}`) });
    await card.locator("summary").click();
    const form = office.locator(`form[action="${urls.draftUnit(view.summary.draftId, unit.id)}"]`);
    await form.locator("textarea[name=emails]").fill("van-thu@longbien.example.org");
    await form.locator("textarea[name=phones]").fill("0912 345 678");
    await follow(office, () => form.getByRole("button").click());
    const after = await api<DraftView>(`/api${draftUrl}`);
    expect(after.units.find((u) => u.id === unit.id)).toMatchObject({
      contacts: { emails: ["van-thu@longbien.example.org"], phones: ["+84912345678"] },
    });
    // Its review item is done.
    expect(after.review.some((r) => r.what === unit.name && r.where === "đơn vị")).toBe(false);
  });

  it("publishes the draft through the publish use case, then makes next year's plan from it", async () => {
    const draft = await api<DraftView>(`/api${draftUrl}`);
    expect(draft.contactsDropped).toEqual([]);
    await office.goto(at(draftUrl));
    await office.check("form[action$='/publish'] input[type=checkbox]");
    await follow(office, () => office.getByRole("button", { name: "Công bố kế hoạch" }).click());
    expect(new URL(office.url()).pathname).toBe(urls.overview(PLAN));
    expect(await notice(office)).toMatch(/công bố|Đã đăng/i);
    // The draft page said how many running deadlines publishing cancels: the notice says as many.
    const cancelled = draft.comparison?.cancelled;
    if (cancelled === undefined) throw new Error("no count of what publishing cancels");
    const said = /hủy (\d+) hạn/.exec(await notice(office))?.[1];
    expect(Number(said ?? 0)).toBe(cancelled);
    await readmeShot(office, "4-published");
    // The draft is gone; the audit log has the publication.
    expect((await office.request.get(at(`/api${draftUrl}`))).status()).toBe(404);
    // Every unit of the draft is reachable on the running plan, as the draft had it.
    const stored = new Map((await stack.data.plans.units(PLAN)).map((u) => [u.unitId, u.contacts]));
    for (const u of draft.units) expect(stored.get(u.id), u.id).toEqual(u.contacts);
    expect(draft.units.every((u) => u.contacts.emails.length + u.contacts.phones.length > 0)).toBe(true);
    await office.goto(at(urls.audit(PLAN)));
    expect(await office.textContent("main")).toContain("Đăng kế hoạch");

    // Next year's plan from the published one.
    await office.goto(at(urls.drafts()));
    await office.selectOption("#chuyen-tu", PLAN);
    await office.selectOption("#chuyen-ke-hoach", NEXT);
    await office.fill("#chuyen-nam", "2026");
    await follow(office, () => office.getByRole("button", { name: "Tạo bản nháp năm mới" }).click());
    const nextUrl = new URL(office.url()).pathname;
    const next = await api<DraftView>(`/api${nextUrl}`);
    expect(next.summary).toMatchObject({
      planId: NEXT,
      year: 2026,
      origin: "plan",
      amends: false,
      problems: 0,
    });
    const firstDates = next.rows.flatMap((r) => r.dates.map((d) => d.period));
    expect(firstDates.length).toBeGreaterThan(0);
    expect(firstDates.every((p) => p.startsWith("2026"))).toBe(true);
    await check(office, "next-year");
    await office.check("form[action$='/publish'] input[type=checkbox]");
    await follow(office, () => office.getByRole("button", { name: "Công bố kế hoạch" }).click());
    expect(new URL(office.url()).pathname).toBe(urls.overview(NEXT));
    expect(await stack.data.plans.publication(NEXT)).toBeDefined();

    // From the template, then discarded: nothing published.
    await office.goto(at(urls.drafts()));
    await office.selectOption("#mau-ke-hoach", NEXT);
    await office.fill("#mau-nam", "2027");
    await office.fill("#mau-co-quan", "UBND phường Bồ Đề");
    await follow(office, () => office.getByRole("button", { name: "Tạo bản nháp từ mẫu" }).click());
    const fromTemplate = await api<DraftView>(`/api${new URL(office.url()).pathname}`);
    expect(fromTemplate.summary).toMatchObject({ origin: "template", year: 2027 });
    expect(fromTemplate.issuer).toBe("UBND phường Bồ Đề");
    await check(office, "template");
    await office.check("form[action$='/discard'] input[type=checkbox]");
    await follow(office, () => office.getByRole("button", { name: "Bỏ bản nháp" }).click());
    expect(new URL(office.url()).pathname).toBe(urls.drafts());
    expect((await api<{ drafts: unknown[] }>(`/api${urls.drafts()}`)).drafts).toEqual([]);
  });

  it("has no serious accessibility problem and nothing scrolling sideways on any page", () => {
    expect(problems).toEqual([]);
  });
});
