/**
 * Where a unit stands on a deadline, derived from what is stored: the expectation (with its
 * administrative state: expected, overdue, waived, cancelled) and the unit's submissions, which are
 * immutable facts. A submission is never rewritten to change a status, so nothing can be lost
 * between two writes, and lateness is always measured against the deadline's current cut-off.
 */
import { type ExpectationStatus, type Timeliness, timeliness } from "./status";

export type ExpectationState = "expected" | "overdue" | "waived" | "cancelled";

export interface SubmissionFact {
  receipt: string;
  submittedAt: string;
}

export interface DerivedStatus {
  status: ExpectationStatus;
  versions: number;
  submittedAt?: string;
  latestReceipt?: string;
  timeliness?: Timeliness;
}

export function deriveStatus(
  state: ExpectationState,
  dueAt: string,
  submissions: readonly SubmissionFact[],
): DerivedStatus {
  if (submissions.length === 0) {
    return { status: state === "expected" ? "pending" : state, versions: 0 };
  }
  const ordered = [...submissions].sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : 1));
  const first = ordered[0] as SubmissionFact;
  const latest = ordered.at(-1) as SubmissionFact;
  // The first version decides timeliness: a correction sent after the cut-off does not make an
  // on-time report late, and a late report stays late however often it is corrected.
  return {
    status: "submitted",
    versions: ordered.length,
    submittedAt: first.submittedAt,
    latestReceipt: latest.receipt,
    timeliness: timeliness(Date.parse(first.submittedAt), dueAt),
  };
}
