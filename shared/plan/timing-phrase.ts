/**
 * Reads the timing phrases that Vietnamese plans use ("trước ngày 25 của tháng cuối quý",
 * "Tháng 6, 11-12", "Thường xuyên", …) into a schedule rule.
 *
 * Plan files state the rule explicitly; this reading is a second opinion: `plan:check` warns
 * where a plan's rule disagrees with its own phrase, which catches most typing mistakes.
 */
import { timesPerYearRounds } from "../calendar/rules";
import type { ScheduleRule } from "./schema";

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
/** Counts written as words ("mỗi năm một lần"). */
const COUNT_WORDS: Record<string, number> = { một: 1, hai: 2, ba: 3, bốn: 4, năm: 5, sáu: 6, bảy: 7 };
const count = (word: string | undefined) => (word === undefined ? NaN : (COUNT_WORDS[word] ?? Number(word)));

function normalise(phrase: string): string {
  return phrase.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** "6, 11-12" → [6, 11, 12]; undefined if a number is not a month. */
export function parseMonthList(text: string): number[] | undefined {
  const months: number[] = [];
  for (const part of text.split(/[,;]| và /)) {
    // "Tháng 3, tháng 6": the word may be repeated before each month.
    const p = part.trim().replace(/^tháng\s*/i, "");
    if (p === "") continue;
    // "3-5", "3 – 5", "3 đến tháng 5": a run of months.
    const range = /^(\d{1,2})\s*(?:[-–]|đến)\s*(?:tháng\s*)?(\d{1,2})$/.exec(p);
    const single = /^(\d{1,2})$/.exec(p);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (from < 1 || to > 12 || from > to) return undefined;
      for (let m = from; m <= to; m++) months.push(m);
    } else if (single) {
      const m = Number(single[1]);
      if (m < 1 || m > 12) return undefined;
      months.push(m);
    } else {
      return undefined;
    }
  }
  return months.length > 0 ? months : undefined;
}

const EVENT_MARKERS = [
  "theo chỉ đạo",
  "theo đúng",
  "theo đề xuất",
  "theo hướng dẫn",
  "theo quy định",
  "theo kh",
  "theo kế hoạch",
  "theo lịch",
  "theo tình hình",
  "theo yêu cầu",
  // "khi đủ điều kiện", "khi được cấp có thẩm quyền phê duyệt", "sau khi khám": a condition, no date.
  "khi ",
  "sau khi",
  "căn cứ tình hình",
  "trong quá trình",
  "trong các tình huống",
  "lồng ghép",
  "đột xuất",
];

type Reader = [RegExp, (m: RegExpExecArray, phrase: string, planYear: number) => ScheduleRule | undefined];

