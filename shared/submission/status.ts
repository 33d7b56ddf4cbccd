/**
 * Where one unit stands on one deadline, and how late a submission is, in the words users read.
 */
export type ExpectationStatus = "pending" | "overdue" | "submitted" | "returned" | "waived" | "cancelled";

const DAY_MS = 86_400_000;

export interface Timeliness {
  late: boolean;
  /** Milliseconds after the cut-off; 0 when on time. */
  lateByMs: number;
  /** Started days late: one second late is one day late. */
  lateDays: number;
}

export function timeliness(submittedAtMs: number, dueAt: string): Timeliness {
  const lateByMs = Math.max(0, submittedAtMs - Date.parse(dueAt));
  return { late: lateByMs > 0, lateByMs, lateDays: Math.ceil(lateByMs / DAY_MS) };
}

/**
 * What a unit sends: a report, or the confirmation that an activity held on a fixed day took
 * place (then every word says "xác nhận", never "nộp").
 */
export type SentAs = "report" | "confirmation";

export function statusText(status: ExpectationStatus, late?: Timeliness, as: SentAs = "report"): string {
  const send = as === "confirmation" ? "xác nhận" : "nộp";
  switch (status) {
    case "pending":
      return `chưa ${send}`;
    case "overdue":
      return `quá hạn, chưa ${send}`;
    case "waived":
      return "được miễn";
    case "cancelled":
      return "đã hủy";
    case "returned":
      return as === "confirmation" ? "bị trả lại, cần xác nhận lại" : "bị trả lại, cần nộp bản mới";
    case "submitted":
      return late?.late ? `${send} muộn ${late.lateDays} ngày` : `đã ${send} đúng hạn`;
  }
}
