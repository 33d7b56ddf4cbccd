/**
 * The web form's uploads in a real browser (Debian's Chromium), both ways:
 *   - with JavaScript, under the page's own Content-Security-Policy (never bypassed here, so the
 *     script running proves its hash is allowed): a file is sent to storage (s3rver, another
 *     origin: its CORS) the moment it is chosen, its progress shown while the report is filled,
 *     then named with its size; the report goes in one step; the receipt and the history name the
 *     file and its size, never its key; the submission pins exactly the bytes uploaded. Sending
 *     the report while a file is still on its way waits for it. A failed upload says why and
 *     leaves step 1's own button to upload the classic way.
 *   - without JavaScript, the two-step flow (post to storage, come back) as before.
 * Screenshots at 390 and 1280 px in out/screenshots/form-upload-js-*.png; axe-core (injected
 * through the debugger, as the CSP rightly refuses its script) finds no serious violation.
 */
import { readFileSync } from "node:fs";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import type { Browser, BrowserContext, CDPSession, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clients, localTarget } from "../../functions/commons/clients";
import { type LocalStack, startLocalStack } from "../../local/runtime";
import { linkExpiry, signLink } from "../../shared/submission/link-token";
import { fileSize } from "../../shared/web/form-view";
import { minimalPdf } from "../support/attachment-files";
import { browserAvailable, launchChromium } from "../support/chromium";
import { storedSubmissions } from "../support/data";
import { checkPage } from "../support/page-checks";

const PLAN = "long-bien-2025";
/** TTYT's quarterly report: a summary and a report file. */
const QUARTERLY = `${PLAN}:bao-cao-quy-ttyt:2025-Q1:ttyt`;
/** A ward's list of the elderly (due 31/03): a count and a file; one ward per case. */
const elderly = (ward: string) => `${PLAN}:danh-sach-nguoi-cao-tuoi:2025:${ward}`;

/** A real PDF of about 1.2 MB (a long comment line): long enough to watch its upload go. */
const BIG_PDF = Buffer.from(minimalPdf(`Báo cáo quý I/2025 của TTYT ${"x".repeat(1_250_000)}`));
const SMALL_PDF = Buffer.from(minimalPdf("Danh sách người cao tuổi phường"));

