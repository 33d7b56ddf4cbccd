/**
 * How a period key reads to people, in emails, SMS and on the web form alike:
 * "2025" → "năm 2025", "2025-Q1" → "quý I/2025", "2025-03" → "tháng 03/2025", a window of months
 * "2025-03/2025-07" → "tháng 03/2025 – tháng 07/2025". Anything else is kept as written.
 */

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
