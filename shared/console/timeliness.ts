/**
 * Timeliness as the console shows it, pure: from a plan-year's deadlines and what each unit owes,
 * sent and had reviewed, each unit's cell status, DHIS2's five figures per deadline and in total,
 * the units late right now, the monthly series and the heatmap. No I/O, the instant passed in.
 *
 *   expected       units asked for the deadline, less the waived and cancelled ones
 *   actual         units whose version that counts is in (a returned version does not count)
 *   reportingRate  actual / expected × 100
 *   actualOnTime   units whose version that counts arrived by their cut-off
 *   onTimeRate     actualOnTime / expected × 100
 * Rates have one decimal and are null when nothing is expected.
 *
 * Which version decides timeliness: the first version the office did not return
 * (shared/submission/derive.ts); a unit whose latest version was returned owes a new one and is
 * "returned", not counted as in. A waived or cancelled expectation is that, whatever was sent.
 *
 * Totals (and the monthly series, the unit page, the ranking) cover only the deadlines whose cut-off
 * has passed at `asOf`, and within them leave out a unit whose own extended cut-off has not passed
 * yet: a rate is not lowered by what is not yet due.
 */
import { periodText } from "../calendar/period-text";
import type { Contacts } from "../plan/schema";
import {
  deriveStatus,
  type ExpectationState,
  type ReviewFact,
  type SubmissionFact,
} from "../submission/derive";
import type {
  CellStatus,
  DeadlineSummary,
  Figures,
  HeatmapView,
  LateUnit,
  RatePoint,
  TimelinessReport,
  TimelinessRow,
  UnitCell,
} from "./model";

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** A deadline (obligation × period) as read. */
export interface DeadlineFacts {
  obligationId: string;
  period: string;
  title: string;
  /** The deadline's cut-off (its current one, after an extension for every unit). */
  dueAt: string;
  /** An activity held on a fixed day: that day (the cut-off is then the last moment to confirm it). */
  heldOn?: string | undefined;
  state: "active" | "cancelled";
}

/** One unit's share of a deadline (its expectation) as read. */
export interface ShareFacts {
  instanceId: string;
  obligationId: string;
  period: string;
  unitId: string;
  unitName: string;
  state: ExpectationState;
  /** The unit's own cut-off after an extension for it alone. */
  extendedTo?: string;
  contacts?: Contacts;
}

export interface SendFacts {
  instanceId: string;
  stage: string;
  status: "sending" | "sent" | "failed";
}

/** A plan-year as read: what every computation here starts from. */
export interface PlanYearFacts {
  deadlines: readonly DeadlineFacts[];
  shares: readonly ShareFacts[];
  submissions: ReadonlyArray<SubmissionFact & { instanceId: string }>;
  reviews: ReadonlyArray<ReviewFact & { instanceId: string }>;
  sends?: readonly SendFacts[];
  /** Unit ids in the order the plan lists them; others follow by name. */
  unitOrder?: readonly string[];
}

export const deadlineKey = (d: { obligationId: string; period: string }) => `${d.obligationId}:${d.period}`;

/** A unit's cut-off: its own after an extension for it alone, else the deadline's (as the lifecycle reads it). */
export const cutOffOf = (deadline: { dueAt: string }, share: { extendedTo?: string }) =>
  share.extendedTo ?? deadline.dueAt;

/** Passed: `asOf` is after it (a version sent at the very instant is still on time). */
const passed = (instant: string, asOfMs: number) => asOfMs > Date.parse(instant);

/** Whole days after `instant` at `asOfMs`, counting a started day (at least 1 once passed). */
export function daysAfter(instant: string, asOfMs: number): number {
  return Math.max(1, Math.ceil((asOfMs - Date.parse(instant)) / DAY_MS));
}

export function summaryOf(d: DeadlineFacts): DeadlineSummary {
  return {
    obligationId: d.obligationId,
    period: d.period,
    periodText: periodText(d.period),
    title: d.title,
    dueAt: d.dueAt,
    ...(d.heldOn !== undefined && { heldOn: d.heldOn }),
    state: d.state,
  };
}

