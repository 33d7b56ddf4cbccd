/** A published plan: what the lifecycle needs of it, the hash of its content and its data model. */
import { z } from "zod";
import { compose, defineEntity } from "../entity";

export const PlanRecord = z.object({
  planId: z.string(),
  title: z.string(),
  /** The plan number and date of issue as written, for messages that come from the authority. */
  number: z.string().optional(),
  issuedOn: z.string().optional(),
  year: z.number(),
  untilYear: z.number(),
  issuer: z.looseObject({ unit: z.string() }),
  steeringCommittee: z.looseObject({ unit: z.string(), standingBody: z.string() }),
  /** The body that oversees the plan (e.g. a provincial health department): its viewers read it. */
  oversight: z.object({ id: z.string(), name: z.string() }).optional(),
  /** The names the console's page header shows, kept here so that no page reads the units for them. */
  names: z.object({ issuer: z.string(), committee: z.string(), standingBody: z.string() }).optional(),
  /** The plan's units in the order its file lists them: the console's rows. */
  unitOrder: z.array(z.string()).optional(),
  /** The plan's targets now: those an amended plan dropped stay stored but are not shown. */
  targetIds: z.array(z.string()).optional(),
  contentHash: z.string(),
  dataModel: z.number(),
  /** The whole plan file is kept beside it (plan-file): the console can move it to next year. */
  fileStored: z.boolean().optional(),
  publishedAt: z.string(),
});
export type PlanRecord = z.infer<typeof PlanRecord>;

export const planEntity = defineEntity({
  type: "plan",
  description: "a published plan: title, years, issuer, steering committee, content hash, data model",
  schema: PlanRecord,
  key: (a: { planId: string }) => ({ pk: compose("PLAN", a.planId), sk: "PLAN" }),
  indexes: {
    byPlan: (p) =>
      p.oversight ? { pk: oversightPk(p.oversight.id), sk: compose("PLAN", p.planId) } : undefined,
  },
});

/** In the byPlan index, the plans an oversight body reads (a viewer's ranking). */
export const oversightPk = (oversightId: string) => compose("OVERSIGHT", oversightId);
