/**
 * Corrections of a draft in the console: an obligation's title, timing, units, recipient and
 * place (its timing read again by the one reader; a phrase it cannot read is kept as written,
 * undated, and listed for review, never guessed); an obligation removed; a unit's contacts.
 * A corrected obligation counts as confirmed by a person: the reader's certainty no longer shows.
 */
import type { ConsoleUser } from "../../../../shared/console/access";
import { Id, type PlanFileInput, type ScheduleRule, UNSTATED_TIMING } from "../../../../shared/plan/schema";
import { readTimingPhrase } from "../../../../shared/plan/timing-phrase";
import type { DraftRecord } from "../../../data/entities/draft";
import { parseContacts } from "../actions";
import { type DraftDeps, type DraftResult, draftFor, isFailure, refuse, saveDraft } from "./common";
import { isContactsReview } from "./contacts";
import { draftPlanOf, reviewOf, UNREADABLE_TIMING } from "./view";

type ObligationInput = NonNullable<PlanFileInput["obligations"]>[number];
type Review = NonNullable<NonNullable<PlanFileInput["draft"]>["review"]>;

export interface ObligationCorrection {
  title: string;
  timing: string;
  lead: readonly string[];
  coordinating: readonly string[];
  /** The unit the deliverable goes to; "" for the standing body. Absent: as it was. */
  recipient?: string;
  /** "" removes it. */
  place?: string;
}

const TITLE_MAX = 2000;
const list = (xs: readonly string[]) => [...new Set(xs.map((x) => x.trim()).filter((x) => x !== ""))];

/** The draft's obligation, or why not. */
async function obligationOf(deps: DraftDeps, user: ConsoleUser, draftId: string, obligationId: string) {
  const draft = await draftFor(deps, user, draftId);
  if (isFailure(draft)) return draft;
  const plan = draftPlanOf(draft);
  const obligations = (plan.obligations ?? []) as ObligationInput[];
  const index = obligations.findIndex((o) => o.id === obligationId);
  if (index < 0) return refuse("not-found", "Không có nhiệm vụ này trong bản nháp.");
  return { draft, plan, obligations, index, obligation: obligations[index] as ObligationInput };
}

/** The review list without the items of one obligation. */
function withoutReviewOf(plan: PlanFileInput, o: ObligationInput, all: readonly ObligationInput[]): Review {
  const mine = new Set(reviewOf(plan.draft?.review ?? [], o, all));
  return (plan.draft?.review ?? []).filter((r) => !mine.has(r));
}

