/** Escalate: the overdue units, to the steering committee through its standing body. */
import { type DeadlineRef, instanceId } from "../../../shared/calendar/instance-id";
import { authorityOf } from "../../../shared/notify/authority";
import { escalationEmail } from "../../../shared/notify/escalation-email";
import type { ExpectationItem, PlanContext } from "../../data";
import { DAY_MS, deliver, type LifecycleDeps, type Message, missing, type Outcome, snapshot } from "./deps";

export async function escalate(
  deps: LifecycleDeps,
  ref: DeadlineRef,
  stage: string,
  number: number,
): Promise<Outcome & { overdue: number }> {
  const [s, plan] = await Promise.all([snapshot(deps, ref), deps.data.plans.context(ref.planId)]);
  const outcome = { sent: 0, failed: 0, skipped: 0, overdue: 0 };
  const overdue = missing(s.units);
  outcome.overdue = overdue.length;
  const messages: Message[] = [];
  if (plan && overdue.length > 0) {
    const { committee } = plan;
    const now = deps.now().getTime();
    const message = (units: readonly ExpectationItem[]) =>
      escalationEmail({
        authority: authorityOf(plan),
        committeeName: committee.name,
        title: s.definition.title,
        period: s.definition.period,
        dueAt: s.definition.dueAt,
        escalationNumber: number,
        planTitle: plan.title,
        overdue: units.map((u) => {
          const sends = s.sends.filter((x) => x.unitId === u.unitId && x.stage.startsWith("remind@"));
          return {
            unitName: u.unitName,
            daysLate: Math.max(1, Math.ceil((now - Date.parse(s.definition.dueAt)) / DAY_MS)),
            leadContact: {
              ...(u.contacts.person && { name: u.contacts.person }),
              ...(u.contacts.emails[0] && { email: u.contacts.emails[0] }),
              ...(u.contacts.phones[0] && { phone: u.contacts.phones[0] }),
            },
            remindersSent: sends.filter((x) => x.status === "sent").length,
            failedSends: sends.filter((x) => x.status === "failed").length,
          };
        }),
      });
    // The committee's messages are recorded in the deadline's partition under the committee's id.
    const committeeInstance = instanceId({ ...ref, unitId: committee.unitId });
    const sent = new Set<string>();
    for (const { recipients, units } of escalationAudiences(plan, overdue)) {
      if (units.length === 0) continue;
      const email = message(units);
      for (const to of recipients.filter((r) => !sent.has(r))) {
        sent.add(to);
        messages.push({
          claim: {
            instanceId: committeeInstance,
            unitId: committee.unitId,
            year: s.definition.year,
            stage,
            channel: "email",
            recipient: to,
          },
          send: (meta) => deps.email.sendEmail({ to: [to], ...email }, meta),
        });
      }
    }
  }
  // Recorded with the messages' records; with none, the stage done alone.
  await deliver(deps, s.sends, messages, outcome, { ref, stage });
  return outcome;
}

/**
 * Who is told of which overdue units. Normally the standing body and the committee get the list.
 * When the standing body is itself late, it is not the one to be told: the committee (or, when the
 * committee has no address, the issuing People's Committee) gets the whole list, and the standing
 * body only the others.
 */
export function escalationAudiences(
  plan: PlanContext,
  overdue: readonly ExpectationItem[],
): Array<{ recipients: string[]; units: readonly ExpectationItem[] }> {
  const { committee, standingBody, issuer } = plan;
  if (!overdue.some((u) => u.unitId === standingBody.unitId)) {
    return [{ recipients: [...standingBody.contacts.emails, ...committee.contacts.emails], units: overdue }];
  }
  const above = committee.contacts.emails.length > 0 ? committee.contacts.emails : issuer.contacts.emails;
  return [
    { recipients: above, units: overdue },
    {
      recipients: standingBody.contacts.emails,
      units: overdue.filter((u) => u.unitId !== standingBody.unitId),
    },
  ];
}
