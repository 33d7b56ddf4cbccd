/**
 * Next year's plan from this year's (shared/plan/next-year.ts): each kind of date moved by hand-
 * checked examples, and the whole Long Biên 2025 plan moved to 2026 — it passes plan:check, and its
 * calendar is 2025's one year later.
 */

import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { expandPlan } from "../../shared/calendar/expand";
import { loadPlan, parsePlan } from "../../shared/plan/load";
import { blankNumber, nextYearPlan, shiftRule, shiftYearsInText } from "../../shared/plan/next-year";
import { PlanFile, type ScheduleRule } from "../../shared/plan/schema";

const ONE = { from: 2025, until: 2025 };
const rule = (r: unknown) => r as ScheduleRule;

describe("moving a plan's dates to the next year", () => {
  it("moves a fixed day, and says so when the day does not exist next year", () => {
    expect(shiftRule(rule({ kind: "date", date: "2025-01-20", cutoff: "before" }), ONE, 1)).toEqual({
      rule: { kind: "date", date: "2026-01-20", cutoff: "before" },
    });
    const leap = shiftRule(
      rule({ kind: "date", date: "2024-02-29", cutoff: "by" }),
      { from: 2024, until: 2024 },
      1,
    );
    expect(leap?.rule).toEqual({ kind: "date", date: "2025-02-28", cutoff: "by" });
    expect(leap?.note).toContain("29/2 không có trong năm 2025");
  });

  it("moves the year of months and month-end rules, and the active range of recurring ones", () => {
    expect(shiftRule(rule({ kind: "months", months: [10], year: 2025 }), ONE, 1)?.rule).toEqual({
      kind: "months",
      months: [10],
      year: 2026,
    });
    expect(shiftRule(rule({ kind: "month-end", month: 3, year: 2025 }), ONE, 1)?.rule).toMatchObject({
      year: 2026,
    });
    // No year: next year's dates come by themselves.
    expect(shiftRule(rule({ kind: "months", months: [6, 11] }), ONE, 1)).toBeUndefined();
    expect(
      shiftRule(rule({ kind: "monthly", day: 4, cutoff: "before", covers: "previous-month" }), ONE, 1),
    ).toBeUndefined();
    expect(
      shiftRule(
        rule({ kind: "monthly", day: 4, cutoff: "before", covers: "previous-month", from: "2025-10" }),
        ONE,
        1,
      )?.rule,
    ).toMatchObject({ from: "2026-10" });
    expect(
      shiftRule(rule({ kind: "yearly", month: 12, day: 15, cutoff: "before", until: "2025-12" }), ONE, 1)
        ?.rule,
    ).toMatchObject({ until: "2026-12" });
  });

  it("moves a horizon inside the plan's years, keeps one beyond them, and moves a start written in words", () => {
    expect(shiftRule(rule({ kind: "by-year", year: 2025 }), ONE, 1)?.rule).toEqual({
      kind: "by-year",
      year: 2026,
    });
    const horizon = shiftRule(rule({ kind: "by-year", year: 2030, from: 2026 }), ONE, 1);
    expect(horizon?.rule).toEqual({ kind: "by-year", year: 2030, from: 2026 });
    expect(horizon?.note).toContain("2030");
    expect(shiftRule(rule({ kind: "continuous", since: "quý I/2025" }), ONE, 1)?.rule).toEqual({
      kind: "continuous",
      since: "quý I/2026",
    });
    for (const r of [{ kind: "event" }, { kind: "times-per-year", count: 2 }, { kind: "unstated" }])
      expect(shiftRule(rule(r), ONE, 1)).toBeUndefined();
  });

  it("moves only the plan's own years in a text, and blanks the number keeping the document's kind", () => {
    expect(shiftYearsInText("trước ngày 20/01/2025, năm 2025, giai đoạn 2025-2030, NQ 20/2017", ONE, 1)).toBe(
      "trước ngày 20/01/2026, năm 2026, giai đoạn 2026-2030, NQ 20/2017",
    );
    expect(blankNumber("379/KH-UBND")).toBe("…/KH-UBND");
    expect(blankNumber("12/KH-BCĐ")).toBe("…/KH-BCĐ");
    expect(blankNumber("…")).toBe("…/KH-UBND");
  });

  it("refuses a year that is not after the plan's", async () => {
    const plan = await loadPlan("plans/long-bien-2025.yaml");
    expect(() => nextYearPlan(plan, { id: "x", year: 2025, at: "t" })).toThrow(/phải sau năm 2025/);
  });
});

