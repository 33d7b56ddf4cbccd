import { describe, expect, it } from "vitest";
import type { RankedPlan } from "../../shared/console/model";
import { deadlinesOfShares, rankPlans } from "../../shared/console/ranking";

const plan = (
  planId: string,
  onTimeRate: number | null,
  reportingRate: number | null,
  lateNow = 0,
): RankedPlan => ({
  planId,
  title: `Kế hoạch ${planId}`,
  issuerName: `UBND ${planId}`,
  year: 2025,
  expected: 10,
  actual: 0,
  reportingRate,
  actualOnTime: 0,
  onTimeRate,
  lateNow,
});

describe("ranking the plans of an oversight body", () => {
  it("puts the best on-time rate first, then the best reporting rate, then fewer late, and nothing due last", () => {
    const ranked = rankPlans([
      plan("xa-1", 50, 90),
      plan("xa-2", null, null),
      plan("xa-3", 80, 80),
      plan("xa-4", 50, 95, 3),
      plan("xa-5", 50, 95, 1),
      plan("xa-6", 0, 0),
    ]);
    expect(ranked.map((p) => p.planId)).toEqual(["xa-3", "xa-5", "xa-4", "xa-1", "xa-6", "xa-2"]);
  });

  it("does not reorder its input", () => {
    const input = [plan("xa-1", 10, 10), plan("xa-2", 90, 90)];
    rankPlans(input);
    expect(input.map((p) => p.planId)).toEqual(["xa-1", "xa-2"]);
  });
});

describe("the deadlines a ranking reads from the expectations' copies", () => {
  const share = (unitId: string, period: string, dueAt: string) => ({
    instanceId: `p:o:${period}:${unitId}`,
    obligationId: "o",
    period,
    unitId,
    unitName: unitId,
    state: "expected" as const,
    dueAt,
  });

  it("gives one deadline per obligation and period, with the latest cut-off its copies carry", () => {
    expect(
      deadlinesOfShares([
        share("a", "2025-Q1", "2025-03-25T00:00:00+07:00"),
        // Extended for every unit; this copy already follows, the other not yet.
        share("a", "2025-Q2", "2025-06-25T00:00:00+07:00"),
        share("b", "2025-Q2", "2025-07-05T00:00:00+07:00"),
      ]),
    ).toEqual([
      {
        obligationId: "o",
        period: "2025-Q1",
        title: "",
        dueAt: "2025-03-25T00:00:00+07:00",
        state: "active",
      },
      {
        obligationId: "o",
        period: "2025-Q2",
        title: "",
        dueAt: "2025-07-05T00:00:00+07:00",
        state: "active",
      },
    ]);
  });
});
