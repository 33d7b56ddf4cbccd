/**
 * The console's figures on a small plan (test/console/timeliness-scenario.ts), against values
 * computed by hand: the arithmetic is written beside each one.
 */
import { describe, expect, it } from "vitest";
import { planDeadlines } from "../../shared/calendar/deadlines";
import {
  cutOffMonth,
  daysAfter,
  figuresOf,
  heatmapMatrix,
  lateNow,
  monthlySeries,
  type PlanYearFacts,
  timelinessReport,
  timelinessRows,
  unitFigures,
} from "../../shared/console/timeliness";
import {
  AS_OF,
  D1,
  D2,
  D3,
  EXTENSIONS,
  id,
  PLAN_ID,
  REVIEWS,
  SENDS,
  STATES,
  SUBMISSIONS,
  smallPlan,
} from "./timeliness-scenario";

/** The scenario as the plan-year's facts, the deadlines and expectations as publication makes them. */
function scenarioFacts(): PlanYearFacts {
  const planned = planDeadlines(smallPlan).filter((d) => d.definition.year === 2025);
  const units = new Map(smallPlan.units.map((u) => [u.id, u]));
  const state = new Map(STATES.map((s) => [id(s.ref, s.ref.unitId), s.state]));
  const extended = new Map(EXTENSIONS.map((e) => [id(e.ref, e.ref.unitId), e.extendedTo]));
  return {
    deadlines: planned.map((d) => d.definition).reverse(), // the rows sort them by cut-off
    shares: planned.flatMap((d) =>
      d.instances.map((i) => ({
        instanceId: i.id,
        obligationId: i.obligationId,
        period: i.period,
        unitId: i.unitId,
        unitName: i.unitName,
        state: state.get(i.id) ?? "expected",
        ...(extended.has(i.id) && { extendedTo: extended.get(i.id) }),
        contacts: units.get(i.unitId)?.contacts,
      })),
    ),
    submissions: SUBMISSIONS.map((s) => ({ instanceId: id(s.ref, s.ref.unitId), ...s })),
    reviews: REVIEWS.map((r) => ({ instanceId: id(r.ref, r.ref.unitId), ...r })),
    sends: SENDS.map((s) => ({ instanceId: id(s.ref, s.ref.unitId), stage: s.stage, status: s.status })),
    unitOrder: smallPlan.units.map((u) => u.id),
  };
}

const asOfMs = AS_OF.getTime();
const statuses = (row: { units: Array<{ unitId: string; status: string }> }) =>
  Object.fromEntries(row.units.map((c) => [c.unitId, c.status]));

