import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expandPlan, undatedObligations } from "../../shared/calendar/expand";
import { parsePlan } from "../../shared/plan/load";
import type { PlanFile, PlanFileInput, ScheduleRule } from "../../shared/plan/schema";
import { PlanFile as PlanSchema } from "../../shared/plan/schema";

const fixture = parsePlan(readFileSync("test/fixtures/all-rules.yaml", "utf8"), "all-rules.yaml");
const byId = (plan: PlanFile, year: number) => new Map(expandPlan(plan, year).map((i) => [i.id, i]));

describe("expanding a plan into deadline instances", () => {
  const instances = byId(fixture, 2025);

  it("gives a fixed-date deliverable to each unit of the lead group, late from 00:00 Vietnam time", () => {
    const inst = instances.get("thu-nghiem:ke-hoach:2025:to-1");
    expect(inst).toMatchObject({
      kind: "deliverable",
      period: "2025",
      timing: "trước ngày 20/01/2025",
      nominalDue: "2025-01-19",
      effectiveDue: "2025-01-19",
      dueAt: "2025-01-20T00:00:00+07:00",
      dueText: "hạn chót: 23:59 ngày 19/01/2025",
      deliverTo: "tyt", // the committee's standing body by default
    });
    // 7, 3 and 1 days before; those on a weekend go out on the working day before.
    expect(inst?.remindAt).toEqual([
      "2025-01-10T08:00:00+07:00",
      "2025-01-16T08:00:00+07:00",
      "2025-01-17T08:00:00+07:00",
    ]);
    expect(instances.has("thu-nghiem:ke-hoach:2025:to-2")).toBe(true);
  });

  it('reads "trước ngày 25 của tháng cuối quý" as 23:59 on the 24th of March, June, September, December', () => {
    const quarterly = [...instances.values()].filter((i) => i.obligationId === "bao-cao-quy");
    expect(quarterly.map((i) => [i.period, i.dueText])).toEqual([
      ["2025-Q1", "hạn chót: 23:59 ngày 24/03/2025"],
      ["2025-Q2", "hạn chót: 23:59 ngày 24/06/2025"],
      ["2025-Q3", "hạn chót: 23:59 ngày 24/09/2025"],
      ["2025-Q4", "hạn chót: 23:59 ngày 24/12/2025"],
    ]);
    expect(quarterly[0]?.covers).toEqual({ from: "2025-01-01", to: "2025-03-31" });
  });

  it("makes activities with a window: reminded when it opens, confirmed by its end", () => {
    const exam = instances.get("thu-nghiem:kham:2025-03/2025-07:tyt");
    expect(exam).toMatchObject({ kind: "activity", opensOn: "2025-03-01", nominalDue: "2025-07-31" });
    // 1 March 2025 is a Saturday: the opening reminder waits for Monday 3 March.
    expect(exam?.remindAt[0]).toBe("2025-03-03T08:00:00+07:00");
    expect(exam?.deliverTo).toBeUndefined();
  });

  it("stops expecting a unit after it ceased to exist (validUntil)", () => {
    const monthly = (unit: string) =>
      [...instances.values()]
        .filter((i) => i.obligationId === "bao-cao-thang" && i.unitId === unit)
        .map((i) => i.period);
    expect(monthly("to-1")).toHaveLength(12);
    // Reports due up to 30 June (January–May) are still owed by to-2.
    expect(monthly("to-2")).toEqual(["2025-01", "2025-02", "2025-03", "2025-04", "2025-05"]);
  });

  it("keeps continuous, event-driven, n-times-a-year and relative items on the plan, undated", () => {
    expect(undatedObligations(fixture).map((o) => o.id)).toEqual([
      // Dated every quarter, and ad hoc ("và đột xuất") besides.
      "hop",
      "thuong-xuyen",
      "dot-xuat",
      "hai-lan",
      "moi-nguoi-dan",
    ]);
    expect([...instances.values()].some((i) => i.obligationId === "thuong-xuyen")).toBe(false);
  });

  it("puts a multi-year target in the year it is due", () => {
    expect([...instances.values()].some((i) => i.obligationId === "muc-tieu")).toBe(false);
    expect(byId(fixture, 2030).get("thu-nghiem:muc-tieu:2025/2030:ubnd")?.nominalDue).toBe("2030-12-31");
  });

  it("rolls a deadline on a holiday to the next working day when the plan opts into the Civil Code rule", () => {
    const input = {
      ...fixture,
      civilCodeRollover: true,
      obligations: [
        {
          ...fixture.obligations[0],
          timing: "trước ngày 30/01/2025",
          schedule: { kind: "date", date: "2025-01-30", cutoff: "before" } as ScheduleRule,
        },
      ],
    } as PlanFileInput;
    const rolled = expandPlan(PlanSchema.parse(input), 2025)[0];
    // 29 January 2025 is Tết Ất Tỵ (days off 25/01–02/02): the time limit ends at the end of Monday 3 February.
    expect(rolled).toMatchObject({
      nominalDue: "2025-01-29",
      effectiveDue: "2025-02-03",
      dueAt: "2025-02-04T00:00:00+07:00",
      dueText: "hạn chót: 23:59 ngày 03/02/2025",
    });
    // Opting out per obligation keeps the nominal date.
    const optedOut = PlanSchema.parse({
      ...input,
      obligations: [{ ...input.obligations?.[0], civilCodeRollover: false }],
    });
    expect(expandPlan(optedOut, 2025)[0]?.effectiveDue).toBe("2025-01-29");
  });

  it("orders instances by due instant and never emits a reminder at or after the cut-off", () => {
    const list = expandPlan(fixture, 2025);
    const dues = list.map((i) => i.dueAt);
    expect(dues).toEqual([...dues].sort());
    for (const inst of list)
      for (const r of inst.remindAt) expect(Date.parse(r)).toBeLessThan(Date.parse(inst.dueAt));
  });
});

