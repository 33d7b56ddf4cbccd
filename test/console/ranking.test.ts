import { describe, expect, it } from "vitest";
import type { RankedPlan } from "../../shared/console/model";
import {
  deadlinesOfShares,
  FIGURES_FRESH_MS,
  isFresh,
  rankingFigures,
  rankPlans,
} from "../../shared/console/ranking";

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
  computedAt: "2025-11-15T03:00:00.000Z",
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

describe("a plan-year's figures for the ranking", () => {
  const Q1 = "2025-03-25T00:00:00+07:00";
  const Q2 = "2025-06-25T00:00:00+07:00";
  const share = (
    unitId: string,
    period: string,
    dueAt: string,
    state: "expected" | "waived" = "expected",
  ) => ({
    instanceId: `p:o:${period}:${unitId}`,
    obligationId: "o",
    period,
    unitId,
    unitName: unitId,
    state,
    dueAt,
  });
  const shares = [
    share("a", "2025-Q1", Q1),
    share("b", "2025-Q1", Q1),
    share("c", "2025-Q1", Q1),
    share("d", "2025-Q1", Q1, "waived"),
    share("a", "2025-Q2", Q2),
    share("b", "2025-Q2", Q2),
  ];
  const submissions = [
    // a: on time; b: 2 days late; c: nothing (missing); Q2: a in early, b nothing yet.
    { instanceId: "p:o:2025-Q1:a", receipt: "A1", submittedAt: "2025-03-20T02:00:00Z" },
    { instanceId: "p:o:2025-Q1:b", receipt: "B1", submittedAt: "2025-03-26T02:00:00Z" },
    { instanceId: "p:o:2025-Q2:a", receipt: "A2", submittedAt: "2025-06-01T02:00:00Z" },
  ];

  it("counts only what is due: the totals and the units late now", () => {
    // 10/05: Q1 due (a, b, c expected; d waived), Q2 not yet.
    const may = rankingFigures({ shares, submissions, reviews: [] }, Date.parse("2025-05-10T03:00:00Z"));
    expect(may).toEqual({
      expected: 3,
      actual: 2,
      reportingRate: 66.7,
      actualOnTime: 1,
      onTimeRate: 33.3,
      lateNow: 1,
    });
    // 10/07: Q2 due too; b has not sent it → 5 expected, 3 in, 2 on time, c and b late now.
    const july = rankingFigures({ shares, submissions, reviews: [] }, Date.parse("2025-07-10T03:00:00Z"));
    expect(july).toEqual({
      expected: 5,
      actual: 3,
      reportingRate: 60,
      actualOnTime: 2,
      onTimeRate: 40,
      lateNow: 2,
    });
  });

  it("counts a version returned after its cut-off as late now", () => {
    const reviews = [
      {
        instanceId: "p:o:2025-Q1:a",
        receipt: "A1",
        decision: "returned" as const,
        at: "2025-04-01T02:00:00Z",
      },
    ];
    const figures = rankingFigures({ shares, submissions, reviews }, Date.parse("2025-05-10T03:00:00Z"));
    expect([figures.actual, figures.actualOnTime, figures.lateNow]).toEqual([1, 0, 2]);
  });
});

describe("whether a plan-year's figures are fresh", () => {
  const at = "2025-11-15T03:00:00.000Z";
  const t = Date.parse(at);

  it("reuses them within the window, and not from its end on", () => {
    expect(isFresh(at, t, FIGURES_FRESH_MS)).toBe(true);
    expect(isFresh(at, t + FIGURES_FRESH_MS - 1, FIGURES_FRESH_MS)).toBe(true);
    expect(isFresh(at, t + FIGURES_FRESH_MS, FIGURES_FRESH_MS)).toBe(false);
    expect(FIGURES_FRESH_MS).toBe(5 * 60_000);
  });

  it("does not reuse figures computed after now (a clock set back)", () => {
    expect(isFresh(at, t - 1, FIGURES_FRESH_MS)).toBe(false);
  });
});
