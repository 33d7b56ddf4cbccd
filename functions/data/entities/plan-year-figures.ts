/**
 * A snapshot of what a viewer's ranking shows of one plan-year: its totals (what is due counts)
 * and its units late now, computed at `at` from the plan-year's partition. It sits in the byPlan
 * index beside its plan, under the oversight body's partition, so that one Query gives the ranking
 * its plans and their figures; the ranking recomputes a snapshot that is missing or older than its
 * freshness window (functions/use-cases/console/reads.ts) and puts it back, last writer winning:
 * every writer computed it from the stored facts.
 *
 * A table written before this item existed simply has none: the first ranking computes them, so
 * the data model stays at version 6 (nothing stored changes shape).
 */
import { z } from "zod";
import { compose, defineEntity } from "../entity";
import { oversightPk } from "./plan";

/** DHIS2's five figures of the plan-year's totals and the number of units late now. */
export const RankingFigures = z.object({
  expected: z.number(),
  actual: z.number(),
  reportingRate: z.number().nullable(),
  actualOnTime: z.number(),
  onTimeRate: z.number().nullable(),
  lateNow: z.number(),
});

export const PlanYearFiguresRecord = z.object({
  planId: z.string(),
  year: z.number(),
  /** The body whose ranking shows it (the plan's oversight when computed): its index partition. */
  oversightId: z.string(),
  figures: RankingFigures,
  /** When the figures were computed: they are as of that instant. */
  at: z.string(),
});
export type PlanYearFiguresRecord = z.infer<typeof PlanYearFiguresRecord>;

export const planYearFiguresEntity = defineEntity({
  type: "plan-year-figures",
  description:
    "what a viewer's ranking shows of a plan-year (totals, units late now) and when it was computed; recomputed once older than the ranking's freshness window",
  schema: PlanYearFiguresRecord,
  key: (a: { planId: string; year: number }) => ({ pk: compose("FIGURES", a.planId, a.year), sk: "FIGURES" }),
  indexes: {
    byPlan: (f) => ({ pk: oversightPk(f.oversightId), sk: compose("FIGURES", f.year, f.planId) }),
  },
});
