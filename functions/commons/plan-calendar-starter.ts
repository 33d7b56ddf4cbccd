/**
 * The console's PlanCalendarStarter in AWS: an execution of the plan-calendar state machine for a
 * plan just published, named as `npm run plan:publish -- --start-calendar` names it (the plan and
 * the year), so that publishing again, from either, finds the calendar already running.
 */
import { ExecutionAlreadyExists, type SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import type { PlanCalendarStarter } from "../use-cases/console/drafts";

/** The execution name of a plan's calendar started in `year` (as cli/publish.ts names it). */
export const planCalendarExecutionName = (planId: string, year: number) => `${planId}-${year}`;

export class SfnPlanCalendarStarter implements PlanCalendarStarter {
  constructor(
    private readonly sfn: SFNClient,
    /** The plan-calendar state machine (configuration: PLAN_CALENDAR_STATE_MACHINE_ARN). */
    private readonly stateMachineArn: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async start(planId: string): Promise<void> {
    try {
      await this.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: planCalendarExecutionName(planId, this.now().getUTCFullYear()),
          input: JSON.stringify({ planId }),
        }),
      );
    } catch (err) {
      // Started before (an amendment, a retried request): the running calendar reads the plan anew.
      if (err instanceof ExecutionAlreadyExists) return;
      throw err;
    }
  }
}
