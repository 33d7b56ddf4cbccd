/**
 * What the draft use cases share: their dependencies, who may touch a draft, its results, and the
 * write of a draft (its size checked, the version it was read at kept).
 */
import { randomBytes } from "node:crypto";
import { type ConsoleUser, canAct } from "../../../../shared/console/access";
import type { DraftOrigin } from "../../../../shared/console/model";
import type { PlanFileInput } from "../../../../shared/plan/schema";
import type { DataLayer } from "../../../data";
import { DRAFT_MAX_BYTES, type DraftRecord } from "../../../data/entities/draft";
import type { PlanRecord } from "../../../data/entities/plan";
import type { RunningUnits } from "./contacts";

/** Starts a newly published plan's calendar (AWS: the plan-calendar state machine; locally: the runner). */
export interface PlanCalendarStarter {
  start(planId: string): Promise<void>;
}

export interface DraftDeps {
  data: DataLayer;
  now: () => Date;
  calendar: PlanCalendarStarter;
  /** Where the plan templates are (shared/plan/templates.ts finds them when absent). */
  templatesDir?: string;
}

export type DraftErrorCode =
  | "forbidden"
  | "not-found"
  | "invalid"
  | "unsupported-type"
  | "empty"
  | "too-large"
  | "nothing-read"
  | "no-copy"
  | "has-problems"
  | "drops-contacts"
  | "conflict";

export interface DraftFailure {
  ok: false;
  code: DraftErrorCode;
  /** In Vietnamese, for the user. */
  message: string;
  /** Per form field, in Vietnamese. */
  fieldErrors?: Record<string, string>;
}

export type DraftResult<T extends object = object> = ({ ok: true } & T) | DraftFailure;

export const refuse = (
  code: DraftErrorCode,
  message: string,
  fieldErrors?: Record<string, string>,
): DraftFailure => ({ ok: false, code, message, ...(fieldErrors && { fieldErrors }) });

export const FORBIDDEN = refuse(
  "forbidden",
  "Chỉ cơ quan thường trực của kế hoạch được lập, sửa và đăng bản nháp của kế hoạch đó.",
);
export const NOT_FOUND = refuse("not-found", "Không tìm thấy bản nháp này (có thể đã được đăng hoặc bỏ).");
export const CHANGED = refuse(
  "conflict",
  "Bản nháp vừa được người khác sửa. Tải lại trang để xem bản mới nhất rồi sửa lại.",
);

/** "long-bien-2026.3f9a0c21d4": the plan a draft publishes to, then a random part. */
export function newDraftId(planId: string): string {
  return `${planId}.${randomBytes(5).toString("hex")}`;
}

/** The plan of a draft id, or undefined for an id that is not one. */
export function planOfDraftId(draftId: string): string | undefined {
  const m = /^([a-z0-9][a-z0-9-]*)\.([0-9a-f]{10})$/.exec(draftId);
  return m?.[1];
}

export const mayAct = (user: ConsoleUser, planId: string) => canAct(user, { planId });

/** A draft the user may act on, or why not: its plan's scope first (403), then whether it exists (404). */
export async function draftFor(
  deps: DraftDeps,
  user: ConsoleUser,
  draftId: string,
): Promise<DraftRecord | DraftFailure> {
  const planId = planOfDraftId(draftId);
  if (!planId) return NOT_FOUND;
  if (!mayAct(user, planId)) return FORBIDDEN;
  return (await deps.data.drafts.get(planId, draftId)) ?? NOT_FOUND;
}

export const isFailure = (x: object): x is DraftFailure => "ok" in x && x.ok === false;

/**
 * The units of the plan published as `planId`, with their current contacts (the unit items, which
 * the console edits), or undefined when none is published. One Query, and the plan's record unless given.
 */
export async function runningUnitsOf(
  deps: DraftDeps,
  planId: string,
  known?: PlanRecord,
): Promise<RunningUnits | undefined> {
  const record = known ?? (await deps.data.plans.record(planId));
  if (!record) return undefined;
  const name = record.issuer.name;
  return {
    issuer: {
      unit: record.issuer.unit,
      name: typeof name === "string" ? name : (record.names?.issuer ?? ""),
    },
    units: await deps.data.plans.units(planId),
  };
}

const KB = 1024;

/** The JSON of a draft plan, or the refusal of one too big for an item. */
export function draftJson(plan: PlanFileInput): string | DraftFailure {
  const json = JSON.stringify(plan);
  const bytes = Buffer.byteLength(json, "utf8");
  if (bytes > DRAFT_MAX_BYTES)
    return refuse(
      "too-large",
      `Bản nháp quá lớn để lưu (${Math.ceil(bytes / KB)} KB, tối đa ${DRAFT_MAX_BYTES / KB} KB). Hãy tách kế hoạch thành nhiều kế hoạch nhỏ hơn, hoặc bỏ bớt nội dung không có thời hạn.`,
    );
  return json;
}

/** A new draft of `planId`, stored. */
export async function storeNewDraft(
  deps: DraftDeps,
  user: ConsoleUser,
  input: {
    planId: string;
    origin: DraftOrigin;
    source: string;
    plan: PlanFileInput;
    document?: { name: string; size: number };
  },
): Promise<DraftResult<{ draft: DraftRecord }>> {
  const json = draftJson({ ...input.plan, id: input.planId });
  if (typeof json !== "string") return json;
  const at = deps.now().toISOString();
  const draft: DraftRecord = {
    planId: input.planId,
    draftId: newDraftId(input.planId),
    origin: input.origin,
    source: input.source,
    createdBy: user.email,
    createdAt: at,
    updatedAt: at,
    planJson: json,
    ...(input.document && { document: input.document }),
    confirmed: [],
    version: 1,
  };
  if (!(await deps.data.drafts.create(draft))) return refuse("conflict", "Trùng mã bản nháp. Hãy thử lại.");
  return { ok: true, draft };
}

/** The draft with its plan replaced, written only if no one changed it since it was read. */
export async function saveDraft(
  deps: DraftDeps,
  draft: DraftRecord,
  plan: PlanFileInput,
  confirmed: readonly string[] = draft.confirmed,
): Promise<DraftResult<{ draft: DraftRecord }>> {
  const json = draftJson(plan);
  if (typeof json !== "string") return json;
  const next: DraftRecord = {
    ...draft,
    planJson: json,
    confirmed: [...new Set(confirmed)],
    updatedAt: deps.now().toISOString(),
  };
  if (!(await deps.data.drafts.replace(next, draft.version))) return CHANGED;
  return { ok: true, draft: { ...next, version: draft.version + 1 } };
}
