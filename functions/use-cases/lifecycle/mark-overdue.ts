/**
 * MarkOverdue: at a cut-off, every unit still missing whose own cut-off has passed becomes overdue.
 * The state machine passes no stage: the marks due are read from the data and the clock (the
 * deadline's cut-off, or a later one of a unit given an extension), and each is recorded done.
 */
import type { DeadlineRef } from "../../../shared/calendar/instance-id";
import { overdueMarksDue } from "../../../shared/lifecycle/next-step";
import { type LifecycleDeps, snapshot } from "./deps";
import { lifecycleStateOf } from "./plan-next-step";

export async function markOverdue(
  deps: LifecycleDeps,
  ref: DeadlineRef,
): Promise<{ marked: number; stages: string[] }> {
  const s = await snapshot(deps, ref);
  const now = deps.now();
  const marks = overdueMarksDue(lifecycleStateOf(s), now.getTime());
  let marked = 0;
  if (marks.length > 0) {
    // A unit with a later cut-off of its own is left expected until that cut-off.
    for (const unit of s.units) {
      if (unit.status !== "pending" || Date.parse(unit.dueAt) > now.getTime()) continue;
      if (await deps.data.deadlines.markOverdue(unit.instanceId)) marked++;
    }
  }
  for (const { stage } of marks) await deps.data.deadlines.markStageDone(ref, stage, now.toISOString());
  return { marked, stages: marks.map((m) => m.stage) };
}
