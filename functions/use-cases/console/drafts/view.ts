/**
 * A draft as the console shows it (shared/console/model.ts): rows with the dates each timing gives
 * in the plan's years, as the reminders will word them; units with who could not be reminded; the
 * review items where they belong; plan:check's problems in a clerk's words; and, when a plan is
 * published under the same id, what publishing would change. Pure: the draft and the published
 * plan in, the view out.
 *
 * A draft may not pass plan:check yet (that is what reviewing is for): the rows are read item by
 * item, and an obligation whose own fields are wrong is still shown, with no dates.
 */
import { deadlineWords } from "../../../../shared/calendar/deadline-text";
import { planDeadlines } from "../../../../shared/calendar/deadlines";
import { expandObligation, PlanIndex, planYears } from "../../../../shared/calendar/expand";
import { periodText } from "../../../../shared/calendar/period-text";
import { isDated } from "../../../../shared/calendar/rules";
import type {
  DraftDate,
  DraftRow,
  DraftSummary,
  DraftUnitRef,
  DraftUnitRow,
  DraftView,
  TimingPreview,
} from "../../../../shared/console/model";
import { comparePairs } from "../../../../shared/plan/compare";
import { formatPath } from "../../../../shared/plan/load";
import { clerkMessage } from "../../../../shared/plan/messages";
import { scheduleWords } from "../../../../shared/plan/rule-words";
import {
  Contacts,
  type Draft,
  Obligation,
  PlanFile,
  type PlanFileInput,
  ScheduleRule,
  UNSTATED_TIMING,
  Unit,
  UnitGroup,
} from "../../../../shared/plan/schema";
import { readTimingPhrase } from "../../../../shared/plan/timing-phrase";
import type { DraftRecord } from "../../../data/entities/draft";
import { contactsDropped, type RunningUnits } from "./contacts";

type Review = Draft["review"][number];
type ObligationInput = NonNullable<PlanFileInput["obligations"]>[number];

/** The plan file of a draft, as stored. */
export const draftPlanOf = (draft: Pick<DraftRecord, "planJson">): PlanFileInput =>
  JSON.parse(draft.planJson) as PlanFileInput;

const text = (v: unknown, otherwise = ""): string => (typeof v === "string" ? v : otherwise);

/** What plan:check says of a draft: the plan as it would be published, or the problems, each with where it is. */
export function checkDraft(input: PlanFileInput): { plan?: PlanFile; problems: string[] } {
  const parsed = PlanFile.safeParse(input);
  if (parsed.success) return { plan: parsed.data, problems: [] };
  return {
    problems: parsed.error.issues.map((issue) => {
      const where = whereIs(input, issue.path);
      return `${where}: ${clerkMessage(issue, input) ?? issue.message}`;
    }),
  };
}

/** "nhiệm vụ «Báo cáo quý» (Biểu 1, mục 3), lead[0]" rather than obligations[12].lead[0]. */
function whereIs(input: PlanFileInput, path: readonly PropertyKey[]): string {
  const [list, index, ...rest] = path;
  const tail = rest.length > 0 ? `, ${formatPath(rest)}` : "";
  if (list === "obligations" && typeof index === "number") {
    const o = input.obligations?.[index] as ObligationInput | undefined;
    return `nhiệm vụ «${text(o?.title, `số ${index + 1}`)}» (${text(o?.source, "?")})${tail}`;
  }
  if (list === "units" && typeof index === "number") {
    const u = input.units?.[index] as { name?: unknown } | undefined;
    return `đơn vị «${text(u?.name, `số ${index + 1}`)}»${tail}`;
  }
  if (list === "targets" && typeof index === "number") {
    const t = input.targets?.[index] as { title?: unknown } | undefined;
    return `chỉ tiêu «${text(t?.title, `số ${index + 1}`)}»${tail}`;
  }
  return formatPath(path) || "kế hoạch";
}

const each = <T>(
  xs: readonly unknown[] | undefined,
  schema: { safeParse(x: unknown): { success: boolean; data?: T } },
) =>
  (xs ?? []).flatMap((x) => {
    const r = schema.safeParse(x);
    return r.success ? [r.data as T] : [];
  });

/** The plan for dates and names: as parsed when it passes, else assembled from its valid parts. */
export function lenientPlan(input: PlanFileInput): PlanFile {
  const parsed = PlanFile.safeParse(input);
  if (parsed.success) return parsed.data;
  const shape = PlanFile.shape;
  const defaults = shape.defaults.safeParse(input.defaults);
  const year = Number.isInteger(input.year) ? input.year : new Date().getUTCFullYear();
  return {
    id: text(input.id, "ban-nhap"),
    title: text(input.title),
    issuer: input.issuer as PlanFile["issuer"],
    number: text(input.number),
    issuedOn: text(input.issuedOn),
    year,
    ...(Number.isInteger(input.untilYear) && { untilYear: input.untilYear }),
    steeringCommittee: (input.steeringCommittee ?? {
      unit: "",
      standingBody: "",
    }) as PlanFile["steeringCommittee"],
    civilCodeRollover: input.civilCodeRollover === true,
    defaults: defaults.success ? defaults.data : shape.defaults.parse(undefined),
    units: each(input.units, Unit),
    groups: each(input.groups, UnitGroup),
    forms: {},
    obligations: each(input.obligations, Obligation),
    targets: [],
  };
}

