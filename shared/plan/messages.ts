/**
 * Validation messages a clerk understands: Vietnamese, naming the field and what it means,
 * with a suggestion where one can be made — never a type name from the code.
 */
import type { z } from "zod";
import { PlanFile } from "./schema";
import { parseMonthList } from "./timing-phrase";

/** Each schedule kind with one line of meaning and an example, for a wrong or missing `kind`. */
export const SCHEDULE_KINDS: Record<string, string> = {
  date: "một ngày cố định — { kind: date, date: 2025-01-20 } (“trước ngày 20/01/2025”)",
  yearly: "cùng một ngày mỗi năm — { kind: yearly, month: 12, day: 15 }",
  "month-end": "hết một tháng — { kind: month-end, month: 3 } (“chậm nhất vào tháng 3”)",
  months: "trong các tháng — { kind: months, months: [6, 11, 12] } (“Tháng 6, 11-12”)",
  monthly: "hằng tháng trước ngày N — { kind: monthly, day: 4 } (“trước ngày 04 hàng tháng”)",
  quarterly:
    "hằng quý trước ngày N — { kind: quarterly, day: 25 } (“trước ngày 25 của tháng cuối quý”); số liệu đến ngày 14 tháng cuối quý: thêm coversUntilDay: 14",
  "quarter-last-month": "trong tháng cuối mỗi quý — { kind: quarter-last-month }",
  "by-year": "đến hết một năm — { kind: by-year, year: 2030 } (“đến năm 2030”)",
  continuous: "thường xuyên, không có hạn — { kind: continuous, every: month }",
  event: "theo sự việc, không có ngày — { kind: event, trigger: Theo chỉ đạo }",
  "times-per-year":
    "số lần mỗi năm — { kind: times-per-year, count: 2 } (“02 lần/năm”); có tháng: { kind: times-per-year, count: 2, months: [6, 12] } (“02 lần/năm (tháng 6 và tháng 12)”); “ít nhất”: thêm atLeast: true",
  relative:
    "trước, trong hoặc sau một sự việc khác — { kind: relative, event: mỗi đợt khám, daysBefore: [1, 2] } (“trước một đến hai ngày”), { kind: relative, event: các chiến dịch, during: true, daysAfter: [0] } (“trong và sau các chiến dịch”)",
  "on-day":
    "hoạt động diễn ra vào một ngày, xác nhận sau đó — { kind: on-day, month: 7, day: 11 } (“nhân kỷ niệm ngày Dân số thế giới 11/7”), hoặc { kind: on-day, date: 2025-07-11 }",
  unstated: "văn bản không ghi thời hạn — { kind: unstated }",
};

/** What a field means, for "missing field" messages. */
const FIELD_HELP: Record<string, string> = {
  day: "ngày trong tháng, 1–31",
  month: "tháng, 1–12",
  months: "danh sách tháng, ví dụ [6, 11, 12]",
  date: "ngày theo dạng YYYY-MM-DD, ví dụ 2025-01-20",
  year: "năm, ví dụ 2025",
  count: "số lần trong năm",
  event: "sự việc làm mốc",
  daysBefore: "số ngày trước mốc, ví dụ [1, 2]",
  daysAfter: "số ngày sau mốc, ví dụ [3]",
  confirmWithin: "số ngày làm việc sau ngày diễn ra để xác nhận",
  coversUntilDay: "số liệu tính đến ngày này của tháng cuối quý, ví dụ 14",
  kind: "kiểu",
  id: "mã không dấu, ví dụ ubnd-phuong-bo-de",
  title: "nội dung công việc như trong văn bản",
  name: "tên đầy đủ",
  lead: "đơn vị chủ trì (mã đơn vị hoặc nhóm)",
  members: "các mã đơn vị trong nhóm",
  what: "sản phẩm phải nộp",
  asWritten: "chỉ tiêu đúng như văn bản ghi",
};

type Schema = z.core.$ZodType;
type Def = {
  type: string;
  shape?: Record<string, Schema>;
  innerType?: Schema;
  element?: Schema;
  valueType?: Schema;
  options?: Schema[];
  discriminator?: string;
  in?: Schema;
};
const defOf = (s: Schema) => s._zod.def as unknown as Def;

