/**
 * The late items grouped by unit for the overview: every item kept once under its unit, the
 * counts and sums right, the units in the order the office calls them, one contact per unit.
 */
import { describe, expect, it } from "vitest";
import { lateUnitGroups } from "../../shared/console/late-units";
import type { LateUnit } from "../../shared/console/model";

const MONTHS = ["2025-01", "2025-02", "2025-03", "2025-04"];

/** A late item of `unitId` for the month `period` (cut-off the 5th of the next month). */
function late(unitId: string, period: string, daysLate: number, more: Partial<LateUnit> = {}): LateUnit {
  const month = Number(period.slice(5));
  return {
    instanceId: `plan:bao-cao-thang:${period}:${unitId}`,
    unitId,
    unitName: `Đơn vị ${unitId}`,
    obligationId: "bao-cao-thang",
    period,
    periodText: `tháng ${period.slice(5)}/2025`,
    title: "Báo cáo tháng",
    dueAt: `2025-${String(month + 1).padStart(2, "0")}-05T00:00:00+07:00`,
    daysLate,
    status: "missing",
    contact: { person: `Cán bộ ${unitId}`, email: `${unitId}@example.org` },
    remindersSent: 1,
    failedSends: 0,
    ...more,
  };
}

describe("lateUnitGroups", () => {
  it("is empty when nobody is late", () => {
    expect(lateUnitGroups([])).toEqual([]);
  });

  it("keeps every late item once, under its own unit, longest late first", () => {
    const items = [
      late("a", "2025-01", 90),
      late("b", "2025-01", 90),
      late("a", "2025-03", 30),
      late("c", "2025-02", 60),
      late("a", "2025-02", 60),
    ];
    const groups = lateUnitGroups(items);
    const flat = groups.flatMap((g) => g.items);
    expect(flat).toHaveLength(items.length);
    expect(new Set(flat.map((i) => i.instanceId))).toEqual(new Set(items.map((i) => i.instanceId)));
    for (const g of groups) for (const i of g.items) expect(i.unitId).toBe(g.unitId);
    const a = groups.find((g) => g.unitId === "a");
    expect(a?.items.map((i) => i.daysLate)).toEqual([90, 60, 30]);
    expect(a?.unitName).toBe("Đơn vị a");
  });

  it("sums the reminders and the failed sends and counts the items and the longest lateness", () => {
    const groups = lateUnitGroups([
      late("a", "2025-01", 98, { remindersSent: 5, failedSends: 1 }),
      late("a", "2025-02", 70, { remindersSent: 4, failedSends: 0, status: "returned" }),
      late("a", "2025-03", 39, { remindersSent: 3, failedSends: 2 }),
      late("b", "2025-03", 39, { remindersSent: 7, failedSends: 0 }),
    ]);
    expect(
      groups.map((g) => [g.unitId, g.items.length, g.maxDaysLate, g.remindersSent, g.failedSends]),
    ).toEqual([
      ["a", 3, 98, 12, 3],
      ["b", 1, 39, 7, 0],
    ]);
  });

  it("orders the units by their longest lateness, then by how many items they owe, then as they came", () => {
    const groups = lateUnitGroups([
      late("one-old", "2025-01", 113),
      late("first-of-two", "2025-02", 70),
      late("two-items", "2025-02", 70),
      late("second-of-two", "2025-02", 70),
      late("two-items", "2025-04", 9),
      late("recent", "2025-04", 9),
    ]);
    expect(groups.map((g) => g.unitId)).toEqual([
      "one-old",
      // 70 days each: the unit owing two items first, the others in the order they came.
      "two-items",
      "first-of-two",
      "second-of-two",
      "recent",
    ]);
  });

  it("gives one contact: that of the latest cut-off, unless that item has none", () => {
    const [changed] = lateUnitGroups([
      late("a", "2025-01", 90, { contact: { person: "Cũ", email: "cu@example.org" } }),
      late("a", "2025-03", 30, { contact: { person: "Mới", phone: "+84900000001" } }),
      late("a", "2025-02", 60, { contact: { email: "giua@example.org" } }),
    ]);
    expect(changed?.contact).toEqual({ person: "Mới", phone: "+84900000001" });
    const [gap] = lateUnitGroups([
      late("a", "2025-03", 30, { contact: {} }),
      late("a", "2025-02", 60, { contact: { email: "giua@example.org" } }),
    ]);
    expect(gap?.contact).toEqual({ email: "giua@example.org" });
    const [none] = lateUnitGroups(MONTHS.map((m, i) => late("a", m, 40 - i, { contact: {} })));
    expect(none?.contact).toEqual({});
    expect(none?.items).toHaveLength(4);
  });
});
