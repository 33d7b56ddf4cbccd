/**
 * The plan-intake pages in a real browser (Debian's Chromium), rendered from the fixture view
 * models and served by a tiny server with the console's own CSP (widened for the row page exactly
 * as the handler does: `DRAFT_PREVIEW_SCRIPTS`). Each page: screenshots at 390 and 1280 px
 * (out/screenshots/console-drafts-<page>-<width>.png), axe-core with no serious or critical
 * violation, nothing scrolling sideways. Then, with the CSP enforced: the live preview runs (its
 * hash is allowed), waits for typing to pause, and draws the dates or the problem; the "only rows
 * to review" link hides the others without a script; the error summary has the focus.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { htmlResponse } from "../../functions/commons/http";
import type { TimingPreview } from "../../shared/console/model";
import {
  DRAFT_PREVIEW_SCRIPTS,
  draftObligationPage,
  draftPage,
  draftsPage,
  draftUnitsPage,
} from "../../shared/web/console/drafts";
import { consoleUrls } from "../../shared/web/console/urls";
import { browserAvailable, launchChromium } from "../support/chromium";
import { checkPage } from "../support/page-checks";
import { DRAFT_ID, draftFixtures } from "../web/console/draft-fixtures";
import { context } from "../web/console-fixtures";

const f = draftFixtures();
const urls = consoleUrls();
const office = context(true);
const ROW = urls.draftObligation(DRAFT_ID, f.unread.obligationId);
const CSP = htmlResponse(200, "").headers?.["content-security-policy"] as string;
const PREVIEW_CSP = htmlResponse(200, "", [], DRAFT_PREVIEW_SCRIPTS).headers?.[
  "content-security-policy"
] as string;

/** Path → page; the variants (a publishable draft, a refused correction) under /preview/. */
const PAGES: Record<string, { html: string; csp: string }> = {
  [urls.drafts()]: { html: draftsPage(f.drafts, office), csp: CSP },
  [urls.draft(DRAFT_ID)]: { html: draftPage(f.draft, office), csp: CSP },
  "/preview/draft-ready": { html: draftPage(f.ready, office), csp: CSP },
  [ROW]: { html: draftObligationPage(f.draft, f.unread, office), csp: PREVIEW_CSP },
  "/preview/draft-row-error": {
    html: draftObligationPage(f.draft, f.unread, office, f.problem),
    csp: PREVIEW_CSP,
  },
  [urls.draftUnits(DRAFT_ID)]: { html: draftUnitsPage(f.draft, office), csp: CSP },
};
const NAMES: Record<string, string> = {
  [urls.drafts()]: "list",
  [urls.draft(DRAFT_ID)]: "review",
  "/preview/draft-ready": "review-ready",
  [ROW]: "row",
  "/preview/draft-row-error": "row-error",
  [urls.draftUnits(DRAFT_ID)]: "units",
};

/** The preview JSON: a quarterly phrase gives the fixture's four dates; anything else, a problem. */
function preview(timing: string): TimingPreview {
  if (/quý/i.test(timing)) return { ...f.preview, timing };
  return { timing, dates: [], problem: `Chưa đọc được thời hạn này: “${timing}”.` };
}

describe.runIf(browserAvailable)("the plan-intake pages in Chromium", { timeout: 120_000 }, () => {
  let server: Server;
  let browser: Browser;
  let base = "";
  const previewAsked: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (url.pathname === new URL(urls.draftPreview(DRAFT_ID, ""), "http://localhost").pathname) {
        const timing = url.searchParams.get("timing") ?? "";
        previewAsked.push(timing);
        res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify(preview(timing)));
        return;
      }
      const page = PAGES[url.pathname];
      if (!page) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": page.csp });
      res.end(page.html);
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((ok) => server?.close(ok));
  });

  async function open(options: { bypassCSP: boolean }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      ...options,
      locale: "vi-VN",
      viewport: { width: 390, height: 844 },
    });
    context.setDefaultTimeout(10_000);
    return { context, page: await context.newPage() };
  }

  it("shows every page at 390 and 1280 px with no serious axe violation and nothing scrolling sideways", async () => {
    // axe-core is a script the pages' CSP rightly refuses: this context bypasses the CSP.
    const { context, page } = await open({ bypassCSP: true });
    const problems: string[] = [];
    for (const path of Object.keys(PAGES)) {
      await page.goto(base + path);
      problems.push(...(await checkPage(page, `console-drafts-${NAMES[path]}`)));
    }
    await context.close();
    expect(problems).toEqual([]);
  });

  it("redraws the row's dates while the timing is typed, under the console's CSP, once typing pauses", async () => {
    const { context, page } = await open({ bypassCSP: false });
    const refused: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    await page.goto(base + ROW);
    previewAsked.length = 0;
    const phrase = "Trước ngày 25 của tháng cuối quý";
    await page.fill("#thoi-gian", "");
    await page.type("#thoi-gian", phrase, { delay: 20 });
    const region = page.locator("#xem-truoc");
    await expect.poll(() => region.textContent()).toContain(f.preview.ruleWords);
    const items = await region.locator("li").allTextContents();
    expect(items).toEqual(f.preview.dates.map((d) => `${d.periodText}: ${d.dueText}`));
    // A key every 20 ms: asked once typing paused (a busy machine may pause once or twice more).
    expect(previewAsked.at(-1)).toBe(phrase);
    expect(previewAsked.length).toBeLessThanOrEqual(3);

    await page.fill("#thoi-gian", "Theo KH của trường");
    await expect.poll(() => region.textContent()).toContain("Chưa đọc được thời hạn này");
    expect(await region.locator(".error").count()).toBe(1);
    expect(refused).toEqual([]);
    await page.screenshot({ path: "out/screenshots/console-drafts-row-preview-390.png", fullPage: true });
    await context.close();
  });

  it("shows only the rows to review from its link, without a script, and all of them again", async () => {
    const { context, page } = await open({ bypassCSP: false });
    await page.goto(base + urls.draft(DRAFT_ID));
    const visible = () => page.locator("table.rows tbody tr:visible").count();
    const need = await page.locator("table.rows tbody tr.need").count();
    expect(await visible()).toBe(f.draft.rows.length);
    await page.getByRole("link", { name: /Chỉ hiện nhiệm vụ cần rà soát/ }).click();
    await expect.poll(visible).toBe(need);
    await page.screenshot({ path: "out/screenshots/console-drafts-review-only-390.png", fullPage: true });
    await page.getByRole("link", { name: /Hiện tất cả/ }).click();
    await expect.poll(visible).toBe(f.draft.rows.length);
    await context.close();
  });

  it("refuses to publish while there is a problem, and focuses the error summary of a refused correction", async () => {
    const { context, page } = await open({ bypassCSP: false });
    await page.goto(base + urls.draft(DRAFT_ID));
    expect(await page.getByRole("button", { name: "Công bố kế hoạch" }).isDisabled()).toBe(true);
    await page.goto(`${base}/preview/draft-ready`);
    expect(await page.getByRole("button", { name: "Công bố kế hoạch" }).isDisabled()).toBe(false);
    await page.goto(`${base}/preview/draft-row-error`);
    expect(await page.evaluate<string | null>('document.activeElement?.getAttribute("role") ?? null')).toBe(
      "alert",
    );
    await context.close();
  });
});
