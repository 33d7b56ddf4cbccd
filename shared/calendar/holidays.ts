/**
 * Non-working days for public servants in Vietnam.
 *
 * The statutory holidays (Labour Code 2019, Art. 112) are computed: 1/1, Tết (5 days: the lunar
 * year's eve and lunar 1/1–1/4), Hùng Kings' day (lunar 10/3), 30/4, 1/5, 2/9 plus one adjacent day.
 * A holiday on a weekly rest day moves to the next working day (Art. 111(3)).
 * Each year the government announces the exact days off (Tết placement, bridge days, Saturdays
 * worked in exchange); where an announcement is recorded in OFFICIAL_DAYS_OFF it replaces the
 * computed days of that holiday.
 */
import { addDays, type CivilDate, civilDate, weekday } from "./civil-date";
import { lunarToSolar } from "./lunar";

export type HolidayName = "new-year" | "tet" | "hung-kings" | "reunification" | "labour" | "national-day";

export const HOLIDAY_NAMES_VI: Record<HolidayName, string> = {
  "new-year": "Tết Dương lịch",
  tet: "Tết Nguyên đán",
  "hung-kings": "Giỗ Tổ Hùng Vương",
  reunification: "Ngày Chiến thắng 30/4",
  labour: "Ngày Quốc tế Lao động 1/5",
  "national-day": "Quốc khánh 2/9",
};

export interface OfficialDaysOff {
  year: number;
  holiday: HolidayName;
  /** Inclusive ranges of days off. */
  off: Array<[CivilDate, CivilDate]>;
  /** Weekend days worked in exchange for a bridge day. */
  worked?: CivilDate[];
  source: string;
}

/** Announced days off for public servants. Add a year's announcement here when it is published. */
export const OFFICIAL_DAYS_OFF: readonly OfficialDaysOff[] = [
  {
    year: 2021,
    holiday: "tet",
    off: [["2021-02-10", "2021-02-16"]],
    source: "Thông báo của Bộ LĐ-TB&XH, Tết Tân Sửu",
  },
  {
    year: 2022,
    holiday: "tet",
    off: [["2022-01-29", "2022-02-06"]],
    source: "Thông báo của Bộ LĐ-TB&XH, Tết Nhâm Dần",
  },
  {
    year: 2023,
    holiday: "tet",
    off: [["2023-01-20", "2023-01-26"]],
    source: "Thông báo của Bộ LĐ-TB&XH, Tết Quý Mão",
  },
  {
    year: 2024,
    holiday: "tet",
    off: [["2024-02-08", "2024-02-14"]],
    source: "Thông báo của Bộ LĐ-TB&XH, Tết Giáp Thìn",
  },
  {
    year: 2025,
    holiday: "tet",
    off: [["2025-01-25", "2025-02-02"]],
    source: "Thông báo của Bộ Nội vụ, Tết Ất Tỵ",
  },
  {
    year: 2026,
    holiday: "new-year",
    off: [["2026-01-01", "2026-01-04"]],
    worked: ["2026-01-10"],
    source: "Thông báo của Bộ Nội vụ về nghỉ Tết Dương lịch 2026",
  },
  {
    year: 2026,
    holiday: "tet",
    off: [["2026-02-14", "2026-02-22"]],
    source: "Thông báo của Bộ Nội vụ, Tết Bính Ngọ",
  },
  {
    year: 2026,
    holiday: "national-day",
    off: [["2026-08-29", "2026-09-02"]],
    source: "Thông báo của Bộ Nội vụ về nghỉ lễ Quốc khánh 2026",
  },
];

function solar(d: { day: number; month: number; year: number }): CivilDate {
  return civilDate(d.year, d.month, d.day);
}

/** Lunar new year's day (mùng 1 Tết) in a Gregorian year. */
export function tetDate(year: number): CivilDate {
  return solar(lunarToSolar({ day: 1, month: 1, year }));
}

/** Hùng Kings' commemoration day (lunar 10/3) in a Gregorian year. */
export function hungKingsDate(year: number): CivilDate {
  return solar(lunarToSolar({ day: 10, month: 3, year }));
}

/** The statutory days of each holiday, before moving those that fall on a weekend. */
export function statutoryHolidays(year: number): Array<{ date: CivilDate; holiday: HolidayName }> {
  const tet = tetDate(year);
  const nationalDay = civilDate(year, 9, 2);
  // The adjacent day of 2/9 is chosen to join the weekend where one side does (Decree 145/2020, Art. 54).
  const adjacent = [3, 1, 3, 3, 3, 1, 1][weekday(nationalDay)] as number;
  return [
    { date: civilDate(year, 1, 1), holiday: "new-year" },
    ...[-1, 0, 1, 2, 3].map((d) => ({ date: addDays(tet, d), holiday: "tet" as const })),
    { date: hungKingsDate(year), holiday: "hung-kings" },
    { date: civilDate(year, 4, 30), holiday: "reunification" },
    { date: civilDate(year, 5, 1), holiday: "labour" },
    { date: nationalDay, holiday: "national-day" },
    { date: civilDate(year, 9, adjacent), holiday: "national-day" },
  ];
}

function isWeekend(date: CivilDate): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

export interface YearDaysOff {
  /** Non-working weekdays and holidays, with the holiday they belong to. */
  holidays: Map<CivilDate, HolidayName>;
  /** Weekend days that are working days this year (swapped for a bridge day). */
  worked: Set<CivilDate>;
}

const cache = new Map<number, YearDaysOff>();

export function daysOff(year: number): YearDaysOff {
  const cached = cache.get(year);
  if (cached) return cached;

  const official = OFFICIAL_DAYS_OFF.filter((o) => o.year === year);
  const announced = new Set(official.map((o) => o.holiday));
  const holidays = new Map<CivilDate, HolidayName>();
  const worked = new Set<CivilDate>();

  for (const o of official) {
    for (const [from, to] of o.off) {
      for (let d = from; d <= to; d = addDays(d, 1)) holidays.set(d, o.holiday);
    }
    for (const w of o.worked ?? []) worked.add(w);
  }

  const computed = statutoryHolidays(year).filter((h) => !announced.has(h.holiday));
  for (const h of computed) holidays.set(h.date, h.holiday);
  // Art. 111(3): a holiday on a rest day is taken on the next working day.
  for (const h of computed) {
    if (!isWeekend(h.date)) continue;
    let d = addDays(h.date, 1);
    while (isWeekend(d) || holidays.has(d)) d = addDays(d, 1);
    holidays.set(d, h.holiday);
  }

  const result = { holidays, worked };
  cache.set(year, result);
  return result;
}

export function holidayOn(date: CivilDate): HolidayName | undefined {
  return daysOff(Number(date.slice(0, 4))).holidays.get(date);
}

export function isWorkingDay(date: CivilDate): boolean {
  const year = daysOff(Number(date.slice(0, 4)));
  if (year.holidays.has(date)) return false;
  if (year.worked.has(date)) return true;
  return !isWeekend(date);
}

/** The date itself if it is a working day, else the next working day. */
export function nextWorkingDay(date: CivilDate): CivilDate {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** The date itself if it is a working day, else the working day before it. */
export function previousWorkingDay(date: CivilDate): CivilDate {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, -1);
  return d;
}