/** A unit every preview expects (no validity range): the dates a rule gives, whoever owes them. */
const PREVIEW_UNIT: Unit = Unit.parse({ id: "xem-truoc", name: "xem trước", kind: "other" });

/** The dates a rule gives in the plan's years, as the reminders will word them. */
export function ruleDates(plan: PlanFile, obligation: Obligation, years = planYears(plan)): DraftDate[] {
  if (!isDated(obligation.schedule)) return [];
  const index = new PlanIndex({ ...plan, units: [...plan.units, PREVIEW_UNIT], groups: [] });
  const alone: Obligation = { ...obligation, lead: [PREVIEW_UNIT.id] };
  return years.flatMap((y) =>
    expandObligation(index, alone, y).map((i) => ({
      period: i.period,
      periodText: periodText(i.period),
      dueAt: i.dueAt,
      dueText: deadlineWords(i.dueAt).text,
      ...(i.opensOn && { opensOn: i.opensOn }),
    })),
  );
}

/** The review items of one obligation: those written where it was read (and of its title, when several were read there). */
export function reviewOf(
  items: readonly Review[],
  obligation: { source?: unknown; title?: unknown },
  all: readonly ObligationInput[],
): Review[] {
  const source = text(obligation.source);
  const title = text(obligation.title);
  const here = items.filter((r) => r.where === source);
  const sharing = all.filter((o) => text(o.source) === source).length;
  if (sharing <= 1) return here;
  const prefix = (r: Review) => r.what.length >= 8 && (title.startsWith(r.what) || r.what.startsWith(title));
  return here.some(prefix) ? here.filter(prefix) : here;
}

function unitRef(plan: PlanFile, id: string): DraftUnitRef {
  const name = plan.units.find((u) => u.id === id)?.name ?? plan.groups.find((g) => g.id === id)?.name ?? id;
  return { id, name };
}

function recipientOf(plan: PlanFile, o: ObligationInput): string | undefined {
  const d = o.deliverable;
  if (!d) return undefined;
  if (d.unstatedRecipient) return "văn bản không ghi nơi nhận";
  const name = (id: string) => unitRef(plan, id).name;
  const to = d.to ?? plan.steeringCommittee.standingBody;
  return d.via && d.via !== to ? `${name(to)} (qua ${name(d.via)})` : name(to);
}

const ids = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

function rowOf(
  plan: PlanFile,
  o: ObligationInput,
  review: readonly Review[],
  confirmed: ReadonlySet<string>,
  all: readonly ObligationInput[],
): DraftRow {
  const parsed = Obligation.safeParse(o);
  const rule = ScheduleRule.safeParse(o.schedule ?? { kind: "unstated" });
  const kind = rule.success ? rule.data.kind : "unstated";
  const timing = text(o.timing, UNSTATED_TIMING);
  // A phrase written but read as nothing: the reader could not read it (not a duty without timing).
  const unread = kind === "unstated" && timing !== UNSTATED_TIMING;
  const id = text(o.id);
  const certainty = o.origin?.confidence;
  return {
    obligationId: id,
    title: text(o.title),
    source: text(o.source),
    timing,
    ...(rule.success && !unread && { ruleWords: scheduleWords(rule.data) }),
    ruleKind: kind,
    dates: parsed.success ? ruleDates(plan, parsed.data) : [],
    lead: ids(o.lead).map((u) => unitRef(plan, u)),
    coordinating: ids(o.coordinating).map((u) => unitRef(plan, u)),
    ...(o.deliverable && { recipient: recipientOf(plan, o) }),
    ...(typeof o.place === "string" && { place: o.place }),
    ...(!confirmed.has(id) && typeof certainty === "number" && { certainty }),
    review: reviewOf(review, o, all).map((r) => r.why),
  };
}

/** Units that owe a dated obligation (directly or through a group). */
function owing(plan: PlanFile): Set<string> {
  const index = new PlanIndex(plan);
  return new Set(
    plan.obligations
      .filter((o) => isDated(o.schedule))
      .flatMap((o) => index.resolve(o.lead).map((u) => u.id)),
  );
}

/** A plan published under the draft's id, its file when a copy is kept, its units as they are now. */
export interface PublishedPlan {
  planId: string;
  file?: PlanFile;
  running?: RunningUnits;
}

