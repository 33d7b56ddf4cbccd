/**
 * nextStep with the console's extensions: a unit with a later cut-off of its own is marked overdue
 * at it, not at the deadline's, and escalated only once past it; a deadline extended for every unit
 * after its cut-off is marked again at the new one. Pure, on the decision alone.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type LifecycleAction,
  type LifecycleState,
  nextStep,
  overdueMarks,
  overdueMarksDue,
} from "../../shared/lifecycle/next-step";

const DAY = 86_400_000;
const DUE = "2025-03-24T17:00:00.000Z"; // 00:00 on 25/03 in Vietnam
const OWN = "2025-04-04T17:00:00.000Z"; // one unit's own cut-off: 00:00 on 05/04
const base: LifecycleState = {
  state: "active",
  dueAt: DUE,
  remindAt: ["2025-03-17T01:00:00.000Z", "2025-03-21T01:00:00.000Z"],
  escalation: { graceDays: 2, repeatEveryDays: 7, maxEscalations: 3 },
  missingUnits: 3,
  unitDueAt: [OWN],
  stagesDone: new Set(),
  sendAt: "08:00",
};

type Timed = Extract<LifecycleAction, { stage: string }>;

/**
 * Runs the lifecycle as the state machine does, with the units still missing (and which of them
 * have their own later cut-off) given by the instant. A step whose plan the data no longer
 * confirms when it runs is not spent (the Remind and Escalate steps check), and is planned again.
 */
function walk(
  state: LifecycleState,
  startMs: number,
  at: (ms: number) => Pick<LifecycleState, "missingUnits" | "unitDueAt">,
) {
  const done = new Set<string>();
  const steps: Timed[] = [];
  let now = startMs;
  for (let i = 0; i < 100; i++) {
    const next = nextStep({ ...state, ...at(now), stagesDone: done }, now);
    if (next.action === "done") return { steps, end: next };
    now = Math.max(now, Date.parse(next.at));
    if (next.action === "recheck") continue;
    const again = nextStep({ ...state, ...at(now), stagesDone: done }, now);
    if (again.action !== next.action || ("stage" in again && again.stage !== next.stage)) continue;
    steps.push(next);
    done.add(next.stage);
  }
  throw new Error("lifecycle did not end");
}

describe("a unit with a later cut-off of its own", () => {
  it("is marked overdue at its own cut-off; the escalations before it count from the deadline's", () => {
    const { steps, end } = walk(base, Date.parse("2025-03-01T00:00:00Z"), () => ({
      missingUnits: 3,
      unitDueAt: [OWN],
    }));
    expect(steps.map((s) => [s.action, s.stage, s.at])).toEqual([
      ["remind", "remind@2025-03-17T01:00:00.000Z", "2025-03-17T01:00:00.000Z"],
      ["remind", "remind@2025-03-21T01:00:00.000Z", "2025-03-21T01:00:00.000Z"],
      ["mark-overdue", "overdue", DUE],
      ["escalate", "escalation-1", "2025-03-27T01:00:00.000Z"],
      ["escalate", "escalation-2", "2025-04-03T01:00:00.000Z"],
      ["mark-overdue", `overdue-unit@${OWN}`, OWN],
      ["escalate", "escalation-3", "2025-04-10T01:00:00.000Z"],
    ]);
    expect(end).toEqual({ action: "done", reason: "policy-exhausted" });
  });

  it("when only such units are left, the escalations wait for the earliest of their cut-offs and its grace days", () => {
    // Everyone else submits on the 26th; the unit with its own cut-off is the only one missing.
    const { steps } = walk(base, Date.parse("2025-03-01T00:00:00Z"), (ms) =>
      ms < Date.parse("2025-03-26T00:00:00Z")
        ? { missingUnits: 3, unitDueAt: [OWN] }
        : { missingUnits: 1, unitDueAt: [OWN] },
    );
    const escalations = steps.filter((s) => s.action === "escalate");
    // 00:00 on 07/04 is Hùng Kings' day (a Monday): the message goes at 08:00 on Tuesday 08/04.
    expect(escalations.map((s) => [s.stage, s.at])).toEqual([
      ["escalation-1", "2025-04-08T01:00:00.000Z"],
      ["escalation-2", "2025-04-14T01:00:00.000Z"],
      ["escalation-3", "2025-04-21T01:00:00.000Z"],
    ]);
    const ownMark = steps.findIndex((s) => s.stage === `overdue-unit@${OWN}`);
    expect(ownMark).toBeLessThan(steps.indexOf(escalations[0] as Timed));
  });

  it("is still marked after every escalation was sent, and then the lifecycle ends", () => {
    const exhausted = new Set(["overdue", "escalation-1", "escalation-2", "escalation-3"]);
    const now = Date.parse("2025-04-01T00:00:00Z");
    expect(nextStep({ ...base, stagesDone: exhausted }, now)).toEqual({
      action: "mark-overdue",
      stage: `overdue-unit@${OWN}`,
      at: OWN,
    });
    const marked = new Set([...exhausted, `overdue-unit@${OWN}`]);
    expect(nextStep({ ...base, stagesDone: marked }, Date.parse(OWN))).toEqual({
      action: "done",
      reason: "policy-exhausted",
    });
  });

  it("lists the marks due now for MarkOverdue: those whose moment has come and not yet done", () => {
    const state = { ...base, unitDueAt: [OWN, OWN, "2025-04-10T17:00:00.000Z"] };
    expect(overdueMarks(state).map((m) => m.stage)).toEqual([
      "overdue",
      `overdue-unit@${OWN}`,
      "overdue-unit@2025-04-10T17:00:00.000Z",
    ]);
    expect(overdueMarksDue(state, Date.parse(DUE) - 1)).toEqual([]);
    expect(overdueMarksDue(state, Date.parse(OWN)).map((m) => m.stage)).toEqual([
      "overdue",
      `overdue-unit@${OWN}`,
    ]);
    expect(
      overdueMarksDue({ ...state, stagesDone: new Set(["overdue"]) }, Date.parse(OWN)).map((m) => m.stage),
    ).toEqual([`overdue-unit@${OWN}`]);
  });
});