describe("property: expansion never loses or duplicates an obligation-period-unit", () => {
  const datedRule: fc.Arbitrary<ScheduleRule> = fc.oneof(
    fc.record({
      kind: fc.constant("date" as const),
      date: fc
        .date({ min: new Date("2025-01-01"), max: new Date("2025-12-31"), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
      cutoff: fc.constantFrom("before" as const, "by" as const),
    }),
    fc.record({
      kind: fc.constant("months" as const),
      months: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 12 }),
    }),
    fc.record({
      kind: fc.constant("monthly" as const),
      day: fc.integer({ min: 1, max: 31 }),
      cutoff: fc.constantFrom("before" as const, "by" as const),
      covers: fc.constantFrom("previous-month" as const, "same-month" as const),
    }),
    fc.record({
      kind: fc.constant("quarterly" as const),
      day: fc.integer({ min: 1, max: 31 }),
      cutoff: fc.constantFrom("before" as const, "by" as const),
      monthOfQuarter: fc.integer({ min: 1, max: 3 }),
    }),
    fc.record({ kind: fc.constant("quarter-last-month" as const) }),
    fc.record({ kind: fc.constant("month-end" as const), month: fc.integer({ min: 1, max: 12 }) }),
    fc.record({
      kind: fc.constant("yearly" as const),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
      cutoff: fc.constantFrom("before" as const, "by" as const),
    }),
    fc.record({
      kind: fc.constant("on-day" as const),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
      confirmWithin: fc.integer({ min: 0, max: 10 }),
    }),
    // Each named month a round.
    fc
      .uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 12 })
      .map((months) => ({ kind: "times-per-year" as const, count: months.length, months })),
  );
  /** How many periods a rule has in 2025, counted from the rule itself. */
  const periodCount = (r: ScheduleRule): number => {
    switch (r.kind) {
      case "months": {
        const sorted = [...r.months].sort((a, b) => a - b);
        return sorted.filter((m, i) => i === 0 || sorted[i - 1] !== m - 1).length;
      }
      case "monthly":
        return 12;
      case "quarterly":
      case "quarter-last-month":
        return 4;
      case "times-per-year":
        return r.months === undefined ? 0 : r.count;
      default:
        return 1;
    }
  };

  it("has exactly periods × distinct lead units instances per obligation, all ids unique", () => {
    const planArb = fc
      .record({
        unitCount: fc.integer({ min: 1, max: 8 }),
        groupMembers: fc.array(
          fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 8 }),
          {
            maxLength: 3,
          },
        ),
        obligations: fc.array(
          fc.record({
            rule: datedRule,
            leads: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 4 }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
      })
      .map(({ unitCount, groupMembers, obligations }) => {
        const units = Array.from({ length: unitCount }, (_, i) => ({
          id: `u${i}`,
          name: `Đơn vị ${i}`,
          kind: "ward",
        }));
        const groups = groupMembers
          .map((members, i) => ({
            id: `g${i}`,
            name: `Nhóm ${i}`,
            members: members.filter((m) => m < unitCount).map((m) => `u${m}`),
          }))
          .filter((g) => g.members.length > 0);
        const leadIds = [...units.map((u) => u.id), ...groups.map((g) => g.id)];
        return {
          groups,
          input: {
            id: "p",
            title: "P",
            issuer: { name: "UBND", level: "ward", unit: "u0" },
            number: "1/KH",
            issuedOn: "2025",
            year: 2025,
            steeringCommittee: { unit: "u0", standingBody: "u0" },
            units,
            groups,
            obligations: obligations.map((o, i) => ({
              id: `o${i}`,
              title: `Nhiệm vụ ${i}`,
              source: "x",
              timing: "x",
              schedule: o.rule,
              lead: o.leads.map((l) => leadIds[l % leadIds.length] as string),
              ...(i % 2 === 0 && { deliverable: { what: "Báo cáo" } }),
            })),
          },
        };
      });

    fc.assert(
      fc.property(planArb, ({ input, groups }) => {
        const plan = PlanSchema.parse(input);
        const list = expandPlan(plan, 2025);
        expect(new Set(list.map((i) => i.id)).size).toBe(list.length);
        const members = new Map(groups.map((g) => [g.id, g.members]));
        for (const o of plan.obligations) {
          const units = new Set(o.lead.flatMap((id) => members.get(id) ?? [id]));
          const mine = list.filter((i) => i.obligationId === o.id);
          expect(mine.length).toBe(periodCount(o.schedule) * units.size);
          expect(new Set(mine.map((i) => i.unitId))).toEqual(units);
        }
      }),
      { numRuns: 300 },
    );
  });
});
