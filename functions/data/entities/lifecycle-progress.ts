/**
 * The lifecycle's progress on a deadline: which stages were carried out. Each stage done is an
 * item of its own, put whole (no condition, nothing to add to), so that a step writes it in the
 * same batch as the records of its messages. Older deadlines kept them in one string set, still read.
 */
import { z } from "zod";
import type { DeadlineRef } from "../../../shared/calendar/instance-id";
import { compose, defineEntity } from "../entity";
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
  description:
    "the stages of a deadline's lifecycle carried out (a string set, written before the stage items; now only read)",
  schema: LifecycleProgress,
  key: (a: DeadlineRef) => ({ pk: deadlinePk(a), sk: "LIFECYCLE" }),
});

export const StageDone = z.object({
  planId: z.string(),
  obligationId: z.string(),
  period: z.string(),
  stage: z.string(),
  doneAt: z.string(),
});
export type StageDone = z.infer<typeof StageDone>;

export const stageDoneEntity = defineEntity({
  type: "stage-done",
  description: "one stage of a deadline's lifecycle carried out, and when (put with the step's last records)",
  schema: StageDone,
  key: (a: DeadlineRef & { stage: string }) => ({ pk: deadlinePk(a), sk: compose("LIFECYCLE", a.stage) }),
});
