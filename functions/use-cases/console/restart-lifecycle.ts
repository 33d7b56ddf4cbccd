/**
 * Running a deadline's lifecycle again after an action made something owed once more (a returned
 * version, a later cut-off) when the lifecycle owed nothing: it had ended (everyone was in, or
 * every escalation was sent), or it only waited to look again because everyone was in. Decided
 * from the data by the same pure nextStep the lifecycle asks, before and after the action.
 *
 * Starting an execution while another still runs for the same deadline (one waiting out a Wait) is
 * safe: every message is claimed before it is sent and every stage is recorded, so the two never
 * send anything twice; the older one, when it wakes, plans from the same data, and each ends when
 * nothing is left. The extra execution only costs its steps.
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

/**
 * Whether the action made something owed to a lifecycle that owed nothing: one that had ended
 * (everyone in, every escalation sent), or one only looking again later because everyone was in
 * (it would see a returned version up to a week late, perhaps only on the cut-off's day).
 */
export function owedAgain(before: LifecycleSnapshot, after: LifecycleSnapshot, nowMs: number): boolean {
  const was = lifecycleStateOf(before);
  const is = lifecycleStateOf(after);
  const idle = was.missingUnits === 0 || nextStep(was, nowMs).action === "done";
  return idle && is.missingUnits > 0 && nextStep(is, nowMs).action !== "done";
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
