/**
 * Schedule rules → occurrences in one year. An occurrence is one period of an obligation
 * (2025, 2025-Q1, 2025-03, 2025-03/2025-07) with the last day on which it is on time.
 */
import type { ScheduleRule } from "../plan/schema";
import { addDays, type CivilDate, civilDate, dayInMonth, lastDayOfMonth } from "./civil-date";
import { isWorkingDay } from "./holidays";

export interface Occurrence {
  period: string;
  /** Last day on which the work is on time, as the plan states it (before any roll-over). */
  lastDay: CivilDate;
  /** For activities done during a window: the first day of the window. */
  opens?: CivilDate;
  /** The data the report covers, where the rule says (a month, a quarter). */
  covers?: { from: CivilDate; to: CivilDate };
  /** An activity held on a fixed day ("on-day"): that day; `lastDay` is then the last day to confirm it. */
  heldOn?: CivilDate;
}

export type DatedKind = Extract<
  ScheduleRule["kind"],
  | "date"
  | "yearly"
  | "month-end"
  | "months"
  | "monthly"
  | "quarterly"
  | "quarter-last-month"
  | "by-year"
  | "on-day"
  | "times-per-year"
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
  "on-day",
]);

/**
 * Undated rules (continuous, event-driven, relative, n times a year with no months) stay on the
 * plan only; n times a year whose months the document names is dated.
 */
export function isDated(rule: ScheduleRule): rule is Extract<ScheduleRule, { kind: DatedKind }> {
  return DATED.has(rule.kind) || (rule.kind === "times-per-year" && rule.months !== undefined);
}

/**
 * The rounds of a times-per-year rule whose document names the months, as [first, last] month
 * pairs: one month a round when there are as many months as rounds, else one run of consecutive
 * months a round ("tháng 3-5 và 9-11": two rounds). Undefined when neither gives `count` rounds.
 */
export function timesPerYearRounds(
  months: readonly number[],
  count: number,
): Array<[number, number]> | undefined {
  const sorted = [...new Set(months)].sort((a, b) => a - b);
  if (sorted.length === count) return sorted.map((m) => [m, m]);
  const runs = monthWindows(sorted);
  return runs.length === count ? runs : undefined;
}

/** The end of the n-th working day after `day` (n = 0: the day itself). */
export function workingDaysAfter(day: CivilDate, n: number): CivilDate {
  let d = day;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
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

/**
 * The figures of quarter q when they stop at day `until` of its last month: from the day after
 * `until` in the previous quarter's last month (Decree 09/2019/NĐ-CP, until = 14: Q1 is 15/12 of
 * the year before to 14/3). A day a month lacks is its last day.
 */
function quarterDataWindow(year: number, q: number, until: number): { from: CivilDate; to: CivilDate } {
  const [, last] = quarterMonths(q);
  const previous = last === 3 ? { year: year - 1, month: 12 } : { year, month: last - 3 };
  return {
    from: addDays(dayInMonth(previous.year, previous.month, until), 1),
    to: dayInMonth(year, last, until),
  };
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
          covers:
            rule.coversUntilDay === undefined
              ? { from: civilDate(year, first, 1), to: lastDayOfMonth(year, last) }
              : quarterDataWindow(year, q, rule.coversUntilDay),
        });
      }
      return out;
    }
    case "on-day": {
      const heldOn =
        rule.date !== undefined
          ? Number(rule.date.slice(0, 4)) === year
            ? rule.date
            : undefined
          : dayInMonth(year, rule.month ?? 1, rule.day ?? 1);
      if (heldOn === undefined || !inActiveRange(rule, heldOn.slice(0, 7))) return [];
      return [{ period: String(year), heldOn, lastDay: workingDaysAfter(heldOn, rule.confirmWithin) }];
    }
    case "times-per-year": {
      const rounds = rule.months && timesPerYearRounds(rule.months, rule.count);
      return (rounds ?? []).map(([from, to]) => monthWindow(year, from, to));
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