describe("Long Biên 2025 moved to 2026", async () => {
  const plan = await loadPlan("plans/long-bien-2025.yaml");
  const moved = nextYearPlan(plan, { id: "long-bien-2026", year: 2026, at: "2025-11-20T00:00:00Z" });

  it("passes plan:check, as a file written and read back too", () => {
    const parsed = PlanFile.parse(moved);
    expect(parsed).toMatchObject({ id: "long-bien-2026", year: 2026, number: "…/KH-UBND", issuedOn: "2026" });
    expect(parsed.title).toContain("năm 2026");
    expect(parsed.title).not.toContain("2025");
    expect(parsePlan(stringify(moved), "long-bien-2026.yaml").id).toBe("long-bien-2026");
    // The same units, contacts included, and the same obligations.
    expect(parsed.units).toEqual(plan.units);
    expect(parsed.obligations.map((o) => o.id)).toEqual(plan.obligations.map((o) => o.id));
  });

  it("gives the same deadlines one year later, for every unit", () => {
    const next = PlanFile.parse(moved);
    const plusOne = (d: string) => `${Number(d.slice(0, 4)) + 1}${d.slice(4)}`;
    const key = (i: { obligationId: string; unitId: string; period: string; nominalDue: string }) =>
      `${i.obligationId} ${i.unitId} ${i.period} ${i.nominalDue}`;
    const was = expandPlan(plan, 2025).map((i) =>
      key({ ...i, period: i.period.replaceAll("2025", "2026"), nominalDue: plusOne(i.nominalDue) }),
    );
    const is = expandPlan(next, 2026).map(key);
    expect(was.length).toBeGreaterThan(100);
    expect(new Set(is)).toEqual(new Set(was));
  });

  it("lists for review every obligation whose dates it moved, the blank number and the targets", () => {
    const review = moved.draft?.review ?? [];
    const changed = plan.obligations.filter(
      (o, i) => JSON.stringify(o.schedule) !== JSON.stringify(PlanFile.parse(moved).obligations[i]?.schedule),
    );
    expect(changed.length).toBeGreaterThan(0);
    for (const o of changed)
      expect(
        review.some((r) => r.where === o.source && r.why.startsWith("đã dời sang năm 2026")),
        o.id,
      ).toBe(true);
    expect(review.map((r) => r.what)).toContain("số và ngày ban hành");
    expect(review.some((r) => r.where === "chỉ tiêu")).toBe(true);
    expect(moved.draft).toMatchObject({ source: "long-bien-2025", importedAt: "2025-11-20T00:00:00Z" });
  });
});

describe("a plan whose units changed during the year", async () => {
  const plan = await loadPlan("plans/hai-phong-2024.yaml");
  const moved = nextYearPlan(plan, {
    id: "hai-phong-next",
    year: (plan.untilYear ?? plan.year) + 1,
    at: "t",
  });

  it("keeps units' validity (facts about the units) and lists those that ended before the new plan", () => {
    const parsed = PlanFile.parse(moved);
    expect(parsed.units.map((u) => [u.id, u.validFrom, u.validUntil])).toEqual(
      plan.units.map((u) => [u.id, u.validFrom, u.validUntil]),
    );
    const ended = plan.units.filter(
      (u) => u.validUntil !== undefined && u.validUntil < `${parsed.year}-01-01`,
    );
    expect(ended.length).toBeGreaterThan(0);
    for (const u of ended)
      expect(
        (moved.draft?.review ?? []).some((r) => r.what === u.name && r.why.includes("đã kết thúc")),
        u.id,
      ).toBe(true);
  });
});
