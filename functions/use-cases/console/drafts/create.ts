/**
 * The three ways a draft begins: a plan document read by the importer (shared/plan/intake), a
 * published plan moved to a new year (shared/plan/next-year.ts), or a template filled for an
 * office (shared/plan/templates.ts). Each is stored as the draft of a plan the user acts on.
 *
 * Contacts come from the unit items, which the console edits during the year: a draft begun for a
 * plan already running takes its units' current contacts (./contacts.ts), and next year's plan
 * takes those of the plan it is moved from, not the ones its kept file was published with.
 *
 * A draft for a plan already running amends it: it is put on the running plan's unit, obligation
 * and target ids first (./rekey.ts), so that publishing keeps the running expectations, and what
 * was recorded on them, instead of cancelling them and recreating them under new ids.
 */
import { type ConsoleUser, canRead } from "../../../../shared/console/access";
import { documentType, extractDocumentBytes } from "../../../../shared/plan/intake/document";
import { readPlan } from "../../../../shared/plan/intake/read";
import { PlanFileError } from "../../../../shared/plan/load";
import { nextYearPlan } from "../../../../shared/plan/next-year";
import { PlanFile, type PlanFileInput } from "../../../../shared/plan/schema";
import { fillTemplate, loadTemplate } from "../../../../shared/plan/templates";
import type { DraftRecord } from "../../../data/entities/draft";
import {
  type DraftDeps,
  type DraftResult,
  FORBIDDEN,
  mayAct,
  refuse,
  runningUnitsOf,
  storeNewDraft,
} from "./common";
import { carryRunningContacts, withCurrentContacts } from "./contacts";
import { rekeyOntoRunning } from "./rekey";

/** Largest document accepted (a 40-page plan in Word is well under 1 MB). */
export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

const idProblem = (planId: string) =>
  /^[a-z0-9][a-z0-9-]*$/.test(planId) ? undefined : refuse("invalid", "Mã kế hoạch không hợp lệ.");

export async function createDraftFromDocument(
  deps: DraftDeps,
  user: ConsoleUser,
  planId: string,
  fileName: string,
  bytes: Buffer,
): Promise<DraftResult<{ draft: DraftRecord }>> {
  const bad = idProblem(planId);
  if (bad) return bad;
  if (!mayAct(user, planId)) return FORBIDDEN;
  const name = fileName.split(/[\\/]/).at(-1)?.trim() ?? "";
  if (name === "")
    return refuse("empty", "Chưa chọn tệp văn bản kế hoạch.", { file: "chọn một tệp .docx, .pdf hoặc .txt" });
  if (!documentType(name))
    return refuse(
      "unsupported-type",
      `Không đọc được loại tệp này (${name}): chỉ nhận văn bản Word (.docx), PDF (.pdf) hoặc văn bản thường (.txt).`,
      { file: "chỉ nhận .docx, .pdf hoặc .txt" },
    );
  if (bytes.length === 0) return refuse("empty", `Tệp ${name} trống.`, { file: "tệp trống" });
  if (bytes.length > MAX_DOCUMENT_BYTES)
    return refuse(
      "too-large",
      `Tệp ${name} lớn quá (${(bytes.length / 1024 / 1024).toFixed(1)} MB): tối đa ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB.`,
      { file: "tối đa 4 MB" },
    );
  let blocks: Awaited<ReturnType<typeof extractDocumentBytes>>["blocks"];
  try {
    ({ blocks } = await extractDocumentBytes(name, bytes));
  } catch {
    return refuse(
      "nothing-read",
      `Không mở được tệp ${name}: tệp có thể bị hỏng, có mật khẩu, hoặc không đúng loại theo đuôi tên.`,
    );
  }
  const plan = readPlan(blocks, { source: name, importedAt: deps.now().toISOString() });
  if ((plan.obligations ?? []).length === 0 && (plan.targets ?? []).length === 0)
    return refuse(
      "nothing-read",
      `Không đọc được nhiệm vụ hay chỉ tiêu nào từ ${name}. Nếu là bản PDF chụp (ảnh), hãy dùng bản Word hoặc PDF có chữ.`,
    );
  return storeNewDraft(deps, user, {
    planId,
    origin: "document",
    source: name,
    plan: await ontoRunningPlan(deps, { ...plan, id: planId }, name),
    document: { name, size: bytes.length },
  });
}

