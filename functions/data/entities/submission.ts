/**
 * One submission version: an immutable fact, stored with one conditional PutItem keyed by its
 * receipt, right after its unit's expectation in the deadline's partition.
 */
import { z } from "zod";
import type { InstanceRef } from "../../../shared/calendar/instance-id";
import type { AttachmentKind } from "../../../shared/submission/attachments";
import type { Submitter } from "../../../shared/submission/submission-schema";
import { compose, defineEntity } from "../entity";
import { deadlinePk } from "./deadline";
import { byUnitPk, InstanceAttributes, planYearPk, planYearSk, unitPrefix } from "./expectation";

/** One accepted attachment: what was checked, pinned where no upload form can write. */
export const AttachmentRecord = z.object({
  field: z.string(),
  /** The upload key it came from; writable while its form lives, so never read again. */
  key: z.string(),
  /** The pinned copy under accepted/, named by the SHA-256 of its bytes. */
  acceptedKey: z.string(),
  sha256: z.string(),
  size: z.number(),
  kind: z.custom<AttachmentKind>((v) => typeof v === "string"),
  /** The content type it is stored and served with, from its checked container. */
  contentType: z.string(),
  extension: z.string(),
  /** The S3 object version of the pinned copy, where the bucket is versioned (not s3rver). */
  versionId: z.string().optional(),
  /** The name the unit gave the file, when its client said so. */
  fileName: z.string().optional(),
});
export type AttachmentRecord = z.infer<typeof AttachmentRecord>;

export const SubmissionRecord = InstanceAttributes.extend({
  receipt: z.string(),
  submittedAt: z.string(),
  /** The cut-off this submission was timed against when it arrived. */
  dueAt: z.string(),
  late: z.boolean(),
  lateByMs: z.number(),
  lateDays: z.number(),
  submitter: z.custom<Submitter>((v) => typeof v === "object" && v !== null),
  fields: z.record(z.string(), z.unknown()),
  attachments: z.array(AttachmentRecord),
  idempotencyKey: z.string(),
  payloadHash: z.string(),
});
export type SubmissionRecord = z.infer<typeof SubmissionRecord>;

export const submissionEntity = defineEntity({
  type: "submission",
  description:
    "one submission version: submitter, fields, attachments, timed against the cut-off when it came",
  schema: SubmissionRecord,
  key: (a: InstanceRef & { receipt: string }) => ({
    pk: deadlinePk(a),
    sk: compose(`${unitPrefix(a.unitId)}SUBMISSION`, a.receipt),
  }),
  indexes: {
    byUnit: (s) => ({ pk: byUnitPk(s.planId, s.unitId), sk: compose("SUBMITTED", s.submittedAt, s.receipt) }),
    byPlan: (s) => ({
      pk: planYearPk(s.planId, s.year),
      sk: compose(`${planYearSk(s)}SUBMISSION`, s.receipt),
    }),
  },
});
