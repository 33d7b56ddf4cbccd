/** MarkOverdue: at the cut-off, every unit still missing becomes overdue. */
import type { DeadlineRef } from "../../../shared/calendar/instance-id";
import { type LifecycleDeps, snapshot } from "./deps";

export async function markOverdue(deps: LifecycleDeps, ref: DeadlineRef): Promise<{ marked: number }> {
  const s = await snapshot(deps, ref);
  let marked = 0;
  for (const unit of s.units.filter((u) => u.status === "pending")) {
    if (await deps.data.deadlines.markOverdue(unit.instanceId)) marked++;
  }
  await deps.data.deadlines.markStageDone(ref, "overdue");
  return { marked };
}