/** One unit on one deadline at `asOfMs`. */
export function unitCell(
  deadline: DeadlineFacts,
  share: ShareFacts,
  submissions: readonly SubmissionFact[],
  reviews: readonly ReviewFact[],
  asOfMs: number,
): UnitCell {
  const dueAt = cutOffOf(deadline, share);
  const derived = deriveStatus(share.state, dueAt, submissions, reviews);
  let status: CellStatus;
  if (share.state === "waived" || share.state === "cancelled") status = share.state;
  else if (derived.status === "returned") status = "returned";
  else if (derived.status === "submitted") status = derived.timeliness?.late ? "late" : "on-time";
  else status = passed(dueAt, asOfMs) ? "missing" : "pending";
  return {
    instanceId: share.instanceId,
    unitId: share.unitId,
    unitName: share.unitName,
    status,
    dueAt,
    ...(share.extendedTo && { extendedTo: share.extendedTo }),
    ...(derived.submittedAt && status !== "waived" && status !== "cancelled"
      ? { submittedAt: derived.submittedAt }
      : {}),
    ...(status === "late" && derived.timeliness ? { lateDays: derived.timeliness.lateDays } : {}),
    versions: derived.versions,
    ...(derived.latestReceipt && { latestReceipt: derived.latestReceipt }),
  };
}

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part * 1000) / whole) / 10);

/** DHIS2's five figures over some cells. */
export function figuresOf(cells: ReadonlyArray<{ status: CellStatus }>): Figures {
  let expected = 0;
  let actual = 0;
  let actualOnTime = 0;
  for (const { status } of cells) {
    if (status === "waived" || status === "cancelled") continue;
    expected++;
    if (status === "on-time" || status === "late") actual++;
    if (status === "on-time") actualOnTime++;
  }
  return {
    expected,
    actual,
    reportingRate: rate(actual, expected),
    actualOnTime,
    onTimeRate: rate(actualOnTime, expected),
  };
}

/** Whether a cell counts in totals at `asOfMs`: its deadline's cut-off and its own have passed. */
export function isDue(row: { dueAt: string }, cell: { dueAt: string }, asOfMs: number): boolean {
  return passed(row.dueAt, asOfMs) && passed(cell.dueAt, asOfMs);
}

/** Unit ids → their rank in the plan's order; units the plan does not list sort after, by name. */
export function unitSorter(unitOrder: readonly string[] = []) {
  const rank = new Map(unitOrder.map((id, i) => [id, i]));
  return (a: { unitId: string; unitName: string }, b: { unitId: string; unitName: string }) =>
    (rank.get(a.unitId) ?? Number.MAX_SAFE_INTEGER) - (rank.get(b.unitId) ?? Number.MAX_SAFE_INTEGER) ||
    a.unitName.localeCompare(b.unitName, "vi");
}

/** Deadlines by cut-off, then obligation and period. */
export function byCutOff(a: DeadlineFacts, b: DeadlineFacts): number {
  return (
    Date.parse(a.dueAt) - Date.parse(b.dueAt) ||
    a.obligationId.localeCompare(b.obligationId) ||
    a.period.localeCompare(b.period)
  );
}

/** The rows of a plan-year: each deadline in cut-off order with its units' cells in plan order. */
export function timelinessRows(facts: PlanYearFacts, asOfMs: number): TimelinessRow[] {
  const submissions = Map.groupBy(facts.submissions, (s) => s.instanceId);
  const reviews = Map.groupBy(facts.reviews, (r) => r.instanceId);
  const shares = Map.groupBy(facts.shares, (s) => deadlineKey(s));
  const order = unitSorter(facts.unitOrder);
  return [...facts.deadlines].sort(byCutOff).map((d) => {
    const units = (shares.get(deadlineKey(d)) ?? [])
      .map((s) =>
        unitCell(d, s, submissions.get(s.instanceId) ?? [], reviews.get(s.instanceId) ?? [], asOfMs),
      )
      .sort(order);
    return { ...summaryOf(d), ...figuresOf(units), units };
  });
}

/** Totals over what is due at `asOfMs` (see the top of this module). */
export function totalsOf(rows: readonly TimelinessRow[], asOfMs: number): Figures {
  return figuresOf(rows.flatMap((r) => r.units.filter((c) => isDue(r, c, asOfMs))));
}

export function timelinessReport(
  planId: string,
  year: number,
  facts: PlanYearFacts,
  asOf: Date,
): TimelinessReport {
  const rows = timelinessRows(facts, asOf.getTime());
  return { planId, year, asOf: asOf.toISOString(), rows, totals: totalsOf(rows, asOf.getTime()) };
}

