/**
 * A draft's way out: published through the same publication as the command line's
 * (functions/use-cases/publish-plan.ts) once plan:check has nothing against it, its calendar
 * started, an audit entry written and the draft deleted together; or discarded; or downloaded as
 * the YAML plan file it is (the storage and export format), with the importer's header.
 */
import { stringify } from "yaml";
import type { ConsoleUser } from "../../../../shared/console/access";
import type { PlanFile } from "../../../../shared/plan/schema";
import type { DraftRecord } from "../../../data/entities/draft";
import { publishPlan } from "../../publish-plan";
import { auditEntry, REASON_MAX } from "../audit";
import { type DraftDeps, type DraftResult, draftFor, isFailure, refuse } from "./common";
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
  const amended = (await deps.data.plans.record(plan.id)) !== undefined;
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

/** The draft as a YAML plan file, with the header plan:import writes. */
export function draftYaml(draft: DraftRecord): { fileName: string; yaml: string } {
  const plan = draftPlanOf(draft);
  const origin =
    draft.origin === "document"
      ? `do máy đọc từ ${draft.source}`
      : draft.origin === "plan"
        ? `chuyển từ kế hoạch ${draft.source}`
        : `lập từ mẫu ${draft.source}`;
  const yaml = `# yaml-language-server: $schema=./plan.schema.json\n# BẢN NHÁP ${origin}: rà soát mục draft.review trước khi dùng.\n${stringify(plan, { lineWidth: 0 })}`;
  return { fileName: `${draft.planId}.yaml`, yaml };
}
