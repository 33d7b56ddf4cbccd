/**
 * Runs the state machines of workflows/ locally and unchanged, with aws-local-stepfunctions: each
 * Task state is bound by name to the same code the Lambda functions run (functions/use-cases/lifecycle/).
 *
 * Two clocks. On a scaled real clock (npm start, optionally shifted with --now and sped up with
 * --speed), time passes in the definition's Wait states, as in AWS: PlanNextStep's instant is
 * turned into the real instant it maps to, and the fixed waits are divided by the speed. Nothing
 * waits inside a Task (the local engine times every Task out after 60 s, as its default
 * TimeoutSeconds). In a simulation, a discrete virtual clock makes a year pass in seconds: Wait
 * states are overridden to zero and time passes right after PlanNextStep has said when the next
 * step is, once every running execution and simulated unit is waiting; then the clock jumps to the
 * earliest moment, so no Task waits longer than the simulation takes to reach that moment.
 */

import type { Context } from "aws-lambda";
import { StateMachine } from "aws-local-stepfunctions";
import { lifecycleExecutionName } from "../functions/commons/execution-name";
import { makeLifecycleSteps } from "../functions/lifecycle-steps/handler";
import { restartExecutionName } from "../functions/use-cases/console/restart-lifecycle";
import type { LifecycleDeps } from "../functions/use-cases/lifecycle";
import { formatVietnameseInstant } from "../shared/calendar/civil-date";
import { type DeadlineRef, deadlineId } from "../shared/calendar/instance-id";
import { loadDefinition, localSubstitutions } from "../workflows/definitions";

const WEEK_MS = 7 * 86_400_000;
const LOCAL_PLAN_CALENDAR_ARN =
  "arn:aws:states:ap-southeast-1:000000000000:stateMachine:hanchot-PlanCalendar";

/** A clock that jumps: time moves only when every actor waits, to the earliest moment awaited. */
export class VirtualClock {
  private nowMs: number;
  private active = 0;
  private waiters: Array<{ at: number; resolve: () => void }> = [];
  private scheduled = false;

  constructor(start: Date) {
    this.nowMs = start.getTime();
  }

  now = (): Date => new Date(this.nowMs);

  /** An actor (an execution, a simulated unit) begins; time cannot pass without it. */
  enter(): void {
    this.active++;
  }

  leave(): void {
    this.active--;
    this.schedule();
  }

  /** Resolves when the virtual time reaches `atMs` (at once if it has). */
  until(atMs: number): Promise<void> {
    if (atMs <= this.nowMs) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push({ at: atMs, resolve });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // After pending I/O callbacks and microtasks, so that a busy actor is not mistaken for a waiting one.
    setImmediate(() => {
      this.scheduled = false;
      if (this.waiters.length === 0 || this.waiters.length < this.active) return;
      const next = Math.min(...this.waiters.map((w) => w.at));
      this.nowMs = next;
      const due = this.waiters.filter((w) => w.at <= next);
      this.waiters = this.waiters.filter((w) => w.at > next);
      for (const w of due) w.resolve();
    });
  }
}

/**
 * Real time, optionally shifted to another start and sped up (`speed` virtual seconds per second):
 * for trying a past plan in the local stack and watching reminders arrive.
 */
export class ScaledClock {
  private readonly realStart = Date.now();
  constructor(
    private readonly start: Date,
    readonly speed = 1,
  ) {}
  now = (): Date => new Date(this.start.getTime() + (Date.now() - this.realStart) * this.speed);
  /** The real instant at which this clock shows `virtualMs`. */
  realInstant(virtualMs: number): number {
    return this.realStart + (virtualMs - this.start.getTime()) / this.speed;
  }
  /** How long `virtualMs` of this clock lasts in real time. */
  realDuration(virtualMs: number): number {
    return virtualMs / this.speed;
  }
}

export type LocalClock = VirtualClock | ScaledClock;

export interface ExecutionRecord {
  name: string;
  kind: "plan-calendar" | "deadline-lifecycle";
  result: Promise<unknown>;
  transitions: number;
}

