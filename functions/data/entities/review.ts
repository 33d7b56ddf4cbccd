/**
 * The office's decision on one submission version (accepted, or returned with a reason): an
 * immutable fact beside the version, never an edit of it. The latest decision on a version counts
 * (shared/submission/derive.ts); a returned version asks the unit for a new one.
 */
import { z } from "zod";
import type { InstanceRef } from "../../../shared/calendar/instance-id";
import { compose, defineEntity } from "../entity";
import { deadlinePk } from "./deadline";
import { byUnitPk, InstanceAttributes, planYearPk, planYearSk, unitPrefix } from "./expectation";

export const ReviewRecord = InstanceAttributes.extend({
  receipt: z.string(),
  decision: z.enum(["accepted", "returned"]),
  /** Why it was returned, in the office's words; sent to the unit. */
  reason: z.string(),
  at: z.string(),
  /** Who decided (the signed-in user's email). */
  by: z.string(),
});
export type ReviewRecord = z.infer<typeof ReviewRecord>;

export const reviewEntity = defineEntity({
  type: "review",
  description: "the office's decision on a submission version: accepted, or returned with a reason",
  schema: ReviewRecord,
  key: (a: InstanceRef & { receipt: string; at: string }) => ({
    pk: deadlinePk(a),
    sk: compose(`${unitPrefix(a.unitId)}REVIEW`, a.receipt, a.at),
  }),
  indexes: {
    // Beside the unit's expectations and submissions, so that its page reads its returned versions.
    byUnit: (r) => ({ pk: byUnitPk(r.planId, r.unitId), sk: compose("REVIEWED", r.at, r.receipt) }),
    byPlan: (r) => ({
      pk: planYearPk(r.planId, r.year),
      sk: compose(`${planYearSk(r)}REVIEW`, r.receipt, r.at),
    }),
  },
});
