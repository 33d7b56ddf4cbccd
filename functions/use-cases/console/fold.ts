/**
 * From items as read to what the pure console modules take, and small pieces of the views: the
 * page header of a plan, a plan-year's facts, a unit's versions with their decisions, a message.
 */
import type { MessageSent, PlanHeader, VersionSummary } from "../../../shared/console/model";
import type { PlanYearFacts } from "../../../shared/console/timeliness";
import { stageText } from "../../../shared/console/wording";
import { decisions, type ReviewFact, type SubmissionFact } from "../../../shared/submission/derive";
import { timeliness } from "../../../shared/submission/status";
import type { DeadlineWindowRecord } from "../../data/entities/deadline";
import type { PlanRecord } from "../../data/entities/plan";
import type { ReviewRecord } from "../../data/entities/review";
import type { SendRecord } from "../../data/entities/send";
import type { PlanYearItems } from "../../data/repositories/console-repository";

export function yearsOf(plan: Pick<PlanRecord, "year" | "untilYear">): number[] {
  const years: number[] = [];
  for (let y = plan.year; y <= Math.max(plan.year, plan.untilYear); y++) years.push(y);
  return years;
}

export const runsIn = (plan: Pick<PlanRecord, "year" | "untilYear">, year: number) =>
  year >= plan.year && year <= Math.max(plan.year, plan.untilYear);

/** The page header, from the plan record alone (its names are stored there at publication). */
export function headerOf(plan: PlanRecord, year: number): PlanHeader {
  const issuerName = typeof plan.issuer.name === "string" ? plan.issuer.name : plan.issuer.unit;
  return {
    planId: plan.planId,
    title: plan.title,
    ...(plan.number !== undefined && { number: plan.number }),
    issuerName: plan.names?.issuer ?? issuerName,
    standingBodyName: plan.names?.standingBody ?? plan.steeringCommittee.standingBody,
    year,
    years: yearsOf(plan),
  };
}

/** A plan-year's facts for shared/console/timeliness.ts: its deadlines of that year and their items. */
export function planYearFacts(
  plan: Pick<PlanRecord, "unitOrder">,
  deadlines: readonly DeadlineWindowRecord[],
  items: PlanYearItems,
  year: number,
): PlanYearFacts {
  return {
    deadlines: deadlines.filter((d) => d.year === year),
    shares: items.shares,
    submissions: items.submissions,
    reviews: items.reviews,
    sends: items.sends,
    ...(plan.unitOrder && { unitOrder: plan.unitOrder }),
  };
}

/** A unit's versions, oldest first, each timed against the unit's current cut-off, with its latest decision. */
export function versionSummaries(
  submissions: readonly SubmissionFact[],
  reviews: ReadonlyArray<ReviewFact & Partial<Pick<ReviewRecord, "reason">>>,
  cutOff: string,
): VersionSummary[] {
  const decided = decisions(reviews);
  const latestReview = new Map<string, (typeof reviews)[number]>();
  for (const r of [...reviews].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)))
    latestReview.set(r.receipt, r);
  return [...submissions]
    .sort((a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt))
    .map((s) => {
      const t = timeliness(Date.parse(s.submittedAt), cutOff);
      const decision = decided.get(s.receipt);
      const reason = latestReview.get(s.receipt)?.reason;
      return {
        receipt: s.receipt,
        submittedAt: s.submittedAt,
        late: t.late,
        lateDays: t.lateDays,
        ...(decision && { decision }),
        ...(decision === "returned" && reason && { reason }),
      };
    });
}

/** A message as the deadline page lists it. */
export function messageOf(
  send: SendRecord,
  deadline: { dueAt: string; opensOn?: string; remindAt: readonly string[] },
): MessageSent {
  return {
    unitId: send.unitId,
    stage: send.stage,
    stageText: stageText(send.stage, deadline),
    channel: send.channel,
    recipient: send.recipient,
    status: send.status,
    at: send.sentAt ?? send.claimedAt,
    ...(send.error && { error: send.error }),
  };
}