/** An execution that ended in failure, as the local stack reports it. */
export interface ExecutionFailure {
  name: string;
  kind: ExecutionRecord["kind"];
  /** The deadline (obligation × period) or the plan the execution was for. */
  subject: string;
  error: string;
  at: Date;
  restarted: boolean;
}

export interface LocalWorkflowsOptions {
  /** Where failures are told (the local stack's log); console.error by default. */
  log?: (line: string) => void;
  /** Restarts of one execution after failures before it is left stopped. */
  maxRestarts?: number;
  /** Real time before a failed execution is started again (the data says where it was). */
  restartDelayMs?: number;
}

type Json = Record<string, unknown>;
type Run = { result: Promise<unknown>; eventLogs: AsyncGenerator<unknown>; abort: () => void };

/** The Retry intervals of a definition's Task states, divided by the clock's speed. */
function scaledRetryIntervals(definition: Json, speed: number): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  const visit = (states: Json) => {
    for (const [name, state] of Object.entries(states) as Array<[string, Json]>) {
      const retry = (state.Retry as Json[] | undefined)?.[0];
      if (retry) {
        const interval = Number(retry.IntervalSeconds ?? 1);
        const rate = Number(retry.BackoffRate ?? 2);
        out[name] = Array.from(
          { length: Number(retry.MaxAttempts ?? 3) },
          (_, i) => (interval * rate ** i * 1000) / speed,
        );
      }
      const inner = (state.ItemProcessor as Json | undefined)?.States as Json | undefined;
      if (inner) visit(inner);
    }
  };
  visit(definition.States as Json);
  return out;
}

export class LocalWorkflows {
  readonly executions = new Map<string, ExecutionRecord>();
  readonly failures: ExecutionFailure[] = [];
  private readonly lifecycleDefinition: Json;
  private readonly calendarDefinition: Json;
  private readonly lifecycle: StateMachine;
  private readonly steps: ReturnType<typeof makeLifecycleSteps>;
  private readonly calendar: StateMachine;
  /** Task invocations, counted like Lambda invocations. */
  invocations = 0;
  private readonly aborts: Array<() => void> = [];
  private aborted = false;
  /** Bumped whenever an execution starts, so that settle() sees restarts under the same name. */
  private starts = 0;
  private readonly restarts = new Map<string, number>();
  private readonly log: (line: string) => void;

  /** Stops every execution (the local stack is shutting down; the data keeps where each was). */
  abortAll(): void {
    this.aborted = true;
    for (const abort of this.aborts.splice(0)) abort();
  }

  constructor(
    private readonly deps: LifecycleDeps,
    private readonly clock?: LocalClock,
    private readonly options: LocalWorkflowsOptions = {},
  ) {
    this.log = options.log ?? ((line) => console.error(line));
    this.steps = makeLifecycleSteps(() => deps);
    this.lifecycleDefinition = loadDefinition(
      "deadlineLifecycle",
      localSubstitutions("deadlineLifecycle"),
    ) as Json;
    this.calendarDefinition = loadDefinition("planCalendar", localSubstitutions("planCalendar")) as Json;
    this.lifecycle = new StateMachine(this.lifecycleDefinition as never);
    this.calendar = new StateMachine(this.calendarDefinition as never);
  }

  /** Invokes a step's Lambda handler as Lambda would: the event, and a context. */
  private invoke(handler: (event: never, context: Context) => Promise<unknown>, input: Json): Promise<Json> {
    this.invocations++;
    const context = {
      awsRequestId: `local-${this.invocations}`,
      functionName: "local",
      getRemainingTimeInMillis: () => 60_000,
    };
    return handler(input as never, context as unknown as Context) as Promise<Json>;
  }

