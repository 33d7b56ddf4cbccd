/**
 * The console's lifecycle starter in AWS (a Step Functions execution of its own per action) and
 * the console actions' dependencies built from the lifecycle's.
 */
import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { buildConsoleActionDeps } from "../../functions/commons/lifecycle-deps";
import { SfnLifecycleStarter } from "../../functions/commons/lifecycle-starter";
import type { LifecycleDeps } from "../../functions/use-cases/lifecycle";

const sfn = mockClient(SFNClient);
afterEach(() => sfn.reset());

const ARN = "arn:aws:states:ap-southeast-1:123456789012:stateMachine:hanchot-DeadlineLifecycle";
const REF = { planId: "long-bien-2025", obligationId: "bao-cao-quy", period: "2025-Q1" };

describe("the lifecycle starter on Step Functions", () => {
  it("starts the deadline-lifecycle state machine with the plan calendar's input, under a name per cause", async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: "arn:x" });
    const starter = new SfnLifecycleStarter(new SFNClient({ region: "ap-southeast-1" }), ARN);
    await starter.restart(REF, "return-2025-03-26T03:00:00.000Z-0a1b2c3d");
    await starter.restart(REF, "extend-2025-03-27T03:00:00.000Z-9f8e7d6c");
    const calls = sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input);
    expect(calls.map((c) => [c.stateMachineArn, c.input])).toEqual([
      [ARN, '{"deadlineId":"long-bien-2025:bao-cao-quy:2025-Q1"}'],
      [ARN, '{"deadlineId":"long-bien-2025:bao-cao-quy:2025-Q1"}'],
    ]);
    expect(calls[0]?.name).toMatch(/^long-bien-2025-bao-cao-quy-2025-Q1-again-[0-9a-f]{16}$/);
    expect(calls[0]?.name).not.toBe(calls[1]?.name);
  });

  it("takes an execution already started under its name as done, and passes any other error on", async () => {
    const starter = new SfnLifecycleStarter(new SFNClient({ region: "ap-southeast-1" }), ARN);
    sfn
      .on(StartExecutionCommand)
      .rejectsOnce(new ExecutionAlreadyExists({ message: "exists", $metadata: {} }));
    await expect(starter.restart(REF, "return-1")).resolves.toBeUndefined();
    sfn.reset();
    sfn
      .on(StartExecutionCommand)
      .rejects(Object.assign(new Error("denied"), { name: "AccessDeniedException" }));
    await expect(starter.restart(REF, "return-2")).rejects.toThrow("denied");
  });
});

describe("the console actions' dependencies", () => {
  it("are the lifecycle's, the keyring still read when used, and the starter", () => {
    let reads = 0;
    const lifecycle = {
      baseUrl: "https://hanchot.example.gov.vn",
      get keyring() {
        reads++;
        return { current: "k", keys: {} };
      },
    } as unknown as LifecycleDeps;
    const deps = buildConsoleActionDeps(lifecycle, new SFNClient({ region: "ap-southeast-1" }), ARN);
    expect(reads).toBe(0);
    expect(deps.keyring.current).toBe("k");
    expect(reads).toBe(1);
    expect(deps.baseUrl).toBe("https://hanchot.example.gov.vn");
    expect(deps.lifecycle).toBeInstanceOf(SfnLifecycleStarter);
  });
});
