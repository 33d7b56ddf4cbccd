/**
 * How the console writes figures, instants and statuses in Vietnamese. A status is always shown
 * by colour (its class) and by a symbol and words, so that it reads without colour and aloud.
 */
import { formatVietnameseDate, formatVietnameseInstant, vietnamDateOf } from "../../calendar/civil-date";
import { dayText, deadlineWords } from "../../calendar/deadline-text";
import type { CellStatus } from "../../console/model";

export interface StatusLook {
  /** The CSS class carrying the colour: "s-on-time", "s-late", … */
  cls: string;
  /** A symbol that survives printing in black and white (hidden from screen readers). */
  symbol: string;
  /** A word or two for narrow places (the heatmap's cells, with the days late). */
  short: string;
  /** The status in words. */
  text: string;
}

// The web form's palette (shared/web/pages.ts), with one colour pair per status; every pair
// has a contrast ratio of at least 4.5:1 (WCAG AA), checked in the tests.
export const STATUS_COLOURS: Record<CellStatus, { bg: string; fg: string }> = {
  "on-time": { bg: "#dff3e4", fg: "#124d23" },
  late: { bg: "#fff0c2", fg: "#5c3d00" },
  missing: { bg: "#fde2e1", fg: "#8a1c1c" },
  returned: { bg: "#f1e4f7", fg: "#5b2169" },
  pending: { bg: "#eef1f4", fg: "#3d4751" },
  waived: { bg: "#e3eefa", fg: "#0b4478" },
  cancelled: { bg: "#f3f3f3", fg: "#4f4f4f" },
};

/** The statuses in the order the legend lists them. */
export const STATUS_ORDER: readonly CellStatus[] = [
  "on-time",
  "late",
  "missing",
  "returned",
  "pending",
  "waived",
  "cancelled",
];

export function statusLook(status: CellStatus, lateDays?: number): StatusLook {
  const cls = `s-${status}`;
  switch (status) {
    case "on-time":
      return { cls, symbol: "✓", short: "", text: "đúng hạn" };
    case "late":
      return lateDays === undefined
        ? { cls, symbol: "◷", short: "", text: "nộp muộn" }
        : { cls, symbol: "◷", short: String(lateDays), text: `nộp muộn ${lateDays} ngày` };
    case "missing":
      return { cls, symbol: "✗", short: "", text: "thiếu, quá hạn chưa nộp" };
    case "pending":
      return { cls, symbol: "…", short: "", text: "chưa đến hạn" };
    case "returned":
      return { cls, symbol: "↩", short: "", text: "bị trả lại, chờ bản mới" };
    case "waived":
      return { cls, symbol: "–", short: "", text: "được miễn" };
    case "cancelled":
      return { cls, symbol: "⊘", short: "", text: "đã hủy" };
  }
}

/** The legend's wording of each status (no day count). */
export const STATUS_LEGEND: Record<CellStatus, string> = {
  "on-time": "Đúng hạn",
  late: "Nộp muộn (số ngày muộn)",
  missing: "Thiếu: quá hạn, chưa nộp",
  returned: "Bị trả lại, chờ bản mới",
  pending: "Chưa đến hạn",
  waived: "Được miễn",
  cancelled: "Đã hủy",
};

/** "85,7%"; "—" when nothing is expected. */
export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return "—";
  return `${rate.toLocaleString("vi-VN", { maximumFractionDigits: 1 })}%`;
}

/** "1.234" (a Vietnamese thousands separator). */
export function count(n: number): string {
  return n.toLocaleString("vi-VN");
}

/** "09:00 ngày 12/05/2025", Vietnam time. */
export function instant(iso: string): string {
  return formatVietnameseInstant(Date.parse(iso));
}

/** "12/05/2025", the Vietnam date of an instant. */
export function dateOf(iso: string): string {
  return formatVietnameseDate(vietnamDateOf(Date.parse(iso)));
}

/** A cut-off as users read it: its last on-time minute, "23:59 thứ Hai 24/03/2025". */
export function dueText(dueAt: string): string {
  return deadlineWords(dueAt).at;
}

/**
 * A deadline's cut-off where a table lists it: "23:59 thứ Hai 24/03/2025", or for an activity held
 * on a fixed day, when it takes place and until when to confirm it ("diễn ra thứ Bảy 11/07/2026 ·
 * xác nhận trước 23:59 thứ Tư 15/07/2026"), never "hạn chót". `dueAt`: the unit's own, if extended.
 */
export function cutOffText(d: { dueAt: string; heldOn?: string | undefined }, dueAt = d.dueAt): string {
  return d.heldOn === undefined
    ? dueText(dueAt)
    : `diễn ra ${dayText(d.heldOn)} · xác nhận trước ${dueText(dueAt)}`;
}

/** "11/07": a day held, short (the heatmap's column headers). */
export function dayShort(date: string): string {
  return formatVietnameseDate(date).slice(0, 5);
}

/** "24/03": a cut-off's last on-time day, short (the heatmap's column headers). */
export function dueShort(dueAt: string): string {
  const d = deadlineWords(dueAt).lastDay;
  return formatVietnameseDate(d).slice(0, 5);
}

/** A value of unknown shape (an audit entry's before and after) as short text. */
export function looseText(value: unknown): string {
  if (value === undefined || value === null || value === "") return "—";
  if (typeof value === "string") return ISO_INSTANT.test(value) ? instant(value) : value;
  if (typeof value === "number") return count(value);
  if (typeof value === "boolean") return value ? "Có" : "Không";
  if (Array.isArray(value)) return value.length === 0 ? "—" : value.map(looseText).join(", ");
  return JSON.stringify(value);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
