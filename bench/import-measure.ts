/**
 * The measure of `npm run -s bench:import`, shared with test/import/seeds.test.ts: import a plan
 * document and compare it with its hand-encoded plan file.
 *
 * Units are matched by name (shared/plan/compare.ts, the matching the console's draft comparison
 * uses too); dated obligations are compared as sets of (lead unit, last on-time day) pairs from the
 * expanded calendars over every year the hand-encoded plan runs. Targets match on the same figure
 * as written.
 */
import { performance } from "node:perf_hooks";
import { planYears } from "../shared/calendar/expand";
import { datedPairs, matchUnits } from "../shared/plan/compare";
import { extractDocument } from "../shared/plan/intake/document";
import { readPlan } from "../shared/plan/intake/read";
import { loadPlan } from "../shared/plan/load";
import { PlanFile } from "../shared/plan/schema";

/** Seed document (in ../shared/seeds beside the clone) → its hand-encoded plan. */
export const SEED_PLANS: Array<[string, string]> = [
  ["long-bien-2025-primary-health-care-plan.txt", "plans/long-bien-2025.yaml"],
  ["long-bien-2023-health-management-plan.txt", "plans/long-bien-2023.yaml"],
  ["hung-dao-2026-resolution-72-plan.txt", "plans/hung-dao-2026.yaml"],
  ["hai-phong-district-2024-grassroots-health-plan.txt", "plans/hai-phong-2024.yaml"],
];

export interface ImportMeasure {
  file: string;
  obligationRecall: number | null;
  obligationPrecision: number | null;
  unitRecall: number | null;
  targetRecall: number | null;
  seconds: number;
  /** (unit, day) pairs: in the hand-encoded plan, read, and both. */
  pairs: { want: number; got: number; hits: number };
}

/** hit / total to three decimals; null when there is nothing to measure (a precision of nothing read is not 1). */
const ratio = (hit: number, total: number) => (total === 0 ? null : Math.round((hit / total) * 1000) / 1000);

export async function measureImport(document: string, planFile: string): Promise<ImportMeasure> {
  const t0 = performance.now();
  const { blocks } = await extractDocument(document);
  const imported = PlanFile.parse(readPlan(blocks, { source: document, importedAt: "bench" }));
  const seconds = (performance.now() - t0) / 1000;
  const truth = await loadPlan(planFile);
  const map = matchUnits(truth, imported);
  const want = datedPairs(truth, planYears(truth));
  const got = datedPairs(imported, planYears(truth), (id) => map.get(id) ?? `?${id}`);
  const hits = [...got].filter((p) => want.has(p)).length;
  const mapped = new Set(map.values());
  const figures = (p: PlanFile) => p.targets.map((t) => t.asWritten.replace(/\s+/g, "").replace(",", "."));
  const gotFigures = figures(imported);
  const targetHits = figures(truth).filter((f) =>
    gotFigures.some((g) => g.includes(f) || f.includes(g)),
  ).length;
  return {
    file: document.split("/").at(-1) ?? document,
    obligationRecall: ratio(hits, want.size),
    obligationPrecision: ratio(hits, got.size),
    unitRecall: ratio(truth.units.filter((u) => mapped.has(u.id)).length, truth.units.length),
    targetRecall: ratio(targetHits, truth.targets.length),
    seconds: Math.round(seconds * 1000) / 1000,
    pairs: { want: want.size, got: got.size, hits },
  };
}
