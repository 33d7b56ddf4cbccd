/**
 * The lifecycle of one deadline, as a pure decision: given what the data says now, what is the
 * next thing to do and when. The deadline-lifecycle state machine asks this before every step, so
 * an amended, extended or cancelled deadline, a unit that submitted, or a restarted execution is
 * always honoured: nothing is carried in the execution that the data does not confirm.
 *
 *   reminders (window opening, N days before) → at the cut-off, mark the missing units overdue
 *   → after the grace period, escalate to the steering committee → again every N days, up to a
 *   maximum, while units are still missing.
 */
import { sendSlot } from "../calendar/send-slot";

export type LifecycleAction =
  | { action: "remind"; stage: string; at: string }
  | { action: "mark-overdue"; stage: "overdue"; at: string }
  | { action: "escalate"; stage: string; number: number; at: string }
  | { action: "recheck"; at: string }
  | { action: "done"; reason: "cancelled" | "all-in" | "policy-exhausted" };

export interface LifecycleState {
  state: "active" | "cancelled";
  dueAt: string;
  remindAt: readonly string[];
  escalation: { graceDays: number; repeatEveryDays: number; maxEscalations: number };
  /** Units that still owe the deadline (pending or overdue). */
  missingUnits: number;
  /** Stages already carried out for this deadline. */
  stagesDone: ReadonlySet<string>;
  /** The plan's send time (HH:MM, Vietnam time): messages go then or later in office hours on a working day. */
  sendAt?: string;
}

const DAY_MS = 86_400_000;

/**
 * Never wait longer than this in one Wait state: the deadline is re-read at least this often (an
 * amendment shows), and no timer exceeds what the runtime can hold (Node's is 24.8 days).
 */
export const MAX_WAIT_MS = 7 * DAY_MS;

export function reminderStage(at: string): string {
  return `remind@${at}`;
}

export function escalationStage(n: number): string {
  return `escalation-${n}`;
}

export function nextStep(s: LifecycleState, nowMs: number): LifecycleAction {
  if (s.state === "cancelled") return { action: "done", reason: "cancelled" };
  const due = Date.parse(s.dueAt);
  const slot = (ms: number) => (s.sendAt === undefined ? ms : sendSlot(ms, s.sendAt));
  const candidates: LifecycleAction[] = [];

  if (s.missingUnits === 0) {
    // Everyone is in: no reminder or escalation is owed. Stop once the cut-off has passed too, so
    // that a unit taken back into the plan before the cut-off would still be reminded.
    if (nowMs >= due) return { action: "done", reason: "all-in" };
  } else {
    // Reminders after the last one sent and before the cut-off; of those whose moment has passed
    // (an execution started late, or one that was down), only the latest is sent, and at once.
    const times = s.remindAt.map(Date.parse);
    const lastDone = Math.max(
      -Infinity,
      ...times.filter((_, i) => s.stagesDone.has(reminderStage(s.remindAt[i] ?? ""))),
    );
    const open = s.remindAt.filter((at) => Date.parse(at) > lastDone && Date.parse(at) < due && nowMs < due);
    const past = open.filter((at) => Date.parse(at) <= nowMs);
    const missed = past.at(-1);
    if (missed) {
      // A missed reminder goes at the next send slot; if that is past the cut-off, at once.
      const at = slot(nowMs) < due ? slot(nowMs) : nowMs;
      candidates.push({ action: "remind", stage: reminderStage(missed), at: new Date(at).toISOString() });
    } else {
      const reminder = open.find((at) => Date.parse(at) > nowMs);
      if (reminder) candidates.push({ action: "remind", stage: reminderStage(reminder), at: reminder });
    }
    if (!s.stagesDone.has("overdue")) {
      candidates.push({ action: "mark-overdue", stage: "overdue", at: s.dueAt });
    } else {
      const { graceDays, repeatEveryDays, maxEscalations } = s.escalation;
      let lastDone = 0;
      for (let n = 1; n <= maxEscalations; n++) if (s.stagesDone.has(escalationStage(n))) lastDone = n;
      if (lastDone >= maxEscalations) return { action: "done", reason: "policy-exhausted" };
      const scheduled = (n: number) => due + (graceDays + (n - 1) * repeatEveryDays) * DAY_MS;
      // After a late start, only the latest escalation whose moment has passed is sent, as with reminders.
      let n = lastDone + 1;
      while (n < maxEscalations && scheduled(n + 1) <= nowMs) n++;
      const at = new Date(slot(Math.max(scheduled(n), nowMs))).toISOString();
      candidates.push({ action: "escalate", stage: escalationStage(n), number: n, at });
    }
  }

  const timed = candidates as Array<Extract<LifecycleAction, { at: string }>>;
  // Only when everyone is in before the cut-off: look again at the cut-off.
  if (timed.length === 0)
    return { action: "recheck", at: new Date(Math.min(due, nowMs + MAX_WAIT_MS)).toISOString() };
  const first = timed.reduce((a, b) => (Date.parse(b.at) < Date.parse(a.at) ? b : a));
  if (Date.parse(first.at) - nowMs > MAX_WAIT_MS) {
    return { action: "recheck", at: new Date(nowMs + MAX_WAIT_MS).toISOString() };
  }
  return first;
}
