/**
 * The calendar engine: a plan and a year → one deadline instance per
 * (obligation, period, responsible unit). Pure: no clock, no I/O, no AWS.
 */
import { type Obligation, type PlanFile, type ReminderPolicy, schedulesOf, type Unit } from "../plan/schema";
import {
  addDays,
  atVietnamTime,
  type CivilDate,
  dayNumber,
  formatVietnameseDate,
  formatVietnameseInstant,
  startOfDayInVietnam,
  toVietnamIso,
} from "./civil-date";
import { nextWorkingDay, previousWorkingDay } from "./holidays";
import { instanceId } from "./instance-id";
import { isDated, occurrences } from "./rules";

export type InstanceKind = "deliverable" | "activity";

export interface DeadlineInstance {
  /** Stable across runs and plan amendments that keep the obligation, period and unit. */
  id: string;
  planId: string;
  obligationId: string;
  unitId: string;
  unitName: string;
  title: string;
  /** The timing phrase as written in the plan. */
  timing: string;
  kind: InstanceKind;
  period: string;
  /** First day of the window, for activities done during listed months. */
  opensOn?: CivilDate;
  /**
   * An activity held on a fixed day ("on-day" rule): that day. Its cut-off (nominalDue, dueAt) is
   * then the last day to confirm it was held, a few working days after.
   */
  heldOn?: CivilDate;
  /** Last on-time day as the plan states it. */
  nominalDue: CivilDate;
  /** Last on-time day after the Civil Code roll-over (equal to nominalDue when not opted in). */
  effectiveDue: CivilDate;
  /** The instant from which a submission is late, ISO 8601 in Vietnam time (+07:00). */
  dueAt: string;
  /** "hạn chót: 23:59 ngày 24/03/2025"; for a day held: "diễn ra ngày 11/07/2025, xác nhận trước: 23:59 ngày 16/07/2025" */
  dueText: string;
  remindAt: string[];
  /** Where the deliverable goes (defaults to the committee's standing body). */
  deliverTo?: string;
  covers?: { from: CivilDate; to: CivilDate };
}

/** Plan indexes built once per plan: resolving groups for every instance would be quadratic. */
export class PlanIndex {
  readonly units = new Map<string, Unit>();
  private readonly groups = new Map<string, string[]>();

  constructor(readonly plan: PlanFile) {
    for (const u of plan.units) this.units.set(u.id, u);
    for (const g of plan.groups) this.groups.set(g.id, g.members);
  }

  /** Unit and group ids → distinct units, in the order the plan names them. */
  resolve(ids: readonly string[]): Unit[] {
    const seen = new Set<string>();
    const out: Unit[] = [];
    for (const id of ids) {
      for (const unitId of this.groups.get(id) ?? [id]) {
        const unit = this.units.get(unitId);
        if (unit && !seen.has(unitId)) {
          seen.add(unitId);
          out.push(unit);
        }
      }
    }
    return out;
  }
}

function unitExpectedOn(unit: Unit, date: CivilDate): boolean {
  return (
    (unit.validFrom === undefined || unit.validFrom <= date) &&
    (unit.validUntil === undefined || date <= unit.validUntil)
  );
}

/** The years a plan runs (its year to its untilYear). */
export function planYears(plan: PlanFile): number[] {
  const years: number[] = [];
  for (let y = plan.year; y <= (plan.untilYear ?? plan.year); y++) years.push(y);
  return years;
}

export function reminderInstants(
  obligation: Obligation,
  plan: PlanFile,
  lastDay: CivilDate,
  opensOn: CivilDate | undefined,
  dueAtMs: number,
): string[] {
  return policyReminderInstants(obligation.reminders ?? plan.defaults.reminders, lastDay, opensOn, dueAtMs);
}

/** A window longer than this many days also gets a reminder at its middle. */
export const MID_WINDOW_AFTER_DAYS = 21;
/** ...unless another reminder already goes out within this many days of that middle. */
const MID_WINDOW_GAP_DAYS = 3;

/**
 * The working day in the middle of a long window (from `opensOn` to `lastDay`), when no other
 * reminder day is near it: weeks of silence between "the window opened" and "7 days left" is
 * when a unit forgets an activity spread over months.
 */
function midWindowDay(
  opensOn: CivilDate,
  lastDay: CivilDate,
  others: ReadonlySet<CivilDate>,
): CivilDate | undefined {
  const span = dayNumber(lastDay) - dayNumber(opensOn);
  if (span + 1 <= MID_WINDOW_AFTER_DAYS) return undefined;
  const middle = nextWorkingDay(addDays(opensOn, Math.floor(span / 2)));
  const near = [...others].some((d) => Math.abs(dayNumber(d) - dayNumber(middle)) < MID_WINDOW_GAP_DAYS);
  return near ? undefined : middle;
}

/**
 * The reminder instants a policy gives a cut-off (also for a cut-off extended from the console):
 * the days before the last day, and for a window (when the policy reminds of windows) its opening
 * and, for a long one, its middle.
 */
