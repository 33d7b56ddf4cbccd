/**
 * Who is late right now, unit by unit: the overview's "late right now" list groups the late
 * (unit × deadline) items of `lateNow` (shared/console/timeliness.ts) by unit, because the office
 * calls a unit once about everything it owes, not once per report. Pure: the page groups the view
 * model's `lateNow`, which the JSON API keeps as it was (one entry per late item).
 */
import type { LateUnit } from "./model";

/** A unit late right now, with everything it owes. */
export interface LateUnitGroup {
  unitId: string;
  unitName: string;
  /** Its late items, longest late first (equally late ones in `lateNow`'s order). Never empty. */
  items: LateUnit[];
  /** Days late of its longest-late item. */
  maxDaysLate: number;
  /** How to reach it: the contact of its most recent late deadline that has one (see `contactOf`). */
  contact: LateUnit["contact"];
  /** Reminders sent to it about these items, summed. */
  remindersSent: number;
  /** Sends to it about these items that failed, summed. */
  failedSends: number;
}

const hasContact = (c: LateUnit["contact"]) => Boolean(c.person || c.email || c.phone);

/**
 * One contact per unit. Each item carries the contact its deadline was shared with; they differ
 * only when the unit's contact changed between deadlines, and then the latest cut-off's is the
 * one the office last gave (an edit on the unit's page reaches its open deadlines). An item with
 * no contact at all does not hide an earlier one that has some.
 */
function contactOf(items: readonly LateUnit[]): LateUnit["contact"] {
  const byCutOff = [...items].sort((a, b) => Date.parse(b.dueAt) - Date.parse(a.dueAt));
  return byCutOff.find((i) => hasContact(i.contact))?.contact ?? {};
}

/**
 * The late items grouped by unit: longest lateness first, then most items, then in the order the
 * units first appear in `late` (plan order for `lateNow`'s equally late items), so that the same
 * input always gives the same list.
 */
export function lateUnitGroups(late: readonly LateUnit[]): LateUnitGroup[] {
  const byUnit = Map.groupBy(late, (l) => l.unitId);
  const groups = [...byUnit.values()].map((list): LateUnitGroup => {
    const items = [...list].sort((a, b) => b.daysLate - a.daysLate);
    const first = items[0] as LateUnit;
    return {
      unitId: first.unitId,
      unitName: first.unitName,
      items,
      maxDaysLate: first.daysLate,
      contact: contactOf(items),
      remindersSent: items.reduce((n, i) => n + i.remindersSent, 0),
      failedSends: items.reduce((n, i) => n + i.failedSends, 0),
    };
  });
  return groups.sort((a, b) => b.maxDaysLate - a.maxDaysLate || b.items.length - a.items.length);
}
