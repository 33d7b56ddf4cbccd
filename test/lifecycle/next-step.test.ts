import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type LifecycleAction,
  type LifecycleState,
  MAX_WAIT_MS,
  nextStep,
} from "../../shared/lifecycle/next-step";

const DUE = "2025-03-24T17:00:00.000Z"; // 00:00 on 25/03 in Vietnam
const REMIND = ["2025-03-17T01:00:00.000Z", "2025-03-21T01:00:00.000Z", "2025-03-24T01:00:00.000Z"];
const base: LifecycleState = {
  state: "active",
  dueAt: DUE,
  remindAt: REMIND,
  escalation: { graceDays: 2, repeatEveryDays: 7, maxEscalations: 3 },
  missingUnits: 5,
  stagesDone: new Set(),
};

/**
 * Runs the lifecycle as the state machine does: wait until `at`, carry out, ask again. The handlers
 * act only on the units still missing when they run, so a step with nobody missing sends nothing.
 */
function walk(
  state: LifecycleState,
  startMs: number,
  missingAt: (ms: number) => number = () => state.missingUnits,
) {
  const done = new Set<string>();
  const steps: Array<Extract<LifecycleAction, { stage: string }>> = [];
  let now = startMs;
  for (let i = 0; i < 100; i++) {
    const next = nextStep({ ...state, stagesDone: done, missingUnits: missingAt(now) }, now);
    if (next.action === "done") return { steps, end: next };
    now = Math.max(now, Date.parse(next.at));
    if (next.action === "recheck") continue;
    if (missingAt(now) > 0) steps.push(next);
    done.add(next.stage);
  }
  throw new Error("lifecycle did not end");
}

describe("the lifecycle of a deadline", () => {
  it("reminds three times, marks the missing units overdue at the cut-off, escalates three times, then stops", () => {
    const { steps, end } = walk(base, Date.parse("2025-03-01T00:00:00Z"));
    expect(steps.map((s) => [s.action, s.at])).toEqual([
      ["remind", REMIND[0]],
      ["remind", REMIND[1]],
      ["remind", REMIND[2]],
      ["mark-overdue", DUE],
      ["escalate", "2025-03-26T17:00:00.000Z"],
      ["escalate", "2025-04-02T17:00:00.000Z"],
      ["escalate", "2025-04-09T17:00:00.000Z"],
    ]);
    expect(end).toEqual({ action: "done", reason: "policy-exhausted" });
  });

  it("stops reminding once everyone is in, and ends at the cut-off", () => {
    const allInAfterFirst = (ms: number) => (ms > Date.parse(REMIND[0] as string) ? 0 : 5);
    const { steps, end } = walk(base, Date.parse("2025-03-01T00:00:00Z"), allInAfterFirst);
    expect(steps.map((s) => s.action)).toEqual(["remind"]);
    expect(end).toEqual({ action: "done", reason: "all-in" });
  });

  it("stops escalating as soon as the last unit submits", () => {
    const lateButIn = (ms: number) => (ms >= Date.parse("2025-03-30T00:00:00Z") ? 0 : 2);
    const { steps, end } = walk(base, Date.parse("2025-03-01T00:00:00Z"), lateButIn);
    expect(steps.filter((s) => s.action === "escalate")).toHaveLength(1);
    expect(end.reason).toBe("all-in");
  });

  it("sends only the latest missed reminder when it starts late, at once", () => {
    const now = Date.parse("2025-03-22T00:00:00Z");
    const at = new Date(now).toISOString();
    expect(nextStep(base, now)).toEqual({ action: "remind", stage: `remind@${REMIND[1]}`, at });
    const { steps } = walk(base, now);
    expect(steps.filter((s) => s.action === "remind").map((s) => s.at)).toEqual([at, REMIND[2]]);
  });

  it("sends a missed reminder at the next send time on a working day, not on a Sunday night", () => {
    // Started on Sunday 23/03 at 20:34 Vietnam time: the 21/03 reminder was missed.
    const sunday = Date.parse("2025-03-23T13:34:00Z");
    const next = nextStep({ ...base, remindAt: REMIND.slice(0, 2), sendAt: "08:00" }, sunday);
    expect(next).toEqual({ action: "remind", stage: `remind@${REMIND[1]}`, at: "2025-03-24T01:00:00.000Z" });
  });

  it("sends a missed reminder at once when the next send time would be past the cut-off", () => {
    const lateMonday = Date.parse("2025-03-24T12:00:00Z"); // 19:00, five hours before the cut-off
    const next = nextStep({ ...base, sendAt: "08:00" }, lateMonday);
    expect(next).toMatchObject({ action: "remind", at: new Date(lateMonday).toISOString() });
  });

  it("after a late start past several escalation dates, sends only the latest one", () => {
    const muchLater = Date.parse(DUE) + 20 * 86_400_000; // escalations were due at +2, +9 and +16 days
    const { steps, end } = walk({ ...base, stagesDone: new Set(["overdue"]) }, muchLater);
    const escalations = steps.filter((s) => s.action === "escalate");
    expect(escalations.map((s) => ("number" in s ? s.number : undefined))).toEqual([3]);
    expect(end).toEqual({ action: "done", reason: "policy-exhausted" });
  });

  it("escalates at the send time of a working day, not at the midnight of the cut-off", () => {
    // Cut-off 00:00 Tue 25/03; two days' grace is 00:00 Thu 27/03: the message goes at 08:00 that day.
    const next = nextStep(
      { ...base, stagesDone: new Set(["overdue"]), sendAt: "08:00" },
      Date.parse(DUE) + 1,
    );
    expect(next).toMatchObject({ action: "escalate", number: 1, at: "2025-03-27T01:00:00.000Z" });
    // Four grace days from 00:00 Tue 01/04 is Saturday 05/04; Monday 07/04 is Hùng Kings' day: Tuesday 08/04.
    const tuesday = "2025-03-31T17:00:00.000Z";
    const later = nextStep(
      {
        ...base,
        dueAt: tuesday,
        stagesDone: new Set(["overdue"]),
        sendAt: "08:00",
        escalation: { ...base.escalation, graceDays: 4 },
      },
      Date.parse(tuesday) + 86_400_000,
    );
    expect(later).toMatchObject({ action: "escalate", at: "2025-04-08T01:00:00.000Z" });
  });

  it("ends at once for a cancelled deadline", () => {
    expect(nextStep({ ...base, state: "cancelled" }, 0)).toEqual({ action: "done", reason: "cancelled" });
  });

  it("never waits longer than seven days in one Wait, so amendments are seen", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(nextStep(base, now)).toEqual({ action: "recheck", at: new Date(now + MAX_WAIT_MS).toISOString() });
  });

  it("property: never acts twice on a stage, never before now, and always ends", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse("2025-01-01T00:00:00Z"), max: Date.parse("2025-05-01T00:00:00Z") }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 10 }),
        fc.constantFrom(undefined, "08:00", "14:30"),
        (start, max, submitAfterDays, sendAt) => {
          const submitAt = Date.parse(DUE) + (submitAfterDays - 5) * 86_400_000;
          const state = {
            ...base,
            escalation: { ...base.escalation, maxEscalations: max },
            ...(sendAt !== undefined && { sendAt }),
          };
          const { steps } = walk(state, start, (ms) => (ms >= submitAt ? 0 : 3));
          expect(new Set(steps.map((s) => s.stage)).size).toBe(steps.length);
          expect(steps.filter((s) => s.action === "escalate").length).toBeLessThanOrEqual(max);
        },
      ),
    );
  });
});
