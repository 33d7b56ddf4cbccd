/**
 * A draft's way out: published through the same publication as the command line's
 * (functions/use-cases/publish-plan.ts) once plan:check has nothing against it, its calendar
 * started, an audit entry written and the draft deleted together; or discarded; or downloaded as
 * the YAML plan file it is (the storage and export format), with the importer's header.
 *
 * Publishing replaces a running plan's contacts with the draft's: a draft that would leave a unit
 * with no email and no phone where the running plan has one is refused unless the office says so
 * (the form's `dropContacts=yes`), since from then on nobody at that unit would be reminded.
 */
import { stringify } from "yaml";
import type { ConsoleUser } from "../../../../shared/console/access";
import type { PlanFile } from "../../../../shared/plan/schema";
import type { DraftRecord } from "../../../data/entities/draft";
import { publishPlan } from "../../publish-plan";
import { auditEntry, REASON_MAX } from "../audit";
import { type DraftDeps, type DraftResult, draftFor, isFailure, refuse, runningUnitsOf } from "./common";
import { contactsDropped } from "./contacts";
import { checkDraft, draftPlanOf } from "./view";

/** The problems listed in a refusal, at most this many (the page lists them all). */
const LISTED = 5;

export interface Published {
  planId: string;
  /** A plan with this id was published before: this amended it. */
  amended: boolean;
  changed: boolean;
  expectations: number;
  cancelled: number;
  auditId: string;
  /** Units published with no contacts where the running plan had some (the office confirmed it). */
  contactsDropped: string[];
}

export interface PublishOptions {
  /** The office confirmed publishing units with no contacts where the running plan has some. */
  dropContacts?: boolean;
}

/** The plan a draft publishes: plan:check's reading of it, without the reader's `draft` block. */
export function publishable(draft: DraftRecord): { plan: PlanFile } | { problems: string[] } {
  const { plan, problems } = checkDraft(draftPlanOf(draft));
  if (!plan) return { problems };
  const { draft: _block, ...rest } = plan;
  return { plan: rest };
}

export async function publishDraft(
  deps: DraftDeps,
  user: ConsoleUser,
  draftId: string,
  reason = "",
  options: PublishOptions = {},
): Promise<DraftResult<Published>> {
  const draft = await draftFor(deps, user, draftId);
  if (isFailure(draft)) return draft;
  const checked = publishable(draft);
  if ("problems" in checked) {
    const { problems } = checked;
    const more = problems.length > LISTED ? ` … và ${problems.length - LISTED} lỗi khác` : "";
    return refuse(
      "has-problems",
      `Chưa đăng được: bản nháp còn ${problems.length} lỗi phải sửa trước — ${problems.slice(0, LISTED).join("; ")}${more}.`,
    );
  }
  const { plan } = checked;
  if (plan.id !== draft.planId) return refuse("invalid", "Mã kế hoạch của bản nháp đã bị đổi.");
  const record = await deps.data.plans.record(plan.id);
  const amended = record !== undefined;
  const running = record && (await runningUnitsOf(deps, plan.id, record));
  const dropped = running ? contactsDropped(plan, running) : [];
  if (dropped.length > 0 && !options.dropContacts)
    return refuse(
      "drops-contacts",
      `Chưa đăng được: ${dropped.length} đơn vị đang có email hoặc số điện thoại trong kế hoạch đang chạy sẽ không còn liên hệ nào nếu đăng bản nháp này, nên sẽ không ai ở đó được nhắc hạn: ${dropped
        .map((u) => u.name)
        .join(
          ", ",
        )}. Hãy bổ sung liên hệ cho các đơn vị này trong bản nháp, hoặc đánh dấu ô «Vẫn công bố khi các đơn vị này không còn liên hệ» rồi công bố lại.`,
    );
  const now = deps.now();
  const result = await publishPlan(deps.data, plan, now);
  // A new plan's calendar starts now; an amended one's already runs (starting it again is a no-op).
  await deps.calendar.start(plan.id);
  const entry = auditEntry({
    planId: plan.id,
    actor: { email: user.email, role: user.role },
    action: "publish-plan",
    target: { planId: plan.id, draftId: draft.draftId },
    before: { published: amended },
    after: {
      title: plan.title,
      year: plan.year,
      ...(plan.untilYear !== undefined && { untilYear: plan.untilYear }),
      obligations: plan.obligations.length,
      expectations: result.expectations,
      cancelled: result.cancelled,
      changed: result.changed,
      ...(dropped.length > 0 && { contactsDropped: dropped.map((u) => u.id) }),
    },
    reason:
      reason.trim().slice(0, REASON_MAX) ||
      `Đăng từ bản nháp (${draft.origin === "document" ? "văn bản" : draft.origin === "plan" ? "kế hoạch" : "mẫu"} ${draft.source})`,
    at: now,
  });
  const written = await deps.data.drafts.publishedWith(draft, entry);
  // The plan is published: if the draft changed meanwhile, it stays (its changes are not lost),
  // and the publication is recorded all the same.
  if (!written.ok) await deps.data.consoleActions.recordAudit(entry);
  return {
    ok: true,
    planId: plan.id,
    amended,
    changed: result.changed,
    expectations: result.expectations,
    cancelled: result.cancelled,
    auditId: entry.id,
    contactsDropped: dropped.map((u) => u.id),
  };
}

export async function discardDraft(
  deps: DraftDeps,
  user: ConsoleUser,
  draftId: string,
): Promise<DraftResult<{ planId: string }>> {
  const draft = await draftFor(deps, user, draftId);
  if (isFailure(draft)) return draft;
  if (!(await deps.data.drafts.discard(draft)))
    return refuse("conflict", "Bản nháp vừa được sửa hoặc đã bị bỏ. Tải lại trang rồi thử lại.");
  return { ok: true, planId: draft.planId };
}

/**
 * The draft as a YAML plan file, with the header plan:import writes; refused while plan:check finds
 * a problem in it (the console never hands out a file plan:check refuses).
 */
export function draftYaml(draft: DraftRecord): DraftResult<{ fileName: string; yaml: string }> {
  const plan = draftPlanOf(draft);
  const { problems } = checkDraft(plan);
  if (problems.length > 0)
    return refuse(
      "has-problems",
      `Chưa tải được tệp YAML: bản nháp còn ${problems.length} lỗi phải sửa trước (plan:check sẽ không nhận tệp này).`,
    );
  const origin =
    draft.origin === "document"
      ? `do máy đọc từ ${draft.source}`
      : draft.origin === "plan"
        ? `chuyển từ kế hoạch ${draft.source}`
        : `lập từ mẫu ${draft.source}`;
  const yaml = `# yaml-language-server: $schema=./plan.schema.json\n# BẢN NHÁP ${origin}: rà soát mục draft.review trước khi dùng.\n${stringify(plan, { lineWidth: 0 })}`;
  return { ok: true, fileName: `${draft.planId}.yaml`, yaml };
}
