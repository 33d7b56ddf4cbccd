/** The lifecycle's progress on a deadline: which stages were carried out. */
import { z } from "zod";
import type { DeadlineRef } from "../../../shared/calendar/instance-id";
import { defineEntity } from "../entity";
import { deadlinePk } from "./deadline";

export const LifecycleProgress = z.object({
  planId: z.string(),
  obligationId: z.string(),
  period: z.string(),
  stagesDone: z.set(z.string()).optional(),
});
export type LifecycleProgress = z.infer<typeof LifecycleProgress>;

export const lifecycleProgressEntity = defineEntity({
  type: "lifecycle",
  description: "the stages of a deadline's lifecycle carried out (a string set)",
  schema: LifecycleProgress,
  key: (a: DeadlineRef) => ({ pk: deadlinePk(a), sk: "LIFECYCLE" }),
});