  /** Overrides that make the definition's waits and retry intervals follow the clock. */
  private timing(waitStates: string[], definition: Json): object {
    const clock = this.clock;
    if (clock instanceof VirtualClock) {
      const zero = Object.fromEntries(waitStates.map((w) => [w, 0]));
      const noRetryWait = Object.fromEntries(
        Object.keys(scaledRetryIntervals(definition, 1)).map((name) => [name, 0]),
      );
      return { waitTimeOverrides: zero, retryIntervalOverrides: noRetryWait };
    }
    if (clock instanceof ScaledClock && clock.speed !== 1) {
      // Fixed waits shrink with the speed; a TimestampPath wait gets a real instant from PlanNextStep.
      const fixed: Record<string, number> = {};
      for (const name of waitStates) {
        const seconds = ((definition.States as Json)[name] as Json | undefined)?.Seconds;
        if (typeof seconds === "number") fixed[name] = clock.realDuration(seconds * 1000);
      }
      return {
        waitTimeOverrides: fixed,
        retryIntervalOverrides: scaledRetryIntervals(definition, clock.speed),
      };
    }
    return {};
  }

  private track(
    name: string,
    kind: ExecutionRecord["kind"],
    subject: string,
    run: Run,
    restart: () => void,
  ): ExecutionRecord {
    this.starts++;
    this.aborts.push(run.abort);
    const record: ExecutionRecord = { name, kind, result: run.result, transitions: 0 };
    this.executions.set(name, record);
    const clock = this.clock instanceof VirtualClock ? this.clock : undefined;
    clock?.enter();
    const counting = (async () => {
      for await (const event of run.eventLogs) {
        if ((event as { type?: string }).type === "StateEntered") record.transitions++;
      }
    })();
    const ended = (async () => {
      try {
        await run.result;
      } finally {
        await counting.catch(() => {});
        clock?.leave();
      }
    })();
    record.result = ended;
    ended.catch((err: unknown) => this.failed(name, kind, subject, err, restart));
    return record;
  }

  /**
   * An execution failed (in AWS, an alarm on failed executions tells the operators). Locally it is
   * told in the log, and started again: the lifecycle re-reads the data, so it picks up where the
   * data says it was, and nothing already sent is sent again.
   */
  private failed(
    name: string,
    kind: ExecutionRecord["kind"],
    subject: string,
    err: unknown,
    restart: () => void,
  ) {
    if (this.aborted) return;
    const e = err as { name?: string; message?: string; cause?: { name?: string; message?: string } };
    const error = [e.cause?.name ?? e.name, e.cause?.message ?? e.message].filter(Boolean).join(": ");
    const done = this.restarts.get(name) ?? 0;
    const restarted = done < (this.options.maxRestarts ?? 5);
    const what = kind === "plan-calendar" ? `Lịch của kế hoạch ${subject}` : `Quy trình của hạn ${subject}`;
    const at = this.deps.now();
    this.failures.push({ name, kind, subject, error, at, restarted });
    this.log(
      `[${formatVietnameseInstant(at.getTime())}] Lỗi: ${what} dừng vì ${error || "lỗi không rõ"}. ` +
        (restarted
          ? `Chạy lại (lần ${done + 1}); dữ liệu cho biết đã làm đến đâu, không gửi lại tin đã gửi.`
          : "Đã chạy lại nhiều lần vẫn lỗi: dừng hẳn. Kiểm tra nhật ký rồi khởi động lại npm start."),
    );
    if (!restarted) return;
    this.restarts.set(name, done + 1);
    const again = () => {
      if (this.aborted) return;
      this.executions.delete(name);
      restart();
    };
    const delay = this.options.restartDelayMs ?? (this.clock instanceof VirtualClock ? 0 : 5_000);
    if (delay === 0) again();
    else setTimeout(again, delay).unref();
  }

  /** Starts a deadline's lifecycle unless one with its name already runs (as Step Functions refuses). */
  startLifecycle(id: string): ExecutionRecord | undefined {
    return this.runLifecycle(id, lifecycleExecutionName(id));
  }

