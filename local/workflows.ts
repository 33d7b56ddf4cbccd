/**
 * Runs the state machines of workflows/ locally and unchanged, with aws-local-stepfunctions: each
 * Task state is bound by name to the same code the Lambda functions run (functions/commons/lifecycle.ts).
 *
 * Two clocks. In real time (npm start), Wait states wait for real. In a simulation, a discrete
 * virtual clock makes a year pass in seconds: Wait states are overridden to zero and time passes
 * where the definition waits — right after PlanNextStep has said when the next step is — once every
 * running execution and simulated unit is waiting; then the clock jumps to the earliest moment.
 */

import type { Context } from "aws-lambda";
import { StateMachine } from "aws-local-stepfunctions";
import { lifecycleExecutionName } from "../functions/commons/execution-name";
import type { LifecycleDeps } from "../functions/commons/lifecycle";
import { makeLifecycleSteps } from "../functions/lifecycle-steps/handler";
import { loadDefinition, localSubstitutions } from "../workflows/definitions";

const WEEK_MS = 7 * 86_400_000;
const LOCAL_PLAN_CALENDAR_ARN =
  "arn:aws:states:ap-southeast-1:000000000000:stateMachine:hanchot-PlanCalendar";

/** A clock that jumps: time moves only when every actor waits, to the earliest moment awaited. */
export class VirtualClock implements LocalClock {
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

/** Time as the local executions see it: a discrete simulation clock or a scaled real-time one. */
export interface LocalClock {
  now(): Date;
  until(atMs: number): Promise<void>;
  enter(): void;
  leave(): void;
}

/**
 * Real time, optionally shifted to another start and sped up (`speed` virtual seconds per second):
 * for trying a past plan in the local stack and watching reminders arrive.
 */
export class ScaledClock implements LocalClock {
  private readonly realStart = Date.now();
  constructor(
    private readonly start: Date,
    private readonly speed = 1,
  ) {}
  now = (): Date => new Date(this.start.getTime() + (Date.now() - this.realStart) * this.speed);
  async until(atMs: number): Promise<void> {
    // Timers hold at most 24.8 days; wait in steps.
    for (let left = atMs - this.now().getTime(); left > 0; left = atMs - this.now().getTime()) {
      await new Promise((r) => setTimeout(r, Math.min(left / this.speed, 2 ** 31 - 1)));
    }
  }
  enter(): void {}
  leave(): void {}
}

export interface ExecutionRecord {
  name: string;
  kind: "plan-calendar" | "deadline-lifecycle";
  result: Promise<unknown>;
  transitions: number;
}

type Json = Record<string, unknown>;

export class LocalWorkflows {
  readonly executions = new Map<string, ExecutionRecord>();
  private readonly lifecycle: StateMachine;
  private readonly steps: ReturnType<typeof makeLifecycleSteps>;
  private readonly calendar: StateMachine;
  /** Task invocations, counted like Lambda invocations. */
  invocations = 0;
  private readonly aborts: Array<() => void> = [];

  /** Stops every execution (the local stack is shutting down; the data keeps where each was). */
  abortAll(): void {
    for (const abort of this.aborts.splice(0)) abort();
  }

  constructor(
    private readonly deps: LifecycleDeps,
    private readonly clock?: LocalClock,
  ) {
    this.steps = makeLifecycleSteps(() => deps);
    this.lifecycle = new StateMachine(
      loadDefinition("deadlineLifecycle", localSubstitutions("deadlineLifecycle")) as never,
    );
    this.calendar = new StateMachine(
      loadDefinition("planCalendar", localSubstitutions("planCalendar")) as never,
    );
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

  private async track(
    name: string,
    kind: ExecutionRecord["kind"],
    run: { result: Promise<unknown>; eventLogs: AsyncGenerator<unknown>; abort: () => void },
  ) {
    this.aborts.push(run.abort);
    const record: ExecutionRecord = { name, kind, result: run.result, transitions: 0 };
    this.executions.set(name, record);
    this.clock?.enter();
    const counting = (async () => {
      for await (const event of run.eventLogs) {
        if ((event as { type?: string }).type === "StateEntered") record.transitions++;
      }
    })();
    try {
      await run.result;
    } finally {
      await counting.catch(() => {});
      this.clock?.leave();
    }
  }

  /** Starts a deadline's lifecycle unless one with its name already runs (as Step Functions refuses). */
  startLifecycle(id: string): ExecutionRecord | undefined {
    const name = lifecycleExecutionName(id);
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
            if (clock && next.action !== "done") await clock.until(Date.parse(next.at ?? ""));
            return next;
          },
          Remind: (input: Json) => this.invoke(this.steps.remind, input),
          MarkOverdue: (input: Json) => this.invoke(this.steps.markOverdue, input),
          Escalate: (input: Json) => this.invoke(this.steps.escalate, input),
        },
        ...(clock && { waitTimeOverrides: { WaitUntilNextStep: 0, BackOffAfterFailure: 0 } }),
        ...(clock && { retryIntervalOverrides: { Remind: 0, MarkOverdue: 0, Escalate: 0, PlanNextStep: 0 } }),
      },
    } as never);
    void this.track(name, "deadline-lifecycle", run as never).catch(() => {});
    return this.executions.get(name);
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
            if (clock && lastListAt !== undefined) await clock.until(lastListAt + WEEK_MS);
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
        ...(clock && { waitTimeOverrides: { WaitAWeek: 0 } }),
      },
    } as never);
    void this.track(name, "plan-calendar", run as never).catch(() => {});
    return this.executions.get(name) as ExecutionRecord;
  }

  /** Resolves when every execution started so far, and those they started, has ended. */
  async settle(): Promise<void> {
    for (;;) {
      const pending = [...this.executions.values()];
      await Promise.allSettled(pending.map((e) => e.result));
      if (this.executions.size === pending.length) return;
    }
  }
}
