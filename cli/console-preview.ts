/**
 * Writes every console page, rendered from the test fixtures (a Long Biên-like year), to
 * out/console-preview/*.html, to open in a browser without the local stack. With --shots, also
 * screenshots each at 390 and 1280 px (Debian's Chromium) into out/screenshots/console-preview/;
 * with --axe, runs axe-core on each and prints its serious and critical violations.
 *
 *   npx tsx cli/console-preview.ts [--shots] [--axe]
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { auditPage } from "../shared/web/console/audit";
import { deadlinePage } from "../shared/web/console/deadline";
import { draftObligationPage, draftPage, draftsPage, draftUnitsPage } from "../shared/web/console/drafts";
import { heatmapPage } from "../shared/web/console/heatmap";
import { overviewPage } from "../shared/web/console/overview";
import { rankingPage } from "../shared/web/console/ranking";
import { consoleErrorPage, signInPage } from "../shared/web/console/sign-in";
import { submissionPage } from "../shared/web/console/submission";
import { targetsPage } from "../shared/web/console/targets";
import { unitPage } from "../shared/web/console/unit";
import { draftFixtures } from "../test/web/console/draft-fixtures";
import { consoleFixtures, context } from "../test/web/console-fixtures";

const OUT = "out/console-preview";
const SHOTS = "out/screenshots/console-preview";

export function previewPages(): Record<string, string> {
  const f = consoleFixtures();
  const d = draftFixtures();
  const office = context(true);
  const extended = context(true, {
    notice: { kind: "ok", text: "Đã gia hạn đến 23:59 thứ Sáu 09/05/2025 cho UBND phường Phúc Lợi." },
  });
  const committee = context(false);
  const viewer = context(false, {
    session: {
      email: "theodoi@soyte.hanoi.example.org",
      name: "Lê Quang Huy",
      role: "viewer",
      csrfToken: "csrf-viewer",
    },
  });
  return {
    "sign-in": signInPage({ next: "/console/plans/long-bien-2025" }),
    "sign-in-error": signInPage({
      error: "Email hoặc mật khẩu không đúng.",
      email: "chuyenvien.pyt@longbien.example.org",
    }),
    overview: overviewPage(f.overview, office),
    heatmap: heatmapPage(f.heatmap, committee),
    deadline: deadlinePage(f.deadline, extended),
    "deadline-committee": deadlinePage(f.deadline, committee),
    submission: submissionPage(f.submission, office),
    unit: unitPage(f.unit, office),
    targets: targetsPage(f.targets, committee),
    audit: auditPage(f.audit, office),
    ranking: rankingPage(f.ranking, viewer),
    drafts: draftsPage(d.drafts, office),
    draft: draftPage(d.draft, office),
    "draft-ready": draftPage(d.ready, office),
    "draft-row": draftObligationPage(d.draft, d.unread, office),
    "draft-row-error": draftObligationPage(d.draft, d.unread, office, d.problem),
    "draft-units": draftUnitsPage(d.draft, office),
    "not-found": consoleErrorPage(
      {
        status: 404,
        title: "Không tìm thấy trang",
        message: "Trang này không có hoặc bạn không có quyền xem.",
      },
      committee,
    ),
  };
}

async function main() {
  const args = new Set(process.argv.slice(2));
  mkdirSync(OUT, { recursive: true });
  const pages = previewPages();
  for (const [name, markup] of Object.entries(pages)) writeFileSync(join(OUT, `${name}.html`), markup);
  console.log(`${Object.keys(pages).length} trang trong ${OUT}/`);
  if (!args.has("--shots") && !args.has("--axe")) return;

  const { launchChromium } = await import("../test/support/chromium");
  const browser = await launchChromium();
  const axeSource = readFileSync("node_modules/axe-core/axe.min.js", "utf8");
  let serious = 0;
  try {
    mkdirSync(SHOTS, { recursive: true });
    const page = await browser.newPage({ locale: "vi-VN" });
    for (const name of Object.keys(pages)) {
      const url = `file://${resolve(OUT, `${name}.html`)}`;
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(url);
        if (args.has("--shots"))
          await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
        if (args.has("--axe")) {
          await page.addScriptTag({ content: axeSource });
          const result = await page.evaluate<{
            violations: Array<{
              id: string;
              impact: string;
              help: string;
              nodes: Array<{ target: string[] }>;
            }>;
          }>("axe.run(document, { resultTypes: ['violations'] })");
          for (const v of result.violations) {
            const bad = v.impact === "serious" || v.impact === "critical";
            if (bad) serious += 1;
            console.log(
              `${bad ? "✗" : "·"} ${name} @${width}: ${v.impact} ${v.id} — ${v.help} (${v.nodes
                .slice(0, 3)
                .map((n) => n.target.join(" "))
                .join(", ")})`,
            );
          }
        }
      }
    }
  } finally {
    await browser.close();
  }
  if (args.has("--shots")) console.log(`Ảnh chụp trong ${SHOTS}/`);
  if (args.has("--axe")) {
    console.log(`axe-core: ${serious} vi phạm nghiêm trọng`);
    if (serious > 0) process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
