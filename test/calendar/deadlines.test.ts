import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { planDeadlines } from "../../shared/calendar/deadlines";
import { deadlineId, instanceId, parseDeadlineId, parseInstanceId } from "../../shared/calendar/instance-id";
import { parsePlan } from "../../shared/plan/load";

const plan = parsePlan(readFileSync("test/fixtures/all-rules.yaml", "utf8"));

describe("a plan's deadlines with their defaults resolved", () => {
  it("groups the instances of each obligation and period, with the units expected", () => {
    const deadlines = planDeadlines(plan);
    const plans = deadlines.find((d) => d.definition.obligationId === "ke-hoach");
    expect(plans?.definition.units.sort()).toEqual(["to-1", "to-2"]);
    expect(plans?.instances.map((i) => i.unitId).sort()).toEqual(["to-1", "to-2"]);
    expect(new Set(deadlines.map((d) => deadlineId(d.definition))).size).toBe(deadlines.length);
  });

  it("takes reminders and escalation from the obligation, or else the plan's defaults", () => {
    for (const { definition } of planDeadlines(plan)) {
      const obligation = plan.obligations.find((o) => o.id === definition.obligationId);
      expect(definition.escalation).toEqual(obligation?.escalation ?? plan.defaults.escalation);
      expect(definition.sendAt).toBe((obligation?.reminders ?? plan.defaults.reminders).at);
      expect(definition.year).toBe(plan.year);
      expect(definition.state).toBe("active");
    }
  });
});

describe("instance and deadline ids", () => {
  it("split back into the parts they were composed of", () => {
    const ref = { planId: "p", obligationId: "bao-cao", period: "2025-Q1", unitId: "u" };
    expect(parseInstanceId(instanceId(ref))).toEqual(ref);
    expect(parseDeadlineId(deadlineId(ref))).toEqual({
      planId: "p",
      obligationId: "bao-cao",
      period: "2025-Q1",
    });
  });

  it("refuse ids with a missing or empty part, or a key separator", () => {
    expect(parseInstanceId("p:o:2025")).toBeUndefined();
    expect(parseInstanceId("p::2025:u")).toBeUndefined();
    expect(parseInstanceId("p:o#x:2025:u")).toBeUndefined();
    expect(parseDeadlineId("p:o:2025:u")).toBeUndefined();
  });
});
