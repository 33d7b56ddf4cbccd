/**
 * Where each unit stands on a deadline, as read: its expectation and its submissions (from one
 * Query) folded with the deadline's definition. The status is derived (shared/submission/derive.ts),
 * never stored.
 */
import type { DeadlineDefinition } from "../../shared/calendar/deadlines";
import type { Contacts } from "../../shared/plan/schema";
import { deriveStatus, type ExpectationState } from "../../shared/submission/derive";
import type { ExpectationStatus } from "../../shared/submission/status";
import { type ExpectationRecord, expectationEntity } from "./entities/expectation";
import { type ReviewRecord, reviewEntity } from "./entities/review";
import { type SubmissionRecord, submissionEntity } from "./entities/submission";
import type { Item } from "./table-client";

/** One unit's deadline as read: the definition, the unit, and where it stands. */
export interface ExpectationItem extends Omit<DeadlineDefinition, "units" | "state" | "escalation" | "year"> {
  instanceId: string;
  unitId: string;
  unitName: string;
  contacts: Contacts;
  state: ExpectationState;
  status: ExpectationStatus;
  versions: number;
  submittedAt?: string;
  latestReceipt?: string;
  late?: boolean;
  lateByMs?: number;
  lateDays?: number;
  /** Set when this unit alone was given a later cut-off (then `dueAt` is that cut-off). */
  extendedTo?: string;
}

export interface ExpectationWithSubmissions {
  expectation: ExpectationItem;
  submissions: SubmissionRecord[];
  reviews: ReviewRecord[];
}

/** Still owed by the unit: not yet in, or returned for a new version. */
export const isOpen = (e: { status: ExpectationStatus }) =>
  e.status === "pending" || e.status === "overdue" || e.status === "returned";

/** Expectations and their submissions → each unit's deadline as read, skipping those without a definition. */
export function foldExpectations(
  items: readonly Item[],
  definitionOf: (e: ExpectationRecord) => DeadlineDefinition | undefined,
): ExpectationWithSubmissions[] {
  const submissions = Map.groupBy(submissionEntity.among(items), (s) => s.instanceId);
  const reviews = Map.groupBy(reviewEntity.among(items), (r) => r.instanceId);
  const out: ExpectationWithSubmissions[] = [];
  for (const e of expectationEntity.among(items)) {
    const definition = definitionOf(e);
    if (!definition) continue;
    const mine = [...(submissions.get(e.instanceId) ?? [])].sort((a, b) =>
      a.submittedAt < b.submittedAt ? -1 : 1,
    );
    const decided = reviews.get(e.instanceId) ?? [];
    const dueAt = e.extendedTo ?? definition.dueAt;
    const derived = deriveStatus(e.state, dueAt, mine, decided);
    const { units: _u, state: _s, escalation: _e, year: _y, ...shared } = definition;
    out.push({
      expectation: {
        ...shared,
        dueAt,
        ...(e.extendedTo && { extendedTo: e.extendedTo }),
        instanceId: e.instanceId,
        unitId: e.unitId,
        unitName: e.unitName,
        contacts: e.contacts ?? { emails: [], phones: [] },
        state: e.state,
        status: derived.status,
        versions: derived.versions,
        ...(derived.submittedAt && { submittedAt: derived.submittedAt }),
        ...(derived.latestReceipt && { latestReceipt: derived.latestReceipt }),
        ...(derived.timeliness && {
          late: derived.timeliness.late,
          lateByMs: derived.timeliness.lateByMs,
          lateDays: derived.timeliness.lateDays,
        }),
      },
      submissions: mine,
      reviews: [...decided].sort((a, b) => (a.at < b.at ? -1 : 1)),
    });
  }
  return out;
}
