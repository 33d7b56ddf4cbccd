/**
 * A draft of a plan, reviewed in the console before it is published: the plan file being corrected
 * (with its `draft` block: where it was read from and what to review), how it began, who began it.
 * Drafts of a plan share a partition of their own, so that the office's drafts are one Query per
 * plan, and so that the console may delete them (IAM allows DeleteItem on DRAFT# partitions only).
 */
import { z } from "zod";
import { compose, defineEntity } from "../entity";

/** A draft bigger than this is refused: a DynamoDB item holds 400 KB, a 75 KB plan is a large one. */
export const DRAFT_MAX_BYTES = 350 * 1024;

export const DraftRecord = z.object({
  planId: z.string(),
  /** "<planId>.<random>": the plan it publishes to is read from the id (one Query per plan). */
  draftId: z.string(),
  origin: z.enum(["document", "plan", "template"]),
  /** The document's file name, the plan id it was moved from, or the template's id. */
  source: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The draft plan file (PlanFileInput) as JSON text: read as a whole, written as a whole. */
  planJson: z.string(),
  /** The uploaded document, for a draft read from one. */
  document: z.object({ name: z.string(), size: z.number() }).optional(),
  /** Obligations a person has corrected or confirmed (their certainty is no longer the reader's). */
  confirmed: z.array(z.string()).default([]),
  /** Bumped by every write: a write on a draft changed since it was read is refused. */
  version: z.number().int(),
});
export type DraftRecord = z.infer<typeof DraftRecord>;

export const draftsPk = (planId: string) => compose("DRAFT", planId);
/** The partitions of drafts: IAM lets the console delete items there, and only there. */
export const DRAFT_PK_PREFIX = "DRAFT#";

export const draftEntity = defineEntity({
  type: "draft",
  description:
    "a draft plan reviewed in the console before publishing: the plan file as JSON, its origin (document, plan, template), who made it",
  schema: DraftRecord,
  key: (a: { planId: string; draftId: string }) => ({
    pk: draftsPk(a.planId),
    sk: compose("DRAFT", a.draftId),
  }),
});
