/**
 * A whole plan-year through the same state machines and handlers, on a virtual clock, in seconds:
 * DynamoDB Local (in memory), aws-ses-v2-local for email, the SMS outbox, the plan-calendar and
 * deadline-lifecycle workflows run by aws-local-stepfunctions, and simulated units (seeded: most
 * submit on time, some late, some never) whose submissions are stored as the API stores them.
 */
import { clients, localTarget } from "../functions/commons/clients";
import { type EmailMessage, type EmailSender, SesEmailSender } from "../functions/commons/notifications";
import { dataLayer } from "../functions/data";
import type { LifecycleDeps } from "../functions/use-cases/lifecycle";
import { publishPlan } from "../functions/use-cases/publish-plan";
import { formatVietnameseDate, vietnamDateOf } from "../shared/calendar/civil-date";
import { expandPlan } from "../shared/calendar/expand";
import { deadlineId } from "../shared/calendar/instance-id";
import type { PlanFile } from "../shared/plan/schema";
import { receiptNumber } from "../shared/submission/receipt";
import { timeliness } from "../shared/submission/status";
import { startDynamoDbLocal } from "./dynamodb-local";
import { ensureTable } from "./runtime";
import { seededRandom } from "./seeded-random";
import { startSesLocal } from "./ses-local";
import { SmsOutbox } from "./sms-outbox";
import { LocalWorkflows, VirtualClock } from "./workflows";

const DAY_MS = 86_400_000;

export interface SimulationOptions {
  plan: PlanFile;
  year: number;
  seed?: number;
  /** Share of email and SMS sends that fail (fault injection), 0–1. */
  sendFailureRate?: number;
  /** Called with the share of the year simulated so far, the phase, and the virtual date in the year. */
  onProgress?: (fraction: number, detail: SimulationProgress) => void;
}

export type SimulationPhase = "engines" | "publish" | "year" | "summary";

export interface SimulationProgress {
  phase: SimulationPhase;
  /** The virtual clock, while the year runs. */
  at?: Date;
}

export interface SimulationSummary {
  plan: string;
  year: number;
  units: number;
  deadlines: number;
  instances: number;
  reminders: { email: number; sms: number; byStage: Record<string, number> };
  submissions: { onTime: number; late: number; never: number };
  overdueUnits: number;
  escalations: number;
  failedSends: number;
  duplicateSends: number;
  stateTransitions: number;
  lambdaInvocations: number;
  dbRequests: number;
  executions: number;
  wallSeconds: number;
  /** Where the wall time went: starting the engines, publishing the plan, running the year. */
  phases: { engines: number; publish: number; run: number };
}

/** An email sender that fails a seeded share of sends, for fault injection. */
class FlakyEmail implements EmailSender {
  constructor(
    private readonly inner: EmailSender,
    private readonly rate: number,
    private readonly random: () => number,
  ) {}
  sendEmail(m: EmailMessage) {
    if (this.random() < this.rate) {
      const err = new Error("Maximum sending rate exceeded.");
      err.name = "Throttling";
      return Promise.reject(err);
    }
    return this.inner.sendEmail(m);
  }
}

const PHASES: Record<SimulationProgress["phase"], string> = {
  engines: "khởi động DynamoDB Local và SES cục bộ",
  publish: "đăng kế hoạch",
  year: "chạy năm",
  summary: "tổng hợp kết quả",
};

/** The bar, then which phase and, while the year runs, which virtual day it has reached. */
export function progressLine(fraction: number, detail: SimulationProgress): string {
  const width = 30;
  const full = Math.round(fraction * width);
  const day = detail.at ? `, ngày ${formatVietnameseDate(vietnamDateOf(detail.at.getTime()))}` : "";
  return `[${"#".repeat(full)}${".".repeat(width - full)}] ${Math.round(fraction * 100)}% — ${PHASES[detail.phase]}${day}`;
}

