/**
 * The four seed documents against their hand-encoded plans, with the measure of bench:import:
 * dated obligations (lead unit, last on-time day) read with at least the recall and precision
 * measured when the body-sentence reader was written, each document in under 2 seconds.
 */
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { measureImport, SEED_PLANS } from "../../bench/import-measure";

const seeds = resolve(import.meta.dirname, "../../../shared/seeds");
/** Measured: every dated obligation of the four plans, nothing else. */
const FLOORS: Record<string, { recall: number; precision: number }> = {
  "long-bien-2025-primary-health-care-plan.txt": { recall: 1, precision: 1 },
  "long-bien-2023-health-management-plan.txt": { recall: 1, precision: 1 },
  "hung-dao-2026-resolution-72-plan.txt": { recall: 1, precision: 1 },
  "hai-phong-district-2024-grassroots-health-plan.txt": { recall: 1, precision: 1 },
};

describe.each(SEED_PLANS)("%s", (doc, planFile) => {
  it("reads the plan's dated obligations", async () => {
    const m = await measureImport(resolve(seeds, doc), planFile);
    const floor = FLOORS[doc];
    expect(m.pairs.want).toBeGreaterThan(0);
    expect(m.obligationRecall).toBeGreaterThanOrEqual(floor?.recall ?? 1);
    expect(m.obligationPrecision).toBeGreaterThanOrEqual(floor?.precision ?? 1);
    expect(m.seconds).toBeLessThan(2);
  });
});
