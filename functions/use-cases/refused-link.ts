/**
 * Whom a unit asks for a new link when its link is refused (expired, revoked, for another unit):
 * the deadline's recipient, else the plan's standing body, with an email and a phone, read from
 * the plan; the generic "cơ quan thường trực của kế hoạch" when nothing can be read.
 *
 * A refused token's claims are read only to choose that contact, never to grant anything. Signed
 * claims (an expired link, one for another unit: the signature holds under a key we still have)
 * are ours, so the deadline is read and its recipient named. Unsigned ones (a revoked link, whose
 * key is gone) may be anyone's words: only the plan they name is read, uncached, and only its
 * standing body is named — the same body every reminder of that plan already names.
 */
import { type InstanceRef, parseInstanceId } from "../../shared/calendar/instance-id";
import { STANDING_BODY_UNKNOWN } from "../../shared/submission/errors";
import { type LinkKeyring, refusedLinkClaims } from "../../shared/submission/link-token";
import type { ContactView } from "../../shared/web/pages";
import type { DataLayer, DeadlineDefinition } from "../data";
import type { PlanUnit } from "../data/repositories/plan-repository";

export const UNKNOWN_CONTACT: ContactView = { name: STANDING_BODY_UNKNOWN };

function contactOf(unit: PlanUnit | undefined): ContactView {
  if (!unit) return UNKNOWN_CONTACT;
  return {
    name: unit.name,
    ...(unit.contacts.emails[0] && { email: unit.contacts.emails[0] }),
    ...(unit.contacts.phones[0] && { phone: unit.contacts.phones[0] }),
  };
}

/** Whom the unit asks: the deadline's recipient, else the plan's standing body (who sends the reminders). */
export async function deadlineContact(data: DataLayer, definition: DeadlineDefinition): Promise<ContactView> {
  const plan = await data.plans.context(definition.planId);
  return contactOf(
    definition.deliverTo && definition.deliverTo !== plan?.standingBody.unitId
      ? await data.plans.unit(definition.planId, definition.deliverTo)
      : plan?.standingBody,
  );
}

/** The standing body of a plan named by words nobody signed: read without filling any cache. */
async function standingBodyOf(data: DataLayer, ref: InstanceRef): Promise<ContactView> {
  const plan = await data.plans.record(ref.planId);
  if (!plan) return UNKNOWN_CONTACT;
  return contactOf(await data.plans.unit(ref.planId, plan.steeringCommittee.standingBody));
}

export interface RefusedLink {
  contact: ContactView;
  /** When the link expires or expired (epoch ms): from signed claims only. */
  expiresAt?: number;
}

/** Whom the page of a refused link names, and when it expires; a store that fails leaves the generic words. */
export async function refusedLink(
  deps: { data: DataLayer; keyring: LinkKeyring },
  token: string,
): Promise<RefusedLink> {
  const read = refusedLinkClaims(deps.keyring, token);
  const ref = read && parseInstanceId(read.claims.instanceId);
  if (!read || !ref) return { contact: UNKNOWN_CONTACT };
  if (!read.signed) return { contact: await standingBodyOf(deps.data, ref).catch(() => UNKNOWN_CONTACT) };
  const expiresAt = read.claims.expiresAt * 1000;
  const contact = await deps.data.deadlines
    .definition(ref)
    .then((definition) =>
      definition ? deadlineContact(deps.data, definition) : standingBodyOf(deps.data, ref),
    )
    .catch(() => UNKNOWN_CONTACT);
  return { contact, expiresAt };
}
