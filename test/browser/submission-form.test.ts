/**
 * A unit's clerk in a real browser (Debian's Chromium): opens the personal link printed by the
 * local stack, uploads the report file the two-step way (JavaScript off), fills the form in
 * Vietnamese, submits, sees the receipt;
 * and sees every error next to its field when the input is wrong.
 */
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStack, startLocalStack } from "../../local/runtime";
import { linkExpiry, signLink } from "../../shared/submission/link-token";
import { fileSize } from "../../shared/web/form-view";
import { minimalPdf } from "../support/attachment-files";
import { browserAvailable, launchChromium } from "../support/chromium";
import { storedSubmissions } from "../support/data";

const QUARTERLY = "long-bien-2025:bao-cao-quy-ttyt:2025-Q1:ttyt";

describe.runIf(browserAvailable)("the web form in Chromium", () => {
  let stack: LocalStack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // The virtual clock puts us on 20/03/2025, four days before the Q1 cut-off.
    [stack, browser] = await Promise.all([
      startLocalStack({
        planFile: "plans/long-bien-2025.yaml",
        port: 0,
        startAt: new Date("2025-03-20T09:00:00+07:00"),
      }),
      launchChromium(),
    ]);
    // Without JavaScript: the two-step upload (the form's script is tested in form-upload-js.test.ts).
    page = await browser.newPage({
      viewport: { width: 390, height: 844 },
      locale: "vi-VN",
      javaScriptEnabled: false,
    });
    mkdirSync("out/screenshots", { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** The page as a phone (390 px) and a desktop (1280 px) show it, in out/screenshots/<name>-<width>.png. */
  async function shoot(name: string) {
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 844 });
      await page.screenshot({ path: `out/screenshots/${name}-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 390, height: 844 });
  }
  const style = (selector: string, property: string) =>
    page.evaluate<string>(
      `getComputedStyle(document.querySelector(${JSON.stringify(selector)})).${property}`,
    );
  const focusedId = () =>
    page.evaluate<string>('document.activeElement?.getAttribute("aria-labelledby") ?? ""');

  const linkFor = (instanceId: string) =>
    `${stack.baseUrl}/f/${signLink(stack.keyring, {
      instanceId,
      unitId: instanceId.split(":").at(-1) ?? "",
      expiresAt: linkExpiry("2025-03-25T00:00:00+07:00", stack.now()),
    })}`;

  it("keeps what was typed through an upload, names the file, submits and shows the receipt, stored on time", async () => {
    await page.goto(linkFor(QUARTERLY));
    expect(await page.textContent(".deadline")).toBe("23:59 thứ Hai 24/03/2025");
    expect(await page.textContent(".status")).toBe("chưa nộp");

    // The clerk fills the report first and forgets the file: told to upload it, the input kept.
    const summary = "Quý I: hoàn thành 98% kế hoạch khám sức khỏe người cao tuổi; tiêm chủng đạt 96,5%.";
    await page.fill("#submitter-name", "Nguyễn Thị Hồng Nhung");
    await page.fill("#submitter-phone", "0912 345 678");
    await page.fill("#fields-tom-tat", summary);
    await page.fill("#fields-ty-le-tiem-chung-day-du", "96,5");
    await Promise.all([page.waitForLoadState("load"), page.click("button[type=submit] >> text=Nộp báo cáo")]);
    expect(await page.getByRole("alert").textContent()).toContain(
      "Cần tải lên “Tệp báo cáo (PDF, Word, Excel)”",
    );
    expect(await page.getAttribute("#tai-len-tep-bao-cao", "aria-invalid")).toBe("true");

    const pdf = Buffer.from(minimalPdf("Báo cáo quý I/2025 của TTYT"));
    await page.setInputFiles("#tai-len-tep-bao-cao", {
      name: "bao-cao-quy-1.pdf",
      mimeType: "application/pdf",
      buffer: pdf,
    });
    await Promise.all([
      page.waitForURL(/\/f\/.*key=/),
      page.getByRole("button", { name: "Tải tệp lên" }).click(),
    ]);
    const uploaded = (await page.textContent("#tai-len-tep-bao-cao-da-tai")) ?? "";
    expect(uploaded).toBe(`Đã tải lên: Tệp PDF, ${fileSize(pdf.length)}`);
    expect(uploaded).not.toContain("uploads/");
    expect(await page.getAttribute("#tai-len-tep-bao-cao-da-tai", "class")).toBe("success");
    // Back from storage with the report's fields typed before the upload; the submitter's name and
    // phone are personal data and never ride in the address, so they are typed again.
    expect(await page.inputValue("#submitter-name")).toBe("");
    expect(page.url()).not.toContain("submitter");
    expect(await page.inputValue("#fields-tom-tat")).toBe(summary);
    expect(await page.inputValue("#fields-ty-le-tiem-chung-day-du")).toBe("96,5");
    await shoot("after-upload");
    await page.fill("#submitter-name", "Nguyễn Thị Hồng Nhung");
    await page.fill("#submitter-phone", "0912 345 678");

    await Promise.all([page.waitForLoadState("load"), page.click("button[type=submit] >> text=Nộp báo cáo")]);
    await shoot("receipt");

    expect(await page.textContent("h1")).toBe("Đã nhận báo cáo");
    const shown = (await page.textContent("body")) ?? "";
    expect(shown).toContain(`Tệp PDF, ${fileSize(pdf.length)}`);
    expect(shown).not.toContain("uploads/");
    expect(shown).toContain("—");
    const receipt = (await page.textContent("#so-bien-nhan")) ?? "";
    expect(receipt).toMatch(/^HC-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(await page.textContent("body")).toContain("đúng hạn");

    const [stored] = await storedSubmissions(stack.data, QUARTERLY);
    expect(stored).toMatchObject({
      receipt,
      late: false,
      submitter: { name: "Nguyễn Thị Hồng Nhung", phone: "+84912345678" },
    });
    expect(stored?.fields["ty-le-tiem-chung-day-du"]).toBe(96.5);
    expect(stored?.attachments).toHaveLength(1);
  });

  it("shows the errors for bad input next to each field, announced, with the input kept", async () => {
    const id = "long-bien-2025:bao-cao-quy-bhxh:2025-Q1:bhxh";
    await page.goto(linkFor(id));
    await page.fill("#submitter-name", "Lê <i>Văn</i> Tám");
    await page.fill("#submitter-phone", "+1 415 555 0100");
    await page.fill("#fields-ty-le-bao-phu", "120");
    await Promise.all([page.waitForLoadState("load"), page.click("button[type=submit] >> text=Nộp báo cáo")]);
    // Focus is on the error summary, without JavaScript.
    expect(await focusedId()).toBe("loi");
    await shoot("errors");

    const alert = page.getByRole("alert");
    expect(await alert.textContent()).toContain("lỗi cần sửa");
    expect(await page.getAttribute("#submitter-phone", "aria-invalid")).toBe("true");
    // Marked in red, border and message, not only for screen readers.
    const red = "rgb(198, 40, 40)";
    expect(await style("#submitter-phone", "borderTopColor")).toBe(red);
    expect(await style("#submitter-name", "borderTopColor")).not.toBe(red);
    expect(await style("#submitter-phone-error", "color")).toBe(red);
    expect(await page.textContent("#submitter-phone-error")).toContain("Số điện thoại Việt Nam không hợp lệ");
    expect(await page.inputValue("#submitter-name")).toBe("Lê <i>Văn</i> Tám");
    expect(await page.inputValue("#fields-ty-le-bao-phu")).toBe("120");
    expect(await storedSubmissions(stack.data, id)).toHaveLength(0);
  });
});
