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
import { inLambdaContainer } from "../commons/config";
import { lifecycleExecutionName } from "../commons/execution-name";
import { buildLifecycleDeps, lifecycleDeps } from "../commons/lifecycle-deps";
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
  before: middy.MiddlewareObj[],
) {
  return middy<z.output<S>, unknown>()
    .use(injectLambdaContext(logger))
    .use(before)
    .use(parser({ schema }) as middy.MiddlewareObj<z.output<S>, unknown>)
    .handler((input) => work(deps(), input));
}

/** `before`: middlewares that ready the container (Lambda: the link keyring from its secret). */
export function makeLifecycleSteps(
  deps: () => LifecycleDeps,
  options: { before?: middy.MiddlewareObj[] } = {},
) {
  const before = options.before ?? [];
  return {
    planNextStep: step(schemas.planNextStep, (d, i) => planNextStep(d, i.deadlineId), deps, before),
    remind: step(schemas.remind, (d, i) => remind(d, i.deadlineId, i.stage), deps, before),
    markOverdue: step(schemas.markOverdue, (d, i) => markOverdue(d, i.deadlineId), deps, before),
    escalate: step(schemas.escalate, (d, i) => escalate(d, i.deadlineId, i.stage, i.number), deps, before),
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
      before,
    ),
  };
}

/** This module's composition root (the dependency wiring test builds it from each deployed environment). */
// A misconfigured function fails its cold start, naming the variable, before it serves anything.
if (inLambdaContainer()) lifecycleDeps();

export const buildDeps = buildLifecycleDeps;
const steps = makeLifecycleSteps(lifecycleDeps, { before: [linkKeysFromSecret()] });
export const planNextStepHandler = steps.planNextStep;
export const remindHandler = steps.remind;
export const markOverdueHandler = steps.markOverdue;
export const escalateHandler = steps.escalate;
export const listDeadlinesHandler = steps.listDeadlines;