export function draftSummary(draft: DraftRecord, published?: PublishedPlan): DraftSummary {
  return draftView(draft, published).summary;
}

export function draftView(draft: DraftRecord, published?: PublishedPlan): DraftView {
  const input = draftPlanOf(draft);
  const plan = lenientPlan(input);
  const { problems } = checkDraft(input);
  const confirmed = new Set(draft.confirmed);
  const review = input.draft?.review ?? [];
  const obligations = (input.obligations ?? []) as ObligationInput[];
  const rows = obligations.map((o) => rowOf(plan, o, review, confirmed, obligations));
  const attached = new Set(obligations.flatMap((o) => reviewOf(review, o, obligations)));
  const owes = owing(plan);
  const units: DraftUnitRow[] = (input.units ?? []).map((u) => {
    const contacts = Contacts.safeParse(u.contacts ?? {});
    const c = contacts.success ? contacts.data : { emails: [], phones: [] };
    return {
      id: text(u.id),
      name: text(u.name),
      kind: text(u.kind, "other"),
      contacts: c,
      unreachable: owes.has(text(u.id)) && c.emails.length === 0 && c.phones.length === 0,
    };
  });
  const years = [
    ...new Set([...planYears(plan), ...(published?.file ? planYears(published.file) : [])]),
  ].sort();
  const full = PlanFile.safeParse(input);
  const comparison =
    published?.file && full.success ? comparePairs(published.file, full.data, years) : undefined;
  return {
    summary: {
      draftId: draft.draftId,
      planId: draft.planId,
      title: plan.title,
      year: plan.year,
      origin: draft.origin,
      source: draft.source,
      createdAt: draft.createdAt,
      createdBy: draft.createdBy,
      updatedAt: draft.updatedAt,
      obligations: rows.length,
      dated: rows.filter((r) => r.dates.length > 0).length,
      toReview: review.length,
      problems: problems.length,
      amends: published !== undefined,
    },
    issuer: text(input.issuer?.name),
    number: plan.number,
    issuedOn: plan.issuedOn,
    ...(plan.untilYear !== undefined && { untilYear: plan.untilYear }),
    rows,
    review: review.filter((r) => !attached.has(r)),
    units,
    targets: (input.targets ?? []).map((t) => ({
      id: text(t.id),
      title: text(t.title),
      asWritten: text(t.asWritten),
      source: text(t.source),
    })),
    problems,
    ...(comparison &&
      published?.file &&
      full.success && {
        comparison: {
          same: comparison.same,
          added: comparison.added,
          removed: comparison.removed,
          ...expectationsKept(published.file, full.data),
        },
      }),
    contactsDropped: published?.running ? contactsDropped(input, published.running) : [],
  };
}

/**
 * The running plan's expectations a draft keeps and cancels, by instance id, as publishing compares
 * them (functions/use-cases/publish-plan.ts): those whose state was since recorded as submitted or
 * waived are not cancelled by publishing, so its count may be lower.
 */
export function expectationsKept(running: PlanFile, draft: PlanFile): { kept: number; cancelled: number } {
  const ids = (plan: PlanFile) => new Set(planDeadlines(plan).flatMap((d) => d.instances.map((i) => i.id)));
  const theirs = ids(running);
  const mine = ids({ ...draft, id: running.id });
  const kept = [...theirs].filter((id) => mine.has(id)).length;
  return { kept, cancelled: theirs.size - kept };
}

/** Why a phrase gives no rule, and how one is written. */
export const UNREADABLE_TIMING = (timing: string) =>
  `chưa đọc được thời hạn này: "${timing}". Ghi theo một cách quen thuộc, ví dụ "trước ngày 20/01", "trước ngày 04 hàng tháng", "trước ngày 25 của tháng cuối quý", "Tháng 6, 11-12", "Thường xuyên", hoặc để trống nếu văn bản không ghi thời hạn.`;

/** The dates a timing phrase would give an obligation of the draft, read for the plan's year. */
export function previewTiming(draft: DraftRecord, timing: string): TimingPreview {
  const plan = lenientPlan(draftPlanOf(draft));
  const phrase = timing.trim();
  if (phrase === "")
    return {
      timing: UNSTATED_TIMING,
      ruleKind: "unstated",
      ruleWords: scheduleWords({ kind: "unstated" }),
      dates: [],
    };
  const rule = readTimingPhrase(phrase, plan.year);
  if (!rule) return { timing: phrase, dates: [], problem: UNREADABLE_TIMING(phrase) };
  const obligation = Obligation.parse({
    id: "xem-truoc",
    title: "xem trước",
    source: "xem trước",
    timing: phrase,
    schedule: rule,
    lead: [PREVIEW_UNIT.id],
  });
  return {
    timing: phrase,
    ruleKind: rule.kind,
    ruleWords: scheduleWords(rule),
    dates: ruleDates(plan, obligation),
  };
}