describe("a deadline extended for every unit", () => {
  const NEW_DUE = "2025-04-09T17:00:00.000Z";
  const extended: LifecycleState = {
    ...base,
    dueAt: NEW_DUE,
    originalDueAt: DUE,
    unitDueAt: [],
    remindAt: [...base.remindAt, "2025-04-02T01:00:00.000Z"],
  };

  it("after its old cut-off was marked and escalated: marks at the new one, escalates only after it", () => {
    const done = new Set([
      "overdue",
      "escalation-1",
      "remind@2025-03-17T01:00:00.000Z",
      "remind@2025-03-21T01:00:00.000Z",
    ]);
    const now = Date.parse("2025-03-28T00:00:00Z");
    expect(nextStep({ ...extended, stagesDone: done }, now)).toEqual({
      action: "remind",
      stage: "remind@2025-04-02T01:00:00.000Z",
      at: "2025-04-02T01:00:00.000Z",
    });
    const reminded = new Set([...done, "remind@2025-04-02T01:00:00.000Z"]);
    expect(nextStep({ ...extended, stagesDone: reminded }, Date.parse("2025-04-03T00:00:00Z"))).toEqual({
      action: "mark-overdue",
      stage: `overdue@${NEW_DUE}`,
      at: NEW_DUE,
    });
    const marked = new Set([...reminded, `overdue@${NEW_DUE}`]);
    // The escalations start again from the new cut-off: the first two days after it, at 08:00.
    expect(nextStep({ ...extended, stagesDone: marked }, Date.parse(NEW_DUE))).toEqual({
      action: "escalate",
      stage: `escalation-1@${NEW_DUE}`,
      number: 1,
      at: "2025-04-14T01:00:00.000Z",
    });
  });

  it("property: no stage twice, no mark before its cut-off, no escalation before a mark, and it always ends", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse("2025-03-01T00:00:00Z"), max: Date.parse("2025-05-01T00:00:00Z") }),
        fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 3 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 60 }),
        fc.boolean(),
        (start, laterDays, max, submitAfterDays, extendedForAll) => {
          const state: LifecycleState = {
            ...(extendedForAll ? extended : base),
            escalation: { graceDays: 2, repeatEveryDays: 7, maxEscalations: max },
            sendAt: "08:00",
          };
          const due = Date.parse(state.dueAt);
          const own = laterDays.map((d) => new Date(due + d * DAY).toISOString());
          const submitAt = due + (submitAfterDays - 10) * DAY;
          const { steps } = walk(state, start, (ms) =>
            ms >= submitAt
              ? { missingUnits: 0, unitDueAt: [] }
              : { missingUnits: own.length + 1, unitDueAt: own },
          );
          expect(new Set(steps.map((s) => s.stage)).size).toBe(steps.length);
          for (const s of steps.filter((x) => x.action === "mark-overdue")) {
            const cutOff = s.stage === "overdue" ? due : Date.parse(s.stage.slice(s.stage.indexOf("@") + 1));
            expect(Date.parse(s.at)).toBeGreaterThanOrEqual(cutOff);
          }
          const firstMark = steps.findIndex((s) => s.action === "mark-overdue");
          const firstEscalation = steps.findIndex((s) => s.action === "escalate");
          if (firstEscalation >= 0) expect(firstMark).toBeLessThan(firstEscalation);
          expect(steps.filter((s) => s.action === "escalate").length).toBeLessThanOrEqual(max);
        },
      ),
    );
  });
});
