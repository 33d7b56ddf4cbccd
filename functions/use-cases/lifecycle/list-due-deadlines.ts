/** ListDueDeadlines: the deadlines whose lifecycle should run now, and whether any are still to come. */
import type { DeadlineRef } from "../../../shared/calendar/instance-id";
import { lifecycleWindow } from "../../../shared/lifecycle/window";
import type { LifecycleDeps } from "./deps";

export async function listDueDeadlines(
  deps: LifecycleDeps,
  planId: string,
): Promise<{ deadlines: DeadlineRef[]; finished: boolean }> {
  const now = deps.now();
  const deadlines: DeadlineRef[] = [];
  let later = 0;
  // One Query: the deadlines whose lifecycle has not ended yet, sorted by that end.
  const running = await deps.data.plans.deadlinesRunningAt(planId, now);
  for (const d of running.sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0))) {
    if (d.state === "cancelled") continue;
    const window = lifecycleWindow(d);
    if (now.getTime() < window.startsAt) later++;
    else if (now.getTime() <= window.endsAt)
      deadlines.push({ planId, obligationId: d.obligationId, period: d.period });
  }
  return { deadlines, finished: later === 0 };
}
