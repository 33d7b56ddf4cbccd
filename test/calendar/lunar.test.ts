import { describe, expect, it } from "vitest";
import { hungKingsDate, tetDate } from "../../shared/calendar/holidays";
import { fromJulianDay, julianDay, lunarToSolar, solarToLunar } from "../../shared/calendar/lunar";

describe("Vietnamese lunar calendar", () => {
  // Mùng 1 Tết as published in Vietnamese calendars (lịch vạn niên).
  it.each([
    [2021, "2021-02-12"],
    [2022, "2022-02-01"],
    [2023, "2023-01-22"],
    [2024, "2024-02-10"],
    [2025, "2025-01-29"],
    [2026, "2026-02-17"],
    [2027, "2027-02-06"],
    [2028, "2028-01-26"],
    [2029, "2029-02-13"],
    // The new moon falls at 23:07 Vietnam time on 2 Feb, 00:07 on 3 Feb in China: Tết is a day earlier here.
    [2030, "2030-02-02"],
  ])("Tết %i is on %s", (year, date) => {
    expect(tetDate(year)).toBe(date);
  });

  it.each([
    // Years where the Vietnamese calendar (UTC+7) differs from the Chinese one (UTC+8).
    [2007, "2007-02-17"],
    [1985, "1985-01-21"],
  ])("Tết %i follows Vietnam time, not China's: %s", (year, date) => {
    expect(tetDate(year)).toBe(date);
  });

  it.each([
    [2024, "2024-04-18"],
    [2025, "2025-04-07"],
    [2026, "2026-04-26"],
  ])("Giỗ Tổ Hùng Vương (10/3 âm lịch) %i is on %s", (year, date) => {
    expect(hungKingsDate(year)).toBe(date);
  });

  it("knows the leap month of 2023 (tháng 2 nhuận)", () => {
    expect(solarToLunar(22, 3, 2023)).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(() => lunarToSolar({ day: 1, month: 5, year: 2023, leap: true })).toThrow(RangeError);
  });

  it("converts every day 1900–2100 to a lunar date and back, with lunar days counting up by one", () => {
    let previous = solarToLunar(31, 12, 1899);
    for (let jd = julianDay(1, 1, 1900); jd <= julianDay(31, 12, 2100); jd++) {
      const solar = fromJulianDay(jd);
      const lunar = solarToLunar(solar.day, solar.month, solar.year);
      if (lunar.day === 1) {
        expect([29, 30], `${jd}`).toContain(previous.day);
      } else {
        expect(lunar.day, `${JSON.stringify(solar)}`).toBe(previous.day + 1);
        expect(lunar.month).toBe(previous.month);
      }
      expect(lunarToSolar(lunar)).toEqual(solar);
      previous = lunar;
    }
  });
});
