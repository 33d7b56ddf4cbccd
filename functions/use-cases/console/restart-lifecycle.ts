/**
 * Running a deadline's lifecycle again after an action made something owed once more (a returned
 * version, a later cut-off) when the lifecycle had already ended: everyone was in, or every
 * escalation was sent. Decided from the data by the same pure nextStep the lifecycle asks, before
 * and after the action: restarted only when it said "done" before and no longer does.
 *
 * Starting an execution while another still runs for the same deadline (one waiting out its last
 * Wait) is safe: every message is claimed before it is sent and every stage is recorded, so the
 * two never send anything twice; the extra execution only costs its steps.
 */
import { createHash } from "node:crypto";
import { type DeadlineRef, deadlineId } from "../../../shared/calendar/instance-id";
import { nextStep } from "../../../shared/lifecycle/next-step";
import type { LifecycleSnapshot } from "../../data";
import type { LifecycleDeps } from "../lifecycle/deps";
import { lifecycleStateOf } from "../lifecycle/plan-next-step";

/** Starts a deadline's lifecycle again (AWS: a Step Functions execution; locally: the local runner). */
export interface LifecycleStarter {
  restart(ref: DeadlineRef, cause: string): Promise<void>;
}

/**
 * A Step Functions execution name of its own (at most 80 characters of [A-Za-z0-9_-]): the
 * deadline, then a hash of the deadline and the cause (the audit entry), so each restart is new.
 */
export function restartExecutionName(ref: DeadlineRef, cause: string): string {
  const id = deadlineId(ref);
  const hash = createHash("sha256").update(`${id}\n${cause}`).digest("hex").slice(0, 16);
  return `${id.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 54)}-again-${hash}`;
}

/** Whether the lifecycle had nothing left to do before the action and has something after it. */
export function owedAgain(before: LifecycleSnapshot, after: LifecycleSnapshot, nowMs: number): boolean {
  return (
    nextStep(lifecycleStateOf(before), nowMs).action === "done" &&
    nextStep(lifecycleStateOf(after), nowMs).action !== "done"
  );
}

/** Restarts the lifecycle when the action made something owed again; says whether it did. */
export async function restartIfOwedAgain(
  deps: LifecycleDeps & { lifecycle: LifecycleStarter },
  ref: DeadlineRef,
  before: LifecycleSnapshot,
  after: LifecycleSnapshot,
  cause: string,
): Promise<boolean> {
  if (!owedAgain(before, after, deps.now().getTime())) return false;
  await deps.lifecycle.restart(ref, cause);
  return true;
}
