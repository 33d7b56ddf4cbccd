/**
 * The plan file as last published, whole (JSON): what the console moves to next year. Written by
 * the publication (functions/use-cases/publish-plan.ts) beside the plan record it describes.
 */
import { z } from "zod";
import { compose, defineEntity } from "../entity";

/** A copy bigger than this is not kept (an item holds 400 KB): such a plan cannot be moved in the console. */
export const PLAN_FILE_MAX_BYTES = 350 * 1024;

export const PlanFileRecord = z.object({
  planId: z.string(),
  /** The PlanFile as published (parsed, defaults filled), as JSON text. */
  file: z.string(),
  contentHash: z.string(),
  publishedAt: z.string(),
});
export type PlanFileRecord = z.infer<typeof PlanFileRecord>;

export const planFileEntity = defineEntity({
  type: "plan-file",
  description: "the plan file as last published, whole (JSON): next year's plan is moved from it",
  schema: PlanFileRecord,
  key: (a: { planId: string }) => ({ pk: compose("PLAN", a.planId), sk: "FILE" }),
});