export function policyReminderInstants(
  policy: ReminderPolicy,
  lastDay: CivilDate,
  opensOn: CivilDate | undefined,
  dueAtMs: number,
): string[] {
  const days = new Set<CivilDate>();
  if (opensOn !== undefined && policy.onWindowOpen) days.add(nextWorkingDay(opensOn));
  for (const before of policy.daysBefore) {
    // A reminder due on a day off goes out on the working day before, never later than promised.
    const day = previousWorkingDay(addDays(lastDay, -before));
    if (opensOn === undefined || day >= opensOn) days.add(day);
  }
  if (opensOn !== undefined && policy.onWindowOpen) {
    const middle = midWindowDay(opensOn, lastDay, days);
    if (middle !== undefined) days.add(middle);
  }
  return [...days]
    .map((d) => atVietnamTime(d, policy.at))
    .filter((ms) => ms < dueAtMs)
    .sort((a, b) => a - b)
    .map(toVietnamIso);
}

/**
 * The reminders of an activity held on a fixed day: the plan's days before that day (on the
 * working day before when one falls on a day off), and the first working day after it, which asks
 * for the confirmation. Never at or after the cut-off to confirm.
 */
export function heldDayReminderInstants(
  policy: ReminderPolicy,
  heldOn: CivilDate,
  dueAtMs: number,
): string[] {
  const days = new Set<CivilDate>(
    policy.daysBefore.map((before) => previousWorkingDay(addDays(heldOn, -before))),
  );
  days.add(nextWorkingDay(addDays(heldOn, 1)));
  return [...days]
    .map((d) => atVietnamTime(d, policy.at))
    .filter((ms) => ms < dueAtMs)
    .sort((a, b) => a - b)
    .map(toVietnamIso);
}

/** "diễn ra ngày 11/07/2025, xác nhận trước: 23:59 ngày 16/07/2025": a day held has no "hạn chót" of its own. */
export function heldDayText(heldOn: CivilDate, dueAtMs: number): string {
  return `diễn ra ngày ${formatVietnameseDate(heldOn)}, xác nhận trước: ${formatVietnameseInstant(dueAtMs - 60_000)}`;
}

export function expandObligation(index: PlanIndex, obligation: Obligation, year: number): DeadlineInstance[] {
  const { plan } = index;
  const kind: InstanceKind = obligation.deliverable ? "deliverable" : "activity";
  const rollover = obligation.civilCodeRollover ?? plan.civilCodeRollover;
  const leads = index.resolve(obligation.lead);
  const policy = obligation.reminders ?? plan.defaults.reminders;
  const out: DeadlineInstance[] = [];

  // Each dated schedule adds its own periods; the plan schema keeps them apart (one period, one schedule).
  for (const occ of schedulesOf(obligation).flatMap((rule) =>
    isDated(rule) ? occurrences(rule, year) : [],
  )) {
    // The days to confirm a day held are counted in working days already: no roll-over on top.
    const effectiveDue = rollover && !occ.heldOn ? nextWorkingDay(occ.lastDay) : occ.lastDay;
    const dueAtMs = startOfDayInVietnam(addDays(effectiveDue, 1));
    const remindAt = occ.heldOn
      ? heldDayReminderInstants(policy, occ.heldOn, dueAtMs)
      : reminderInstants(obligation, plan, effectiveDue, occ.opens, dueAtMs);
    const dueText = occ.heldOn
      ? heldDayText(occ.heldOn, dueAtMs)
      : `hạn chót: ${formatVietnameseInstant(dueAtMs - 60_000)}`;
    for (const unit of leads) {
      if (!unitExpectedOn(unit, occ.heldOn ?? occ.lastDay)) continue;
      out.push({
        id: instanceId({ planId: plan.id, obligationId: obligation.id, period: occ.period, unitId: unit.id }),
        planId: plan.id,
        obligationId: obligation.id,
        unitId: unit.id,
        unitName: unit.name,
        title: obligation.title,
        timing: obligation.timing,
        kind,
        period: occ.period,
        ...(occ.opens !== undefined && { opensOn: occ.opens }),
        ...(occ.heldOn !== undefined && { heldOn: occ.heldOn }),
        nominalDue: occ.lastDay,
        effectiveDue,
        dueAt: toVietnamIso(dueAtMs),
        dueText,
        remindAt,
        ...(obligation.deliverable && {
          // "về Ban Chỉ đạo (qua cơ quan thường trực …)": the body named after "qua" receives it.
          deliverTo:
            obligation.deliverable.via ?? obligation.deliverable.to ?? plan.steeringCommittee.standingBody,
        }),
        ...(occ.covers && { covers: occ.covers }),
      });
    }
  }
  return out;
}

/** Every deadline instance of a plan whose period falls in `year`, ordered by due instant. */
export function expandPlan(plan: PlanFile, year: number, index = new PlanIndex(plan)): DeadlineInstance[] {
  const out = plan.obligations.flatMap((o) => expandObligation(index, o, year));
  return out.sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id < b.id ? -1 : 1));
}

/**
 * Obligations with a schedule that produces no dated entry (continuous, event-driven, …), kept on
 * the plan: also those dated on one schedule and ad hoc on another ("Tháng cuối quý và đột xuất").
 */
export function undatedObligations(plan: PlanFile): Obligation[] {
  return plan.obligations.filter((o) => schedulesOf(o).some((rule) => !isDated(rule)));
}
