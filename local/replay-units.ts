/**
 * The units of a replayed year, simulated: while `npm start` replays a past plan-year, each unit
 * submits as real ones do (seeded: most on time, some late, some never), so that the console has
 * figures to show and the reminders thin out as reports come in. Each report is recorded as the
 * submission path records one (one conditional put, timed against the cut-off), with values that
 * fit its form and a submitter named "mô phỏng"; files are not simulated. Only a replay does this:
 * with `--now` the units are the people who open their links.
 */
import type { DataLayer } from "../functions/data";
import { expandPlan } from "../shared/calendar/expand";
import { formFor } from "../shared/plan/forms";
import type { FormField, PlanFile } from "../shared/plan/schema";
import { receiptNumber } from "../shared/submission/receipt";
import { timeliness } from "../shared/submission/status";
import { seededRandom } from "./seeded-random";
import type { ScaledClock } from "./workflows";

const DAY_MS = 86_400_000;

/** Shares of reports sent on time (up to 10 days before the cut-off) and late (1 to 20 days after); the rest never come. */
export const SIMULATED_SHARES = { onTime: 0.75, late: 0.15 } as const;

export interface ReplayedUnits {
  /** Reports still to come in this run (those already due before the clock's start are not sent). */
  scheduled: number;
  stop(): void;
}

/** A value that fits a field, or none (files are not simulated, optional fields sometimes left empty). */
export function simulatedValue(field: FormField, random: () => number, dateOfReport: string): unknown {
  if (!field.required && random() < 0.3) return undefined;
  switch (field.type) {
    case "number":
      return field.integer ? Math.floor(random() * 200) : Math.round(random() * 1000) / 10;
    case "percent":
      return Math.round((70 + random() * 30) * 10) / 10;
    case "date":
      return dateOfReport;
    case "select":
      return field.options?.[0];
    case "checkbox":
      return true;
    case "file":
      return undefined;
    default:
      return "Báo cáo mô phỏng trong khi phát lại năm kế hoạch.";
  }
}

export function replayUnits(options: {
  data: DataLayer;
  plan: PlanFile;
  year: number;
  clock: ScaledClock;
  seed?: number;
  onError?: (err: unknown) => void;
}): ReplayedUnits {
  const { data, plan, year, clock } = options;
  const random = seededRandom(options.seed ?? 7);
  const obligations = new Map(plan.obligations.map((o) => [o.id, o]));
  const timers: NodeJS.Timeout[] = [];
  const nowMs = clock.now().getTime();
  for (const inst of expandPlan(plan, year)) {
    // Drawn for every instance, whether sent in this run or not, so that a resumed replay keeps
    // each unit's fate.
    const r = random();
    const spread = random();
    if (r >= SIMULATED_SHARES.onTime + SIMULATED_SHARES.late) continue;
    const due = Date.parse(inst.dueAt);
    const at =
      r < SIMULATED_SHARES.onTime
        ? due - 60_000 - Math.floor(spread * 10 * DAY_MS)
        : due + Math.floor((1 + spread * 19) * DAY_MS);
    const delay = clock.realInstant(at) - Date.now();
    // Past, or beyond what a timer holds (a replay runs a year in minutes; this is for slow clocks).
    if (at <= nowMs || delay > 2_147_483_647) continue;
    const obligation = obligations.get(inst.obligationId);
    const fields: Record<string, unknown> = {};
    for (const field of obligation ? formFor(plan, obligation) : []) {
      const value = simulatedValue(field, random, new Date(at + 7 * 3_600_000).toISOString().slice(0, 10));
      if (value !== undefined) fields[field.id] = value;
    }
    const send = async () => {
      const submittedAt = clock.now();
      const idempotencyKey = `replay-${inst.id}`;
      await data.deadlines.recordSubmission({
        instanceId: inst.id,
        year,
        dueAt: inst.dueAt,
        receipt: receiptNumber(inst.id, idempotencyKey),
        submittedAt,
        timeliness: timeliness(submittedAt.getTime(), inst.dueAt),
        submitter: { name: "Cán bộ mô phỏng", phone: "+84900000000" },
        fields,
        idempotencyKey,
      });
    };
    const timer = setTimeout(
      () => void send().catch((err: unknown) => options.onError?.(err)),
      Math.max(0, delay),
    );
    timer.unref();
    timers.push(timer);
  }
  return {
    scheduled: timers.length,
    stop: () => {
      for (const t of timers) clearTimeout(t);
    },
  };
}
