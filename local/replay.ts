/**
 * The clock `npm start` runs on. A plan whose deadlines are all past (Long Biên 2025, run in 2026)
 * or whose year has not begun would show nothing on the real clock: empty mail and SMS pages and
 * links overdue by hundreds of days. Such a plan is replayed instead: the clock starts the evening
 * before the first reminder of the plan's first deliverable, and runs fast enough that the first
 * reminders (seconds after start), the first cut-off and the first escalation to the steering
 * committee (all within the first minute) appear while one watches. Everything is chosen from the
 * plan's data, nothing from fixed dates.
 *
 * `--now` and `--speed` still choose the clock; `--now now` is the real clock.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expandPlan, planYears } from "../shared/calendar/expand";
import { nextStep } from "../shared/lifecycle/next-step";
import type { PlanFile } from "../shared/plan/schema";

const HOUR_MS = 3_600_000;
/** The replay starts this long before the first reminder (20:00 the evening before an 08:00 one). */
export const REPLAY_LEAD_MS = 12 * HOUR_MS;
/** Real seconds within which the first escalation (an overdue notice) must appear. */
export const REPLAY_BUDGET_SECONDS = 45;

export interface Replay {
  year: number;
  /** Where the replay's clock starts. */
  startAt: Date;
  /** Virtual seconds per real second: a whole number of hours a second. */
  speed: number;
  /** The first reminder of a deliverable, the first cut-off and the first escalation after startAt. */
  firstReminderAt: number;
  firstDueAt: number;
  firstEscalationAt: number;
  /** The replay continues where an earlier run stopped (the position kept in the data folder). */
  resumedFrom?: Date;
}

export interface ClockChoice {
  /** Undefined: the real clock (shifted by nothing). */
  startAt?: Date;
  speed: number;
  replay?: Replay;
}

/** True when the real clock would show nothing happening: every deadline past, or the plan not begun. */
export function needsReplay(plan: PlanFile, nowMs: number): boolean {
  const years = planYears(plan);
  const first = years[0];
  if (first === undefined) return false;
  if (nowMs < Date.parse(`${first}-01-01T00:00:00+07:00`)) return true;
  return years.every((y) => expandPlan(plan, y).every((i) => Date.parse(i.dueAt) <= nowMs));
}

/** The replay of the plan's first year, from its data (undefined if it has no reminded deliverable). */
export function planReplay(plan: PlanFile): Replay | undefined {
  const year = plan.year;
  const deliverables = expandPlan(plan, year).filter(
    (i) => i.kind === "deliverable" && i.remindAt.length > 0,
  );
  const firstReminderAt = Math.min(...deliverables.map((i) => Date.parse(i.remindAt[0] ?? "")));
  if (!Number.isFinite(firstReminderAt)) return undefined;
  const startMs = firstReminderAt - REPLAY_LEAD_MS;
  const open = deliverables.filter((i) => Date.parse(i.dueAt) > startMs);
  const first = open.reduce((a, b) => (Date.parse(b.dueAt) < Date.parse(a.dueAt) ? b : a));
  const obligation = plan.obligations.find((o) => o.id === first.obligationId);
  // When the lifecycle escalates a unit still missing at the cut-off: asked of the pure core itself.
  const step = nextStep(
    {
      state: "active",
      dueAt: first.dueAt,
      remindAt: [],
      escalation: obligation?.escalation ?? plan.defaults.escalation,
      missingUnits: 1,
      stagesDone: new Set(["overdue"]),
      sendAt: (obligation?.reminders ?? plan.defaults.reminders).at,
    },
    Date.parse(first.dueAt),
  );
  const firstEscalationAt = "at" in step ? Date.parse(step.at) : Date.parse(first.dueAt);
  const hoursPerSecond = Math.max(
    1,
    Math.ceil((firstEscalationAt - startMs) / HOUR_MS / REPLAY_BUDGET_SECONDS),
  );
  return {
    year,
    startAt: new Date(startMs),
    speed: hoursPerSecond * 3600,
    firstReminderAt,
    firstDueAt: Date.parse(first.dueAt),
    firstEscalationAt,
  };
}

/** The instant where a replay ends: every lifecycle of the year has ended. */
function replayEnd(plan: PlanFile, year: number): number {
  const last = Math.max(...expandPlan(plan, year).map((i) => Date.parse(i.dueAt)));
  return last + 60 * 24 * HOUR_MS;
}

interface SavedPosition {
  planId: string;
  year: number;
  speed: number;
  virtualNow: string;
}

const positionFile = (dataDir: string) => join(dataDir, "replay.json");

/**
 * The clock for `npm start`'s options. With a data folder, a replay continues where the last run
 * stopped: the lifecycles there have recorded what they sent, so starting over would show nothing new.
 */
export function chooseClock(
  plan: PlanFile,
  options: { now?: string; speed?: string; dataDir?: string },
  realNowMs = Date.now(),
): ClockChoice {
  const speed = options.speed === undefined ? undefined : Number(options.speed);
  if (speed !== undefined && !(speed > 0))
    throw new RangeError(`--speed "${options.speed}" phải là số dương`);
  if (options.now === "now") return { speed: speed ?? 1 };
  if (options.now !== undefined) {
    const startAt = new Date(options.now);
    if (Number.isNaN(startAt.getTime()))
      throw new RangeError(`--now "${options.now}" không phải thời điểm ISO 8601`);
    return { startAt, speed: speed ?? 1 };
  }
  const replay = needsReplay(plan, realNowMs) ? planReplay(plan) : undefined;
  if (!replay) return { speed: speed ?? 1 };
  if (speed !== undefined) replay.speed = speed;
  const saved = options.dataDir ? readPosition(options.dataDir) : undefined;
  if (saved && saved.planId === plan.id && saved.year === replay.year) {
    const at = Date.parse(saved.virtualNow);
    if (at > replay.startAt.getTime() && at < replayEnd(plan, replay.year)) {
      replay.resumedFrom = new Date(at);
      replay.startAt = new Date(at);
    }
  }
  return { startAt: replay.startAt, speed: replay.speed, replay };
}

function readPosition(dataDir: string): SavedPosition | undefined {
  const file = positionFile(dataDir);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as SavedPosition;
  } catch {
    return undefined;
  }
}

/** Keeps where the replay is, so that the next `npm start` continues from there. */
export function saveReplayPosition(dataDir: string, plan: PlanFile, replay: Replay, virtualNow: Date): void {
  const position: SavedPosition = {
    planId: plan.id,
    year: replay.year,
    speed: replay.speed,
    virtualNow: virtualNow.toISOString(),
  };
  writeFileSync(positionFile(dataDir), `${JSON.stringify(position)}\n`);
}

/** "1 giây = 6 giờ" */
export function speedInWords(speed: number): string {
  if (speed % 3600 === 0) return `1 giây = ${speed / 3600} giờ`;
  if (speed % 60 === 0) return `1 giây = ${speed / 60} phút`;
  return `nhanh ×${speed}`;
}
