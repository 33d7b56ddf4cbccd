/**
 * The Task states of the deadline-lifecycle and plan-calendar state machines, one Lambda handler
 * each (the CDK app deploys each as its own function; workflows/*.asl.json name them):
 *   planNextStep    {deadlineId}                 → {action, at, stage?, number?} | {action: "done"}
 *   remind          {deadlineId, stage}          → {sent, failed, skipped}
 *   markOverdue     {deadlineId}                 → {marked}
 *   escalate        {deadlineId, stage, number}  → {sent, failed, skipped, overdue}
 *   listDeadlines   {planId}                     → {deadlines: [{deadlineId, executionName}], finished}
 * Inputs are validated at the edge (Powertools parser with zod); the work is in use-cases/lifecycle/.
 */
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { parser } from "@aws-lambda-powertools/parser/middleware";
import middy from "@middy/core";
import { z } from "zod";
import { lifecycleExecutionName } from "../commons/execution-name";
import { lifecycleDeps } from "../commons/lifecycle-deps";
import { linkKeysFromSecret } from "../commons/link-keys-secret";
import { logger } from "../commons/middleware";
import {
  type DeadlineRef,
  deadlineId,
  escalate,
  type LifecycleDeps,
  listDueDeadlines,
  markOverdue,
  parseDeadlineId,
  planNextStep,
  remind,
} from "../use-cases/lifecycle";

const DeadlineId = z.string().transform((id, ctx): DeadlineRef => {
  const ref = parseDeadlineId(id);
  if (!ref) {
    ctx.addIssue({ code: "custom", message: "deadlineId must be plan:obligation:period" });
    return z.NEVER;
  }
  return ref;
});
const Stage = z.string().min(1).max(200);

const schemas = {
  planNextStep: z.object({ deadlineId: DeadlineId }),
  remind: z.object({ deadlineId: DeadlineId, stage: Stage }),
  markOverdue: z.object({ deadlineId: DeadlineId }),
  escalate: z.object({ deadlineId: DeadlineId, stage: Stage, number: z.number().int().min(1) }),
  listDeadlines: z.object({ planId: z.string().min(1) }),
};

function step<S extends z.ZodType>(
  schema: S,
  work: (deps: LifecycleDeps, input: z.output<S>) => Promise<unknown>,
  deps: () => LifecycleDeps,
) {
  return middy<z.output<S>, unknown>()
    .use(injectLambdaContext(logger))
    .use(linkKeysFromSecret())
    .use(parser({ schema }) as middy.MiddlewareObj<z.output<S>, unknown>)
    .handler((input) => work(deps(), input));
}

export function makeLifecycleSteps(deps: () => LifecycleDeps) {
  return {
    planNextStep: step(schemas.planNextStep, (d, i) => planNextStep(d, i.deadlineId), deps),
    remind: step(schemas.remind, (d, i) => remind(d, i.deadlineId, i.stage), deps),
    markOverdue: step(schemas.markOverdue, (d, i) => markOverdue(d, i.deadlineId), deps),
    escalate: step(schemas.escalate, (d, i) => escalate(d, i.deadlineId, i.stage, i.number), deps),
    listDeadlines: step(
      schemas.listDeadlines,
      async (d, i) => {
        const due = await listDueDeadlines(d, i.planId);
        return {
          finished: due.finished,
          deadlines: due.deadlines.map((ref) => ({
            deadlineId: deadlineId(ref),
            executionName: lifecycleExecutionName(deadlineId(ref)),
          })),
        };
      },
      deps,
    ),
  };
}

const steps = makeLifecycleSteps(() => lifecycleDeps());
export const planNextStepHandler = steps.planNextStep;
export const remindHandler = steps.remind;
export const markOverdueHandler = steps.markOverdue;
export const escalateHandler = steps.escalate;
export const listDeadlinesHandler = steps.listDeadlines;
