/**
 * What the operations console shows, as plain data: the reads (functions/use-cases/console/)
 * build these from DynamoDB, the pages (shared/web/console/) render them, the JSON API
 * (/api/console) returns them and the exports write them. Rates follow DHIS2's reporting-rate
 * figures: expected, actual, reporting rate, actual on time, on-time rate.
 */
import type { Contacts, FormField } from "../plan/schema";
import type { Role } from "./access";

/**
 * One unit on one deadline, as the console shows it:
 *   on-time / late  a version that counts arrived by / after the unit's cut-off
 *   missing         the cut-off passed and nothing that counts arrived (overdue)
 *   pending         not in yet, the cut-off not passed
 *   returned        the office returned the latest version: a new one is needed
 *   waived          the office excused the unit
 *   cancelled       the plan no longer asks it
 */
export const CELL_STATUSES = [
  "on-time",
  "late",
  "missing",
  "pending",
  "returned",
  "waived",
  "cancelled",
] as const;
export type CellStatus = (typeof CELL_STATUSES)[number];

export interface UnitCell {
  instanceId: string;
  unitId: string;
  unitName: string;
  status: CellStatus;
  /** The unit's cut-off (its own after an extension). */
  dueAt: string;
  extendedTo?: string;
  /** When the version that counts arrived. */
  submittedAt?: string;
  lateDays?: number;
  versions: number;
  latestReceipt?: string;
}

/** DHIS2's five figures; rates in percent (0–100, one decimal), null when nothing is expected. */
export interface Figures {
  expected: number;
  actual: number;
  reportingRate: number | null;
  actualOnTime: number;
  onTimeRate: number | null;
}

export interface DeadlineSummary {
  obligationId: string;
  period: string;
  /** "quý I/2025", "tháng 3/2025", … */
  periodText: string;
  title: string;
  dueAt: string;
  /**
   * An activity held on a fixed day (YYYY-MM-DD): the day it takes place; `dueAt` is then the
   * last moment to confirm it, shown as "diễn ra … · xác nhận trước …", never as "hạn chót".
   */
  heldOn?: string;
  state: "active" | "cancelled";
}

export interface TimelinessRow extends DeadlineSummary, Figures {
  units: UnitCell[];
}

export interface TimelinessReport {
  planId: string;
  year: number;
  /** The instant the figures are for (the virtual clock locally). */
  asOf: string;
  rows: TimelinessRow[];
  /** Over the deadlines whose cut-off has passed at `asOf`: rates are not lowered by what is not yet due. */
  totals: Figures;
}

export interface LateUnit {
  instanceId: string;
  unitId: string;
  unitName: string;
  obligationId: string;
  period: string;
  periodText: string;
  title: string;
  dueAt: string;
  /** An activity held on a fixed day: that day (`dueAt` is the last moment to confirm it). */
  heldOn?: string;
  daysLate: number;
  status: Extract<CellStatus, "missing" | "returned">;
  contact: { person?: string; email?: string; phone?: string };
  remindersSent: number;
  failedSends: number;
}

/** On-time rate of the deadlines due in each month, for the chart. */
export interface RatePoint extends Figures {
  /** "YYYY-MM" of the cut-offs. */
  month: string;
  label: string;
}

export interface PlanHeader {
  planId: string;
  title: string;
  number?: string;
  issuerName: string;
  standingBodyName: string;
  year: number;
  years: number[];
}

export interface PlanOverviewView {
  plan: PlanHeader;
  report: TimelinessReport;
  lateNow: LateUnit[];
  series: RatePoint[];
}

export interface HeatmapView {
  plan: PlanHeader;
  asOf: string;
  /** Deadlines in cut-off order (columns). */
  deadlines: DeadlineSummary[];
  /** Units in plan order (rows); cells[i][j] is unit i on deadline j, absent when not expected. */
  units: Array<{ unitId: string; unitName: string }>;
  cells: Array<Array<UnitCell | undefined>>;
}

export interface MessageSent {
  unitId: string;
  stage: string;
  /** "Nhắc hạn 3 ngày trước", "Báo quá hạn lần 1", "Trả lại", "Nhắc ngay" … */
  stageText: string;
  channel: "email" | "sms";
  recipient: string;
  status: "sending" | "sent" | "failed";
  at: string;
  error?: string;
}

export interface VersionSummary {
  receipt: string;
  submittedAt: string;
  late: boolean;
  lateDays: number;
  /** The latest decision on it, if any. */
  decision?: "accepted" | "returned";
  reason?: string;
}

