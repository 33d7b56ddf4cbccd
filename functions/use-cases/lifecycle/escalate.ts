/** Escalate: the overdue units, to the steering committee through its standing body. */
import { type DeadlineRef, instanceId } from "../../../shared/calendar/instance-id";
import { deadlineOverdueStage } from "../../../shared/lifecycle/next-step";
import { authorityOf } from "../../../shared/notify/authority";
import { escalationEmail } from "../../../shared/notify/escalation-email";
import type { ExpectationItem, PlanContext } from "../../data";
import { DAY_MS, deliver, type LifecycleDeps, type Message, missing, type Outcome, snapshot } from "./deps";
import { lifecycleStateOf } from "./plan-next-step";

/** The console's page of a deadline, where the committee sees who is missing. */
export function deadlinePageUrl(baseUrl: string, ref: DeadlineRef): string {
  const part = encodeURIComponent;
  return `${baseUrl}/console/plans/${part(ref.planId)}/deadlines/${part(ref.obligationId)}/${part(ref.period)}`;
}

/** Messages that reminded a unit: the lifecycle's reminders and those sent from the console. */
const isReminder = (stage: string) => stage.startsWith("remind@") || stage.startsWith("manual@");

export async function escalate(
  deps: LifecycleDeps,
  ref: DeadlineRef,
  stage: string,
  number: number,
): Promise<Outcome & { overdue: number }> {
  const [s, plan, committeeUsers] = await Promise.all([
    snapshot(deps, ref),
    deps.data.plans.context(ref.planId),
    deps.directory?.committeeEmails(ref.planId) ?? Promise.resolve([]),
  ]);
  const outcome: Outcome & { overdue: number } = { sent: 0, failed: 0, skipped: 0, overdue: 0 };
  const now = deps.now().getTime();
  // Units still missing past their own cut-off: one given a later cut-off is not told of before it.
  const open = missing(s.units);
  const overdue = open.filter((u) => Date.parse(u.dueAt) <= now);
  outcome.overdue = overdue.length;
  // Planned before an extension (the new cut-off's mark is not done, or every unit still missing
  // has a cut-off to come): the escalation is not spent. PlanNextStep plans again from the data.
  const state = lifecycleStateOf(s);
  if (open.length > 0 && (!state.stagesDone.has(deadlineOverdueStage(state)) || overdue.length === 0))
    return { ...outcome, stale: true };
  const messages: Message[] = [];
  if (plan && overdue.length > 0) {
    const { committee } = plan;
    const message = (units: readonly ExpectationItem[]) =>
      escalationEmail({
        authority: authorityOf(plan),
        committeeName: committee.name,
        title: s.definition.title,
        period: s.definition.period,
        dueAt: s.definition.dueAt,
        escalationNumber: number,
        planTitle: plan.title,
        link: deadlinePageUrl(deps.baseUrl, ref),
        overdue: units.map((u) => {
          const sends = s.sends.filter((x) => x.unitId === u.unitId && isReminder(x.stage));
          return {
            unitName: u.unitName,
            daysLate: Math.max(1, Math.ceil((now - Date.parse(u.dueAt)) / DAY_MS)),
            ...(u.status === "returned" && { returned: true }),
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
    for (const { recipients, units } of escalationAudiences(plan, overdue, committeeUsers)) {
      if (units.length === 0) continue;
      const email = message(units);
      for (const to of recipients.filter((r) => !sent.has(r.toLowerCase()))) {
        sent.add(to.toLowerCase());
        messages.push({
          claim: {
            instanceId: committeeInstance,
            year: s.definition.year,
            unitId: committee.unitId,
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
 * Who is told of which overdue units. Normally the standing body and the committee (its contacts
 * in the plan and its users in the console) get the list. When the standing body is itself late,
 * it is not the one to be told: the committee (or, when the committee has no address, the issuing
 * People's Committee) gets the whole list, and the standing body only the others.
 */
export function escalationAudiences(
  plan: PlanContext,
  overdue: readonly ExpectationItem[],
  committeeUsers: readonly string[] = [],
): Array<{ recipients: string[]; units: readonly ExpectationItem[] }> {
  const { committee, standingBody, issuer } = plan;
  // One message per address, however it is spelt in the plan and the user pool.
  const unique = (emails: readonly string[]) => {
    const seen = new Set<string>();
    return emails.filter((e) => !seen.has(e.toLowerCase()) && Boolean(seen.add(e.toLowerCase())));
  };
  const committeeEmails = unique([...committee.contacts.emails, ...committeeUsers]);
  if (!overdue.some((u) => u.unitId === standingBody.unitId)) {
    return [{ recipients: unique([...standingBody.contacts.emails, ...committeeEmails]), units: overdue }];
  }
  const above = committeeEmails.length > 0 ? committeeEmails : issuer.contacts.emails;
  return [
    { recipients: above, units: overdue },
    {
      recipients: standingBody.contacts.emails,
      units: overdue.filter((u) => u.unitId !== standingBody.unitId),
    },
  ];
}
