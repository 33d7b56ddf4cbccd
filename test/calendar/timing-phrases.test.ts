/**
 * Every kind of timing phrase found in the seed plans (../shared/seeds), quoted as written,
 * with the rule it states and the dates that rule gives.
 */
import { describe, expect, it } from "vitest";
import { occurrences } from "../../shared/calendar/rules";
import { phraseDisagreement, readTimingPhrase } from "../../shared/plan/timing-phrase";

type Row = {
  phrase: string;
  seed: string;
  year: number;
  rule: Record<string, unknown> | undefined;
  /** period → last on-time day (and window start for activities) */
  dates: Array<[string, string] | [string, string, string]>;
};

const LB25 = "long-bien-2025";
const LB23 = "long-bien-2023";

const rows: Row[] = [
  {
    phrase: "Trước 15/01",
    seed: LB25,
    year: 2025,
    rule: { kind: "date", date: "2025-01-15", cutoff: "before" },
    dates: [["2025", "2025-01-14"]],
  },
  {
    phrase: "trước ngày 20/01/2025",
    seed: LB25,
    year: 2025,
    rule: { kind: "date", date: "2025-01-20", cutoff: "before" },
    dates: [["2025", "2025-01-19"]],
  },
  {
    phrase: "trước ngày 30/9/2023",
    seed: LB23,
    year: 2023,
    rule: { kind: "date", date: "2023-09-30", cutoff: "before" },
    dates: [["2023", "2023-09-29"]],
  },
  {
    phrase: "hoàn thành chậm nhất vào tháng 3",
    seed: LB25,
    year: 2025,
    rule: { kind: "month-end", month: 3 },
    dates: [["2025", "2025-03-31"]],
  },
  {
    phrase: "hoàn thành trong tháng 10/2023",
    seed: LB23,
    year: 2023,
    rule: { kind: "month-end", month: 10, year: 2023 },
    dates: [["2023", "2023-10-31"]],
  },
  {
    phrase: "Tháng 3,4,5,6,7",
    seed: LB25,
    year: 2025,
    rule: { kind: "months", months: [3, 4, 5, 6, 7] },
    dates: [["2025-03/2025-07", "2025-07-31", "2025-03-01"]],
  },
  {
    phrase: "Tháng 6, 11-12",
    seed: LB25,
    year: 2025,
    rule: { kind: "months", months: [6, 11, 12] },
    dates: [
      ["2025-06", "2025-06-30", "2025-06-01"],
      ["2025-11/2025-12", "2025-12-31", "2025-11-01"],
    ],
  },
  {
    phrase: "Tháng 02",
    seed: LB25,
    year: 2025,
    rule: { kind: "months", months: [2] },
    dates: [["2025-02", "2025-02-28", "2025-02-01"]],
  },
  {
    phrase: "Tháng 6, 12 \n(theo chỉ đạo của thành \nphố)",
    seed: LB25,
    year: 2025,
    rule: { kind: "months", months: [6, 12] },
    dates: [
      ["2025-06", "2025-06-30", "2025-06-01"],
      ["2025-12", "2025-12-31", "2025-12-01"],
    ],
  },
  {
    phrase: "Tháng 11",
    seed: LB25,
    year: 2025,
    rule: { kind: "months", months: [11] },
    dates: [["2025-11", "2025-11-30", "2025-11-01"]],
  },
  {
    phrase: "trước ngày 25 của tháng cuối quý",
    seed: LB25,
    year: 2025,
    rule: { kind: "quarterly", day: 25, cutoff: "before", monthOfQuarter: 3 },
    dates: [
      ["2025-Q1", "2025-03-24"],
      ["2025-Q2", "2025-06-24"],
      ["2025-Q3", "2025-09-24"],
      ["2025-Q4", "2025-12-24"],
    ],
  },
  {
    phrase: "Tháng cuối quý và đột xuất",
    seed: LB25,
    year: 2025,
    rule: { kind: "quarter-last-month" },
    dates: [
      ["2025-Q1", "2025-03-31", "2025-03-01"],
      ["2025-Q2", "2025-06-30", "2025-06-01"],
      ["2025-Q3", "2025-09-30", "2025-09-01"],
      ["2025-Q4", "2025-12-31", "2025-12-01"],
    ],
  },
  {
    phrase: "trước ngày 04 hàng tháng",
    seed: LB23,
    year: 2023,
    rule: { kind: "monthly", day: 4, cutoff: "before", covers: "previous-month" },
    dates: [
      ["2023-01", "2023-02-03"],
      ["2023-02", "2023-03-03"],
      ["2023-03", "2023-04-03"],
      ["2023-04", "2023-05-03"],
      ["2023-05", "2023-06-03"],
      ["2023-06", "2023-07-03"],
      ["2023-07", "2023-08-03"],
      ["2023-08", "2023-09-03"],
      ["2023-09", "2023-10-03"],
      ["2023-10", "2023-11-03"],
      ["2023-11", "2023-12-03"],
      // December's report is due in the next year.
      ["2023-12", "2024-01-03"],
    ],
  },
  {
    phrase: "đến năm 2030",
    seed: "hung-dao-2026",
    year: 2030,
    rule: { kind: "by-year", year: 2030 },
    dates: [["2030", "2030-12-31", "2030-01-01"]],
  },
  {
    phrase: "giai đoạn 2026-2030",
    seed: "hung-dao-2026",
    year: 2030,
    rule: { kind: "by-year", from: 2026, year: 2030 },
    dates: [["2026/2030", "2030-12-31", "2026-01-01"]],
  },
  {
    phrase: "hàng năm, 5 năm, tầm nhìn đến năm 2050",
    seed: "hai-phong-2024",
    year: 2024,
    rule: { kind: "continuous", every: "year" },
    dates: [],
  },
  { phrase: "Thường xuyên", seed: LB25, year: 2025, rule: { kind: "continuous" }, dates: [] },
  { phrase: "Hàng tháng", seed: LB25, year: 2025, rule: { kind: "continuous", every: "month" }, dates: [] },
  { phrase: "Hàng quý", seed: LB25, year: 2025, rule: { kind: "continuous", every: "quarter" }, dates: [] },
  {
    phrase: "Từ quý I/2025",
    seed: LB25,
    year: 2025,
    rule: { kind: "continuous", since: "2025-Q1" },
    dates: [],
  },
  { phrase: "Theo chỉ đạo", seed: LB25, year: 2025, rule: { kind: "event" }, dates: [] },
  { phrase: "Theo KH của \nPYT và TTYT", seed: LB25, year: 2025, rule: { kind: "event" }, dates: [] },
  { phrase: "Khi có thay đổi", seed: "DOMAIN.md", year: 2025, rule: { kind: "event" }, dates: [] },
  { phrase: "02 lần/năm", seed: LB25, year: 2025, rule: { kind: "times-per-year", count: 2 }, dates: [] },
  {
    phrase: "trước một đến hai ngày",
    seed: LB23,
    year: 2023,
    rule: { kind: "relative", event: "trước một đến hai ngày", daysBefore: [1, 2] },
    dates: [],
  },
  // Phrases of the body sentences (plan:import reads them inside sentences).
  {
    phrase: "trước năm 2030",
    seed: "hung-dao-2026",
    year: 2029,
    rule: { kind: "by-year", year: 2029 },
    dates: [["2029", "2029-12-31", "2029-01-01"]],
  },
  {
    phrase: "giai đoạn đến năm 2030",
    seed: "hai-phong-2024",
    year: 2030,
    rule: { kind: "by-year", year: 2030 },
    dates: [["2030", "2030-12-31", "2030-01-01"]],
  },
  {
    phrase: "cuối năm",
    seed: "hung-dao-2026",
    year: 2026,
    rule: { kind: "continuous", every: "year" },
    dates: [],
  },
  {
    phrase: "cuối năm 2027",
    seed: "(made up)",
    year: 2026,
    rule: { kind: "month-end", month: 12, year: 2027 },
    dates: [],
  },
  {
    phrase: "hằng năm",
    seed: "hung-dao-2026",
    year: 2026,
    rule: { kind: "continuous", every: "year" },
    dates: [],
  },
  {
    phrase: "định kỳ hàng quý và đột xuất",
    seed: LB25,
    year: 2025,
    rule: { kind: "continuous", every: "quarter" },
    dates: [],
  },
  { phrase: "6 tháng, 1 năm", seed: LB25, year: 2025, rule: { kind: "times-per-year", count: 2 }, dates: [] },
  { phrase: "02 đợt", seed: LB25, year: 2025, rule: { kind: "times-per-year", count: 2 }, dates: [] },
  {
    phrase: "ít nhất 01 lần/ năm",
    seed: "hai-phong-2024",
    year: 2024,
    rule: { kind: "times-per-year", count: 1, atLeast: true },
    dates: [],
  },
  {
    phrase: "ít nhất mỗi năm một lần",
    seed: "hai-phong-2024",
    year: 2024,
    rule: { kind: "times-per-year", count: 1, atLeast: true },
    dates: [],
  },
  { phrase: "khi đủ điều kiện", seed: "hung-dao-2026", year: 2026, rule: { kind: "event" }, dates: [] },
  { phrase: "sau khi khám", seed: LB23, year: 2023, rule: { kind: "event" }, dates: [] },
  {
    phrase: "trước ngày 15 tháng 12",
    seed: "(made up)",
    year: 2027,
    rule: { kind: "date", date: "2027-12-15", cutoff: "before" },
    dates: [["2027", "2027-12-14"]],
  },
  {
    phrase: "chậm nhất ngày 5 tháng 7 năm 2027",
    seed: "(made up)",
    year: 2027,
    rule: { kind: "date", date: "2027-07-05", cutoff: "by" },
    dates: [["2027", "2027-07-05"]],
  },
  {
    phrase: "hoàn thành trong quý II",
    seed: "(made up)",
    year: 2027,
    rule: { kind: "month-end", month: 6 },
    dates: [["2027", "2027-06-30"]],
  },
  {
    phrase: "trong tháng 4, tổng hợp gửi Phòng Y tế",
    seed: "(made up)",
    year: 2027,
    rule: { kind: "month-end", month: 4 },
    dates: [["2027", "2027-04-30"]],
  },
  {
    phrase: "vào tháng 5 và tháng 11",
    seed: "(made up)",
    year: 2027,
    rule: { kind: "months", months: [5, 11] },
    dates: [
      ["2027-05", "2027-05-31", "2027-05-01"],
      ["2027-11", "2027-11-30", "2027-11-01"],
    ],
  },
  {
    phrase: "mỗi năm hai lần",
    seed: "(made up)",
    year: 2027,
    rule: { kind: "times-per-year", count: 2 },
    dates: [],
  },
  {
    phrase: "mỗi quý một lần",
    seed: "(made up)",
    year: 2027,
    rule: { kind: "continuous", every: "quarter" },
    dates: [],
  },
  {
    phrase: "1 lần/tháng",
    seed: "(made up)",
    year: 2027,
    rule: { kind: "continuous", every: "month" },
    dates: [],
  },
  {
    phrase: "trước ngày 15/12 hằng năm",
    seed: "(made up)",
    year: 2028,
    rule: { kind: "yearly", month: 12, day: 15, cutoff: "before" },
    dates: [["2028", "2028-12-14"]],
  },
  {
    phrase: "vào ngày 25 hàng tháng",
    seed: "(made up)",
    year: 2027,
    rule: { kind: "monthly", day: 25, cutoff: "by", covers: "same-month" },
    dates: Array.from({ length: 12 }, (_, i) => {
      const m = String(i + 1).padStart(2, "0");
      return [`2027-${m}`, `2027-${m}-25`];
    }),
  },
  {
    phrase: "Tháng 3 đến tháng 5",
    seed: "(made up)",
    year: 2027,
    rule: { kind: "months", months: [3, 4, 5] },
    dates: [["2027-03/2027-05", "2027-05-31", "2027-03-01"]],
  },
  {
    phrase: "trước ngày 31/01 năm sau",
    seed: "(made up)",
    year: 2027,
    rule: { kind: "date", date: "2028-01-31", cutoff: "before" },
    dates: [],
  },
  // A day that no month has is not a date.
  { phrase: "trước ngày 32/13", seed: "(made up)", year: 2027, rule: undefined, dates: [] },
  // Not a timing form: the plan's own rule stands.
  { phrase: "Trong năm học", seed: "(none)", year: 2025, rule: undefined, dates: [] },
];

