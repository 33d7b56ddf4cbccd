/**
 * The ranking of an oversight body's plans by on-time rate (a viewer's page), pure. Each plan's
 * figures are its totals (shared/console/timeliness.ts): only what is due counts.
 */
import type { RankedPlan } from "./model";
import type { DeadlineFacts, ShareFacts } from "./timeliness";

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
