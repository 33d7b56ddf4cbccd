/**
 * A unit's personal links for a message: the signed form link for an email, the short link for an
 * SMS, and the conditional put that stores the short link with the claim of the SMS carrying it.
 */
import { linkExpiry, signLink } from "../../../shared/submission/link-token";
import { issueShortLink, type ShortLink } from "../../../shared/submission/short-link";
import type { EmailMessage } from "../../commons/notifications";
import type { ExpectationItem, SendRecord } from "../../data";
import type { ConditionalPut } from "../../data/table-client";
import type { LifecycleDeps, Message } from "./deps";

export interface UnitLinks {
  link: string;
  shortLink: string;
  short: ShortLink;
  /** Absent when an SMS already sent shows the short link stored, lasting as long. */
  alongside?: ConditionalPut;
}

export function unitLinks(
  deps: LifecycleDeps,
  unit: Pick<ExpectationItem, "instanceId" | "unitId" | "dueAt">,
  sends: readonly SendRecord[],
  now: Date,
): UnitLinks {
  // The unit's own cut-off (its extension, if any): the link lives 90 days past it.
  const expiresAt = linkExpiry(unit.dueAt, now);
  const token = signLink(deps.keyring, { instanceId: unit.instanceId, unitId: unit.unitId, expiresAt });
  const short = issueShortLink(deps.keyring, unit.instanceId, expiresAt);
  // Offered at every message, stored once per key: after a key rotation the next message carries a
  // new short link that works, while the old one stays revoked. An SMS already sent with the same
  // link, lasting as long, shows it is stored; otherwise it is stored in the transaction that
  // claims the SMS carrying it.
  const stored = sends.some(
    (x) =>
      x.unitId === unit.unitId &&
      x.shortLinkId === short.id &&
      x.linkExpiresAt !== undefined &&
      x.linkExpiresAt >= short.expiresAt,
  );
  return {
    link: `${deps.baseUrl}/f/${token}`,
    shortLink: `${deps.baseUrl}/s/${short.id}`,
    short,
    ...(!stored && { alongside: deps.data.shortLinks.saving(short, now) }),
  };
}

/**
 * One message to each of a unit's contacts, for a stage: the email to every address, the SMS
 * (carrying the short link, stored with the first claim of an SMS that carries it) to every phone.
 */
export function unitMessages(
  deps: LifecycleDeps,
  unit: Pick<ExpectationItem, "instanceId" | "unitId" | "contacts">,
  claim: { year: number; stage: string },
  content: { email: Omit<EmailMessage, "to">; sms: string },
  links: UnitLinks,
): Message[] {
  const base = { instanceId: unit.instanceId, year: claim.year, unitId: unit.unitId, stage: claim.stage };
  return [
    ...unit.contacts.emails.map(
      (to): Message => ({
        claim: { ...base, channel: "email", recipient: to },
        send: (meta) => deps.email.sendEmail({ to: [to], ...content.email }, meta),
      }),
    ),
    ...unit.contacts.phones.map(
      (to): Message => ({
        claim: {
          ...base,
          channel: "sms",
          recipient: to,
          shortLinkId: links.short.id,
          linkExpiresAt: links.short.expiresAt,
        },
        send: (meta) => deps.sms.sendSms({ to, text: content.sms }, meta),
        ...(links.alongside && { alongside: links.alongside }),
      }),
    ),
  ];
}
