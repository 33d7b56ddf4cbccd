/** A target (chỉ tiêu) of a plan, with its per-unit values (Biểu 6), for the console's targets page. */
import { z } from "zod";
import type { Target } from "../../../shared/plan/schema";
import { compose, defineEntity } from "../entity";

export const TargetRecord = z.object({
  planId: z.string(),
  targetId: z.string(),
  target: z.custom<Target>((v) => typeof v === "object" && v !== null),
});
export type TargetRecord = z.infer<typeof TargetRecord>;

export const targetEntity = defineEntity({
  type: "target",
  description: "a target of the plan (chỉ tiêu) as written, with its per-unit values",
  schema: TargetRecord,
  key: (a: { planId: string; targetId: string }) => ({
    pk: compose("PLAN", a.planId),
    sk: compose("TARGET", a.targetId),
  }),
});

export const targetsOfPlan = (planId: string) => ({
  pk: compose("PLAN", planId),
  beginsWith: compose("TARGET", ""),
});
