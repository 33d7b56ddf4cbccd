/**
 * plan:import on real PDF files: each seed text printed by Debian's Chromium to an A4 PDF (body
 * lines as paragraphs, tab-separated lines as a bordered table, the seeds' bold runs as bold),
 * then read by the CLI's own path (extractDocument on the file). The PDF's draft must read the
 * same obligations, units and targets as the text's, and meet the issue's goals against the
 * hand-encoded plan (dated-obligation recall ≥ 0.95, precision ≥ 0.9).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { measureImport, SEED_PLANS } from "../../bench/import-measure";
import { extractDocument, fromText } from "../../shared/plan/intake/document";
import { readPlan } from "../../shared/plan/intake/read";
import { PlanFile } from "../../shared/plan/schema";
import { browserAvailable, launchChromium } from "../support/chromium";
import { seedHtml } from "../support/seed-documents";

const seeds = resolve(import.meta.dirname, "../../../shared/seeds");
const opts = { source: "seed", importedAt: "2026-01-01T00:00:00.000Z" };

/** What a draft reads, without ids and line numbers (a PDF's visual lines are not the text's lines). */
function reading(plan: PlanFile) {
  const name = new Map(plan.units.map((u) => [u.id, u.name]));
  const names = (ids: readonly string[] | undefined) => (ids ?? []).map((id) => name.get(id) ?? id);
  return {
    issuer: name.get(plan.issuer.unit),
    number: plan.number,
    issuedOn: plan.issuedOn,
    units: plan.units.map((u) => `${u.name} (${u.kind})`).sort(),
    obligations: plan.obligations
      .map((o) =>
        JSON.stringify({
          title: o.title,
          timing: o.timing,
          lead: names(o.lead),
          coordinating: names(o.coordinating),
          schedule: o.schedule,
        }),
      )
      .sort(),
    targets: plan.targets.map((t) => t.asWritten).sort(),
  };
}

describe.runIf(browserAvailable)("plan:import of a PDF printed by Chromium", () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launchChromium();
    dir = mkdtempSync(join(tmpdir(), "hanchot-plan-pdf-"));
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function printPdf(seed: string): Promise<string> {
    const text = await readFile(resolve(seeds, seed), "utf8");
    const page = await browser.newPage();
    await page.setContent(seedHtml(text));
    const file = join(dir, seed.replace(/\.txt$/, ".pdf"));
    writeFileSync(
      file,
      await page.pdf({ format: "A4", margin: { top: "2cm", bottom: "2cm", left: "3cm", right: "2cm" } }),
    );
    await page.close();
    return file;
  }

  it.each(SEED_PLANS)(
    "%s: the PDF reads as the text does, and meets the recall and precision goals",
    { timeout: 60_000 },
    async (seed, planFile) => {
      const text = await readFile(resolve(seeds, seed), "utf8");
      const pdf = await printPdf(seed);
      const pages: number[] = [];
      const { blocks, size } = await extractDocument(pdf, (done) => pages.push(done));
      expect(size).toBeGreaterThan(1);
      expect(pages).toEqual(Array.from({ length: size }, (_, i) => i + 1));
      // A seed with tab-separated lines has a table: the PDF's is rebuilt as a table, not flattened.
      const tables = blocks.filter((b) => b.kind === "table");
      expect(tables.length > 0).toBe(text.includes("\t"));
      for (const t of tables) expect(new Set(t.rows.map((r) => r.length)).size).toBe(1);

      const fromPdf = PlanFile.parse(readPlan(blocks, opts));
      const fromTxt = PlanFile.parse(readPlan(fromText(text), opts));
      const pdfReading = reading(fromPdf);
      const txtReading = reading(fromTxt);
      expect(pdfReading.units).toEqual(txtReading.units);
      expect(pdfReading.targets).toEqual(txtReading.targets);
      expect(pdfReading.obligations).toEqual(txtReading.obligations);
      expect(pdfReading).toEqual(txtReading);

      const m = await measureImport(pdf, planFile);
      const t = await measureImport(resolve(seeds, seed), planFile);
      console.info(
        `${seed} (PDF, ${size} trang): recall ${m.obligationRecall}, precision ${m.obligationPrecision}, ` +
          `đơn vị ${m.unitRecall}, chỉ tiêu ${m.targetRecall} (văn bản: ${t.unitRecall}, ${t.targetRecall})`,
      );
      expect(m.obligationRecall).toBeGreaterThanOrEqual(0.95);
      expect(m.obligationPrecision).toBeGreaterThanOrEqual(0.9);
      expect(m.unitRecall).toBeGreaterThanOrEqual(t.unitRecall ?? 0);
      expect(m.targetRecall).toBeGreaterThanOrEqual(t.targetRecall ?? 0);
    },
  );
});
