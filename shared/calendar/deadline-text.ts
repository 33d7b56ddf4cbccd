/**
 * A cut-off instant in words people can act on: the weekday, and when the last on-time day is a
 * day off (weekend or public holiday), the last working day before it. Formatted at display time
 * from the instant (dueAt), so that every message and page says the same thing.
 */
import { addDays, type CivilDate, formatVietnameseDate, vietnamDateOf, weekday } from "./civil-date";
import { HOLIDAY_NAMES_VI, holidayOn, isWorkingDay, previousWorkingDay } from "./holidays";

const WEEKDAYS = ["Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"] as const;

/** "thứ Hai" … "thứ Bảy", "Chủ nhật" (as written inside a sentence). */
export function weekdayName(date: CivilDate): string {
  return WEEKDAYS[weekday(date)] as string;
}

const WEEKDAYS_SHORT = ["CN", "T2", "T3", "T4", "T5", "T6", "T7"] as const;

/** "T2" … "T7", "CN": as Vietnamese write weekdays where room is short (SMS). */
export function weekdayShort(date: CivilDate): string {
  return WEEKDAYS_SHORT[weekday(date)] as string;
}

/** "thứ Hai 24/03/2025" */
export function dayText(date: CivilDate): string {
  return `${weekdayName(date)} ${formatVietnameseDate(date)}`;
}

export interface DeadlineWords {
  /** "23:59 thứ Hai 24/03/2025": the last on-time minute, in Vietnam time. */
  at: string;
  /** "23:59 T2 24/03/2025": the same, short (for SMS). */
  atShort: string;
  /** "00:00 thứ Ba 25/03/2025": the first minute that counts as late, for a cut-off at midnight. */
  lateFrom?: string;
  /** The last on-time day (Vietnam time). */
  lastDay: CivilDate;
  /** When the last on-time day is not a working day. */
  dayOff?: {
    /** The holiday's name ("Tết Nguyên đán"), absent for a plain weekend. */
    holiday?: string;
    lastWorkingDay: CivilDate;
    /** "thứ Sáu 12/03" (the year only when it differs from the last day's). */
    lastWorkingDayText: string;
    /** "T6 12/03" */
    lastWorkingDayShort: string;
    /** "ngày 14/03 là Chủ nhật", "ngày 16/02 nghỉ Tết Nguyên đán" */
    reason: string;
  };
  /** "hạn chót: 23:59 Chủ nhật 14/03/2021 — ngày làm việc cuối: thứ Sáu 12/03" */
  text: string;
}

const MINUTE_MS = 60_000;
const OFFSET_MS = 7 * 60 * MINUTE_MS;

function hhmm(epochMs: number): string {
  return new Date(epochMs + OFFSET_MS).toISOString().slice(11, 16);
}

/** The words for a cut-off given as the instant from which a submission is late (ISO 8601). */
export function deadlineWords(dueAt: string): DeadlineWords {
  const dueMs = Date.parse(dueAt);
  if (Number.isNaN(dueMs)) throw new RangeError(`Không đọc được thời điểm hạn chót: ${dueAt}`);
  // A cut-off at midnight reads as the last minute of the day before ("trước ngày 25" → 23:59 on
  // the 24th); any other cut-off reads as itself.
  const midnight = hhmm(dueMs) === "00:00";
  const lastMs = midnight ? dueMs - MINUTE_MS : dueMs;
  const lastDay = vietnamDateOf(lastMs);
  const at = `${hhmm(lastMs)} ${dayText(lastDay)}`;
  const atShort = `${hhmm(lastMs)} ${weekdayShort(lastDay)} ${formatVietnameseDate(lastDay)}`;
  const lateFrom = midnight ? `00:00 ${dayText(addDays(lastDay, 1))}` : undefined;
  let dayOff: DeadlineWords["dayOff"];
  if (!isWorkingDay(lastDay)) {
    const holiday = holidayOn(lastDay);
    const lastWorkingDay = previousWorkingDay(lastDay);
    const sameYear = lastWorkingDay.slice(0, 4) === lastDay.slice(0, 4);
    const date = formatVietnameseDate(lastWorkingDay);
    const shown = sameYear ? date.slice(0, 5) : date;
    const holidayName = holiday && HOLIDAY_NAMES_VI[holiday];
    const day = formatVietnameseDate(lastDay).slice(0, 5);
    dayOff = {
      ...(holidayName && { holiday: holidayName }),
      lastWorkingDay,
      lastWorkingDayText: `${weekdayName(lastWorkingDay)} ${shown}`,
      lastWorkingDayShort: `${weekdayShort(lastWorkingDay)} ${shown}`,
      reason: holidayName ? `ngày ${day} nghỉ ${holidayName}` : `ngày ${day} là ${weekdayName(lastDay)}`,
    };
  }
  const note = dayOff
    ? `${dayOff.holiday ? ` (nghỉ ${dayOff.holiday})` : ""} — ngày làm việc cuối: ${dayOff.lastWorkingDayText}`
    : "";
  return {
    at,
    atShort,
    ...(lateFrom && { lateFrom }),
    lastDay,
    ...(dayOff && { dayOff }),
    text: `hạn chót: ${at}${note}`,
  };
}