describe.runIf(browserAvailable)(
  "the web form's uploads, with and without JavaScript",
  { timeout: 120_000 },
  () => {
    let stack: LocalStack;
    let browser: Browser;
    const contexts: BrowserContext[] = [];
    const problems: string[] = [];

    beforeAll(async () => {
      [stack, browser] = await Promise.all([
        startLocalStack({
          planFile: "plans/long-bien-2025.yaml",
          port: 0,
          startAt: new Date("2025-03-20T09:00:00+07:00"),
          workflows: false,
        }),
        launchChromium(),
      ]);
    });
    afterAll(async () => {
      await browser?.close();
      await stack?.stop();
    });

    const linkFor = (instanceId: string, dueDay = "2025-04-01") =>
      `${stack.baseUrl}/f/${signLink(stack.keyring, {
        instanceId,
        unitId: instanceId.split(":").at(-1) ?? "",
        expiresAt: linkExpiry(`${dueDay}T00:00:00+07:00`, stack.now()),
      })}`;

    /** A page under the form's own CSP; what the browser refused or threw is collected. */
    async function newPage(javaScriptEnabled = true): Promise<{ page: Page; refused: string[] }> {
      const context = await browser.newContext({
        javaScriptEnabled,
        locale: "vi-VN",
        viewport: { width: 390, height: 844 },
      });
      contexts.push(context);
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      const refused: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) refused.push(m.text());
      });
      page.on("pageerror", (e) => refused.push(e.message));
      // Chromium asks for /favicon.ico on its own (none is served); any other failed answer counts.
      page.on("response", (r) => {
        if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) refused.push(`${r.status()} ${r.url()}`);
      });
      return { page, refused };
    }

    const sessions = new WeakMap<Page, CDPSession>();
    /** Upload speed as a slow mobile network gives it (bytes/s), or unlimited (undefined). */
    async function throttle(page: Page, uploadBytesPerSecond?: number) {
      // One session per page: the conditions belong to the session that set them.
      let cdp = sessions.get(page);
      if (!cdp) {
        cdp = await page.context().newCDPSession(page);
        await cdp.send("Network.enable");
        sessions.set(page, cdp);
      }
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: uploadBytesPerSecond ?? -1,
      });
    }

    const axeSource = readFileSync("node_modules/axe-core/axe.min.js", "utf8");
    /** Screenshots at both widths and axe-core, injected through the debugger (the CSP refuses it). */
    async function check(page: Page, name: string) {
      if (!(await page.evaluate("typeof window.axe === 'object'"))) await page.evaluate(axeSource);
      problems.push(...(await checkPage(page, `form-upload-js-${name}`)));
    }

    const statusOf = (page: Page, field: string) =>
      page.locator(`#tai-len-${field} ~ .js-uploads .js-upload`);

    async function readObject(key: string): Promise<Buffer> {
      const s3 = clients(localTarget({ s3: stack.s3Endpoint })).s3;
      const object = await s3.send(new GetObjectCommand({ Bucket: "hanchot-attachments", Key: key }));
      return Buffer.from((await object.Body?.transformToByteArray()) ?? []);
    }

    it("with JavaScript: uploads on choosing with progress while the form is filled, submits once, receipt names the file", async () => {
      const { page, refused } = await newPage();
      const form = linkFor(QUARTERLY, "2025-03-25");
      const response = await page.goto(form);
      const csp = response?.headers()["content-security-policy"] ?? "";
      expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
      expect(csp).toContain(`connect-src 'self' ${stack.s3Endpoint}`);
      expect(await page.locator("script").count()).toBe(1);
      // The script ran: step 1's own button is set aside, the hint says uploads are immediate.
      expect(await page.getByRole("button", { name: "Tải tệp lên" }).isHidden()).toBe(true);
      expect(await page.textContent("#tep-dinh-kem ~ p.hint")).toContain("Chọn tệp là tệp được tải lên ngay");

      // A slow network: the upload takes about 25 s while throttled, time enough to watch it.
      await throttle(page, 50 * 1024);
      await page.setInputFiles("#tai-len-tep-bao-cao", {
        name: "bao-cao-quy-1.pdf",
        mimeType: "application/pdf",
        buffer: BIG_PDF,
      });
      const status = statusOf(page, "tep-bao-cao");
      await expect
        .poll(async () => (await status.textContent()) ?? "", { timeout: 10_000 })
        .toMatch(/^Đang tải lên bao-cao-quy-1\.pdf… ([1-9]\d?) %$/);
      expect(await status.getAttribute("aria-live")).toBe("polite");
      const progress = status.locator("progress");
      expect(Number(await progress.getAttribute("max"))).toBe(100);

      // The report is filled while the file goes.
      const summary = "Quý I: hoàn thành 98% kế hoạch khám sức khỏe người cao tuổi; tiêm chủng đạt 96,5%.";
      await page.fill("#submitter-name", "Nguyễn Thị Hồng Nhung");
      await page.fill("#submitter-phone", "0912 345 678");
      await page.fill("#fields-tom-tat", summary);
      await page.fill("#fields-ty-le-tiem-chung-day-du", "96,5");
      await check(page, "during");
      // Still on its way after both screenshots: they show the upload running.
      const during = (await status.textContent()) ?? "";
      expect(during).toMatch(/^Đang tải lên bao-cao-quy-1\.pdf… \d+ %$/);
      expect(Number(await progress.evaluate((p) => (p as unknown as { value: number }).value))).toBeLessThan(
        100,
      );

      await throttle(page);
      const done = `bao-cao-quy-1.pdf (${fileSize(BIG_PDF.length)})`;
      expect(fileSize(BIG_PDF.length)).toBe("1,2 MB");
      await expect
        .poll(async () => await status.textContent(), { timeout: 20_000 })
        .toContain(`Đã tải lên: ${done}`);
      expect(await status.getAttribute("class")).toContain("success");
      expect(await status.getByRole("button", { name: "Thay tệp bao-cao-quy-1.pdf" }).isVisible()).toBe(true);
      expect(await page.textContent("#fields-tep-bao-cao-hint")).toBe(`Đã tải lên: ${done}.`);
      // The report form carries the key, as after the two-step path; the page never shows it.
      const keys = await page.locator('#nop-bao-cao input[type=hidden][name="fields.tep-bao-cao"]').all();
      expect(keys).toHaveLength(1);
      const key = (await keys[0]?.getAttribute("value")) ?? "";
      expect(key).toMatch(/^uploads\/long-bien-2025\/bao-cao-quy-ttyt\/2025-Q1\/ttyt\/tep-bao-cao\//);
      expect(await page.locator("main").textContent()).not.toContain("uploads/");
      await check(page, "done");

      // One step: the report goes with the file already uploaded.
      await Promise.all([page.waitForURL(form), page.getByRole("button", { name: "Nộp báo cáo" }).click()]);
      expect(await page.textContent("h1")).toBe("Đã nhận báo cáo");
      const shown = (await page.locator("main").textContent()) ?? "";
      expect(shown).toContain(done);
      expect(shown).not.toContain("uploads/");
      expect(shown).not.toContain("accepted/");
      await check(page, "receipt");

      const receipt = (await page.textContent("#so-bien-nhan")) ?? "";
      const stored = await storedSubmissions(stack.data, QUARTERLY);
      expect(stored).toHaveLength(1);
      expect(stored[0]?.receipt).toBe(receipt);
      expect(stored[0]?.fields["tom-tat"]).toBe(summary);
      const [attachment] = stored[0]?.attachments ?? [];
      expect(attachment).toMatchObject({
        field: "tep-bao-cao",
        key,
        size: BIG_PDF.length,
        fileName: "bao-cao-quy-1.pdf",
      });
      // The uploaded object and its pinned copy are the very bytes chosen in the browser.
      expect((await readObject(key)).equals(BIG_PDF)).toBe(true);
      expect((await readObject(attachment?.acceptedKey ?? "")).equals(BIG_PDF)).toBe(true);

      // The form's history names the file and its size, never a key.
      await page.goto(form);
      const history = (await page.locator("section", { hasText: "Các lần đã nộp" }).textContent()) ?? "";
      expect(history).toContain(`${receipt}:`);
      expect(history).toContain(done);
      expect(await page.locator("main").textContent()).not.toMatch(/uploads\/|accepted\//);
      expect(refused).toEqual([]);
    });

    it("with JavaScript: a report sent while its file is still uploading waits for it, then goes by itself", async () => {
      const id = elderly("p-cu-khoi");
      const { page, refused } = await newPage();
      const form = linkFor(id);
      await page.goto(form);
      await page.fill("#submitter-name", "Trần Văn Bình");
      await page.fill("#submitter-phone", "0987 654 321");
      await page.fill("#fields-so-nguoi-cao-tuoi", "1250");
      await throttle(page, 100 * 1024);
      await page.setInputFiles("#tai-len-tep-danh-sach", {
        name: "danh-sach-cu-khoi.pdf",
        mimeType: "application/pdf",
        buffer: BIG_PDF,
      });
      const status = statusOf(page, "tep-danh-sach");
      await expect.poll(async () => (await status.textContent()) ?? "").toMatch(/^Đang tải lên/);
      await page.getByRole("button", { name: "Nộp báo cáo" }).click();
      expect(await page.textContent("#nop-bao-cao .js-wait")).toContain(
        "Đang tải tệp lên: báo cáo sẽ được nộp ngay khi tải xong",
      );
      // Nothing stored before the file is there.
      expect(await storedSubmissions(stack.data, id)).toHaveLength(0);
      await throttle(page);
      await page.waitForURL(form);
      await expect
        .poll(async () => await page.textContent("h1"), { timeout: 20_000 })
        .toBe("Đã nhận báo cáo");
      const stored = await storedSubmissions(stack.data, id);
      expect(stored).toHaveLength(1);
      expect(stored[0]?.attachments).toMatchObject([{ field: "tep-danh-sach", size: BIG_PDF.length }]);
      expect(await page.locator("main").textContent()).toContain(
        `danh-sach-cu-khoi.pdf (${fileSize(BIG_PDF.length)})`,
      );
      expect(refused).toEqual([]);
    });

    it("with JavaScript: “Thay tệp” replaces the file sent, and only the new one goes with the report", async () => {
      const id = elderly("p-long-bien");
      const { page, refused } = await newPage();
      const form = linkFor(id);
      await page.goto(form);
      await page.setInputFiles("#tai-len-tep-danh-sach", {
        name: "ban-nhap.pdf",
        mimeType: "application/pdf",
        buffer: SMALL_PDF,
      });
      const status = statusOf(page, "tep-danh-sach");
      await expect.poll(async () => await status.textContent()).toContain("Đã tải lên: ban-nhap.pdf");
      const keys = page.locator('#nop-bao-cao input[type=hidden][name="fields.tep-danh-sach"]');
      const first = await keys.getAttribute("value");
      const final = Buffer.from(minimalPdf("Danh sách người cao tuổi phường Long Biên, bản cuối"));
      const [chooser] = await Promise.all([
        page.waitForEvent("filechooser"),
        status.getByRole("button", { name: "Thay tệp ban-nhap.pdf" }).click(),
      ]);
      await chooser.setFiles({ name: "ban-cuoi.pdf", mimeType: "application/pdf", buffer: final });
      await expect
        .poll(async () => await status.textContent())
        .toContain(`Đã tải lên: ban-cuoi.pdf (${fileSize(final.length)})`);
      // One row, one key: the new one.
      expect(await status.count()).toBe(1);
      expect(await keys.count()).toBe(1);
      expect(await keys.getAttribute("value")).not.toBe(first);
      expect(await page.textContent("#fields-tep-danh-sach-hint")).toBe(
        `Đã tải lên: ban-cuoi.pdf (${fileSize(final.length)}).`,
      );
      await page.fill("#submitter-name", "Vũ Thị Mai");
      await page.fill("#submitter-phone", "0912 444 555");
      await page.fill("#fields-so-nguoi-cao-tuoi", "1420");
      await Promise.all([page.waitForURL(form), page.getByRole("button", { name: "Nộp báo cáo" }).click()]);
      expect(await page.textContent("h1")).toBe("Đã nhận báo cáo");
      const [stored] = await storedSubmissions(stack.data, id);
      expect(stored?.attachments).toHaveLength(1);
      expect(stored?.attachments?.[0]).toMatchObject({ fileName: "ban-cuoi.pdf", size: final.length });
      expect((await readObject(stored?.attachments?.[0]?.acceptedKey ?? "")).equals(final)).toBe(true);
      expect(refused).toEqual([]);
    });

    it("with JavaScript: a failed upload says why in Vietnamese, and step 1's own button still uploads", async () => {
      const id = elderly("p-bo-de");
      const { page, refused } = await newPage();
      const form = linkFor(id);
      await page.goto(form);
      // Storage unreachable for the script's upload.
      await page.route(`${stack.s3Endpoint}/**`, (route) => route.abort("connectionrefused"));
      await page.setInputFiles("#tai-len-tep-danh-sach", {
        name: "danh-sach-bo-de.pdf",
        mimeType: "application/pdf",
        buffer: SMALL_PDF,
      });
      const status = statusOf(page, "tep-danh-sach");
      await expect
        .poll(async () => await status.textContent())
        .toContain("Không tải lên được “danh-sach-bo-de.pdf”: mất kết nối tới nơi lưu tệp");
      expect(await status.getByRole("button", { name: "Thử lại danh-sach-bo-de.pdf" }).isVisible()).toBe(
        true,
      );
      const classic = page.getByRole("button", { name: "Tải tệp lên" });
      expect(await classic.isVisible()).toBe(true);
      await check(page, "failed");
      // The browser's refusals were the aborted requests, nothing else (no CSP refusal).
      expect(refused.filter((r) => !r.includes("ERR_CONNECTION_REFUSED") && !r.includes("net::"))).toEqual(
        [],
      );

      // Storage back; the classic way, with the file still chosen: storage sends the browser back.
      await page.unroute(`${stack.s3Endpoint}/**`);
      await Promise.all([page.waitForURL(/\/f\/.*tep=|key=/), classic.click()]);
      expect(await page.textContent("#tai-len-tep-danh-sach-da-tai")).toBe(
        `Đã tải lên: Tệp PDF, ${fileSize(SMALL_PDF.length)}`,
      );
      await page.fill("#submitter-name", "Phạm Thị Lan");
      await page.fill("#submitter-phone", "0912 000 111");
      await page.fill("#fields-so-nguoi-cao-tuoi", "980");
      await Promise.all([page.waitForURL(form), page.getByRole("button", { name: "Nộp báo cáo" }).click()]);
      expect(await page.textContent("h1")).toBe("Đã nhận báo cáo");
      expect(await storedSubmissions(stack.data, id)).toMatchObject([
        { attachments: [{ field: "tep-danh-sach", size: SMALL_PDF.length }] },
      ]);
    });

    it("without JavaScript: the two-step flow, unchanged", async () => {
      const id = elderly("p-thach-ban");
      const { page } = await newPage(false);
      const form = linkFor(id);
      await page.goto(form);
      // The script is on the page but does not run: step 1's button is there, no progress is made.
      expect(await page.locator("script").count()).toBe(1);
      const classic = page.getByRole("button", { name: "Tải tệp lên" });
      expect(await classic.isVisible()).toBe(true);
      // The report typed first, the file forgotten: told so, the report kept for the upload.
      await page.fill("#submitter-name", "Đỗ Văn Hùng");
      await page.fill("#submitter-phone", "0903 222 333");
      await page.fill("#fields-so-nguoi-cao-tuoi", "1100");
      await Promise.all([page.waitForURL(form), page.getByRole("button", { name: "Nộp báo cáo" }).click()]);
      expect(await page.getByRole("alert").textContent()).toContain("Cần tải lên");
      await page.setInputFiles("#tai-len-tep-danh-sach", {
        name: "danh-sach-thach-ban.pdf",
        mimeType: "application/pdf",
        buffer: SMALL_PDF,
      });
      expect(await page.locator(".js-uploads").count()).toBe(0);
      await Promise.all([page.waitForURL(/\/f\/.*key=/), classic.click()]);
      expect(await page.textContent("#tai-len-tep-danh-sach-da-tai")).toBe(
        `Đã tải lên: Tệp PDF, ${fileSize(SMALL_PDF.length)}`,
      );
      expect(await page.getAttribute("#tai-len-tep-danh-sach-da-tai", "class")).toBe("success");
      // The report came back through storage's redirect; the submitter's details are typed again.
      expect(await page.inputValue("#fields-so-nguoi-cao-tuoi")).toBe("1100");
      await checkPage(page, "form-upload-nojs-after-upload", []);
      await page.fill("#submitter-name", "Đỗ Văn Hùng");
      await page.fill("#submitter-phone", "0903 222 333");
      await Promise.all([page.waitForURL(form), page.getByRole("button", { name: "Nộp báo cáo" }).click()]);
      expect(await page.textContent("h1")).toBe("Đã nhận báo cáo");
      expect(await page.locator("main").textContent()).toContain(`Tệp PDF, ${fileSize(SMALL_PDF.length)}`);
      const stored = await storedSubmissions(stack.data, id);
      expect(stored).toHaveLength(1);
      const [attachment] = stored[0]?.attachments ?? [];
      expect((await readObject(attachment?.acceptedKey ?? "")).equals(SMALL_PDF)).toBe(true);
    });

    it("no page shown with JavaScript had a serious or critical axe-core violation, nor scrolled sideways", () => {
      expect(problems).toEqual([]);
    });
  },
);