export interface DeadlineView {
  plan: PlanHeader;
  deadline: DeadlineSummary & {
    timing: string;
    kind: "deliverable" | "activity";
    originalDueAt?: string;
    /** The figures the report covers (YYYY-MM-DD, inclusive), when the plan says. */
    covers?: { from: string; to: string };
  };
  figures: Figures;
  units: Array<UnitCell & { contacts: Contacts; versionsList: VersionSummary[]; messages: MessageSent[] }>;
  /** Escalations to the steering committee (and the issuer). */
  escalations: MessageSent[];
  asOf: string;
}

export interface AttachmentView {
  field: string;
  fileName: string;
  size: number;
  contentType: string;
  /** A short-lived presigned GET of the accepted, pinned copy. */
  url: string;
}

export interface SubmissionView {
  plan: PlanHeader;
  deadline: DeadlineSummary;
  unit: { unitId: string; unitName: string; contacts: Contacts };
  instanceId: string;
  receipt: string;
  submittedAt: string;
  submitter: { name?: string; position?: string; phone?: string; email?: string };
  /** The form's fields in order, with the value given. */
  fields: Array<{ field: FormField; value: unknown }>;
  attachments: AttachmentView[];
  /** Every version of this unit on this deadline, oldest first, with the decisions on each. */
  history: VersionSummary[];
  status: CellStatus;
  isLatest: boolean;
}

export interface UnitView {
  plan: PlanHeader;
  unit: { unitId: string; name: string; contacts: Contacts };
  deadlines: Array<UnitCell & DeadlineSummary>;
  figures: Figures;
}

export interface TargetProgress {
  unitId: string;
  unitName: string;
  /** The unit's own target (Biểu 6), or the plan's when none is given per unit. */
  target?: { asWritten: string; value?: number | string };
  /** The latest value reported through a form field naming this target. */
  reported?: { value: number; at: string; obligationId: string; period: string; fieldLabel: string };
  /** Whether the reported value meets the target by its comparator; absent when either is unknown. */
  met?: boolean;
}

export interface TargetView {
  targetId: string;
  title: string;
  asWritten: string;
  comparator?: "<=" | ">=" | "=" | "<" | ">";
  value?: number | string;
  unit?: string;
  /** Whether any form field reports on it. */
  reportedThrough: Array<{ obligationId: string; fieldId: string; fieldLabel: string }>;
  units: TargetProgress[];
}

export interface TargetsView {
  plan: PlanHeader;
  targets: TargetView[];
}

export interface AuditEntryView {
  id: string;
  at: string;
  actor: { email: string; role: string };
  action: "extend" | "waive" | "remind-now" | "return" | "accept" | "edit-contacts" | "publish-plan";
  /** In Vietnamese: "Gia hạn", "Miễn", … */
  actionText: string;
  target: Record<string, string>;
  before?: unknown;
  after?: unknown;
  reason: string;
}

export interface AuditView {
  plan: PlanHeader;
  entries: AuditEntryView[];
}

export interface RankedPlan extends Figures {
  planId: string;
  title: string;
  issuerName: string;
  year: number;
  /** Units late right now. */
  lateNow: number;
  /** When these figures were computed: a plan-year's are reused while fresh (shared/console/ranking.ts). */
  computedAt: string;
}

export interface RankingView {
  oversight: { id: string; name: string };
  year: number;
  asOf: string;
  /** By on-time rate, best first; plans with nothing due yet last. */
  plans: RankedPlan[];
}

/** Who is signed in, for the page header. */
export interface SessionView {
  email: string;
  name?: string;
  role: Role;
  /** The CSRF token every form that changes something posts back. */
  csrfToken: string;
}

/** The submissions of one deadline, one row per expected unit and one column per form field (export). */
export interface SubmissionsTable {
  plan: PlanHeader;
  deadline: DeadlineSummary;
  fields: FormField[];
  rows: Array<{
    unitId: string;
    unitName: string;
    status: CellStatus;
    receipt?: string;
    submittedAt?: string;
    lateDays?: number;
    submitter?: string;
    /** The latest version's values, by field id. */
    values: Record<string, unknown>;
  }>;
}

// ── Plan intake: drafts of plans reviewed in the console before they are published ──────────

/** How a draft began: read from a document, moved from an existing plan to a new year, or a template. */
export type DraftOrigin = "document" | "plan" | "template";

