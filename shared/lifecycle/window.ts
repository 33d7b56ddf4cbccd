/**
 * When a deadline's lifecycle runs, and which reminder opens an activity's window. Pure policy:
 * the plan calendar starts a lifecycle inside its window, the store keys deadlines by its end.
 */
import type { EscalationPolicy } from "../plan/schema";
import { reminderStage } from "./next-step";

const DAY_MS = 86_400_000;

/** A lifecycle starts a week before its first step, so the weekly plan calendar never misses it. */
export const START_AHEAD_MS = 7 * DAY_MS;

/**
 * A reminder counts as the window's opening when it is sent within this long of the window's first
 * day: a later first reminder (the plan asked for one only near the cut-off) is an ordinary one.
 */
export const WINDOW_OPENING_MS = 5 * DAY_MS;

export interface LifecycleTimes {
  dueAt: string;
  remindAt: readonly string[];
  escalation: EscalationPolicy;
}

/** From a week before the first reminder (or the cut-off) to a day after the last escalation. */
export function lifecycleWindow(d: LifecycleTimes): { startsAt: number; endsAt: number } {
  const due = Date.parse(d.dueAt);
  const first = Math.min(due, ...d.remindAt.map(Date.parse));
  const { graceDays, repeatEveryDays, maxEscalations } = d.escalation;
  return {
    startsAt: first - START_AHEAD_MS,
    endsAt: due + (graceDays + repeatEveryDays * maxEscalations + 1) * DAY_MS,
  };
}

/** Whether the reminder `stage` is the one that tells a unit an activity's window has opened. */
export function opensWindow(d: { opensOn?: string; remindAt: readonly string[] }, stage: string): boolean {
  const first = d.remindAt[0];
  if (d.opensOn === undefined || first === undefined || stage !== reminderStage(first)) return false;
  return Date.parse(first) < Date.parse(d.opensOn) + WINDOW_OPENING_MS;
}