  /**
   * The console's LifecycleStarter locally: runs a deadline's lifecycle again under a name of its
   * own (the deadline and the action's cause), as the AWS starter does with Step Functions.
   */
  async restart(ref: DeadlineRef, cause: string): Promise<void> {
    this.runLifecycle(deadlineId(ref), restartExecutionName(ref, cause));
  }

  private runLifecycle(id: string, name: string): ExecutionRecord | undefined {
    if (this.executions.has(name)) return undefined;
    const clock = this.clock;
    const run = this.lifecycle.run({ deadlineId: id }, {
      overrides: {
        taskResourceLocalHandlers: {
          PlanNextStep: async (input: Json) => {
            const next = (await this.invoke(this.steps.planNextStep, input)) as {
              action: string;
              at?: string;
            };
            if (next.action === "done" || next.at === undefined) return next;
            if (clock instanceof VirtualClock) await clock.until(Date.parse(next.at));
            if (clock instanceof ScaledClock) {
              // The Wait state waits for real: give it the real instant this clock reaches `at`.
              return { ...next, at: new Date(clock.realInstant(Date.parse(next.at))).toISOString() };
            }
            return next;
          },
          Remind: (input: Json) => this.invoke(this.steps.remind, input),
          MarkOverdue: (input: Json) => this.invoke(this.steps.markOverdue, input),
          Escalate: (input: Json) => this.invoke(this.steps.escalate, input),
        },
        ...this.timing(["WaitUntilNextStep", "BackOffAfterFailure"], this.lifecycleDefinition),
      },
    } as never) as unknown as Run;
    return this.track(name, "deadline-lifecycle", id, run, () => this.runLifecycle(id, name));
  }

  /** Starts the calendar of a published plan: it starts each deadline's lifecycle as it comes near. */
  startPlanCalendar(
    planId: string,
    continuesFrom?: { lastListAt: number | undefined; generation: number },
  ): ExecutionRecord {
    const clock = this.clock;
    // A continued calendar keeps the week of the one it continues: the list comes a week after the last.
    let lastListAt: number | undefined = continuesFrom?.lastListAt;
    const generation = continuesFrom ? continuesFrom.generation + 1 : 0;
    const name = generation === 0 ? `plan-calendar-${planId}` : `plan-calendar-${planId}-${generation}`;
    const input = { planId };
    const run = this.calendar.run(input, {
      // The context object as Step Functions gives it: ContinueAsNew reads $$.StateMachine.Id.
      context: {
        Execution: { Id: `local:${name}`, Input: input, Name: name, StartTime: new Date().toISOString() },
        StateMachine: { Id: LOCAL_PLAN_CALENDAR_ARN, Name: "hanchot-PlanCalendar" },
      },
      overrides: {
        taskResourceLocalHandlers: {
          ListDueDeadlines: async (input: Json) => {
            if (clock instanceof VirtualClock && lastListAt !== undefined)
              await clock.until(lastListAt + WEEK_MS);
            lastListAt = this.deps.now().getTime();
            return this.invoke(this.steps.listDeadlines, input);
          },
          StartLifecycle: async (input: Json) => {
            const deadline = input.deadline as { deadlineId: string } | undefined;
            this.startLifecycle(
              String((input.Input as Json | undefined)?.deadlineId ?? deadline?.deadlineId),
            );
            return {};
          },
          ContinueAsNew: async (input: Json) => {
            const next = input.Input as { planId?: string } | undefined;
            this.startPlanCalendar(String(next?.planId ?? planId), { lastListAt, generation });
            return {};
          },
        },
        ...this.timing(["WaitAWeek"], this.calendarDefinition),
      },
    } as never) as unknown as Run;
    return this.track(name, "plan-calendar", planId, run, () =>
      this.startPlanCalendar(planId, continuesFrom),
    );
  }

  /** Resolves when every execution started so far, and those they started (or restarted), has ended. */
  async settle(): Promise<void> {
    for (;;) {
      const starts = this.starts;
      await Promise.allSettled([...this.executions.values()].map((e) => e.result));
      if (this.starts === starts) return;
    }
  }
}