/** Whether a stage is a reminder to the unit: the lifecycle's ("remind@…") or the office's ("manual@<day>"). */
export const isReminder = (stage: string) => stage.startsWith("remind@") || stage.startsWith("manual@");

/**
 * The units late right now: missing, or returned after their cut-off, most days late first. With
 * their first contact, the reminders sent to them for that deadline and the sends that failed.
 */
export function lateNow(
  rows: readonly TimelinessRow[],
  facts: Pick<PlanYearFacts, "shares" | "sends">,
  asOfMs: number,
): LateUnit[] {
  const shares = new Map(facts.shares.map((s) => [s.instanceId, s]));
  const sends = Map.groupBy(facts.sends ?? [], (s) => s.instanceId);
  const out: LateUnit[] = [];
  for (const row of rows) {
    for (const cell of row.units) {
      const late = cell.status === "missing" || (cell.status === "returned" && passed(cell.dueAt, asOfMs));
      if (!late) continue;
      const contacts = shares.get(cell.instanceId)?.contacts;
      const mine = sends.get(cell.instanceId) ?? [];
      out.push({
        instanceId: cell.instanceId,
        unitId: cell.unitId,
        unitName: cell.unitName,
        obligationId: row.obligationId,
        period: row.period,
        periodText: row.periodText,
        title: row.title,
        dueAt: cell.dueAt,
        ...(row.heldOn !== undefined && { heldOn: row.heldOn }),
        daysLate: daysAfter(cell.dueAt, asOfMs),
        status: cell.status as LateUnit["status"],
        contact: {
          ...(contacts?.person && { person: contacts.person }),
          ...(contacts?.emails[0] && { email: contacts.emails[0] }),
          ...(contacts?.phones[0] && { phone: contacts.phones[0] }),
        },
        remindersSent: mine.filter((s) => isReminder(s.stage) && s.status === "sent").length,
        failedSends: mine.filter((s) => s.status === "failed").length,
      });
    }
  }
  // Stable: equally late units stay in the rows' order (deadline by cut-off, units in plan order).
  return out.sort((a, b) => b.daysLate - a.daysLate);
}

/**
 * The month ("YYYY-MM", Vietnam time) a cut-off closes: that of its last on-time instant, so that
 * "before 1 April" (00:00 on 1/4) is a March deadline.
 */
export function cutOffMonth(dueAt: string): string {
  return new Date(Date.parse(dueAt) - 1 + VIETNAM_OFFSET_MS).toISOString().slice(0, 7);
}

/** The figures of the deadlines closing in each month, for the months with something due at `asOfMs`. */
export function monthlySeries(rows: readonly TimelinessRow[], asOfMs: number): RatePoint[] {
  const months = Map.groupBy(
    rows.flatMap((r) =>
      r.units.filter((c) => isDue(r, c, asOfMs)).map((c) => ({ month: cutOffMonth(r.dueAt), c })),
    ),
    (x) => x.month,
  );
  return [...months.keys()].sort().map((month) => ({
    month,
    label: periodText(month),
    ...figuresOf((months.get(month) ?? []).map((x) => x.c)),
  }));
}

/** Units in plan order × deadlines in cut-off order; a cell is absent where the unit is not asked. */
export function heatmapMatrix(
  rows: readonly TimelinessRow[],
  unitOrder?: readonly string[],
): Pick<HeatmapView, "deadlines" | "units" | "cells"> {
  const names = new Map<string, string>();
  for (const r of rows) for (const c of r.units) names.set(c.unitId, c.unitName);
  const units = [...names].map(([unitId, unitName]) => ({ unitId, unitName })).sort(unitSorter(unitOrder));
  const byUnit = rows.map((r) => new Map(r.units.map((c) => [c.unitId, c])));
  return {
    deadlines: rows.map(({ obligationId, period, periodText, title, dueAt, heldOn, state }) => ({
      obligationId,
      period,
      periodText,
      title,
      dueAt,
      ...(heldOn !== undefined && { heldOn }),
      state,
    })),
    units,
    cells: units.map((u) => byUnit.map((cells) => cells.get(u.unitId))),
  };
}

/** A unit's figures over its deadlines due at `asOfMs` (its on-time rate on the unit page). */
export function unitFigures(
  cells: ReadonlyArray<{ status: CellStatus; dueAt: string; deadlineDueAt: string }>,
  asOfMs: number,
): Figures {
  return figuresOf(cells.filter((c) => isDue({ dueAt: c.deadlineDueAt }, c, asOfMs)));
}
