/**
 * The ranking of an oversight body's plans by on-time rate (a viewer's page), pure. Each plan's
 * figures are its totals (shared/console/timeliness.ts): only what is due counts.
 */
import type { RankedPlan } from "./model";

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
