/**
 * A schedule rule said back in a clerk's words, so that whoever reviews a plan (the console's draft
 * table, plan:check) sees how the machine read a timing phrase without reading YAML.
 */
import type { ScheduleRule } from "./schema";

const dm = (iso: string) => {
  const [y, m, d] = iso.split("-");
  return `${Number(d)}/${Number(m)}/${y}`;
};
const ym = (value: string) => {
  const [y, m] = value.split("-");
  return `${Number(m)}/${y}`;
};
const cut = (cutoff: "before" | "by", day: string) => (cutoff === "by" ? `chậm nhất ${day}` : `trước ${day}`);

function active(rule: { from?: string; until?: string }): string {
  if (rule.from && rule.until) return ` (từ tháng ${ym(rule.from)} đến tháng ${ym(rule.until)})`;
  if (rule.from) return ` (từ tháng ${ym(rule.from)})`;
  if (rule.until) return ` (đến tháng ${ym(rule.until)})`;
  return "";
}

/** "3–5, 9": consecutive months as one range, like the plans write them. */
export function monthRanges(months: readonly number[]): string {
  const sorted = [...new Set(months)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] as number) + 1) j++;
    runs.push(j > i ? `${sorted[i]}–${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return runs.join(", ");
}

const EVERY = { month: "hằng tháng", quarter: "hằng quý", year: "hằng năm" } as const;

/** "1, 2 ngày trước mỗi đợt khám", "trong khi diễn ra và ngay sau khi kết thúc các chiến dịch". */
function relativeWords(rule: Extract<ScheduleRule, { kind: "relative" }>): string {
  const parts: string[] = [];
  if (rule.daysBefore) parts.push(`${rule.daysBefore.join(", ")} ngày trước`);
  if (rule.during) parts.push("trong khi diễn ra");
  if (rule.daysAfter) {
    const days = rule.daysAfter.filter((d) => d > 0);
    if (rule.daysAfter.includes(0)) parts.push("ngay sau khi kết thúc");
    if (days.length > 0) parts.push(`${days.join(", ")} ngày sau`);
  }
  return `${parts.join(" và ")} ${rule.event}`;
}

/** Every schedule of a duty in a clerk's words: "hằng quý, trước ngày 25 …; và khi có sự việc (đột xuất)". */
export function schedulesWords(rules: readonly ScheduleRule[]): string {
  return rules.map(scheduleWords).join("; và ");
}

export function scheduleWords(rule: ScheduleRule): string {
  switch (rule.kind) {
    case "date":
      return `một lần, ${cut(rule.cutoff, `ngày ${dm(rule.date)}`)}`;
    case "yearly":
      return `hằng năm, ${cut(rule.cutoff, `ngày ${rule.day}/${rule.month}`)}${active(rule)}`;
    case "month-end":
      return `xong trong tháng ${rule.month}${rule.year ? `/${rule.year}` : ""} (hết ngày cuối tháng)`;
    case "months":
      return `làm trong tháng ${monthRanges(rule.months)}${rule.year ? ` năm ${rule.year}` : ""}`;
    case "monthly":
      return `hằng tháng, ${cut(rule.cutoff, `ngày ${rule.day}`)} của ${
        rule.covers === "same-month" ? "chính tháng báo cáo" : "tháng sau tháng báo cáo"
      }${active(rule)}`;
    case "quarterly":
      return `hằng quý, ${cut(rule.cutoff, `ngày ${rule.day}`)} của tháng ${
        rule.monthOfQuarter === 3 ? "cuối" : rule.monthOfQuarter === 1 ? "đầu" : "giữa"
      } quý${
        rule.coversUntilDay === undefined
          ? ""
          : `; số liệu từ ngày ${rule.coversUntilDay + 1} tháng cuối quý trước đến ngày ${rule.coversUntilDay} tháng cuối quý`
      }${active(rule)}`;
    case "quarter-last-month":
      return `hằng quý, trong tháng cuối quý${active(rule)}`;
    case "by-year":
      return `xong trước hết năm ${rule.year}${rule.from ? ` (từ năm ${rule.from})` : ""}`;
    case "continuous":
      return `thường xuyên${rule.every ? `, ${EVERY[rule.every]}` : ""}, không có hạn chót`;
    case "event":
      return `khi có sự việc${rule.trigger ? ` (${rule.trigger})` : ""}, không có ngày định trước`;
    case "times-per-year":
      return `${rule.atLeast ? "ít nhất " : ""}${rule.count} lần mỗi năm, ${
        rule.months ? `vào tháng ${monthRanges(rule.months)}` : "văn bản không ghi tháng"
      }`;
    case "relative":
      return `${relativeWords(rule)}, không có ngày định trước`;
    case "on-day":
      return `diễn ra ${
        rule.date ? `ngày ${dm(rule.date)}` : `ngày ${rule.day}/${rule.month} hằng năm`
      }, xác nhận trong ${rule.confirmWithin} ngày làm việc sau đó${active(rule)}`;
    case "unstated":
      return "văn bản không ghi thời hạn";
  }
}
