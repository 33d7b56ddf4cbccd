/**
 * What the browser tests do on every page: a screenshot as a phone (390 px) and a desktop
 * (1280 px) show it, kept under out/screenshots/, and axe-core injected into the page (the
 * context must be opened with bypassCSP: true: the pages' CSP rightly refuses the script).
 */
import { mkdirSync, readFileSync } from "node:fs";
import type { Page } from "playwright-core";

export const SCREENSHOTS = "out/screenshots";
export const WIDTHS = [390, 1280] as const;
const HEIGHT = 844;

/** The rules the issue asks for: WCAG 2.0 A and AA, 2.1 AA, and axe's best practices. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"];

let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** axe-core's violations on the page as it is, each "impact id: help (targets)". */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync("node_modules/axe-core/axe.min.js", "utf8");
  if (!(await page.evaluate("typeof window.axe === 'object'")))
    await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate<{ violations: AxeViolation[] }>(
    `axe.run(document, { runOnly: { type: "tag", values: ${JSON.stringify(AXE_TAGS)} }, resultTypes: ["violations"] })`,
  );
  return result.violations;
}

/** The serious and critical violations in words (an empty list when there are none). */
export async function seriousViolations(page: Page): Promise<string[]> {
  return (await axeViolations(page))
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes
          .slice(0, 4)
          .map((n) => n.target.join(" "))
          .join(", ")})`,
    );
}

/** The heatmap's table is wider than any screen: it alone may scroll sideways on a desktop. */
export const WIDE_TABLES = ["Bảng theo dõi đơn vị và hạn nộp, cuộn ngang để xem thêm"];

/**
 * A page checked as the issue asks: screenshots at both widths; axe at the widths asked (both by
 * default: a layout rule can fail on a phone only); and nothing scrolling sideways that should not
 * (the page never; on a desktop, no table but the heatmap). Returns the problems found, in words.
 */
export async function checkPage(
  page: Page,
  name: string,
  axeAt: readonly number[] = WIDTHS,
): Promise<string[]> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const found: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHT });
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${width}.png`, fullPage: true });
    if (axeAt.includes(width))
      for (const v of await seriousViolations(page)) found.push(`${name} @${width}px: axe ${v}`);
    const overflow = await sidewaysOverflow(page, width === WIDTHS[0] ? undefined : WIDE_TABLES);
    const relevant = width === WIDTHS[0] ? overflow.filter((o) => o.startsWith("the page")) : overflow;
    for (const o of relevant) found.push(`${name} @${width}px: scrolls sideways, ${o}`);
  }
  await page.setViewportSize({ width: WIDTHS[0], height: HEIGHT });
  return found;
}

/**
 * What scrolls sideways at the page's current width: the page itself (never wanted), and each
 * table region (.scroll) but those named in `allowed` (the heatmap's, wider than any screen).
 */
export async function sidewaysOverflow(page: Page, allowed: readonly string[] = []): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const out = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) out.push("the page: " + doc.scrollWidth + " px in " + doc.clientWidth);
    for (const region of document.querySelectorAll(".scroll")) {
      const name = region.getAttribute("aria-label") ?? "";
      if (${JSON.stringify(allowed)}.includes(name)) continue;
      if (region.scrollWidth > region.clientWidth + 1)
        out.push("“" + name + "”: " + region.scrollWidth + " px in " + region.clientWidth);
    }
    return out;
  })()`);
}
