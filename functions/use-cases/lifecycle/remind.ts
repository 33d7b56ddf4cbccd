/** Remind: each unit still missing, by email and SMS, with its personal link. */
import type { DeadlineRef } from "../../../shared/calendar/instance-id";
import { opensWindow } from "../../../shared/lifecycle/window";
import { authorityOf } from "../../../shared/notify/authority";
import type { ReminderContent } from "../../../shared/notify/content";
import { reminderEmail } from "../../../shared/notify/reminder-email";
import { reminderSms } from "../../../shared/notify/sms";
import { linkExpiry, signLink } from "../../../shared/submission/link-token";
import { issueShortLink } from "../../../shared/submission/short-link";
import type { ExpectationItem } from "../../data";
import { DAY_MS, deliver, type LifecycleDeps, type Message, missing, type Outcome, snapshot } from "./deps";

const DEFAULT_SMS_BRAND = "hanchot";

/** Units are reminded a group at a time: SES and SNS have per-second send quotas. */
const SEND_CONCURRENCY = 8;

export async function remind(deps: LifecycleDeps, ref: DeadlineRef, stage: string): Promise<Outcome> {
  const [s, plan] = await Promise.all([snapshot(deps, ref), deps.data.plans.context(ref.planId)]);
  const standingBody = plan?.standingBody;
  const now = deps.now();
  const outcome: Outcome = { sent: 0, failed: 0, skipped: 0 };
  const d = s.definition;
  const windowOpen = opensWindow(d, stage);

  const messagesFor = async (unit: ExpectationItem): Promise<Message[]> => {
    const expiresAt = linkExpiry(d.dueAt, now);
    const token = signLink(deps.keyring, { instanceId: unit.instanceId, unitId: unit.unitId, expiresAt });
    const content: ReminderContent = {
      authority: authorityOf(plan),
      unitName: unit.unitName,
      title: d.title,
      period: d.period,
      timing: d.timing,
      dueAt: d.dueAt,
      kind: d.kind,
      stage: windowOpen ? "window-open" : "before-due",
      daysLeft: Math.max(0, Math.ceil((Date.parse(d.dueAt) - now.getTime()) / DAY_MS)),
      link: `${deps.baseUrl}/f/${token}`,
      contact: {
        name: standingBody?.name ?? "Cơ quan thường trực",
        ...(standingBody?.contacts.emails[0] && { email: standingBody.contacts.emails[0] }),
        ...(standingBody?.contacts.phones[0] && { phone: standingBody.contacts.phones[0] }),
      },
      personalData: d.personalData,
      planTitle: plan?.title ?? "",
    };
    const base = { instanceId: unit.instanceId, unitId: unit.unitId, stage, year: s.definition.year };
    const email = reminderEmail(content);
    const short = issueShortLink(deps.keyring, unit.instanceId, expiresAt);
    // Offered at every reminder, stored once per key: after a key rotation the next reminder
    // carries a new short link that works, while the old one stays revoked. An SMS already sent
    // with the same link, lasting as long, shows it is stored; otherwise it is stored in the
    // transaction that claims the SMS carrying it.
    const stored = s.sends.some(
      (x) =>
        x.unitId === unit.unitId &&
        x.shortLinkId === short.id &&
        x.linkExpiresAt !== undefined &&
        x.linkExpiresAt >= short.expiresAt,
    );
    const alongside = stored ? undefined : deps.data.shortLinks.saving(short, now);
    const sms = reminderSms({
      ...content,
      shortLink: `${deps.baseUrl}/s/${short.id}`,
      brand: deps.smsBrand ?? DEFAULT_SMS_BRAND,
    });
    return [
      ...unit.contacts.emails.map(
        (to): Message => ({
          claim: { ...base, channel: "email", recipient: to },
          send: (meta) => deps.email.sendEmail({ to: [to], ...email }, meta),
        }),
      ),
      ...unit.contacts.phones.map(
        (to): Message => ({
          claim: {
            ...base,
            channel: "sms",
            recipient: to,
            shortLinkId: short.id,
            linkExpiresAt: short.expiresAt,
          },
          send: (meta) => deps.sms.sendSms({ to, text: sms }, meta),
          ...(alongside && { alongside }),
        }),
      ),
    ];
  };

  // The last group (an empty one when no unit is missing) records the stage done.
  const units = missing(s.units);
  let i = 0;
  do {
    const group = await Promise.all(units.slice(i, i + SEND_CONCURRENCY).map(messagesFor));
    i += SEND_CONCURRENCY;
    await deliver(deps, s.sends, group.flat(), outcome, i >= units.length ? { ref, stage } : undefined);
  } while (i < units.length);
  return outcome;
}
