/**
 * A unit's clerk in a real browser (Debian's Chromium): opens the personal link printed by the
 * local stack, uploads the report file, fills the form in Vietnamese, submits, sees the receipt;
 * and sees every error next to its field when the input is wrong.
 */
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStack, startLocalStack } from "../../local/runtime";
import { linkExpiry, signLink } from "../../shared/submission/link-token";
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
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "vi-VN" });
    mkdirSync("out/screenshots", { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const linkFor = (instanceId: string) =>
    `${stack.baseUrl}/f/${signLink(stack.keyring, {
      instanceId,
      unitId: instanceId.split(":").at(-1) ?? "",
      expiresAt: linkExpiry("2025-03-25T00:00:00+07:00", stack.now()),
    })}`;

  it("uploads the report, submits in Vietnamese and shows the receipt, stored on time", async () => {
    await page.goto(linkFor(QUARTERLY));
    expect(await page.textContent(".deadline")).toBe("23:59 thứ Hai 24/03/2025");
    expect(await page.textContent(".status")).toBe("chưa nộp");

    await page.setInputFiles("#tai-len-tep-bao-cao", {
      name: "bao-cao-quy-1.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from(minimalPdf("Báo cáo quý I/2025 của TTYT")),
    });
    await Promise.all([page.waitForURL(/\/f\/.*key=/), page.click("text=Tải tệp lên")]);
    expect(await page.textContent("#tai-len-tep-bao-cao-da-tai")).toBe("Đã tải 1 tệp.");

    await page.fill("#submitter-name", "Nguyễn Thị Hồng Nhung");
    await page.fill("#submitter-phone", "0912 345 678");
    await page.fill(
      "#fields-tom-tat",
      "Quý I: hoàn thành 98% kế hoạch khám sức khỏe người cao tuổi; tiêm chủng đạt 96,5%.",
    );
    await page.fill("#fields-ty-le-tiem-chung-day-du", "96,5");
    await Promise.all([page.waitForLoadState("load"), page.click("button[type=submit] >> text=Nộp báo cáo")]);
    await page.screenshot({ path: "out/screenshots/receipt.png", fullPage: true });

    expect(await page.textContent("h1")).toBe("Đã nhận báo cáo");
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
    await page.screenshot({ path: "out/screenshots/errors.png", fullPage: true });

    const alert = page.getByRole("alert");
    expect(await alert.textContent()).toContain("lỗi cần sửa");
    expect(await page.getAttribute("#submitter-phone", "aria-invalid")).toBe("true");
    expect(await page.textContent("#submitter-phone-error")).toContain("Số điện thoại Việt Nam không hợp lệ");
    expect(await page.inputValue("#submitter-name")).toBe("Lê <i>Văn</i> Tám");
    expect(await page.inputValue("#fields-ty-le-bao-phu")).toBe("120");
    expect(await storedSubmissions(stack.data, id)).toHaveLength(0);
  });
});
