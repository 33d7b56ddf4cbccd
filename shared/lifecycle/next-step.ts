/**
 * The lifecycle of one deadline, as a pure decision: given what the data says now, what is the
 * next thing to do and when. The deadline-lifecycle state machine asks this before every step, so
 * an amended, extended or cancelled deadline, a unit that submitted, or a restarted execution is
 * always honoured: nothing is carried in the execution that the data does not confirm.
 *
 *   reminders (window opening, N days before) → at the cut-off, mark the missing units overdue
 *   → after the grace period, escalate to the steering committee → again every N days, up to a
 *   maximum, while units are still missing.
 *
 * A unit given a later cut-off of its own (an extension for it alone) is marked overdue at that
 * cut-off, not at the deadline's; the escalations wait for the earliest cut-off among the units
 * still missing, and tell of those past theirs only (lifecycle/escalate.ts).
 */
import { sendSlot } from "../calendar/send-slot";

export type LifecycleAction =
  | { action: "remind"; stage: string; at: string }
  | { action: "mark-overdue"; stage: string; at: string }
  | { action: "escalate"; stage: string; number: number; at: string }
  | { action: "recheck"; at: string }
  | { action: "done"; reason: "cancelled" | "all-in" | "policy-exhausted" };

export interface LifecycleState {
  state: "active" | "cancelled";
  dueAt: string;
  remindAt: readonly string[];
  escalation: { graceDays: number; repeatEveryDays: number; maxEscalations: number };
  /** Units that still owe the deadline (pending, overdue, or returned for a new version). */
  missingUnits: number;
  /**
   * The own cut-offs of the missing units that were given a later one than the deadline's, one
   * entry per such unit (they count in missingUnits too).
   */
  unitDueAt?: readonly string[];
  /** The deadline's cut-off before the console extended it for every unit; absent when never extended. */
  originalDueAt?: string;
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

/**
 * The n-th escalation: "escalation-<n>" for the cut-off the plan set, "escalation-<n>@<cut-off>"
 * after an extension for every unit, so that the escalations start again from the new cut-off.
 */
export function escalationStage(n: number, s?: Pick<LifecycleState, "dueAt" | "originalDueAt">): string {
  return s?.originalDueAt === undefined ? `escalation-${n}` : `escalation-${n}@${s.dueAt}`;
}

/**
 * Marking the units missing at the deadline's cut-off: "overdue" at the cut-off the plan set (as
 * ever), "overdue@<cut-off>" after an extension for every unit, so that a mark made at the old
 * cut-off does not count for the new one.
 */
export function deadlineOverdueStage(s: Pick<LifecycleState, "dueAt" | "originalDueAt">): string {
  return s.originalDueAt === undefined ? "overdue" : `overdue@${s.dueAt}`;
}

/** Marking the units whose own later cut-off this is. */
export function unitOverdueStage(cutOff: string): string {
  return `overdue-unit@${cutOff}`;
}

export interface OverdueMark {
  stage: string;
  at: string;
}

/** Every overdue mark a deadline owes, by time: at its cut-off, then at each later cut-off of a missing unit. */
export function overdueMarks(s: LifecycleState): OverdueMark[] {
  const due = Date.parse(s.dueAt);
  const later = [...new Set(s.unitDueAt ?? [])]
    .filter((at) => Date.parse(at) > due)
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return [
    { stage: deadlineOverdueStage(s), at: s.dueAt },
    ...later.map((at) => ({ stage: unitOverdueStage(at), at })),
  ];
}

/** The overdue marks whose moment has come and that are not yet done: what MarkOverdue carries out now. */
export function overdueMarksDue(s: LifecycleState, nowMs: number): OverdueMark[] {
  return overdueMarks(s).filter((m) => Date.parse(m.at) <= nowMs && !s.stagesDone.has(m.stage));
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
    // Marks come before an escalation due at the same moment: nobody is escalated before being marked.
    const marks = overdueMarks(s).filter((m) => !s.stagesDone.has(m.stage));
    for (const m of marks) candidates.push({ action: "mark-overdue", stage: m.stage, at: m.at });
    if (s.stagesDone.has(deadlineOverdueStage(s))) {
      const { graceDays, repeatEveryDays, maxEscalations } = s.escalation;
      let lastDone = 0;
      for (let n = 1; n <= maxEscalations; n++) if (s.stagesDone.has(escalationStage(n, s))) lastDone = n;
      if (lastDone >= maxEscalations) {
        if (marks.length === 0) return { action: "done", reason: "policy-exhausted" };
      } else {
        // Escalations count from the earliest cut-off among the units still missing: the
        // deadline's, unless only units with a later cut-off of their own are left.
        const later = (s.unitDueAt ?? []).map(Date.parse).filter((at) => at > due);
        const base = s.missingUnits > later.length ? due : Math.min(...later);
        const scheduled = (n: number) => base + (graceDays + (n - 1) * repeatEveryDays) * DAY_MS;
        // After a late start, only the latest escalation whose moment has passed is sent, as with reminders.
        let n = lastDone + 1;
        while (n < maxEscalations && scheduled(n + 1) <= nowMs) n++;
        const at = new Date(slot(Math.max(scheduled(n), nowMs))).toISOString();
        candidates.push({ action: "escalate", stage: escalationStage(n, s), number: n, at });
      }
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
