import { describe, expect, it } from "vitest";
import { holidayOn, isWorkingDay, nextWorkingDay, statutoryHolidays } from "../../shared/calendar/holidays";

describe("non-working days", () => {
  it("uses the announced days off of 2026 (DOMAIN.md): 1–4 Jan, Tết 14–22 Feb, 29 Aug–2 Sep", () => {
    for (const d of ["2026-01-01", "2026-01-02", "2026-02-16", "2026-02-20", "2026-08-31", "2026-09-01"]) {
      expect(isWorkingDay(d), d).toBe(false);
    }
    expect(holidayOn("2026-02-14")).toBe("tet");
    expect(holidayOn("2026-02-22")).toBe("tet");
    expect(isWorkingDay("2026-02-23")).toBe(true);
    // Saturday 10 January 2026 is worked in exchange for Friday 2 January.
    expect(isWorkingDay("2026-01-10")).toBe(true);
  });

  it("computes Tết and Hùng Kings' day from the lunar calendar where nothing is announced", () => {
    const days2028 = statutoryHolidays(2028)
      .filter((h) => h.holiday === "tet")
      .map((h) => h.date);
    // Tết Mậu Thân 2028 is on 26 January: the eve and lunar 1/1–1/4.
    expect(days2028).toEqual(["2028-01-25", "2028-01-26", "2028-01-27", "2028-01-28", "2028-01-29"]);
    expect(holidayOn("2027-04-16")).toBe("hung-kings");
  });

  it("moves a holiday that falls on a rest day to the next working day (Labour Code Art. 111(3))", () => {
    // 2027: Tết runs Fri 5 – Tue 9 Feb; Sat 6 and Sun 7 are rest days, so Wed 10 and Thu 11 are off.
    expect(isWorkingDay("2027-02-10")).toBe(false);
    expect(isWorkingDay("2027-02-11")).toBe(false);
    expect(isWorkingDay("2027-02-12")).toBe(true);
    // 1 May 2027 is a Saturday: Monday 3 May is off.
    expect(holidayOn("2027-05-03")).toBe("labour");
  });

  it("rolls a deadline over Tết to the first working day after it, in several years", () => {
    expect(nextWorkingDay("2025-01-28")).toBe("2025-02-03");
    expect(nextWorkingDay("2026-02-14")).toBe("2026-02-23");
    expect(nextWorkingDay("2027-02-05")).toBe("2027-02-12");
    expect(nextWorkingDay("2029-02-13")).toBe("2029-02-19");
    // 2030: eve Fri 1 Feb to Tue 5 Feb; Sat 2 and Sun 3 are moved to Wed 6 and Thu 7.
    expect(nextWorkingDay("2030-02-02")).toBe("2030-02-08");
  });
});
