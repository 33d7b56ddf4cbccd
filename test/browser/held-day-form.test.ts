/**
 * The web form of the plan format's new forms in a real browser (Debian's Chromium) as a phone
 * shows it: an activity held on a fixed day ("nhân kỷ niệm ngày Dân số thế giới 11/7"), confirmed
 * after the day, and a quarterly report whose figures stop on the 14th. Each page is kept under
 * out/screenshots/ (390 and 1280 px), checked by axe-core and for sideways scrolling.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStack, startLocalStack } from "../../local/runtime";
import { signLink } from "../../shared/submission/link-token";
import { browserAvailable, launchChromium } from "../support/chromium";
import { storedSubmissions } from "../support/data";
import { checkPage } from "../support/page-checks";

const HELD = "thu-nghiem-cum-tu:ngay-dan-so-the-gioi:2026:ubnd";
const QUARTER = "thu-nghiem-cum-tu:bao-cao-quy:2026-Q3:tyt";

describe.runIf(browserAvailable)("the form of a day held and of a quarter's data window in Chromium", () => {
  let stack: LocalStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    // Monday 13/07/2026, two days after the day held; its confirmation is due by Wednesday 15/07.
    [stack, browser] = await Promise.all([
      startLocalStack({
        planFile: "test/fixtures/real-phrases.yaml",
        port: 0,
        startAt: new Date("2026-07-13T09:00:00+07:00"),
      }),
      launchChromium(),
    ]);
    // bypassCSP lets axe-core in; the pages need no JavaScript (none of these has a file field).
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: "vi-VN",
      bypassCSP: true,
    });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const linkFor = (instanceId: string) =>
    `${stack.baseUrl}/f/${signLink(stack.keyring, {
      instanceId,
      unitId: instanceId.split(":").at(-1) ?? "",
      expiresAt: Date.parse("2027-01-01T00:00:00Z") / 1000,
    })}`;
  const fact = async (term: string) =>
    page.evaluate<string | undefined>(
      `[...document.querySelectorAll("dt")].find((d) => d.textContent === ${JSON.stringify(term)})?.nextElementSibling?.textContent`,
    );

  it("asks to confirm the activity that took place, then shows the confirmation's receipt", async () => {
    await page.goto(linkFor(HELD));
    expect(await page.title()).toBe("Xác nhận: Truyền thông nhân kỷ niệm ngày Dân số thế giới");
    expect(await fact("Ngày diễn ra")).toBe("thứ Bảy 11/07/2026");
    expect(await fact("Xác nhận trước")).toBe("23:59 thứ Tư 15/07/2026");
    expect(await fact("Hạn chót")).toBeUndefined();
    expect(await page.textContent("#dien-ra")).toBe(
      "Hoạt động này đã diễn ra thứ Bảy 11/07/2026. Đề nghị đơn vị xác nhận kết quả thực hiện qua biểu mẫu dưới đây.",
    );
    expect(await checkPage(page, "held-day-form")).toEqual([]);

    await page.fill("#submitter-name", "Nguyễn Văn An");
    await page.fill("#submitter-phone", "0912 345 678");
    await page.fill("#fields-ghi-chu", "Đã treo 20 băng rôn, phát 500 tờ rơi tại các tổ dân phố.");
    await Promise.all([
      page.waitForLoadState("load"),
      page.getByRole("button", { name: "Gửi xác nhận" }).click(),
    ]);
    expect(await page.textContent("h1")).toBe("Đã nhận xác nhận");
    expect(await fact("Ngày diễn ra")).toBe("thứ Bảy 11/07/2026");
    expect(await fact("Tình trạng")).toBe("đã xác nhận đúng hạn");
    expect(await checkPage(page, "held-day-receipt")).toEqual([]);
    expect(await storedSubmissions(stack.data, HELD)).toHaveLength(1);
  });

  it("says which figures a quarterly report covers", async () => {
    await page.goto(linkFor(QUARTER));
    expect(await fact("Kỳ")).toBe("quý III/2026");
    expect(await fact("Số liệu")).toBe("từ 15/06/2026 đến 14/09/2026");
    expect(await fact("Hạn chót")).toBe("23:59 thứ Hai 14/09/2026");
    expect(await checkPage(page, "quarter-covers-form")).toEqual([]);
  });
});
