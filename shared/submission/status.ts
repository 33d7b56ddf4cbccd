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

export function statusText(status: ExpectationStatus, late?: Timeliness): string {
  switch (status) {
    case "pending":
      return "chưa nộp";
    case "overdue":
      return "quá hạn, chưa nộp";
    case "waived":
      return "được miễn";
    case "cancelled":
      return "đã hủy";
    case "returned":
      return "bị trả lại, cần nộp bản mới";
    case "submitted":
      return late?.late ? `nộp muộn ${late.lateDays} ngày` : "đã nộp đúng hạn";
  }
}
