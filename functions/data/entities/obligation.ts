/** An obligation of a plan with its defaults resolved (kept for operators; no request path reads it). */
import { z } from "zod";
import { compose, defineEntity } from "../entity";

export const ObligationRecord = z.looseObject({
  planId: z.string(),
  obligationId: z.string(),
  title: z.string(),
  timing: z.string(),
});
export type ObligationRecord = z.infer<typeof ObligationRecord>;

export const obligationEntity = defineEntity({
  type: "obligation",
  description: "an obligation with its schedule, lead unit, reminders, escalation and form resolved",
  schema: ObligationRecord,
  key: (a: { planId: string; obligationId: string }) => ({
    pk: compose("PLAN", a.planId),
    sk: compose("OBLIGATION", a.obligationId),
  }),
});