function unwrap(s: Schema): Schema {
  let cur = s;
  for (;;) {
    const d = defOf(cur);
    if (d.innerType) cur = d.innerType;
    else if (d.type === "pipe" && d.in) cur = d.in;
    else return cur;
  }
}

/** The schema of the value at `path` inside `data`, following discriminated unions by the data. */
function schemaAt(path: readonly PropertyKey[], data: unknown): Schema | undefined {
  let s: Schema | undefined = PlanFile;
  let value = data;
  for (const key of path) {
    if (!s) return undefined;
    s = pick(unwrap(s), value);
    const d = defOf(s);
    if (d.type === "object") s = d.shape?.[String(key)];
    else if (d.type === "array") s = d.element;
    else if (d.type === "record") s = d.valueType;
    else return undefined;
    value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  }
  return s && pick(unwrap(s), value);
}

function pick(s: Schema, value: unknown): Schema {
  const d = defOf(s);
  if (d.type !== "union" || !d.options) return s;
  const kind = (value as Record<string, unknown> | undefined)?.[d.discriminator ?? "kind"];
  const match = d.options.find((o) => {
    const lit = defOf(unwrap(o)).shape?.[d.discriminator ?? "kind"];
    return lit !== undefined && (defOf(lit) as unknown as { values?: unknown[] }).values?.includes(kind);
  });
  return match ? unwrap(match) : s;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] ?? 0;
      row[j] = Math.min(cur + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] ?? 0;
}

export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const dist = distance(word.toLowerCase(), c.toLowerCase());
    if (dist < bestDistance) [best, bestDistance] = [c, dist];
  }
  // Beyond half the word, the "nearest" key is a guess that would mislead.
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 2)) ? best : undefined;
}

const valueAt = (data: unknown, path: readonly PropertyKey[]) =>
  path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k], data);

/** A clerk's message for one zod issue, or undefined to keep zod's (already Vietnamese) one. */
export function clerkMessage(issue: z.core.$ZodIssue, data: unknown): string | undefined {
  const field = issue.path.at(-1);
  if (issue.code === "invalid_union" && field === "kind") {
    const given = valueAt(data, issue.path);
    const list = Object.entries(SCHEDULE_KINDS)
      .map(([k, v]) => `\n    - ${k}: ${v}`)
      .join("");
    const guess = typeof given === "string" ? nearest(given, Object.keys(SCHEDULE_KINDS)) : undefined;
    const head = given === undefined ? "thiếu `kind`: kiểu lịch" : `kiểu lịch "${String(given)}" không có`;
    return `${head}${guess ? ` (có phải "${guess}"?)` : ""}. Các kiểu hợp lệ:${list}`;
  }
  if (issue.code === "invalid_type" && valueAt(data, issue.path) === undefined && typeof field === "string") {
    const parent = schemaAt(issue.path.slice(0, -1), data);
    const raw = parent && (defOf(parent).shape?.[field] as { description?: string } | undefined);
    const described = FIELD_HELP[field] ?? raw?.description;
    return `thiếu \`${field}\`${described ? `: ${described}` : ""}`;
  }
  if (issue.code === "invalid_type" && issue.path.at(-2) === "months") {
    const list = valueAt(data, issue.path.slice(0, -1));
    if (Array.isArray(list)) {
      const months = parseMonthList(list.join(", "));
      if (months)
        return `"${String(valueAt(data, issue.path))}" không phải một tháng: viết [${months.join(", ")}]`;
    }
    return "tháng phải là một số từ 1 đến 12";
  }
  if (issue.code === "unrecognized_keys") {
    const parent = schemaAt(issue.path, data);
    const known = Object.keys(parent ? (defOf(parent).shape ?? {}) : {});
    return issue.keys
      .map((key) => {
        const guess = nearest(key, known);
        return `không có mục \`${key}\`${guess ? `: có phải \`${guess}\`?` : ""}${known.length ? ` (các mục hợp lệ: ${known.join(", ")})` : ""}`;
      })
      .join("; ");
  }
  return undefined;
}