describe("timeliness of a small plan (4 hamlets × 3 deadlines), hand-computed", () => {
  const report = timelinessReport(PLAN_ID, 2025, scenarioFacts(), AS_OF);

  it("orders the deadlines by cut-off and gives each unit its status", () => {
    expect(report.rows.map((r) => [r.obligationId, r.period, r.dueAt])).toEqual([
      ["bao-cao-quy", "2025-Q1", "2025-03-25T00:00:00+07:00"],
      ["bao-cao-quy", "2025-Q2", "2025-06-25T00:00:00+07:00"],
      ["danh-sach", "2025", "2025-09-01T00:00:00+07:00"],
    ]);
    const [q1, q2, list] = report.rows;
    expect(q1 && statuses(q1)).toEqual({
      "thon-a": "on-time",
      "thon-b": "late",
      "thon-c": "missing",
      // Its own cut-off (05/04) is after the deadline's: in on 02/04, on time.
      "thon-d": "on-time",
    });
    expect(q2 && statuses(q2)).toEqual({
      "thon-a": "returned",
      // v1 returned; v2 (26/06) is the version that counts: late.
      "thon-b": "late",
      // Extended to 31/07: not due yet.
      "thon-c": "pending",
      // A correction after the cut-off does not make the on-time version late.
      "thon-d": "on-time",
    });
    expect(list && statuses(list)).toEqual({
      "thon-a": "on-time",
      "thon-b": "returned",
      "thon-c": "cancelled",
      "thon-d": "waived",
    });
    // Units in the plan's order, not by name (Đông, Bắc, Tây, Nam).
    expect(q1?.units.map((c) => c.unitName)).toEqual(["Thôn Đông", "Thôn Bắc", "Thôn Tây", "Thôn Nam"]);
  });

  it("times each version against the unit's own cut-off", () => {
    const [q1, q2] = report.rows;
    const cell = (row: typeof q1, unitId: string) => row?.units.find((c) => c.unitId === unitId);
    // 27/03 02:00Z − 24/03 17:00Z = 2 d 9 h → 3 started days.
    expect(cell(q1, "thon-b")).toMatchObject({
      lateDays: 3,
      submittedAt: "2025-03-27T02:00:00.000Z",
      versions: 1,
    });
    expect(cell(q1, "thon-d")).toMatchObject({
      dueAt: "2025-04-05T17:00:00.000Z",
      extendedTo: "2025-04-05T17:00:00.000Z",
      submittedAt: "2025-04-02T02:00:00.000Z",
    });
    expect(cell(q1, "thon-d")?.lateDays).toBeUndefined();
    // 26/06 02:00Z − 24/06 17:00Z = 1 d 9 h → 2.
    expect(cell(q2, "thon-b")).toMatchObject({ lateDays: 2, versions: 2, latestReceipt: "B2-2" });
    expect(cell(q2, "thon-d")).toMatchObject({
      submittedAt: "2025-06-23T02:00:00.000Z",
      versions: 2,
      latestReceipt: "D2-2",
    });
    expect(cell(q2, "thon-a")).toMatchObject({ versions: 1, latestReceipt: "A2-1" });
    expect(cell(q2, "thon-a")?.submittedAt).toBeUndefined();
  });

  it("gives DHIS2's five figures per deadline", () => {
    const figures = report.rows.map(({ expected, actual, reportingRate, actualOnTime, onTimeRate }) => ({
      expected,
      actual,
      reportingRate,
      actualOnTime,
      onTimeRate,
    }));
    expect(figures).toEqual([
      // Q1: 4 expected; in: A, B, D → 3/4 = 75 %; on time: A, D → 2/4 = 50 %.
      { expected: 4, actual: 3, reportingRate: 75, actualOnTime: 2, onTimeRate: 50 },
      // Q2: 4 expected (C pending counts); in: B, D → 2/4 = 50 %; on time: D → 1/4 = 25 %.
      { expected: 4, actual: 2, reportingRate: 50, actualOnTime: 1, onTimeRate: 25 },
      // List: C cancelled and D waived are not expected → 2; in: A → 1/2; on time: A → 1/2.
      { expected: 2, actual: 1, reportingRate: 50, actualOnTime: 1, onTimeRate: 50 },
    ]);
  });

  it("totals only what is due: deadlines whose cut-off passed, less units whose own has not", () => {
    // Q1: A on time, B late, C missing, D on time; Q2: A returned, B late, D on time (C extended
    // to 31/07 is left out); the list (due 01/09) is not counted yet. Expected 7, in 5 → 71.4 %
    // (5/7 = 71.43), on time 3 → 42.9 % (3/7 = 42.86).
    expect(report.totals).toEqual({
      expected: 7,
      actual: 5,
      reportingRate: 71.4,
      actualOnTime: 3,
      onTimeRate: 42.9,
    });
    expect(report.asOf).toBe("2025-07-10T03:00:00.000Z");
  });

  it("lists the units late right now, most days first, with contact and messages", () => {
    expect(lateNow(report.rows, scenarioFacts(), asOfMs)).toEqual([
      {
        instanceId: id(D1, "thon-c"),
        unitId: "thon-c",
        unitName: "Thôn Tây",
        obligationId: "bao-cao-quy",
        period: "2025-Q1",
        periodText: "quý I/2025",
        title: "Báo cáo tiến độ quý",
        dueAt: "2025-03-25T00:00:00+07:00",
        // 24/03 17:00Z → 09/07 17:00Z is 31 + 30 + 31 + 15 = 107 days, + 10 h → 108 started days.
        daysLate: 108,
        status: "missing",
        contact: { person: "Trưởng Thôn Tây", email: "thon-c@example.org", phone: "+84900000202" },
        // The lifecycle's e-mail and the console's "remind now"; the SMS failed.
        remindersSent: 2,
        failedSends: 1,
      },
      {
        instanceId: id(D2, "thon-a"),
        unitId: "thon-a",
        unitName: "Thôn Đông",
        obligationId: "bao-cao-quy",
        period: "2025-Q2",
        periodText: "quý II/2025",
        title: "Báo cáo tiến độ quý",
        dueAt: "2025-06-25T00:00:00+07:00",
        // 24/06 17:00Z → 10/07 03:00Z = 15 d 10 h → 16.
        daysLate: 16,
        status: "returned",
        contact: { person: "Trưởng Thôn Đông", email: "thon-a@example.org", phone: "+84900000200" },
        // The return notice is not a reminder.
        remindersSent: 1,
        failedSends: 0,
      },
    ]);
  });

  it("charts the on-time rate of the months whose deadlines are due", () => {
    expect(monthlySeries(report.rows, asOfMs)).toEqual([
      {
        month: "2025-03",
        label: "tháng 03/2025",
        expected: 4,
        actual: 3,
        reportingRate: 75,
        actualOnTime: 2,
        onTimeRate: 50,
      },
      // A returned, B late, D on time: 2/3 = 66.7 %, 1/3 = 33.3 %.
      {
        month: "2025-06",
        label: "tháng 06/2025",
        expected: 3,
        actual: 2,
        reportingRate: 66.7,
        actualOnTime: 1,
        onTimeRate: 33.3,
      },
    ]);
  });

  it("draws the heatmap: units in plan order × deadlines by cut-off, absent where not asked", () => {
    const facts = scenarioFacts();
    // Thôn Tây was never asked for the list (rather than cancelled): its cell is absent.
    const rows = timelinessRows(
      { ...facts, shares: facts.shares.filter((s) => s.instanceId !== id(D3, "thon-c")) },
      asOfMs,
    );
    const map = heatmapMatrix(rows, facts.unitOrder);
    expect(map.units.map((u) => u.unitId)).toEqual(["thon-a", "thon-b", "thon-c", "thon-d"]);
    expect(map.deadlines.map((d) => d.periodText)).toEqual(["quý I/2025", "quý II/2025", "năm 2025"]);
    expect(map.cells.map((row) => row.map((c) => c?.status))).toEqual([
      ["on-time", "returned", "on-time"],
      ["late", "late", "returned"],
      ["missing", "pending", undefined],
      ["on-time", "on-time", "waived"],
    ]);
  });

  it("gives a unit its figures over what is due", () => {
    const cellsOf = (unitId: string) =>
      report.rows.flatMap((r) =>
        r.units.filter((c) => c.unitId === unitId).map((c) => ({ ...c, deadlineDueAt: r.dueAt })),
      );
    // A: Q1 on time, Q2 returned; the list is not due → 1 of 2 in, on time.
    expect(unitFigures(cellsOf("thon-a"), asOfMs)).toEqual({
      expected: 2,
      actual: 1,
      reportingRate: 50,
      actualOnTime: 1,
      onTimeRate: 50,
    });
    // C: Q1 missing; Q2 extended (not due), the list cancelled (not due either).
    expect(unitFigures(cellsOf("thon-c"), asOfMs)).toEqual({
      expected: 1,
      actual: 0,
      reportingRate: 0,
      actualOnTime: 0,
      onTimeRate: 0,
    });
  });
});

