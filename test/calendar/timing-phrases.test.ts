/**
 * Every kind of timing phrase found in the seed plans (../shared/seeds), quoted as written,
 * with the rule it states and the dates that rule gives.
 */
import { describe, expect, it } from "vitest";
import { occurrences } from "../../shared/calendar/rules";
import {
  phraseDisagreement,
  readTimingPhrase,
  readTimingSchedules,
  schedulesDisagreement,
} from "../../shared/plan/timing-phrase";

type Row = {
  phrase: string;
  seed: string;
  year: number;
  rule: Record<string, unknown> | undefined;
  /** period → last on-time day (and window start for activities, or the day an on-day activity is held) */
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
  // Issue 12: the forms real plans use beyond the seeds' tables.
  {
    phrase: "trước ngày 25 của tháng cuối quý hoặc đột xuất khi có yêu cầu",
    seed: LB25,
    year: 2025,
    // The main schedule; readTimingSchedules adds the ad hoc one (below).
    rule: { kind: "quarterly", day: 25, cutoff: "before", monthOfQuarter: 3 },
    dates: [
      ["2025-Q1", "2025-03-24"],
      ["2025-Q2", "2025-06-24"],
      ["2025-Q3", "2025-09-24"],
      ["2025-Q4", "2025-12-24"],
    ],
  },
  {
    // 11/7/2025 is a Friday: confirmed by the end of the third working day after (Mon 14, Tue 15, Wed 16).
    phrase: "nhân kỷ niệm ngày Dân số thế giới 11/7",
    seed: "(real plans of this kind)",
    year: 2025,
    rule: { kind: "on-day", month: 7, day: 11, confirmWithin: 3 },
    dates: [["2025", "2025-07-16", "2025-07-11"]],
  },
  {
    // 11/7/2026 is a Saturday: Mon 13, Tue 14, Wed 15.
    phrase: "Nhân kỷ niệm Ngày Dân số thế giới (11/7)",
    seed: "(real plans of this kind)",
    year: 2026,
    rule: { kind: "on-day", month: 7, day: 11, confirmWithin: 3 },
    dates: [["2026", "2026-07-15", "2026-07-11"]],
  },
  {
    // Thursday 12/02/2026, the day before Tết (14–22/02 off): Fri 13, Mon 23, Tue 24.
    phrase: "vào ngày 12/02/2026",
    seed: "(made up)",
    year: 2026,
    rule: { kind: "on-day", date: "2026-02-12", confirmWithin: 3 },
    dates: [["2026", "2026-02-24", "2026-02-12"]],
  },
  {
    phrase: "02 lần/năm (tháng 6 và tháng 12)",
    seed: "(real plans of this kind)",
    year: 2025,
    rule: { kind: "times-per-year", count: 2, months: [6, 12] },
    dates: [
      ["2025-06", "2025-06-30", "2025-06-01"],
      ["2025-12", "2025-12-31", "2025-12-01"],
    ],
  },
  {
    phrase: "ít nhất 1 lần/năm vào tháng 3-5",
    seed: "(made up)",
    year: 2025,
    rule: { kind: "times-per-year", count: 1, months: [3, 4, 5], atLeast: true },
    dates: [["2025-03/2025-05", "2025-05-31", "2025-03-01"]],
  },
  {
    // Months that do not make two rounds are not taken as the rounds' months.
    phrase: "02 lần/năm (tháng 3, 4, 5)",
    seed: "(made up)",
    year: 2025,
    rule: { kind: "times-per-year", count: 2 },
    dates: [],
  },
  {
    phrase: "trong và sau khi kết thúc các chiến dịch",
    seed: LB25,
    year: 2025,
    rule: { kind: "relative", event: "các chiến dịch", during: true, daysAfter: [0] },
    dates: [],
  },
  {
    phrase: "sau khi kết thúc chiến dịch 03 ngày",
    seed: "(real plans of this kind)",
    year: 2025,
    rule: { kind: "relative", event: "chiến dịch", daysAfter: [3] },
    dates: [],
  },
  {
    phrase: "trong vòng 05 ngày sau khi kết thúc đợt khám",
    seed: "(made up)",
    year: 2025,
    rule: { kind: "relative", event: "đợt khám", daysAfter: [5] },
    dates: [],
  },
  // Forms met inside body sentences.
  {
    // Saturday 27/02/2027: Mon 1, Tue 2, Wed 3 March. The anniversary's count and founding year are not the day.
    phrase: "nhân dịp kỷ niệm 70 năm Ngày Thầy thuốc Việt Nam (27/02/1955 - 27/02/2025)",
    seed: "(made up)",
    year: 2027,
    rule: { kind: "on-day", month: 2, day: 27, confirmWithin: 3 },
    dates: [["2027", "2027-03-03", "2027-02-27"]],
  },
  {
    // Wednesday 24/3/2027: Thu 25, Fri 26, Mon 29.
    phrase: "hưởng ứng Ngày Thế giới phòng chống lao (24/3)",
    seed: "(made up)",
    year: 2027,
    rule: { kind: "on-day", month: 3, day: 24, confirmWithin: 3 },
    dates: [["2027", "2027-03-29", "2027-03-24"]],
  },
  {
    phrase: "mỗi năm ít nhất 01 lần",
    seed: "(made up)",
    year: 2027,
    rule: { kind: "times-per-year", count: 1, atLeast: true },
    dates: [],
  },
  {
    phrase: "tối thiểu 02 lần/năm (tháng 5 và tháng 11)",
    seed: "(made up)",
    year: 2027,
    rule: { kind: "times-per-year", count: 2, months: [5, 11], atLeast: true },
    dates: [
      ["2027-05", "2027-05-31", "2027-05-01"],
      ["2027-11", "2027-11-30", "2027-11-01"],
    ],
  },
  {
    // Either month: one round over both.
    phrase: "01 lần/năm (tháng 9 hoặc tháng 10)",
    seed: "(made up)",
    year: 2027,
    rule: { kind: "times-per-year", count: 1, months: [9, 10] },
    dates: [["2027-09/2027-10", "2027-10-31", "2027-09-01"]],
  },
  {
    phrase: "02 lần/năm (tháng 6 hoặc 7 và tháng 12)",
    seed: "(made up)",
    year: 2027,
    rule: { kind: "times-per-year", count: 2, months: [6, 7, 12] },
    dates: [
      ["2027-06/2027-07", "2027-07-31", "2027-06-01"],
      ["2027-12", "2027-12-31", "2027-12-01"],
    ],
  },
  {
    // Months apart are not one round in either: the rounds' months are not taken.
    phrase: "02 lần/năm (tháng 3 hoặc tháng 9)",
    seed: "(made up)",
    year: 2027,
    rule: { kind: "times-per-year", count: 2 },
    dates: [],
  },
  {
    phrase: "chậm nhất 03 ngày sau khi kết thúc chiến dịch",
    seed: "(made up)",
    year: 2027,
    rule: { kind: "relative", event: "chiến dịch", daysAfter: [3] },
    dates: [],
  },
  {
    phrase: "trước khi tổ chức chiến dịch 02 ngày",
    seed: "(made up)",
    year: 2027,
    rule: { kind: "relative", event: "tổ chức chiến dịch", daysBefore: [2] },
    dates: [],
  },
  {
    phrase: "05 ngày trước khi khai giảng năm học",
    seed: "(made up)",
    year: 2027,
    rule: { kind: "relative", event: "khai giảng năm học", daysBefore: [5] },
    dates: [],
  },
  // Working days are not calendar days: the relative rule counts calendar days, so this is not read.
  {
    phrase: "trong vòng 05 ngày làm việc kể từ ngày kết thúc đợt khám",
    seed: "(made up)",
    year: 2027,
    rule: undefined,
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
    const got = occurrences(read, year).map((o) => {
      const third = o.opens ?? o.heldOn;
      return third === undefined ? [o.period, o.lastDay] : [o.period, o.lastDay, third];
    });
    expect(got).toEqual(dates);
  });

  it.each([
    [
      "trước ngày 25 của tháng cuối quý hoặc đột xuất khi có yêu cầu",
      [
        { kind: "quarterly", day: 25, cutoff: "before", monthOfQuarter: 3 },
        { kind: "event", trigger: "đột xuất khi có yêu cầu" },
      ],
    ],
    [
      "Tháng cuối quý \nvà đột xuất",
      [{ kind: "quarter-last-month" }, { kind: "event", trigger: "đột xuất" }],
    ],
    [
      "định kỳ hàng quý và đột xuất theo yêu cầu của cấp trên",
      [
        { kind: "continuous", every: "quarter" },
        { kind: "event", trigger: "đột xuất theo yêu cầu của cấp trên" },
      ],
    ],
    [
      "trước ngày 20 hàng tháng, đột xuất khi có yêu cầu",
      [
        { kind: "monthly", day: 20, cutoff: "before", covers: "previous-month" },
        { kind: "event", trigger: "đột xuất khi có yêu cầu" },
      ],
    ],
    [
      "Tháng 6, 12 và báo cáo đột xuất khi có yêu cầu",
      [
        { kind: "months", months: [6, 12] },
        { kind: "event", trigger: "đột xuất khi có yêu cầu" },
      ],
    ],
    // One schedule only: an event phrase is not split, nor a phrase without an ad hoc part.
    ["Theo chỉ đạo và đột xuất", [{ kind: "event" }]],
    ["Tháng 6, 12", [{ kind: "months", months: [6, 12] }]],
  ])("reads every schedule of %j", (phrase, schedules) => {
    expect(readTimingSchedules(phrase, 2025)).toEqual(schedules);
  });

  it("says which schedule of a duty its phrase is missing", () => {
    const phrase = "trước ngày 25 của tháng cuối quý hoặc đột xuất khi có yêu cầu";
    const quarterly = { kind: "quarterly", day: 25, cutoff: "before", monthOfQuarter: 3 } as const;
    expect(schedulesDisagreement(phrase, [quarterly], 2025)).toBe(
      `cụm từ "${phrase}" còn có phần "đột xuất khi có yêu cầu": thêm alsoSchedules: [{ kind: event, trigger: đột xuất khi có yêu cầu }]`,
    );
    expect(
      schedulesDisagreement(phrase, [quarterly, { kind: "event", trigger: "khi có yêu cầu" }], 2025),
    ).toBeUndefined();
  });

  it("dates a quarter's figures from the 15th of the quarter before to the 14th (Decree 09/2019)", () => {
    const got = occurrences(
      { kind: "quarterly", day: 15, cutoff: "before", monthOfQuarter: 3, coversUntilDay: 14 },
      2025,
    ).map((o) => [o.period, o.lastDay, o.covers?.from, o.covers?.to]);
    expect(got).toEqual([
      ["2025-Q1", "2025-03-14", "2024-12-15", "2025-03-14"],
      ["2025-Q2", "2025-06-14", "2025-03-15", "2025-06-14"],
      ["2025-Q3", "2025-09-14", "2025-06-15", "2025-09-14"],
      ["2025-Q4", "2025-12-14", "2025-09-15", "2025-12-14"],
    ]);
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