export interface DraftSummary {
  draftId: string;
  /** The plan the draft will publish as (one of the plans the office acts on). */
  planId: string;
  title: string;
  year: number;
  origin: DraftOrigin;
  /** The document's file name, the plan id it was moved from, or the template's id. */
  source: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  obligations: number;
  /** Obligations whose timing gives dates in the plan's years. */
  dated: number;
  /** Items the reader listed for review that no one has corrected yet. */
  toReview: number;
  /** plan:check's problems: publishing is refused while there is one. */
  problems: number;
  /** A plan with this id is already published: publishing amends it. */
  amends: boolean;
}

/** A date an obligation gives in the plan's year(s), as the reminders will word it. */
export interface DraftDate {
  period: string;
  /** "quý I/2025", "tháng 3/2025". */
  periodText: string;
  /** ISO instant from which it is late (+07:00). */
  dueAt: string;
  /** "hạn chót: 23:59 thứ Hai 24/03/2025". */
  dueText: string;
  opensOn?: string;
}

export interface DraftUnitRef {
  id: string;
  name: string;
}

/** One obligation of a draft as the review table shows it. */
export interface DraftRow {
  obligationId: string;
  title: string;
  /** Where in the document it was read ("Biểu 1, dòng 12", "dòng 148"). */
  source: string;
  /** The timing phrase as written in the document. */
  timing: string;
  /** The rule read from it, in words (shared/plan/rule-words.ts); undefined when it could not be read. */
  ruleWords?: string;
  ruleKind: string;
  dates: DraftDate[];
  lead: DraftUnitRef[];
  coordinating: DraftUnitRef[];
  /** "Phòng Y tế", "Ban Chỉ đạo (qua Phòng Y tế)", "văn bản không ghi nơi nhận"; undefined for activities. */
  recipient?: string;
  place?: string;
  /** The reader's certainty, 0–1; undefined once a person has corrected or confirmed the row. */
  certainty?: number;
  /** Review items (why the reader is unsure) attached to this row. */
  review: string[];
}

export interface DraftUnitRow extends DraftUnitRef {
  kind: string;
  contacts: Contacts;
  /** Owes something in the draft but has neither an email nor a phone: no one would be reminded. */
  unreachable: boolean;
}

/** What publishing would change in a plan already published under the same id. */
export interface DraftComparison {
  /** Dated (unit, due day) pairs the draft and the published plan share. */
  same: number;
  /** Pairs only in the draft. */
  added: number;
  /** Pairs only in the published plan (cancelled when published). */
  removed: number;
  /**
   * What publishing does, by deadline instance id (plan:obligation:period:unit) as the publication
   * compares them: the running plan's expectations the draft keeps, and those it cancels (absent
   * when the running plan's file is not kept).
   */
  kept?: number;
  cancelled?: number;
}

export interface DraftView {
  summary: DraftSummary;
  issuer: string;
  number: string;
  issuedOn: string;
  untilYear?: number;
  rows: DraftRow[];
  /** Review items that belong to no row (units, targets, sentences with no clear work). */
  review: Array<{ what: string; where: string; why: string }>;
  units: DraftUnitRow[];
  targets: Array<{ id: string; title: string; asWritten: string; source: string }>;
  /** plan:check's messages, in a clerk's words, each with where it is. */
  problems: string[];
  comparison?: DraftComparison;
  /**
   * Units the draft leaves with no email and no phone where the running plan has one: publishing
   * is refused unless the form posts DROP_CONTACTS_FIELD=yes. Empty or absent: none.
   */
  contactsDropped?: DraftUnitRef[];
}

/** The publish form's field that confirms publishing units with no contacts where the running plan has some ("yes"). */
export const DROP_CONTACTS_FIELD = "dropContacts";

/** The live preview of a timing phrase while a row is corrected. */
export interface TimingPreview {
  timing: string;
  ruleKind?: string;
  ruleWords?: string;
  dates: DraftDate[];
  /** Why the phrase gives no date ("chưa đọc được thời hạn này: …"). */
  problem?: string;
}

/** The console's page of drafts, with the ways to start one. */
export interface DraftsView {
  drafts: DraftSummary[];
  /** Plans the user may publish to (their plans), for the new-draft forms. */
  plans: Array<{ planId: string; title?: string; year?: number; published: boolean }>;
  templates: Array<{ id: string; title: string; description: string }>;
  /** Largest document accepted, in bytes. */
  maxDocumentBytes: number;
}