describe("the figures' edge cases", () => {
  it("has null rates when nothing is expected", () => {
    expect(figuresOf([{ status: "waived" }, { status: "cancelled" }])).toEqual({
      expected: 0,
      actual: 0,
      reportingRate: null,
      actualOnTime: 0,
      onTimeRate: null,
    });
  });

  it("rounds rates to one decimal", () => {
    // 2/3 = 66.666… → 66.7; 1/3 → 33.3; 1/6 = 16.666… → 16.7.
    const cells = [
      { status: "on-time" as const },
      { status: "late" as const },
      ...Array.from({ length: 4 }, () => ({ status: "missing" as const })),
    ];
    expect(figuresOf(cells)).toMatchObject({ reportingRate: 33.3, onTimeRate: 16.7 });
  });

  it("puts a 'before the 1st' cut-off in the month before, in Vietnam time", () => {
    expect(cutOffMonth("2025-04-01T00:00:00+07:00")).toBe("2025-03");
    expect(cutOffMonth("2025-03-25T00:00:00+07:00")).toBe("2025-03");
    // 31/03 18:00Z is 01:00 on 1 April in Vietnam.
    expect(cutOffMonth("2025-03-31T18:00:00Z")).toBe("2025-04");
  });

  it("counts days late as started days, at least one", () => {
    const due = "2025-03-24T17:00:00Z";
    expect(daysAfter(due, Date.parse("2025-03-24T17:00:01Z"))).toBe(1);
    expect(daysAfter(due, Date.parse("2025-03-25T17:00:00Z"))).toBe(1);
    expect(daysAfter(due, Date.parse("2025-03-25T17:00:01Z"))).toBe(2);
  });

  it("sees a unit exactly at its cut-off as still on time, and as missing a moment after", () => {
    const facts = scenarioFacts();
    const q1 = (at: string) =>
      timelinessRows(facts, Date.parse(at))[0]?.units.find((c) => c.unitId === "thon-c")?.status;
    expect(q1("2025-03-24T17:00:00Z")).toBe("pending");
    expect(q1("2025-03-24T17:00:00.001Z")).toBe("missing");
  });
});
