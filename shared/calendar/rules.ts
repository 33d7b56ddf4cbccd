/**
 * Schedule rules → occurrences in one year. An occurrence is one period of an obligation
 * (2025, 2025-Q1, 2025-03, 2025-03/2025-07) with the last day on which it is on time.
 */
import type { ScheduleRule } from "../plan/schema";
import { addDays, type CivilDate, civilDate, dayInMonth, lastDayOfMonth } from "./civil-date";

export interface Occurrence {
  period: string;
  /** Last day on which the work is on time, as the plan states it (before any roll-over). */
  lastDay: CivilDate;
  /** For activities done during a window: the first day of the window. */
  opens?: CivilDate;
  /** The data the report covers, where the rule says (a month, a quarter). */
  covers?: { from: CivilDate; to: CivilDate };
}

export type DatedKind = Extract<
  ScheduleRule["kind"],
  "date" | "yearly" | "month-end" | "months" | "monthly" | "quarterly" | "quarter-last-month" | "by-year"
>;

const DATED = new Set<ScheduleRule["kind"]>([
  "date",
  "yearly",
  "month-end",
  "months",
  "monthly",
  "quarterly",
  "quarter-last-month",
  "by-year",
]);

/** Undated rules (continuous, event-driven, n times a year, relative) stay on the plan only. */
export function isDated(rule: ScheduleRule): rule is Extract<ScheduleRule, { kind: DatedKind }> {
  return DATED.has(rule.kind);
}

const ym = (year: number, month: number) => `${year}-${String(month).padStart(2, "0")}`;

function lastDayFor(date: CivilDate, cutoff: "before" | "by"): CivilDate {
  return cutoff === "before" ? addDays(date, -1) : date;
}

function inActiveRange(rule: { from?: string | undefined; until?: string | undefined }, yearMonth: string) {
  return (
    (rule.from === undefined || yearMonth >= rule.from) &&
    (rule.until === undefined || yearMonth <= rule.until)
  );
}

/** Runs of consecutive months: [3,4,5,6,7] → [[3,7]]; [6,11,12] → [[6,6],[11,12]]. */
export function monthWindows(months: readonly number[]): Array<[number, number]> {
  const sorted = [...new Set(months)].sort((a, b) => a - b);
  const windows: Array<[number, number]> = [];
  for (const m of sorted) {
    const last = windows.at(-1);
    if (last && last[1] === m - 1) last[1] = m;
    else windows.push([m, m]);
  }
  return windows;
}

function monthWindow(year: number, from: number, to: number): Occurrence {
  return {
    period: from === to ? ym(year, from) : `${ym(year, from)}/${ym(year, to)}`,
    opens: civilDate(year, from, 1),
    lastDay: lastDayOfMonth(year, to),
  };
}

function quarterMonths(q: number): [number, number] {
  return [3 * (q - 1) + 1, 3 * q];
}

/** The occurrences of a rule whose period falls in `year`. */
export function occurrences(rule: ScheduleRule, year: number): Occurrence[] {
  switch (rule.kind) {
    case "date": {
      if (Number(rule.date.slice(0, 4)) !== year) return [];
      return [{ period: String(year), lastDay: lastDayFor(rule.date, rule.cutoff) }];
    }
    case "yearly": {
      if (!inActiveRange(rule, ym(year, rule.month))) return [];
      return [
        { period: String(year), lastDay: lastDayFor(dayInMonth(year, rule.month, rule.day), rule.cutoff) },
      ];
    }
    case "month-end": {
      if (rule.year !== undefined && rule.year !== year) return [];
      return [{ period: String(year), lastDay: lastDayOfMonth(year, rule.month) }];
    }
    case "months": {
      if (rule.year !== undefined && rule.year !== year) return [];
      return monthWindows(rule.months).map(([from, to]) => monthWindow(year, from, to));
    }
    case "monthly": {
      const out: Occurrence[] = [];
      for (let month = 1; month <= 12; month++) {
        if (!inActiveRange(rule, ym(year, month))) continue;
        const dueYear = rule.covers === "previous-month" && month === 12 ? year + 1 : year;
        const dueMonth = rule.covers === "previous-month" ? (month % 12) + 1 : month;
        out.push({
          period: ym(year, month),
          lastDay: lastDayFor(dayInMonth(dueYear, dueMonth, rule.day), rule.cutoff),
          covers: { from: civilDate(year, month, 1), to: lastDayOfMonth(year, month) },
        });
      }
      return out;
    }
    case "quarterly": {
      const out: Occurrence[] = [];
      for (let q = 1; q <= 4; q++) {
        const [first, last] = quarterMonths(q);
        const dueMonth = first + rule.monthOfQuarter - 1;
        if (!inActiveRange(rule, ym(year, dueMonth))) continue;
        out.push({
          period: `${year}-Q${q}`,
          lastDay: lastDayFor(dayInMonth(year, dueMonth, rule.day), rule.cutoff),
          covers: { from: civilDate(year, first, 1), to: lastDayOfMonth(year, last) },
        });
      }
      return out;
    }
    case "quarter-last-month": {
      const out: Occurrence[] = [];
      for (let q = 1; q <= 4; q++) {
        const [, last] = quarterMonths(q);
        if (!inActiveRange(rule, ym(year, last))) continue;
        out.push({ ...monthWindow(year, last, last), period: `${year}-Q${q}` });
      }
      return out;
    }
    case "by-year": {
      if (rule.year !== year) return [];
      const from = rule.from ?? year;
      return [
        {
          period: from === year ? String(year) : `${from}/${year}`,
          opens: civilDate(from, 1, 1),
          lastDay: civilDate(year, 12, 31),
        },
      ];
    }
    default:
      return [];
  }
}
