/**
 * Civil dates (a day on the wall calendar, no time zone) and instants in Vietnam time.
 *
 * Vietnam (Asia/Ho_Chi_Minh) has been UTC+7 without daylight saving since 1975, so an instant in
 * Vietnam time is a fixed offset from UTC; the tests check this against the IANA zone via Intl.
 */

export const VIETNAM_TIME_ZONE = "Asia/Ho_Chi_Minh";
const OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** "YYYY-MM-DD" */
export type CivilDate = string;

export function civilDate(year: number, month: number, day: number): CivilDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function parts(date: CivilDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Days since 1970-01-01. */
export function dayNumber(date: CivilDate): number {
  const { year, month, day } = parts(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

export function fromDayNumber(n: number): CivilDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromDayNumber(dayNumber(date) + days);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function lastDayOfMonth(year: number, month: number): CivilDate {
  return civilDate(year, month, daysInMonth(year, month));
}

/** A day in a month, clamped to the month's length (day 31 of June is 30 June). */
export function dayInMonth(year: number, month: number, day: number): CivilDate {
  return civilDate(year, month, Math.min(day, daysInMonth(year, month)));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: CivilDate): number {
  return (dayNumber(date) + 4) % 7;
}

/** The instant a civil day starts (00:00) in Vietnam, as epoch milliseconds. */
export function startOfDayInVietnam(date: CivilDate): number {
  return dayNumber(date) * DAY_MS - OFFSET_MS;
}

/** The instant at HH:MM on a civil day in Vietnam. */
export function atVietnamTime(date: CivilDate, hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return startOfDayInVietnam(date) + ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
}

/** ISO 8601 with the +07:00 offset, e.g. 2025-03-25T00:00:00+07:00. */
export function toVietnamIso(epochMs: number): string {
  return `${new Date(epochMs + OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** The civil date in Vietnam at an instant. */
export function vietnamDateOf(epochMs: number): CivilDate {
  return new Date(epochMs + OFFSET_MS).toISOString().slice(0, 10);
}

/** "24/03/2025", as dates are written in Vietnamese documents. */
export function formatVietnameseDate(date: CivilDate): string {
  const { year, month, day } = parts(date);
  return `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`;
}

/** "23:59 ngày 24/03/2025" for an instant. */
export function formatVietnameseInstant(epochMs: number): string {
  const iso = new Date(epochMs + OFFSET_MS).toISOString();
  return `${iso.slice(11, 16)} ngày ${formatVietnameseDate(iso.slice(0, 10))}`;
}