export async function createDraftFromPlan(
  deps: DraftDeps,
  user: ConsoleUser,
  fromPlanId: string,
  planId: string,
  year?: number,
): Promise<DraftResult<{ draft: DraftRecord }>> {
  const bad = idProblem(planId) ?? idProblem(fromPlanId);
  if (bad) return bad;
  if (!mayAct(user, planId)) return FORBIDDEN;
  const record = await deps.data.plans.record(fromPlanId);
  if (!record) return refuse("not-found", `Chưa có kế hoạch ${fromPlanId} được đăng.`);
  if (!canRead(user, { planId: fromPlanId, ...(record.oversight && { oversightId: record.oversight.id }) }))
    return FORBIDDEN;
  if (fromPlanId === planId)
    return refuse("invalid", "Kế hoạch năm mới cần một mã kế hoạch khác với kế hoạch cũ.", {
      planId: "chọn mã của kế hoạch năm mới",
    });
  const copy = await deps.data.plans.file(fromPlanId);
  if (!copy)
    return refuse(
      "no-copy",
      `Kế hoạch ${fromPlanId} được đăng trước khi hệ thống lưu bản kế hoạch đầy đủ: hãy đăng lại kế hoạch đó (npm run -s plan:publish) rồi thử lại.`,
    );
  const published = withCurrentContacts(
    PlanFile.parse(JSON.parse(copy.file)),
    await deps.data.plans.units(fromPlanId),
  );
  const to = year ?? published.year + 1;
  if (!Number.isInteger(to) || to <= published.year || to > 2100)
    return refuse("invalid", `Năm của kế hoạch mới phải sau năm ${published.year}.`, {
      year: `sau năm ${published.year}`,
    });
  const plan = nextYearPlan(published, {
    id: planId,
    year: to,
    source: fromPlanId,
    at: deps.now().toISOString(),
  });
  return storeNewDraft(deps, user, {
    planId,
    origin: "plan",
    source: fromPlanId,
    // Its contacts are the moved plan's: only its ids follow a plan already running under the new id.
    plan: await ontoRunningPlan(deps, plan, fromPlanId, false),
  });
}

export async function createDraftFromTemplate(
  deps: DraftDeps,
  user: ConsoleUser,
  templateId: string,
  planId: string,
  year: number,
  issuerName: string,
): Promise<DraftResult<{ draft: DraftRecord }>> {
  const bad = idProblem(planId);
  if (bad) return bad;
  if (!mayAct(user, planId)) return FORBIDDEN;
  const fieldErrors: Record<string, string> = {};
  if (!Number.isInteger(year) || year < 2000 || year > 2100) fieldErrors.year = "năm, ví dụ 2026";
  if (issuerName.trim().length < 3) fieldErrors.issuerName = "tên UBND ban hành, ví dụ UBND phường Bồ Đề";
  if (Object.keys(fieldErrors).length > 0)
    return refuse("invalid", "Cần năm của kế hoạch và tên UBND ban hành.", fieldErrors);
  let template: PlanFile | undefined;
  try {
    template = await loadTemplate(templateId, deps.templatesDir);
  } catch (err) {
    if (!(err instanceof PlanFileError)) throw err;
    return refuse("invalid", `Mẫu ${templateId} không hợp lệ: ${err.problems[0]?.message ?? ""}`);
  }
  if (!template) return refuse("not-found", `Không có mẫu kế hoạch ${templateId}.`);
  const plan = fillTemplate(template, {
    templateId,
    id: planId,
    year,
    issuerName,
    at: deps.now().toISOString(),
  });
  return storeNewDraft(deps, user, {
    planId,
    origin: "template",
    source: templateId,
    plan: await ontoRunningPlan(deps, plan, templateId),
  });
}

/**
 * A draft for a plan already running, on the running plan's ids (./rekey.ts) and, unless told
 * otherwise, with the running units' current contacts; else as it is.
 */
async function ontoRunningPlan(
  deps: DraftDeps,
  plan: PlanFileInput,
  source: string,
  carryContacts = true,
): Promise<PlanFileInput> {
  const record = await deps.data.plans.record(plan.id);
  if (!record) return plan;
  const [running, copy] = await Promise.all([
    runningUnitsOf(deps, plan.id, record),
    deps.data.plans.file(plan.id),
  ]);
  if (!running) return plan;
  const parsed = copy && PlanFile.safeParse(JSON.parse(copy.file));
  const origin = { source, at: deps.now().toISOString() };
  const rekeyed = rekeyOntoRunning(
    plan,
    { ...running, ...(parsed?.success && { file: parsed.data }) },
    origin,
  ).plan;
  return carryContacts ? carryRunningContacts(rekeyed, running, origin) : rekeyed;
}
