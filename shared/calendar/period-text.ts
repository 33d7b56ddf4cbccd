/**
 * How a period key reads to people, in emails, SMS and on the web form alike:
 * "2025" → "năm 2025", "2025-Q1" → "quý I/2025", "2025-03" → "tháng 03/2025", a window of months
 * "2025-03/2025-07" → "tháng 03/2025 – tháng 07/2025". Anything else is kept as written.
 */

import { civilDate, formatVietnameseDate, lastDayOfMonth } from "./civil-date";

const ROMAN_QUARTERS = ["I", "II", "III", "IV"];

function one(p: string): string {
  let m = /^(\d{4})$/.exec(p);
  if (m) return `năm ${m[1]}`;
  m = /^(\d{4})-Q([1-4])$/.exec(p);
  if (m) return `quý ${ROMAN_QUARTERS[Number(m[2]) - 1]}/${m[1]}`;
  m = /^(\d{4})-(\d{2})$/.exec(p);
  if (m) return `tháng ${m[2]}/${m[1]}`;
  return p;
}

export function periodText(period: string): string {
  const parts = period.split("/");
  if (parts.length === 2 && parts.every((p) => /^\d{4}-\d{2}$/.test(p))) {
    return `${one(parts[0] ?? "")} – ${one(parts[1] ?? "")}`;
  }
  return one(period);
}

/** The calendar span of a period key ("2025-Q1" → 01/01 to 31/03), or undefined for one it cannot read. */
function periodSpan(period: string): { from: string; to: string } | undefined {
  const last = (y: number, m: number) => lastDayOfMonth(y, m);
  let m = /^(\d{4})$/.exec(period);
  if (m) return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) {
    const [y, q] = [Number(m[1]), Number(m[2])];
    return { from: civilDate(y, 3 * q - 2, 1), to: last(y, 3 * q) };
  }
  m = /^(\d{4})-(\d{2})(?:\/(\d{4})-(\d{2}))?$/.exec(period);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    const [y2, mo2] = m[3] ? [Number(m[3]), Number(m[4])] : [y, mo];
    return { from: civilDate(y, mo, 1), to: last(y2, mo2) };
  }
  return undefined;
}

/**
 * "từ 15/12/2024 đến 14/03/2025": the figures a report covers, when they are not its period's own
 * calendar span (a quarter reported up to the 14th of its last month, Decree 09/2019/NĐ-CP).
 */
export function coversText(
  period: string,
  covers: { from: string; to: string } | undefined,
): string | undefined {
  if (covers === undefined) return undefined;
  const span = periodSpan(period);
  if (span && span.from === covers.from && span.to === covers.to) return undefined;
  return `từ ${formatVietnameseDate(covers.from)} đến ${formatVietnameseDate(covers.to)}`;
}
