/**
 * Deadlines in words people can act on: the weekday, and when the last on-time day is a weekend
 * day or a holiday, the last working day before it (across weekends, Tết and New Year).
 */
import { describe, expect, it } from "vitest";
import { addDays } from "../../shared/calendar/civil-date";
import { deadlineWords, weekdayName, weekdayShort } from "../../shared/calendar/deadline-text";

describe("weekdayName", () => {
  it("names a whole week, Monday 24/03/2025 to Sunday 30/03/2025", () => {
    const week = Array.from({ length: 7 }, (_, i) => addDays("2025-03-24", i));
    expect(week.map(weekdayName)).toEqual([
      "thứ Hai",
      "thứ Ba",
      "thứ Tư",
      "thứ Năm",
      "thứ Sáu",
      "thứ Bảy",
      "Chủ nhật",
    ]);
    expect(week.map(weekdayShort)).toEqual(["T2", "T3", "T4", "T5", "T6", "T7", "CN"]);
  });

  it("agrees with the IANA calendar on every day of 2025 and 2026", () => {
    const intl = new Intl.DateTimeFormat("en-US", { weekday: "short", timeZone: "UTC" });
    const english = { Sun: "CN", Mon: "T2", Tue: "T3", Wed: "T4", Thu: "T5", Fri: "T6", Sat: "T7" };
    for (let d = "2025-01-01"; d < "2027-01-01"; d = addDays(d, 1)) {
      const day = intl.format(new Date(`${d}T12:00:00Z`)) as keyof typeof english;
      expect(weekdayShort(d), d).toBe(english[day]);
    }
  });
});

describe("deadlineWords", () => {
  it("gives a cut-off on a working day its weekday, and the first late minute", () => {
    const w = deadlineWords("2025-03-25T00:00:00+07:00");
    expect(w).toEqual({
      at: "23:59 thứ Hai 24/03/2025",
      atShort: "23:59 T2 24/03/2025",
      lateFrom: "00:00 thứ Ba 25/03/2025",
      lastDay: "2025-03-24",
      text: "hạn chót: 23:59 thứ Hai 24/03/2025",
    });
  });

  it("reads the same instant whatever offset it is written in", () => {
    expect(deadlineWords("2025-03-24T17:00:00Z")).toEqual(deadlineWords("2025-03-25T00:00:00+07:00"));
  });

  it("names the last working day before a cut-off on Sunday 14/03/2021", () => {
    const w = deadlineWords("2021-03-15T00:00:00+07:00");
    expect(w.text).toBe("hạn chót: 23:59 Chủ nhật 14/03/2021 — ngày làm việc cuối: thứ Sáu 12/03");
    expect(w.dayOff).toEqual({
      lastWorkingDay: "2021-03-12",
      lastWorkingDayText: "thứ Sáu 12/03",
      lastWorkingDayShort: "T6 12/03",
      reason: "ngày 14/03 là Chủ nhật",
    });
  });

  it("names the holiday and the working day before Tết 2026 (off 14–22 February)", () => {
    for (const day of ["2026-02-14", "2026-02-18", "2026-02-22"]) {
      const w = deadlineWords(`${addDays(day, 1)}T00:00:00+07:00`);
      expect(w.dayOff?.lastWorkingDay, day).toBe("2026-02-13");
      expect(w.dayOff?.holiday, day).toBe("Tết Nguyên đán");
      expect(w.text, day).toContain("(nghỉ Tết Nguyên đán) — ngày làm việc cuối: thứ Sáu 13/02");
    }
    // The first working day after Tết is just a Monday.
    expect(deadlineWords("2026-02-24T00:00:00+07:00").dayOff).toBeUndefined();
  });

  it("gives the year of a last working day in the year before (New Year 2026, off 1–4 January)", () => {
    const w = deadlineWords("2026-01-02T00:00:00+07:00");
    expect(w.at).toBe("23:59 thứ Năm 01/01/2026");
    expect(w.dayOff?.lastWorkingDayText).toBe("thứ Tư 31/12/2025");
    expect(w.dayOff?.reason).toBe("ngày 01/01 nghỉ Tết Dương lịch");
  });

  it("says nothing more on a Saturday worked in exchange for a bridge day (10/01/2026)", () => {
    const w = deadlineWords("2026-01-11T00:00:00+07:00");
    expect(w.at).toBe("23:59 thứ Bảy 10/01/2026");
    expect(w.dayOff).toBeUndefined();
  });

  it("reads a cut-off not at midnight as itself, without a late-from minute", () => {
    const w = deadlineWords("2025-03-24T17:00:00+07:00");
    expect(w.at).toBe("17:00 thứ Hai 24/03/2025");
    expect(w.lateFrom).toBeUndefined();
  });

  it("refuses what is not an instant", () => {
    expect(() => deadlineWords("hạn chót: 23:59 ngày 24/03/2025")).toThrow(RangeError);
  });
});
