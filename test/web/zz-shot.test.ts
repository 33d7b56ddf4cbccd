import { writeFileSync } from "node:fs";
import { it } from "vitest";
import { overviewPage } from "../../shared/web/console/overview";
import { launchChromium } from "../support/chromium";
import { consoleFixtures, context } from "./console-fixtures";
it("shot", async () => {
  const f = consoleFixtures();
  const gia = f.overview.lateNow.find((l) => l.unitId === "p-gia-thuy")!;
  const extra = f.overview.report.rows.slice(0, 3).map((r, i) => ({ ...gia, instanceId: `x${i}`, obligationId: r.obligationId, period: r.period, periodText: r.periodText, title: r.title, daysLate: 20 + i }));
  const page = overviewPage({ ...f.overview, lateNow: [...f.overview.lateNow, ...extra] }, context(true));
  writeFileSync("/tmp/latelist/overview.html", page);
  const b = await launchChromium();
  const p = await b.newPage();
  for (const w of [390, 1280]) {
    await p.setViewportSize({ width: w, height: 844 });
    await p.setContent(page);
    const el = p.locator("section[aria-labelledby=dang-cham]");
    await el.screenshot({ path: `/tmp/latelist/late-${w}.png` });
    await p.screenshot({ path: `/tmp/latelist/top-${w}.png`, clip: { x: 0, y: (await el.boundingBox())!.y, width: w, height: 700 } });
    console.log(w, await p.evaluate("document.documentElement.scrollWidth"));
    await p.locator("details summary").first().click();
    await p.screenshot({ path: `/tmp/latelist/top-open-${w}.png`, clip: { x: 0, y: (await el.boundingBox())!.y, width: w, height: 700 } });
  }
  await b.close();
}, 60000);
