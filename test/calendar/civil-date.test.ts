import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  atVietnamTime,
  formatVietnameseInstant,
  startOfDayInVietnam,
  toVietnamIso,
  VIETNAM_TIME_ZONE,
  vietnamDateOf,
  weekday,
} from "../../shared/calendar/civil-date";

/** The wall-clock date and time in Asia/Ho_Chi_Minh at an instant, read from the IANA database. */
function wallClock(ms: number): string {
  const f = new Intl.DateTimeFormat("en-CA", {
    timeZone: VIETNAM_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

describe("Vietnam time", () => {
  it("agrees with the IANA zone Asia/Ho_Chi_Minh at any instant from 1976 to 2100", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1976, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const sec = Math.floor(ms / 1000) * 1000;
        expect(toVietnamIso(sec)).toBe(`${wallClock(sec)}+07:00`);
      }),
      { numRuns: 500 },
    );
  });

  it("starts a Vietnamese day at 17:00 UTC of the day before", () => {
    expect(new Date(startOfDayInVietnam("2025-03-25")).toISOString()).toBe("2025-03-24T17:00:00.000Z");
    expect(toVietnamIso(startOfDayInVietnam("2025-03-25"))).toBe("2025-03-25T00:00:00+07:00");
  });

  it.each([
    // One second before midnight in Vietnam is still the 24th; midnight is the 25th, though UTC says the 24th.
    ["2025-03-24T16:59:59Z", "2025-03-24"],
    ["2025-03-24T17:00:00Z", "2025-03-25"],
    ["2024-12-31T17:00:00Z", "2025-01-01"],
  ])("the instant %s is on %s in Vietnam", (iso, date) => {
    expect(vietnamDateOf(Date.parse(iso))).toBe(date);
  });

  it("words the last on-time minute as users read it", () => {
    expect(formatVietnameseInstant(startOfDayInVietnam("2025-03-25") - 60_000)).toBe("23:59 ngày 24/03/2025");
    expect(toVietnamIso(atVietnamTime("2025-03-18", "08:00"))).toBe("2025-03-18T08:00:00+07:00");
  });

  it("counts days across month and year ends and knows the weekday", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
    expect(weekday("2025-03-24")).toBe(1); // Monday
    expect(weekday("2026-02-17")).toBe(2); // Tuesday, Tết Bính Ngọ
  });
});
