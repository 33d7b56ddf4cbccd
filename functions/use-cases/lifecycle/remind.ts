/** Remind: each unit still missing, by email and SMS, with its personal link. */
import { dayNumber, vietnamDateOf } from "../../../shared/calendar/civil-date";
import type { DeadlineRef } from "../../../shared/calendar/instance-id";
import { opensWindow } from "../../../shared/lifecycle/window";
import { authorityOf, standingBodyContact } from "../../../shared/notify/authority";
import type { ReminderContent } from "../../../shared/notify/content";
import { reminderEmail } from "../../../shared/notify/reminder-email";
import { reminderSms } from "../../../shared/notify/sms";
import type { ExpectationItem, LifecycleSnapshot } from "../../data";
import { DAY_MS, deliver, type LifecycleDeps, type Message, missing, type Outcome, snapshot } from "./deps";
import { unitLinks, unitMessages } from "./unit-links";

export const DEFAULT_SMS_BRAND = "hanchot";

/** Units are reminded a group at a time: SES and SNS have per-second send quotas. */
const SEND_CONCURRENCY = 8;

export interface RemindOptions {
  /** Only these units (a reminder sent from the console for one unit); every unit still missing otherwise. */
  unitIds?: readonly string[];
  /** Record the stage as a lifecycle stage done (true); a reminder sent by hand is not one. */
  recordStage?: boolean;
}

/** A reminder stage whose instant the deadline no longer has (it was extended while the lifecycle waited). */
function isStaleReminder(d: { remindAt: readonly string[] }, stage: string): boolean {
  if (!stage.startsWith("remind@")) return false;
  const at = Date.parse(stage.slice("remind@".length));
  return !d.remindAt.some((x) => Date.parse(x) === at);
}

/** Why the unit's latest version was returned, when it was. */
export function returnReason(
  s: Pick<LifecycleSnapshot, "reviews">,
  unit: ExpectationItem,
): string | undefined {
  if (unit.status !== "returned" || unit.latestReceipt === undefined) return undefined;
  const decided = s.reviews
    .filter((r) => r.instanceId === unit.instanceId && r.receipt === unit.latestReceipt)
    .sort((a, b) => (a.at < b.at ? -1 : 1))
    .at(-1);
  return decided?.decision === "returned" ? decided.reason : undefined;
}

export async function remind(
  deps: LifecycleDeps,
  ref: DeadlineRef,
  stage: string,
  options: RemindOptions = {},
): Promise<Outcome> {
  const [s, plan] = await Promise.all([snapshot(deps, ref), deps.data.plans.context(ref.planId)]);
  const now = deps.now();
  const outcome: Outcome = { sent: 0, failed: 0, skipped: 0 };
  const d = s.definition;
  const windowOpen = opensWindow(d, stage);
  // A lifecycle reminder planned before the deadline was extended, no longer in its reminders: the
  // Wait it ended is stale. Nothing is sent or recorded; PlanNextStep plans again from the data.
  if (options.recordStage !== false && isStaleReminder(d, stage)) return { ...outcome, stale: true };

  const messagesFor = async (unit: ExpectationItem): Promise<Message[]> => {
    const links = unitLinks(deps, unit, s.sends, now);
    const reason = returnReason(s, unit);
    const dueMs = Date.parse(unit.dueAt);
    const content: ReminderContent = {
      authority: authorityOf(plan),
      unitName: unit.unitName,
      title: d.title,
      period: d.period,
      timing: d.timing,
      // The unit's own cut-off: the deadline's, or its own after an extension for it alone.
      dueAt: unit.dueAt,
      kind: d.kind,
      // Past the cut-off only when sent from the console (the lifecycle reminds before it).
      stage: now.getTime() >= dueMs ? "overdue" : windowOpen ? "window-open" : "before-due",
      daysLeft: Math.max(0, Math.ceil((dueMs - now.getTime()) / DAY_MS)),
      link: links.link,
      contact: standingBodyContact(plan?.standingBody),
      personalData: d.personalData,
      planTitle: plan?.title ?? "",
      ...(reason !== undefined && { returned: { reason } }),
      ...(d.covers !== undefined && { covers: d.covers }),
      // A day held: the reminder says when it takes place, or asks to confirm it once it has.
      ...(d.heldOn !== undefined && {
        held: { on: d.heldOn, daysUntil: dayNumber(d.heldOn) - dayNumber(vietnamDateOf(now.getTime())) },
      }),
    };
    const email = reminderEmail(content);
    const sms = reminderSms({
      ...content,
      shortLink: links.shortLink,
      brand: deps.smsBrand ?? DEFAULT_SMS_BRAND,
    });
    return unitMessages(deps, unit, { year: d.year, stage }, { email, sms }, links);
  };

  // The last group (an empty one when no unit is missing) records the stage done.
  const only = options.unitIds && new Set(options.unitIds);
  const units = missing(s.units).filter((u) => !only || only.has(u.unitId));
  const stageDone = options.recordStage === false ? undefined : { ref, stage };
  let i = 0;
  do {
    const group = await Promise.all(units.slice(i, i + SEND_CONCURRENCY).map(messagesFor));
    i += SEND_CONCURRENCY;
    await deliver(deps, s.sends, group.flat(), outcome, i >= units.length ? stageDone : undefined);
  } while (i < units.length);
  return outcome;
}
