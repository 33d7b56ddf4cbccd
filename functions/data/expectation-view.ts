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
}

export interface ExpectationWithSubmissions {
  expectation: ExpectationItem;
  submissions: SubmissionRecord[];
}

export const isOpen = (e: { status: ExpectationStatus }) => e.status === "pending" || e.status === "overdue";

/** Expectations and their submissions → each unit's deadline as read, skipping those without a definition. */
export function foldExpectations(
  items: readonly Item[],
  definitionOf: (e: ExpectationRecord) => DeadlineDefinition | undefined,
): ExpectationWithSubmissions[] {
  const submissions = Map.groupBy(submissionEntity.among(items), (s) => s.instanceId);
  const out: ExpectationWithSubmissions[] = [];
  for (const e of expectationEntity.among(items)) {
    const definition = definitionOf(e);
    if (!definition) continue;
    const mine = [...(submissions.get(e.instanceId) ?? [])].sort((a, b) =>
      a.submittedAt < b.submittedAt ? -1 : 1,
    );
    const derived = deriveStatus(e.state, definition.dueAt, mine);
    const { units: _u, state: _s, escalation: _e, year: _y, ...shared } = definition;
    out.push({
      expectation: {
        ...shared,
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
    });
  }
  return out;
}