/** Ordered: the first pattern that matches decides (quarterly and monthly before plain dates). */
const READERS: Reader[] = [
  [
    /trước ngày (\d{1,2}) (?:của )?tháng cuối (?:mỗi )?quý/,
    (m) => ({ kind: "quarterly", day: Number(m[1]), cutoff: "before", monthOfQuarter: 3 }),
  ],
  // "nhân kỷ niệm ngày Dân số thế giới 11/7", "hưởng ứng Ngày Thế giới phòng chống lao (24/3)",
  // "vào ngày 20/01/2026": held on that day (every year when the year is not written). Only at the
  // start: "Tháng 3 và nhân ngày …" is read by its first part.
  // "nhân kỷ niệm 70 năm Ngày Thầy thuốc Việt Nam (27/02/1955 - 27/02/2025)": the anniversary's
  // count is skipped, and a founding year is not the year it is held.
  [
    /^(?:nhân (?:dịp )?(?:kỷ niệm (?:\d{1,3} năm )?)?|kỷ niệm (?:\d{1,3} năm )?|hưởng ứng |vào )(?:các )?ngày\b[^\d]*?\(?(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?\)?/,
    (m, _phrase, planYear) => onDay(m[1], m[2], m[3], planYear),
  ],
  // "trước ngày 15/12 hằng năm": the same day every year the plan runs.
  [
    /(trước|chậm nhất|đến) (?:ngày )?(\d{1,2})\/(\d{1,2}) (?:hàng|hằng|mỗi) năm/,
    (m) => {
      const rule = date(m[1], m[2], m[3], undefined, 2000);
      if (rule?.kind !== "date") return undefined;
      return { kind: "yearly", month: Number(m[3]), day: Number(m[2]), cutoff: rule.cutoff };
    },
  ],
  [
    /trước ngày (\d{1,2}) (?:hàng|hằng|mỗi) tháng/,
    (m) => ({ kind: "monthly", day: Number(m[1]), cutoff: "before", covers: "previous-month" }),
  ],
  // "vào ngày 25 hàng tháng": done on that day of each month (the month's own work).
  [
    /vào ngày (\d{1,2}) (?:hàng|hằng|mỗi) tháng/,
    (m) => ({ kind: "monthly", day: Number(m[1]), cutoff: "by", covers: "same-month" }),
  ],
  // "trước ngày 31/01 năm sau": the year after the plan's.
  [
    /(trước|chậm nhất|đến) (?:ngày )?(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?( (?:của )?năm sau)?/,
    (m, _phrase, planYear) =>
      date(m[1], m[2], m[3], m[4] ?? (m[5] ? String(planYear + 1) : undefined), planYear),
  ],
  // "trước ngày 15 tháng 12 năm 2025": the date written out in words.
  [
    /(trước|chậm nhất|đến) (?:ngày )?(\d{1,2}) tháng (\d{1,2})(?: năm (\d{4}))?/,
    (m, _phrase, planYear) => date(m[1], m[2], m[3], m[4], planYear),
  ],
  [
    /(?:chậm nhất|trong) (?:vào )?tháng (\d{1,2})(?:\/(\d{4}))?(?!\d|\s*(?:[,;–-]|và)\s*(?:tháng\s*)?\d)/,
    (m) => ({ kind: "month-end", month: Number(m[1]), ...(m[2] && { year: Number(m[2]) }) }),
  ],
  [/^tháng cuối (?:mỗi )?quý/, () => ({ kind: "quarter-last-month" })],
  [
    /^(?:vào |trong |từ )?(?:các )?tháng ((?:(?:tháng\s*)?[\d\s,;–-]|và |đến )+)/,
    (m) => {
      const months = parseMonthList(m[1] ?? "");
      return months && { kind: "months", months };
    },
  ],
  [
    /giai đoạn (\d{4})\s*[-–]\s*(\d{4})/,
    (m) => ({ kind: "by-year", from: Number(m[1]), year: Number(m[2]) }),
  ],
  // "tầm nhìn đến năm 2050" is the horizon of another plan, not a deadline.
  [/(?<!tầm nhìn )đến năm (\d{4})/, (m) => ({ kind: "by-year", year: Number(m[1]) })],
  // "trước năm 2030": done before 1 January 2030, so by the end of 2029.
  [/trước năm (\d{4})/, (m) => ({ kind: "by-year", year: Number(m[1]) - 1 })],
  [/từ quý (i{1,3}|iv)\/(\d{4})/, (m) => ({ kind: "continuous", since: `${m[2]}-Q${ROMAN[m[1] ?? "i"]}` })],
  // "hoàn thành trong quý II": by the end of the quarter's last month.
  [
    /(?:chậm nhất|trong) (?:vào )?quý (i{1,3}|iv)(?:\/(\d{4}))?/,
    (m) => ({
      kind: "month-end",
      month: 3 * (ROMAN[m[1] ?? "i"] ?? 1),
      ...(m[2] && { year: Number(m[2]) }),
    }),
  ],
  // "cuối năm 2025" is the end of that year; "cuối năm" alone recurs every year with no day.
  [/cuối năm (\d{4})/, (m) => ({ kind: "month-end", month: 12, year: Number(m[1]) })],
  [/^cuối (?:mỗi )?năm/, () => ({ kind: "continuous", every: "year" })],
  // "02 lần/năm", "ít nhất 01 lần/ năm", "mỗi năm một lần", "02 đợt"; "(tháng 6 và tháng 12)" dates the rounds.
  [/(\d{1,2}|một|hai|ba|bốn) lần\s?(?:\/|mỗi|trong)\s?(?:một )?năm/, (m, phrase) => perYear(m[1], m, phrase)],
  // "mỗi năm 01 lần", "mỗi năm ít nhất 01 lần".
  [
    /mỗi năm (?:(?:ít nhất|tối thiểu) (?:là )?)?(\d{1,2}|một|hai|ba|bốn) lần/,
    (m, phrase) => perYear(m[1], m, phrase),
  ],
  [/^(\d{1,2}) đợt(?:\s?\/\s?năm)?(?=$|\s*\(|\s+(?:vào|trong) )/, (m, phrase) => perYear(m[1], m, phrase)],
  // "6 tháng, 1 năm": a half-year and a full-year round.
  [/^6 tháng(?:,| và) (?:1 |cả )?năm/, () => ({ kind: "times-per-year", count: 2 })],
  [
    /trước (một|1) đến (hai|2) ngày/,
    (_m, phrase) => ({ kind: "relative", event: phrase.trim(), daysBefore: [1, 2] }),
  ],
  // "trong và sau khi kết thúc các chiến dịch": while it runs and right after it ends.
  [
    /^trong và (?:ngay )?sau (?:khi )?(?:kết thúc )?(.+)$/,
    (m, phrase) => ({ kind: "relative", event: asWritten(phrase, m[1]), during: true, daysAfter: [0] }),
  ],
  // "sau khi kết thúc chiến dịch 03 ngày", "03 ngày sau khi khám", "trong vòng 03 ngày sau khi kết thúc",
  // "chậm nhất 03 ngày sau khi kết thúc". Working days ("05 ngày làm việc") are not calendar days: unread.
  [
    /^(?:ngay )?sau (?:khi )?(?:kết thúc )?(.+?),? (?:(?:trong vòng|chậm nhất|trong) )?(\d{1,2}|một|hai|ba|bốn|năm|sáu|bảy) ngày$/,
    (m, phrase) => after(m[2], asWritten(phrase, m[1])),
  ],
  [
    /^(?:chậm nhất |trong (?:vòng |thời gian |thời hạn )?|sau )?(\d{1,2}|một|hai|ba|bốn|năm|sáu|bảy) ngày (?:sau|kể từ) (?:khi |ngày )?(?:kết thúc )?(.+)$/,
    (m, phrase) => after(m[1], asWritten(phrase, m[2])),
  ],
  // "trước khi tổ chức chiến dịch 02 ngày", "02 ngày trước khi khai giảng": n days before it.
  [
    /^trước khi (.+?),? (\d{1,2}|một|hai|ba|bốn|năm|sáu|bảy) ngày$/,
    (m, phrase) => before(m[2], asWritten(phrase, m[1])),
  ],
  [
    /^(?:chậm nhất |ít nhất )?(\d{1,2}|một|hai|ba|bốn|năm|sáu|bảy) ngày trước (?:khi |ngày )?(.+)$/,
    (m, phrase) => before(m[1], asWritten(phrase, m[2])),
  ],
  // "mỗi quý một lần", "1 lần/tháng": recurring with no day.
  [
    /(?:mỗi |(?:một|1) lần\s?(?:\/\s?|mỗi ))(tháng|quý)/,
    (m) => ({ kind: "continuous", every: m[1] === "quý" ? "quarter" : "month" }),
  ],
  [/^thường xuyên/, () => ({ kind: "continuous" })],
  [/^(?:định kỳ )?(?:hàng|hằng) tháng/, () => ({ kind: "continuous", every: "month" })],
  [/^(?:định kỳ )?(?:hàng|hằng) quý/, () => ({ kind: "continuous", every: "quarter" })],
  [/^(?:định kỳ )?(?:hàng|hằng) năm/, () => ({ kind: "continuous", every: "year" })],
  [new RegExp(`^(?:${EVENT_MARKERS.join("|")})`), () => ({ kind: "event" })],
];

/** A written day and month as numbers, if they can be one ("31/13" cannot). */
function dayMonth(day: string | undefined, month: string | undefined): [number, number] | undefined {
  const [d, mo] = [Number(day), Number(month)];
  return d >= 1 && d <= 31 && mo >= 1 && mo <= 12 ? [d, mo] : undefined;
}

const isoDay = (year: string | number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

function date(
  word: string | undefined,
  day: string | undefined,
  month: string | undefined,
  year: string | undefined,
  planYear: number,
): ScheduleRule | undefined {
  const dm = dayMonth(day, month);
  if (!dm) return undefined;
  return {
    kind: "date",
    date: isoDay(year ?? planYear, dm[1], dm[0]),
    cutoff: word === "trước" ? "before" : "by",
  };
}

/**
 * "02 lần/năm": n times a year; "ít nhất" before it is kept, and months named after it
 * ("(tháng 6 và tháng 12)", "vào tháng 6, 12") date the rounds when they give n rounds.
 */
function perYear(word: string | undefined, m?: RegExpExecArray, phrase?: string): ScheduleRule | undefined {
  const n = count(word);
  if (!Number.isInteger(n) || n < 1) return undefined;
  const text = phrase === undefined ? "" : normalise(phrase);
  // "ít nhất 01 lần/năm", "tối thiểu 02 lần/năm", "mỗi năm ít nhất một lần".
  const atLeast =
    m !== undefined &&
    (/(?:ít nhất|tối thiểu)\s*(?:là\s*)?$/.test(text.slice(0, m.index)) || /ít nhất|tối thiểu/.test(m[0]));
  const rest = m === undefined ? "" : text.slice(m.index + m[0].length);
  const named =
    /^\s*(?:\(\s*|,\s*|vào |trong )(?:các |vào )?tháng ([\d\s,;–-]+(?:(?:và|đến|hoặc) (?:tháng )?[\d\s,;–-]+)*)/.exec(
      rest,
    );
  const months = named?.[1] && parseMonthList(eitherMonth(named[1].trim()));
  return {
    kind: "times-per-year",
    count: n,
    ...(months && timesPerYearRounds(months, n) && { months }),
    ...(atLeast && { atLeast: true }),
  };
}

/**
 * "tháng 9 hoặc tháng 10": one round in either month, so a round over both ("9-10"). Months that
 * are not next to each other ("tháng 3 hoặc tháng 9") do not make one round: no months.
 */
function eitherMonth(list: string): string {
  return list.replace(/(\d{1,2}) hoặc (?:tháng )?(\d{1,2})/g, (_all, a: string, b: string) =>
    Number(b) === Number(a) + 1 ? `${a}-${b}` : "x",
  );
}

/**
 * "11/7": held that day every year; "20/01/2026": held that day once. A year long before the plan's
 * ("27/02/1955", the day an anniversary counts from) is not when it is held: that day every year.
 */
function onDay(
  day: string | undefined,
  month: string | undefined,
  year: string | undefined,
  planYear: number,
): ScheduleRule | undefined {
  const dm = dayMonth(day, month);
  if (!dm) return undefined;
  const [d, mo] = dm;
  if (year === undefined || Number(year) < planYear - 1)
    return { kind: "on-day", month: mo, day: d, confirmWithin: 3 };
  return { kind: "on-day", date: isoDay(year, mo, d), confirmWithin: 3 };
}

/** n days after an event the plan does not date. */
function after(word: string | undefined, event: string): ScheduleRule | undefined {
  const n = count(word);
  return Number.isInteger(n) && event !== "" ? { kind: "relative", event, daysAfter: [n] } : undefined;
}

/** n days before an event the plan does not date. */
function before(word: string | undefined, event: string): ScheduleRule | undefined {
  const n = count(word);
  return Number.isInteger(n) && event !== "" ? { kind: "relative", event, daysBefore: [n] } : undefined;
}

/** The part of the phrase as written (its case kept) that the normalised `part` stands for. */
function asWritten(phrase: string, part: string | undefined): string {
  const clean = phrase.normalize("NFC").replace(/\s+/g, " ").trim();
  if (part === undefined) return clean;
  const at = clean.toLowerCase().lastIndexOf(part);
  return (at >= 0 ? clean.slice(at, at + part.length) : part).trim();
}

/**
 * The rule a phrase states, or undefined when the phrase is not one of the known forms.
 * `planYear` completes dates written without a year ("Trước 15/01").
 */
export function readTimingPhrase(phrase: string, planYear: number): ScheduleRule | undefined {
  const p = normalise(phrase);
  for (const [pattern, read] of READERS) {
    const m = pattern.exec(p);
    const rule = m && read(m, phrase, planYear);
    if (rule) return rule;
  }
  return undefined;
}

/**
 * An ad hoc part after a dated or recurring one: "… hoặc đột xuất khi có yêu cầu", "… và đột xuất",
 * "…, đột xuất theo yêu cầu", "… và báo cáo đột xuất". Group 1 is the ad hoc part as written.
 */
const AD_HOC_TAIL =
  /(?:,\s*(?:(?:và|hoặc)\s+)?|\s+(?:và|hoặc)\s+)(?:(?:báo cáo|kiểm tra|giám sát|họp|tổng hợp)\s+)?(đột xuất.*)$/iu;

/**
 * Every schedule a phrase states, the main one first: "trước ngày 25 của tháng cuối quý hoặc đột
 * xuất khi có yêu cầu" is a quarterly schedule and an event one ("đột xuất khi có yêu cầu").
 * Undefined when the phrase is not one of the known forms. The main one is readTimingPhrase's.
 */
export function readTimingSchedules(phrase: string, planYear: number): ScheduleRule[] | undefined {
  const main = readTimingPhrase(phrase, planYear);
  if (main === undefined) return undefined;
  const tail = AD_HOC_TAIL.exec(phrase.normalize("NFC").replace(/\s+/g, " ").trim());
  if (tail?.[1] === undefined || main.kind === "event") return [main];
  return [main, { kind: "event", trigger: tail[1] }];
}

/** Fields that must agree between a plan's rule and the rule its phrase states. */
const KEY_FIELDS: Record<ScheduleRule["kind"], string[]> = {
  date: ["date", "cutoff"],
  yearly: ["month", "day", "cutoff"],
  "month-end": ["month", "year"],
  months: ["months"],
  monthly: ["day", "cutoff"],
  quarterly: ["day", "cutoff", "monthOfQuarter"],
  "quarter-last-month": [],
  "by-year": ["year", "from"],
  continuous: [],
  event: [],
  "times-per-year": ["count", "months", "atLeast"],
  relative: ["daysBefore", "daysAfter", "during"],
  "on-day": ["date", "month", "day"],
  unstated: [],
};

/**
 * Why a plan's rule disagrees with its phrase, or undefined when they agree or the phrase is not
 * a known form. A "date" rule written as "yearly" for the plan's year counts as agreeing.
 */
export function phraseDisagreement(phrase: string, rule: ScheduleRule, planYear: number): string | undefined {
  let read = readTimingPhrase(phrase, planYear);
  if (read === undefined) return undefined;
  if (read.kind === "date" && rule.kind === "yearly") {
    const [, month, day] = read.date.split("-").map(Number);
    read = { kind: "yearly", month: month ?? 0, day: day ?? 0, cutoff: read.cutoff };
  }
  if (read.kind !== rule.kind) {
    return `cụm từ "${phrase}" đọc ra kiểu "${read.kind}" nhưng schedule ghi kiểu "${rule.kind}"`;
  }
  for (const field of KEY_FIELDS[read.kind]) {
    const expected = (read as Record<string, unknown>)[field];
    const actual = (rule as Record<string, unknown>)[field];
    if (expected === undefined) continue;
    const same =
      Array.isArray(expected) && Array.isArray(actual)
        ? [...new Set(expected)].sort().join() === [...new Set(actual)].sort().join()
        : expected === actual;
    if (!same) {
      return `cụm từ "${phrase}" đọc ra ${field} = ${JSON.stringify(expected)} nhưng schedule ghi ${JSON.stringify(actual)}`;
    }
  }
  return undefined;
}

/**
 * Why a duty's schedules disagree with its phrase: the main one as phraseDisagreement says, or an
 * ad hoc part of the phrase ("… hoặc đột xuất khi có yêu cầu") that no other schedule keeps.
 */
export function schedulesDisagreement(
  phrase: string,
  rules: readonly ScheduleRule[],
  planYear: number,
): string | undefined {
  const [main, ...others] = rules;
  if (main === undefined) return undefined;
  const disagreement = phraseDisagreement(phrase, main, planYear);
  if (disagreement) return disagreement;
  const adHoc = readTimingSchedules(phrase, planYear)?.find((r, i) => i > 0 && r.kind === "event");
  if (adHoc?.kind === "event" && !others.some((r) => r.kind === "event"))
    return `cụm từ "${phrase}" còn có phần "${adHoc.trigger}": thêm alsoSchedules: [{ kind: event, trigger: ${adHoc.trigger} }]`;
  return undefined;
}
