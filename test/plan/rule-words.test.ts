import { describe, expect, it } from "vitest";
import { monthRanges, scheduleWords } from "../../shared/plan/rule-words";
import { ScheduleRule } from "../../shared/plan/schema";
import { readTimingPhrase } from "../../shared/plan/timing-phrase";

describe("scheduleWords", () => {
  it.each([
    ["trước ngày 25 của tháng cuối quý", "hằng quý, trước ngày 25 của tháng cuối quý"],
    ["trước ngày 04 hàng tháng", "hằng tháng, trước ngày 4 của tháng sau tháng báo cáo"],
    ["trước ngày 20/01/2025", "một lần, trước ngày 20/1/2025"],
    ["Tháng 6, 11-12", "làm trong tháng 6, 11–12"],
  ])("says how %j was read", (phrase, words) => {
    const rule = readTimingPhrase(phrase, 2025);
    expect(rule).toBeDefined();
    expect(scheduleWords(rule as ScheduleRule)).toBe(words);
  });

  it("names the cut-off as written and the months a rule is active", () => {
    const rule = ScheduleRule.parse({ kind: "monthly", day: 5, cutoff: "by", from: "2025-10" });
    expect(scheduleWords(rule)).toBe(
      "hằng tháng, chậm nhất ngày 5 của tháng sau tháng báo cáo (từ tháng 10/2025)",
    );
  });

  it("says that undated rules have no deadline", () => {
    for (const kind of ["continuous", "event", "unstated"] as const) {
      expect(scheduleWords(ScheduleRule.parse({ kind }))).toMatch(/không/);
    }
  });

  it("writes consecutive months as ranges", () => {
    expect(monthRanges([3, 4, 5, 9, 11, 12])).toBe("3–5, 9, 11–12");
    expect(monthRanges([6])).toBe("6");
  });
});
