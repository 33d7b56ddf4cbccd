/**
 * Where a unit stands on a deadline, derived from what is stored: the expectation (with its
 * administrative state: expected, overdue, waived, cancelled), the unit's submissions and the
 * office's reviews of them, all immutable facts. A submission is never rewritten to change a
 * status, so nothing can be lost between two writes, and lateness is always measured against the
 * unit's current cut-off (the deadline's, or the unit's own after an extension).
 */
import { type ExpectationStatus, type Timeliness, timeliness } from "./status";

export type ExpectationState = "expected" | "overdue" | "waived" | "cancelled";

export interface SubmissionFact {
  receipt: string;
  submittedAt: string;
}

/** The office's decision on one submission version; the latest decision on a version counts. */
export interface ReviewFact {
  receipt: string;
  decision: "accepted" | "returned";
  at: string;
}

export interface DerivedStatus {
  status: ExpectationStatus;
  versions: number;
  submittedAt?: string;
  latestReceipt?: string;
  timeliness?: Timeliness;
  /** The latest version was returned by the office: a new version is needed. */
  returned?: boolean;
}

/** Each version's latest decision, by receipt. */
export function decisions(reviews: readonly ReviewFact[]): Map<string, ReviewFact["decision"]> {
  const latest = new Map<string, ReviewFact>();
  for (const r of reviews) {
    const known = latest.get(r.receipt);
    if (!known || known.at <= r.at) latest.set(r.receipt, r);
  }
  return new Map([...latest].map(([receipt, r]) => [receipt, r.decision]));
}

export function deriveStatus(
  state: ExpectationState,
  dueAt: string,
  submissions: readonly SubmissionFact[],
  reviews: readonly ReviewFact[] = [],
): DerivedStatus {
  if (submissions.length === 0) {
    return { status: state === "expected" ? "pending" : state, versions: 0 };
  }
  const ordered = [...submissions].sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : 1));
  const latest = ordered.at(-1) as SubmissionFact;
  const decided = decisions(reviews);
  // A returned version is not a report: the first version that was not returned decides
  // timeliness. A correction sent after the cut-off does not make an on-time report late, and a
  // late report stays late however often it is corrected; a report returned as wrong and sent
  // again after the cut-off is late.
  const counted = ordered.find((s) => decided.get(s.receipt) !== "returned");
  if (decided.get(latest.receipt) === "returned" || !counted) {
    return {
      status: "returned",
      versions: ordered.length,
      latestReceipt: latest.receipt,
      returned: true,
    };
  }
  return {
    status: "submitted",
    versions: ordered.length,
    submittedAt: counted.submittedAt,
    latestReceipt: latest.receipt,
    timeliness: timeliness(Date.parse(counted.submittedAt), dueAt),
  };
}