describe("timing phrases of the seed plans", () => {
  it.each(rows)('"$phrase" ($seed)', ({ phrase, year, rule, dates }) => {
    const read = readTimingPhrase(phrase, year);
    expect(read).toEqual(rule);
    if (read === undefined) return;
    const got = occurrences(read, year).map((o) =>
      o.opens === undefined ? [o.period, o.lastDay] : [o.period, o.lastDay, o.opens],
    );
    expect(got).toEqual(dates);
  });

  it("flags a plan rule that disagrees with its own phrase", () => {
    expect(
      phraseDisagreement(
        "trước ngày 25 của tháng cuối quý",
        { kind: "quarterly", day: 15, cutoff: "before", monthOfQuarter: 3 },
        2025,
      ),
    ).toMatch(/day = 25/);
    expect(phraseDisagreement("Tháng 11", { kind: "months", months: [12] }, 2025)).toMatch(/months/);
    expect(phraseDisagreement("Thường xuyên", { kind: "event" }, 2025)).toMatch(/continuous/);
    expect(
      phraseDisagreement("Tháng 6, 11-12", { kind: "months", months: [12, 11, 6] }, 2025),
    ).toBeUndefined();
  });

  it("clamps a day that a month lacks and honours a rule's active months", () => {
    const quarterly = occurrences(
      { kind: "quarterly", day: 31, cutoff: "by", monthOfQuarter: 2, from: "2025-05" },
      2025,
    );
    expect(quarterly.map((o) => [o.period, o.lastDay])).toEqual([
      ["2025-Q2", "2025-05-31"],
      ["2025-Q3", "2025-08-31"],
      ["2025-Q4", "2025-11-30"],
    ]);
    const monthly = occurrences(
      { kind: "monthly", day: 1, cutoff: "before", covers: "same-month", from: "2025-10", until: "2025-11" },
      2025,
    );
    expect(monthly.map((o) => [o.period, o.lastDay])).toEqual([
      ["2025-10", "2025-09-30"],
      ["2025-11", "2025-10-31"],
    ]);
  });
});
