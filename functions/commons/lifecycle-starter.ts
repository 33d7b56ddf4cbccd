/**
 * The console's LifecycleStarter in AWS: a new execution of the deadline-lifecycle state machine,
 * under a name of its own (the deadline and the action's audit id), with the input the plan
 * calendar gives. Calling it again for the same action finds the execution it started: done.
 */
import { ExecutionAlreadyExists, type SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { type DeadlineRef, deadlineId } from "../../shared/calendar/instance-id";
import { type LifecycleStarter, restartExecutionName } from "../use-cases/console/restart-lifecycle";

export class SfnLifecycleStarter implements LifecycleStarter {
  constructor(
    private readonly sfn: SFNClient,
    /** The deadline-lifecycle state machine (configuration: LIFECYCLE_STATE_MACHINE_ARN). */
    private readonly stateMachineArn: string,
  ) {}

  async restart(ref: DeadlineRef, cause: string): Promise<void> {
    try {
      await this.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: restartExecutionName(ref, cause),
          input: JSON.stringify({ deadlineId: deadlineId(ref) }),
        }),
      );
    } catch (err) {
      // The same name and input again (a retried request) answers with the running execution;
      // an ended one under this name refuses: either way this restart has happened.
      if (err instanceof ExecutionAlreadyExists) return;
      throw err;
    }
  }
}
