/**
 * The ranking of an oversight body's plans by on-time rate (a viewer's page), pure. Each plan's
 * figures are its totals (shared/console/timeliness.ts): only what is due counts. They are kept as
 * a snapshot per plan-year and reused while fresh (see FIGURES_FRESH_MS).
 */
import type { Figures, RankedPlan } from "./model";
import {
  type DeadlineFacts,
  lateNow,
  type PlanYearFacts,
  type ShareFacts,
  timelinessRows,
  totalsOf,
} from "./timeliness";

/** What the ranking shows of a plan-year: its totals and how many units are late now. */
export interface RankingFigures extends Figures {
  lateNow: number;
}

/**
 * How long a plan-year's figures are shown before they are computed again: 5 minutes. The figures
 * move by whole submissions and by cut-offs passing (at midnight), and a province compares its
 * plans over months, so a lag of minutes changes nothing anyone decides; meanwhile a viewer who
 * goes back and forth between the ranking and the plans, or several viewers of the same body,
 * share one computation (a ranking of fresh figures is one Query instead of one per plan). And a
 * commune told on the phone to submit sees itself move within 5 minutes. A submission does not
 * refresh them (its path is one write, and stays so): this window is the only refresh.
 */
export const FIGURES_FRESH_MS = 5 * 60_000;

/**
 * Whether figures computed at `computedAt` may still be shown at `nowMs`. Figures from after now
 * (a clock set back, as the local stack's virtual clock can be) are not: they would count what
 * has not happened yet.
 */
export function isFresh(computedAt: string, nowMs: number, windowMs: number): boolean {
  const age = nowMs - Date.parse(computedAt);
  return age >= 0 && age < windowMs;
}

/** A plan-year's figures from its expectations (with their cut-off copies), versions, decisions. */
export function rankingFigures(
  items: Omit<PlanYearFacts, "deadlines" | "unitOrder"> & {
    shares: ReadonlyArray<ShareFacts & { dueAt: string }>;
  },
  asOfMs: number,
): RankingFigures {
  const facts = { ...items, deadlines: deadlinesOfShares(items.shares) };
  const rows = timelinessRows(facts, asOfMs);
  return { ...totalsOf(rows, asOfMs), lateNow: lateNow(rows, facts, asOfMs).length };
}

/** Higher first, null (nothing due yet) last. */
function descending(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return b - a;
}

/** Best first: on-time rate, then reporting rate, then fewer units late now, then title. */
export function rankPlans(plans: readonly RankedPlan[]): RankedPlan[] {
  return [...plans].sort(
    (a, b) =>
      descending(a.onTimeRate, b.onTimeRate) ||
      descending(a.reportingRate, b.reportingRate) ||
      a.lateNow - b.lateNow ||
      a.title.localeCompare(b.title, "vi") ||
      a.planId.localeCompare(b.planId),
  );
}

/**
 * A plan-year's deadlines as its expectations copy them (each carries its deadline's cut-off, kept
 * in step by publication and by the console's extensions): enough to rank plans without reading
 * their deadlines. Where the copies differ for a moment, the latest cut-off is taken.
 */
export function deadlinesOfShares(shares: ReadonlyArray<ShareFacts & { dueAt: string }>): DeadlineFacts[] {
  const out = new Map<string, DeadlineFacts>();
  for (const s of shares) {
    const key = `${s.obligationId}:${s.period}`;
    const known = out.get(key);
    if (!known || Date.parse(s.dueAt) > Date.parse(known.dueAt))
      out.set(key, {
        obligationId: s.obligationId,
        period: s.period,
        title: "",
        dueAt: s.dueAt,
        state: "active",
      });
  }
  return [...out.values()];
}