export async function simulateYear(options: SimulationOptions): Promise<SimulationSummary> {
  const started = performance.now();
  const { plan, year } = options;
  const random = seededRandom(options.seed ?? 1);
  options.onProgress?.(0, { phase: "engines" });
  const [dynamo, ses] = await Promise.all([startDynamoDbLocal(), startSesLocal()]);
  const enginesAt = performance.now();
  try {
    const aws = clients(localTarget({ dynamodb: dynamo.endpoint, ses: ses.endpoint }));
    const client = aws.dynamodb;
    await ensureTable(client, "hanchot");
    const data = dataLayer(aws.documents, "hanchot");
    options.onProgress?.(0, { phase: "publish" });
    await publishPlan(data, plan);
    const publishRequests = data.table.requests.count;
    const publishedAt = performance.now();

    const instances = expandPlan(plan, year);
    const firstAction = Math.min(
      ...instances.flatMap((i) => [Date.parse(i.dueAt), ...i.remindAt.map(Date.parse)]),
    );
    const lastEnd = Math.max(...instances.map((i) => Date.parse(i.dueAt))) + 40 * DAY_MS;
    const clock = new VirtualClock(new Date(firstAction - 14 * DAY_MS));
    const email = new SesEmailSender(aws.ses, { from: "hanchot@example.org" });
    const sms = new SmsOutbox({ failureRate: options.sendFailureRate ?? 0, seed: (options.seed ?? 1) + 1 });
    const delivered = new Map<string, number>();
    const byStage: Record<string, number> = {};
    const byChannel = { email: 0, sms: 0 };
    const deps: LifecycleDeps = {
      data,
      email: options.sendFailureRate
        ? new FlakyEmail(email, options.sendFailureRate, seededRandom((options.seed ?? 1) + 2))
        : email,
      sms,
      keyring: { current: "sim", keys: { sim: Buffer.alloc(32, 1) } },
      now: clock.now,
      baseUrl: "http://127.0.0.1:3000",
      sleep: async () => {},
      onDelivered: (key, channel, stage) => {
        delivered.set(key, (delivered.get(key) ?? 0) + 1);
        if (stage.startsWith("remind@")) {
          byChannel[channel]++;
          const kind = "reminder";
          byStage[kind] = (byStage[kind] ?? 0) + 1;
        } else {
          byStage[stage.replace(/-\d+$/, "")] = (byStage[stage.replace(/-\d+$/, "")] ?? 0) + 1;
        }
      },
    };

    // Simulated units: most on time, some late, some never.
    const submissions = { onTime: 0, late: 0, never: 0 };
    const actors: Array<Promise<void>> = [];
    for (const inst of instances) {
      const r = random();
      const due = Date.parse(inst.dueAt);
      if (r >= 0.9) {
        submissions.never++;
        continue;
      }
      const at =
        r < 0.75
          ? due - Math.floor(random() * 10 * DAY_MS) - 60_000
          : due + Math.floor((1 + random() * 20) * DAY_MS);
      clock.enter();
      actors.push(
        (async () => {
          try {
            await clock.until(at);
            const now = clock.now();
            const t = timeliness(now.getTime(), inst.dueAt);
            await data.deadlines.recordSubmission({
              instanceId: inst.id,
              year,
              dueAt: inst.dueAt,
              receipt: receiptNumber(inst.id, `sim-${inst.id}`),
              submittedAt: now,
              timeliness: t,
              submitter: { name: "Cán bộ mô phỏng", phone: "+84900000000" },
              fields: { "ghi-chu": "mô phỏng" },
              idempotencyKey: `sim-${inst.id}`,
            });
            if (t.late) submissions.late++;
            else submissions.onTime++;
          } finally {
            clock.leave();
          }
        })(),
      );
    }

    const workflows = new LocalWorkflows(deps, clock);
    const progress = setInterval(() => {
      const t = clock.now().getTime();
      options.onProgress?.(Math.min(1, Math.max(0, (t - firstAction) / (lastEnd - firstAction))), {
        phase: "year",
        at: new Date(t),
      });
    }, 100);
    try {
      workflows.startPlanCalendar(plan.id);
      await Promise.all(actors);
      await workflows.settle();
    } finally {
      clearInterval(progress);
    }
    options.onProgress?.(1, { phase: "summary" });
    const ranAt = performance.now();

    // What the data says happened.
    let overdueUnits = 0;
    let failedSends = 0;
    // Counted before these reads, which only report on the run.
    const runRequests = data.table.requests.count - publishRequests;
    const deadlines = new Map(instances.map((i) => [deadlineId(i), i]));
    for (const ref of deadlines.values()) {
      const snap = await data.deadlines.lifecycleSnapshot(ref);
      failedSends += snap?.sends.filter((s) => s.status === "failed").length ?? 0;
      overdueUnits += snap?.units.filter((u) => u.state === "overdue").length ?? 0;
    }
    const executions = [...workflows.executions.values()];
    return {
      plan: plan.id,
      year,
      units: plan.units.length,
      deadlines: deadlines.size,
      instances: instances.length,
      reminders: { email: byChannel.email, sms: byChannel.sms, byStage },
      submissions,
      overdueUnits,
      escalations: byStage.escalation ?? 0,
      failedSends,
      duplicateSends: [...delivered.values()].reduce((n, c) => n + c - 1, 0),
      stateTransitions: executions.reduce((n, e) => n + e.transitions, 0),
      lambdaInvocations: workflows.invocations,
      dbRequests: runRequests,
      executions: executions.length,
      wallSeconds: Number(((performance.now() - started) / 1000).toFixed(2)),
      phases: {
        engines: Number(((enginesAt - started) / 1000).toFixed(2)),
        publish: Number(((publishedAt - enginesAt) / 1000).toFixed(2)),
        run: Number(((ranAt - publishedAt) / 1000).toFixed(2)),
      },
    };
  } finally {
    await Promise.all([dynamo.stop(), ses.stop()]);
  }
}
