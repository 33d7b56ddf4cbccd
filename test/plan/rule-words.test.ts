import { describe, expect, it } from "vitest";
import { monthRanges, schedulesWords, scheduleWords } from "../../shared/plan/rule-words";
import { ScheduleRule } from "../../shared/plan/schema";
import { readTimingPhrase, readTimingSchedules } from "../../shared/plan/timing-phrase";

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

  it.each([
    [
      "nhân kỷ niệm ngày Dân số thế giới 11/7",
      "diễn ra ngày 11/7 hằng năm, xác nhận trong 3 ngày làm việc sau đó",
    ],
    ["vào ngày 12/02/2026", "diễn ra ngày 12/2/2026, xác nhận trong 3 ngày làm việc sau đó"],
    ["02 lần/năm (tháng 6 và tháng 12)", "2 lần mỗi năm, vào tháng 6, 12"],
    ["ít nhất 01 lần/ năm", "ít nhất 1 lần mỗi năm, văn bản không ghi tháng"],
    ["02 lần/năm", "2 lần mỗi năm, văn bản không ghi tháng"],
    [
      "trong và sau khi kết thúc các chiến dịch",
      "trong khi diễn ra và ngay sau khi kết thúc các chiến dịch, không có ngày định trước",
    ],
    ["sau khi kết thúc chiến dịch 03 ngày", "3 ngày sau chiến dịch, không có ngày định trước"],
  ])("says the new form %j in a clerk's words", (phrase, words) => {
    const rule = readTimingPhrase(phrase, 2026);
    expect(rule).toBeDefined();
    expect(scheduleWords(rule as ScheduleRule)).toBe(words);
  });

  it("says a quarter's data window and every schedule of a duty", () => {
    const quarterly = ScheduleRule.parse({ kind: "quarterly", day: 25, coversUntilDay: 14 });
    expect(scheduleWords(quarterly)).toBe(
      "hằng quý, trước ngày 25 của tháng cuối quý; số liệu từ ngày 15 tháng cuối quý trước đến ngày 14 tháng cuối quý",
    );
    const all = readTimingSchedules("trước ngày 25 của tháng cuối quý hoặc đột xuất khi có yêu cầu", 2025);
    expect(schedulesWords(all ?? [])).toBe(
      "hằng quý, trước ngày 25 của tháng cuối quý; và khi có sự việc (đột xuất khi có yêu cầu), không có ngày định trước",
    );
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
