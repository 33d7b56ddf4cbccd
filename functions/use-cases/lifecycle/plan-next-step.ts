/** PlanNextStep: what to do next for a deadline and when, from the data as it is now. */
import type { DeadlineRef } from "../../../shared/calendar/instance-id";
import { type LifecycleAction, nextStep } from "../../../shared/lifecycle/next-step";
import { type LifecycleDeps, missing } from "./deps";

export async function planNextStep(deps: LifecycleDeps, ref: DeadlineRef): Promise<LifecycleAction> {
  const s = await deps.data.deadlines.lifecycleSnapshot(ref);
  if (!s) return { action: "done", reason: "cancelled" };
  return nextStep(
    {
      state: s.definition.state,
      dueAt: s.definition.dueAt,
      remindAt: s.definition.remindAt,
      escalation: s.definition.escalation,
      missingUnits: missing(s.units).length,
      stagesDone: s.stagesDone,
      sendAt: s.definition.sendAt ?? "08:00",
    },
    deps.now().getTime(),
  );
}
