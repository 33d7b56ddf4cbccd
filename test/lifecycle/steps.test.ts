import type { Context } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { makeLifecycleSteps } from "../../functions/lifecycle-steps/handler";
import type { LifecycleDeps } from "../../functions/use-cases/lifecycle";

const context = {
  awsRequestId: "t",
  functionName: "t",
  getRemainingTimeInMillis: () => 1000,
} as unknown as Context;

describe("lifecycle step handlers validate their input at the edge", () => {
  const touched: string[] = [];
  const deps = new Proxy({} as LifecycleDeps, {
    get: (_, key) => {
      touched.push(String(key));
      throw new Error("dependencies must not be reached with invalid input");
    },
  });
  const steps = makeLifecycleSteps(() => deps);

  it.each([
    ["planNextStep", { deadlineId: "not-a-deadline" }],
    ["remind", { deadlineId: "p:o:2025" }],
    ["escalate", { deadlineId: "p:o:2025", stage: "escalation-1", number: 0 }],
    ["listDeadlines", {}],
  ] as const)("%s refuses %j", async (name, input) => {
    await expect(
      (steps[name] as (e: unknown, c: Context) => Promise<unknown>)(input, context),
    ).rejects.toThrow();
    expect(touched).toEqual([]);
  });
});
