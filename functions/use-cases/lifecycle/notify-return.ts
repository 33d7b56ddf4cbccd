/**
 * The notice to a unit that its submission was returned: the reason and its personal link, by
 * email and SMS to each of its contacts, through the same claimed-send ledger as the reminders
 * (stage "returned@<receipt>": sent once however often it is asked).
 */
import type { DeadlineRef } from "../../../shared/calendar/instance-id";
import { authorityOf, standingBodyContact } from "../../../shared/notify/authority";
import type { ReturnNoticeContent } from "../../../shared/notify/content";
import { returnNoticeEmail, returnNoticeSms } from "../../../shared/notify/return-notice";
import type { LifecycleSnapshot } from "../../data";
import { deliver, type LifecycleDeps, type Outcome } from "./deps";
import { DEFAULT_SMS_BRAND } from "./remind";
import { unitLinks, unitMessages } from "./unit-links";

export const returnedStage = (receipt: string) => `returned@${receipt}`;

export async function notifyReturn(
  deps: LifecycleDeps,
  ref: DeadlineRef,
  s: LifecycleSnapshot,
  returned: { unitId: string; receipt: string; submittedAt: string; reason: string },
): Promise<Outcome> {
  const outcome: Outcome = { sent: 0, failed: 0, skipped: 0 };
  const unit = s.units.find((u) => u.unitId === returned.unitId);
  if (!unit) return outcome;
  const plan = await deps.data.plans.context(ref.planId);
  const now = deps.now();
  const d = s.definition;
  const links = unitLinks(deps, unit, s.sends, now);
  const content: ReturnNoticeContent = {
    authority: authorityOf(plan),
    unitName: unit.unitName,
    title: d.title,
    period: d.period,
    dueAt: unit.dueAt,
    kind: d.kind,
    receipt: returned.receipt,
    submittedAt: returned.submittedAt,
    reason: returned.reason,
    link: links.link,
    contact: standingBodyContact(plan?.standingBody),
    personalData: d.personalData,
    planTitle: plan?.title ?? "",
  };
  const email = returnNoticeEmail(content, now.getTime());
  const sms = returnNoticeSms({
    ...content,
    shortLink: links.shortLink,
    brand: deps.smsBrand ?? DEFAULT_SMS_BRAND,
  });
  const messages = unitMessages(
    deps,
    unit,
    { year: d.year, stage: returnedStage(returned.receipt) },
    { email, sms },
    links,
  );
  // Not a lifecycle stage: nothing is recorded done but the messages.
  await deliver(deps, s.sends, messages, outcome);
  return outcome;
}
