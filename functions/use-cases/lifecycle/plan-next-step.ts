/** PlanNextStep: what to do next for a deadline and when, from the data as it is now. */
import type { DeadlineRef } from "../../../shared/calendar/instance-id";
import { type LifecycleAction, type LifecycleState, nextStep } from "../../../shared/lifecycle/next-step";
import type { LifecycleSnapshot } from "../../data";
import { type LifecycleDeps, missing } from "./deps";

/** What nextStep decides on, from a fresh read of the deadline's partition. */
export function lifecycleStateOf(s: LifecycleSnapshot): LifecycleState {
  const open = missing(s.units);
  const d = s.definition;
  const unitDueAt = open.flatMap((u) =>
    u.extendedTo !== undefined && Date.parse(u.extendedTo) > Date.parse(d.dueAt) ? [u.extendedTo] : [],
  );
  return {
    state: d.state,
    dueAt: d.dueAt,
    remindAt: d.remindAt,
    escalation: d.escalation,
    missingUnits: open.length,
    ...(unitDueAt.length > 0 && { unitDueAt }),
    ...(d.originalDueAt !== undefined && { originalDueAt: d.originalDueAt }),
    stagesDone: s.stagesDone,
    sendAt: d.sendAt ?? "08:00",
  };
}

export async function planNextStep(deps: LifecycleDeps, ref: DeadlineRef): Promise<LifecycleAction> {
  const s = await deps.data.deadlines.lifecycleSnapshot(ref);
  if (!s) return { action: "done", reason: "cancelled" };
  return nextStep(lifecycleStateOf(s), deps.now().getTime());
}