export async function updateDraftObligation(
  deps: DraftDeps,
  user: ConsoleUser,
  draftId: string,
  obligationId: string,
  input: ObligationCorrection,
): Promise<DraftResult<{ draft: DraftRecord; readable: boolean }>> {
  const found = await obligationOf(deps, user, draftId, obligationId);
  if (isFailure(found)) return found;
  const { draft, plan, obligations, index, obligation } = found;
  const known = new Set([...(plan.units ?? []).map((u) => u.id), ...(plan.groups ?? []).map((g) => g.id)]);
  const unitIds = new Set((plan.units ?? []).map((u) => u.id));
  const title = input.title.trim();
  const lead = list(input.lead);
  const coordinating = list(input.coordinating).filter((id) => !lead.includes(id));
  const recipient = input.recipient?.trim();
  const fieldErrors: Record<string, string> = {};
  if (title === "") fieldErrors.title = "cần nội dung công việc";
  else if (title.length > TITLE_MAX) fieldErrors.title = `dài quá ${TITLE_MAX} ký tự`;
  if (lead.length === 0) fieldErrors.lead = "cần ít nhất một đơn vị chủ trì";
  const unknown = [...lead, ...coordinating].filter((id) => !known.has(id));
  if (unknown.length > 0)
    fieldErrors[lead.some((id) => !known.has(id)) ? "lead" : "coordinating"] =
      `không có đơn vị hay nhóm ${unknown.join(", ")} trong bản nháp`;
  if (recipient && !unitIds.has(recipient))
    fieldErrors.recipient = `không có đơn vị ${recipient} trong bản nháp`;
  if (Object.keys(fieldErrors).length > 0)
    return refuse("invalid", "Chưa lưu: hãy sửa các ô được đánh dấu.", fieldErrors);

  const phrase = input.timing.trim();
  const rule: ScheduleRule | undefined =
    phrase === "" ? { kind: "unstated" } : readTimingPhrase(phrase, Number(plan.year));
  const review = withoutReviewOf(plan, obligation, obligations);
  const source = typeof obligation.source === "string" ? obligation.source : obligationId;
  if (!rule) review.push({ what: title, where: source, why: UNREADABLE_TIMING(phrase) });

  const place = input.place?.trim();
  let deliverable = obligation.deliverable;
  if (recipient !== undefined) {
    if (recipient === "") {
      if (deliverable) {
        const { to: _to, via: _via, unstatedRecipient: _u, ...rest } = deliverable;
        deliverable = rest;
      }
    } else if (deliverable?.to !== recipient) {
      const { via: _via, unstatedRecipient: _u, ...rest } = deliverable ?? { what: title };
      deliverable = { ...rest, to: recipient };
    }
  }
  const { place: _place, deliverable: _d, origin, ...kept } = obligation;
  const corrected: ObligationInput = {
    ...kept,
    title,
    timing: phrase === "" ? UNSTATED_TIMING : phrase,
    schedule: rule ?? { kind: "unstated" },
    lead,
    coordinating,
    ...(deliverable && { deliverable }),
    ...(place
      ? { place }
      : place === undefined && obligation.place !== undefined && { place: obligation.place }),
    // Confirmed by a person: certain now, read where it was.
    ...(origin && { origin: { ...origin, confidence: 1 } }),
  };
  const next: PlanFileInput = {
    ...plan,
    obligations: obligations.map((o, i) => (i === index ? corrected : o)),
    ...(plan.draft && { draft: { ...plan.draft, review } }),
  };
  const saved = await saveDraft(deps, draft, next, [...draft.confirmed, obligationId]);
  return saved.ok ? { ...saved, readable: rule !== undefined } : saved;
}

export async function removeDraftObligation(
  deps: DraftDeps,
  user: ConsoleUser,
  draftId: string,
  obligationId: string,
): Promise<DraftResult<{ draft: DraftRecord }>> {
  const found = await obligationOf(deps, user, draftId, obligationId);
  if (isFailure(found)) return found;
  const { draft, plan, obligations, index, obligation } = found;
  const next: PlanFileInput = {
    ...plan,
    obligations: obligations.filter((_, i) => i !== index),
    ...(plan.draft && { draft: { ...plan.draft, review: withoutReviewOf(plan, obligation, obligations) } }),
  };
  return saveDraft(
    deps,
    draft,
    next,
    draft.confirmed.filter((id) => id !== obligationId),
  );
}

export async function setDraftUnitContacts(
  deps: DraftDeps,
  user: ConsoleUser,
  draftId: string,
  unitId: string,
  contacts: unknown,
): Promise<DraftResult<{ draft: DraftRecord }>> {
  const draft = await draftFor(deps, user, draftId);
  if (isFailure(draft)) return draft;
  const plan = draftPlanOf(draft);
  const units = plan.units ?? [];
  if (!Id.safeParse(unitId).success || !units.some((u) => u.id === unitId))
    return refuse("not-found", "Không có đơn vị này trong bản nháp.");
  const parsed = parseContacts(contacts);
  if (!parsed.ok) return refuse("invalid", parsed.message, parsed.fieldErrors);
  const name = units.find((u) => u.id === unitId)?.name;
  const named = typeof name === "string" && name !== "" ? name : unitId;
  const next: PlanFileInput = {
    ...plan,
    units: units.map((u) => (u.id === unitId ? { ...u, contacts: parsed.contacts } : u)),
    // A person wrote this unit's contacts: the note on where they came from, or that they lacked, is done.
    ...(plan.draft && {
      draft: { ...plan.draft, review: (plan.draft.review ?? []).filter((r) => !isContactsReview(r, named)) },
    }),
  };
  return saveDraft(deps, draft, next);
}
