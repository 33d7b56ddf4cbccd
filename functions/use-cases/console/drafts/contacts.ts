/**
 * Contacts across a draft and the plan running under the same id. The running plan's contacts are
 * those of its unit items (the console edits them there, functions/use-cases/console/actions.ts),
 * not those of the kept plan file, which has them as first published. Pure.
 *
 * A draft read from a document has no contacts ("left for the office to fill in"), and publishing
 * replaces a running unit's contacts with the draft's: so a draft begun for a running plan takes
 * each unit's current contacts (its counterpart: the same id first, else the same name as
 * shared/plan/compare.ts matches them), and publishing refuses, unless told, a draft that would
 * leave a unit with no email and no phone where the running plan has one.
 */
import type { DraftUnitRef } from "../../../../shared/console/model";
import { matchUnits, type NamedUnits } from "../../../../shared/plan/compare";
import { Contacts, type Draft, type PlanFile, type PlanFileInput } from "../../../../shared/plan/schema";
import type { StoredUnit } from "../../../data";

type Review = Draft["review"][number];

/** The units of a plan running now, with their current contacts, and its issuer (for name matching). */
export interface RunningUnits {
  issuer: { unit: string; name: string };
  units: readonly StoredUnit[];
}

/** Where a unit's review items are written (not an obligation's source: they belong to no row). */
export const UNIT_REVIEW_WHERE = "đơn vị";
const CARRIED = "liên hệ lấy từ kế hoạch đang chạy";
const NEW_UNREACHABLE = "đơn vị mới, không có trong kế hoạch đang chạy";

const text = (v: unknown): string => (typeof v === "string" ? v : "");

/** Contacts as a draft holds them (maybe malformed while it is reviewed); none when unreadable. */
export function contactsOf(u: { contacts?: unknown }): Contacts {
  const parsed = Contacts.safeParse(u.contacts ?? {});
  return parsed.success ? parsed.data : { emails: [], phones: [] };
}

/** Someone can be reminded: an email or a phone. */
export const reachable = (c: Contacts): boolean => c.emails.length > 0 || c.phones.length > 0;

/** The draft's units and issuer as matching reads them (units without an id or a name left out). */
function named(draft: PlanFileInput): NamedUnits {
  return {
    issuer: { unit: text(draft.issuer?.unit), name: text(draft.issuer?.name) },
    units: (draft.units ?? []).flatMap((u) =>
      typeof u.id === "string" && typeof u.name === "string"
        ? [{ id: u.id, name: u.name, aliases: (u.aliases ?? []).filter((a) => typeof a === "string") }]
        : [],
    ),
  };
}

/** Each draft unit's running counterpart: the unit with the same id, else one with the same name. */
export function runningCounterparts(draft: PlanFileInput, running: RunningUnits): Map<string, StoredUnit> {
  const byId = new Map(running.units.map((u) => [u.unitId, u]));
  const reference: NamedUnits = {
    issuer: running.issuer,
    units: running.units.map((u) => ({ id: u.unitId, name: u.name, aliases: u.aliases })),
  };
  const mine = named(draft);
  const byName = matchUnits(reference, mine);
  const out = new Map<string, StoredUnit>();
  for (const u of mine.units) {
    const hit = byId.get(u.id) ?? byId.get(byName.get(u.id) ?? "");
    if (hit) out.set(u.id, hit);
  }
  return out;
}

/**
 * The draft with the running plan's current contacts on each unit that has none and whose
 * counterpart has some, and one review item per unit so carried, or new and with none.
 */
export function carryRunningContacts(
  draft: PlanFileInput,
  running: RunningUnits,
  /** For a draft with no `draft` block yet: where it came from, and when. */
  origin: { source: string; at: string },
): PlanFileInput {
  const counterparts = runningCounterparts(draft, running);
  const review: Review[] = [];
  const units = (draft.units ?? []).map((u) => {
    if (typeof u.id !== "string" || reachable(contactsOf(u))) return u;
    const name = text(u.name) || u.id;
    const there = counterparts.get(u.id);
    if (!there) {
      review.push({
        what: name,
        where: UNIT_REVIEW_WHERE,
        why: `${NEW_UNREACHABLE}: chưa có email hay số điện thoại, bổ sung để đơn vị được nhắc hạn`,
      });
      return u;
    }
    if (!reachable(there.contacts)) return u;
    review.push({
      what: name,
      where: UNIT_REVIEW_WHERE,
      why: `${CARRIED} (${there.name}): ${contactWords(there.contacts)}; kiểm tra còn đúng trước khi công bố`,
    });
    return { ...u, contacts: there.contacts };
  });
  if (review.length === 0) return draft;
  return {
    ...draft,
    units,
    draft: {
      source: draft.draft?.source ?? origin.source,
      importedAt: draft.draft?.importedAt ?? origin.at,
      review: [...(draft.draft?.review ?? []), ...review],
    },
  };
}

/** "a@b.vn, +84912345678" (at most three). */
function contactWords(c: Contacts): string {
  const all = [...c.emails, ...c.phones];
  return all.length > 3 ? `${all.slice(0, 3).join(", ")} …` : all.join(", ");
}

/** Whether a review item is one this module wrote about a unit's contacts (gone once a person sets them). */
export const isContactsReview = (r: Review, unitName: string): boolean =>
  r.where === UNIT_REVIEW_WHERE &&
  r.what === unitName &&
  (r.why.startsWith(CARRIED) || r.why.startsWith(NEW_UNREACHABLE));

/** The draft's units left with no email and no phone whose running counterpart has one. */
export function contactsDropped(draft: PlanFileInput, running: RunningUnits): DraftUnitRef[] {
  const counterparts = runningCounterparts(draft, running);
  return (draft.units ?? []).flatMap((u) => {
    if (typeof u.id !== "string") return [];
    const there = counterparts.get(u.id);
    return there && reachable(there.contacts) && !reachable(contactsOf(u))
      ? [{ id: u.id, name: text(u.name) || u.id }]
      : [];
  });
}

/** A published plan file with each unit's current contacts (by id) in place of those it was published with. */
export function withCurrentContacts(plan: PlanFile, units: readonly StoredUnit[]): PlanFile {
  const current = new Map(units.map((u) => [u.unitId, u.contacts]));
  return { ...plan, units: plan.units.map((u) => ({ ...u, contacts: current.get(u.id) ?? u.contacts })) };
}
