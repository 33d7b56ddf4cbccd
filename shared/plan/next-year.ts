/**
 * Next year's plan from this year's: the same units, groups, forms, obligations and targets, every
 * date the plan fixes moved by the years between them, the number and date of issue left blank
 * for the office to fill. Pure. What moved, and what could not, is listed in `draft.review`, so
 * that the office reads each before publishing; nothing is dropped and nothing is invented.
 *
 * Recurring rules (monthly, quarterly, months without a year) give next year's dates by
 * themselves; only their active range (from/until) moves. Unit validity ranges are facts about
 * the units (a ward created, a district tier ended), not dates of the plan: they stay, and a unit
 * that ended before the new plan starts is listed, since it owes nothing any more.
 */
import { dayInMonth, formatVietnameseDate, parts } from "../calendar/civil-date";
import { scheduleWords } from "./rule-words";
import type { Draft, Obligation, PlanFile, PlanFileInput, ScheduleRule } from "./schema";
import { phraseDisagreement } from "./timing-phrase";

export interface NextYearOptions {
  /** The new plan's id (a plan the office may publish to). */
  id: string;
  /** The first year of the new plan. */
  year: number;
  /** The plan the draft is moved from, as `draft.source` names it. */
  source?: string;
  /** The clock (ISO instant), for `draft.importedAt`. */
  at: string;
}

type Review = Draft["review"][number];

/** "2025-03" + 1 → "2026-03". */
const shiftMonth = (ym: string, years: number) => `${Number(ym.slice(0, 4)) + years}${ym.slice(4)}`;

/**
 * Years of the plan's span written in a text ("năm 2025", "20/01/2025", "giai đoạn 2025-2027")
 * moved by `years`; other years (a horizon "đến năm 2030", a past reference) stay.
 */
export function shiftYearsInText(text: string, span: { from: number; until: number }, years: number): string {
  return text.replace(/(?<!\d)(20\d{2})(?!\d)/g, (y) => {
    const n = Number(y);
    return n >= span.from && n <= span.until ? String(n + years) : y;
  });
}

interface Moved {
  rule: ScheduleRule;
  /** Why the office should look at it (a day that does not exist next year, a horizon kept). */
  note?: string;
}

/** A schedule rule moved by `years`; undefined when nothing in it is a date of the plan's years. */
export function shiftRule(
  rule: ScheduleRule,
  span: { from: number; until: number },
  years: number,
): Moved | undefined {
  const inSpan = (y: number) => y >= span.from && y <= span.until;
  const active = <R extends { from?: string; until?: string }>(r: R): R => ({
    ...r,
    ...(r.from !== undefined && { from: shiftMonth(r.from, years) }),
    ...(r.until !== undefined && { until: shiftMonth(r.until, years) }),
  });
  switch (rule.kind) {
    case "date": {
      const { year, month, day } = parts(rule.date);
      const date = dayInMonth(year + years, month, day);
      const clamped = Number(date.slice(8, 10)) !== day;
      return {
        rule: { ...rule, date },
        ...(clamped && {
          note: `ngày ${day}/${month} không có trong năm ${year + years}: đã ghi ${formatVietnameseDate(date)}`,
        }),
      };
    }
    case "month-end":
    case "months":
      return rule.year === undefined ? undefined : { rule: { ...rule, year: rule.year + years } };
    case "by-year": {
      // A horizon beyond the plan's years ("đến năm 2030" in a 2025 plan) is a target, not a date of it.
      if (!inSpan(rule.year))
        return { rule, note: `mốc năm ${rule.year} nằm ngoài các năm của kế hoạch: giữ nguyên` };
      return {
        rule: {
          ...rule,
          year: rule.year + years,
          ...(rule.from !== undefined && { from: rule.from + years }),
        },
      };
    }
    case "yearly":
    case "monthly":
    case "quarterly":
    case "quarter-last-month":
      return rule.from === undefined && rule.until === undefined ? undefined : { rule: active(rule) };
    case "continuous": {
      if (rule.since === undefined) return undefined;
      const since = shiftYearsInText(rule.since, span, years);
      return since === rule.since ? undefined : { rule: { ...rule, since } };
    }
    case "event":
    case "times-per-year":
    case "relative":
    case "unstated":
      return undefined;
  }
}

/** The blank number of a new plan, keeping the document type of the old one ("…/KH-UBND"). */
export function blankNumber(number: string): string {
  const slash = number.indexOf("/");
  const kind = slash >= 0 ? number.slice(slash + 1).trim() : "";
  return `…/${kind || "KH-UBND"}`;
}

/** Next year's draft plan from a published plan (its file as published). */
export function nextYearPlan(plan: PlanFile, options: NextYearOptions): PlanFileInput {
  const years = options.year - plan.year;
  if (!Number.isInteger(years) || years < 1)
    throw new RangeError(`năm của kế hoạch mới (${options.year}) phải sau năm ${plan.year}`);
  const span = { from: plan.year, until: plan.untilYear ?? plan.year };
  const text = (s: string) => shiftYearsInText(s, span, years);
  const newYear = plan.year + years;
  const newStart = `${newYear}-01-01`;
  const review: Review[] = [];

  review.push({
    what: "số và ngày ban hành",
    where: "đầu văn bản",
    why: `kế hoạch năm ${newYear} chưa có số: ghi số và ngày ban hành khi ký`,
  });

  const obligations = plan.obligations.map((o): Obligation => {
    const moved = shiftRule(o.schedule, span, years);
    const timing = text(o.timing);
    const title = text(o.title);
    const next: Obligation = {
      ...o,
      title,
      timing,
      ...(moved && { schedule: moved.rule }),
      ...(o.note !== undefined && { note: text(o.note) }),
    };
    if (moved && moved.rule !== o.schedule) {
      review.push({
        what: title,
        where: o.source,
        why: `đã dời sang năm ${newYear}: ${scheduleWords(o.schedule)} → ${scheduleWords(moved.rule)}${
          moved.note ? ` (${moved.note})` : ""
        }`,
      });
    } else if (moved?.note) {
      review.push({ what: title, where: o.source, why: moved.note });
    }
    // The phrase as written and the rule must still say the same thing (plan:check compares them).
    const disagreement = phraseDisagreement(timing, next.schedule, newYear);
    if (disagreement)
      review.push({ what: title, where: o.source, why: `thời hạn cần xem lại: ${disagreement}` });
    return next;
  });

  for (const u of plan.units) {
    if (u.validUntil !== undefined && u.validUntil < newStart)
      review.push({
        what: u.name,
        where: "đơn vị",
        why: `đơn vị đã kết thúc từ ${formatVietnameseDate(u.validUntil)}: không còn phải thực hiện việc nào năm ${newYear}; xóa hoặc thay bằng đơn vị nhận việc`,
      });
  }

  const targets = plan.targets.map((t) => ({
    ...t,
    title: text(t.title),
    ...(t.year !== undefined && t.year >= span.from && t.year <= span.until && { year: t.year + years }),
  }));
  if (targets.length > 0)
    review.push({
      what: `${targets.length} chỉ tiêu`,
      where: "chỉ tiêu",
      why: `giữ nguyên như kế hoạch năm ${plan.year}: cập nhật con số của năm ${newYear}`,
    });

  const { draft: _old, ...rest } = plan;
  return {
    ...rest,
    id: options.id,
    title: text(plan.title),
    number: blankNumber(plan.number),
    issuedOn: String(newYear),
    year: newYear,
    ...(plan.untilYear !== undefined && { untilYear: plan.untilYear + years }),
    obligations,
    targets,
    draft: { source: options.source ?? plan.id, importedAt: options.at, review },
  };
}
