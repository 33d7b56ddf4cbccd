/**
 * The web form behind a unit's personal link:
 *   GET  /f/{token}   the deadline, the unit's status, the form
 *   POST /f/{token}   submit (application/x-www-form-urlencoded); the receipt, or the form again
 *                     with every error next to its field and the input kept
 */
import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { FormField } from "../../shared/plan/schema";
import { isUploadKeyOf } from "../../shared/submission/attachments";
import { deriveStatus } from "../../shared/submission/derive";
import { submissionError } from "../../shared/submission/errors";
import { isIdempotencyKey } from "../../shared/submission/typed-input";
import {
  type DeadlineView,
  errorPage,
  type FormValues,
  formPage,
  receiptPage,
  type UploadForm,
  uploadSection,
} from "../../shared/web/pages";
import { appConfig } from "../commons/config";
import { htmlResponse, readBody } from "../commons/http";
import { httpHandler, logger } from "../commons/middleware";
import { submissionDeps } from "../commons/submission-deps";
import type { ExpectationItem, SubmissionRecord } from "../data";
import {
  acceptSubmission,
  openLink,
  presignUpload,
  type SubmissionDeps,
} from "../use-cases/accept-submission";

const ERROR_TITLES: Record<number, string> = {
  401: "Đường dẫn không hợp lệ",
  403: "Không được phép",
  404: "Không tìm thấy",
  409: "Không nộp được",
  410: "Đường dẫn đã hết hạn",
  413: "Dữ liệu quá lớn",
  415: "Không nộp được",
};

function view(e: ExpectationItem, versions: readonly SubmissionRecord[]): DeadlineView {
  return {
    title: e.title,
    unitName: e.unitName,
    period: e.period,
    timing: e.timing,
    dueText: e.dueText,
    kind: e.kind,
    status: e.status,
    ...(e.late !== undefined && { late: e.late, lateDays: e.lateDays ?? 0 }),
    personalData: e.personalData,
    form: e.form,
    versions: versions.map((v) => ({
      receipt: v.receipt,
      submittedAt: v.submittedAt,
      late: v.late,
      lateDays: v.lateDays,
    })),
  };
}

/**
 * The deadline as the receipt shows it once the submission is stored. The write succeeded, so the
 * receipt is shown whatever happens next: re-reading is only a best effort, and without it the
 * status comes from what was read before plus the stored submission.
 */
async function deadlineAfter(
  d: SubmissionDeps,
  before: { expectation: ExpectationItem; submissions: SubmissionRecord[] },
  stored: SubmissionRecord,
): Promise<DeadlineView> {
  try {
    const after = await d.data.deadlines.expectation(stored.instanceId);
    if (after) return view(after.expectation, after.submissions);
  } catch (err) {
    logger.warn("receipt shown without re-reading the deadline", { error: err as Error });
  }
  const submissions = [...before.submissions.filter((v) => v.receipt !== stored.receipt), stored];
  const derived = deriveStatus(before.expectation.state, before.expectation.dueAt, submissions);
  const expectation: ExpectationItem = {
    ...before.expectation,
    status: derived.status,
    versions: derived.versions,
    ...(derived.submittedAt && { submittedAt: derived.submittedAt }),
    ...(derived.latestReceipt && { latestReceipt: derived.latestReceipt }),
    ...(derived.timeliness && {
      late: derived.timeliness.late,
      lateByMs: derived.timeliness.lateByMs,
      lateDays: derived.timeliness.lateDays,
    }),
  };
  return view(
    expectation,
    submissions.sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : 1)),
  );
}

/** Form names "submitter.x" and "fields.y" → the body the submission schema reads. */
function bodyFromForm(params: URLSearchParams, form: readonly FormField[]) {
  const fields: Record<string, unknown> = {};
  for (const f of form) {
    const name = `fields.${f.id}`;
    if (f.type === "file") fields[f.id] = params.getAll(name).filter((v) => v !== "");
    else if (f.type === "checkbox") fields[f.id] = params.has(name);
    else if (params.has(name)) fields[f.id] = params.get(name);
  }
  const submitter: Record<string, string> = {};
  for (const k of ["name", "phone", "email"]) {
    const v = params.get(`submitter.${k}`);
    if (v !== null) submitter[k] = v;
  }
  return { submitter, fields };
}

function valuesFromForm(params: URLSearchParams): FormValues {
  const values: FormValues = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    values[key] = all.length > 1 ? all : all[0];
  }
  return values;
}

const KIND_NAMES: Record<string, string> = {
  pdf: "PDF",
  office: "Word/Excel",
  "open-document-or-office-xml": "Word/Excel/OpenDocument",
  jpeg: "ảnh JPEG",
  png: "ảnh PNG",
};

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  const kb = bytes / 1024;
  return kb < 1024
    ? `${kb.toLocaleString("vi-VN", { maximumFractionDigits: 1 })} KB`
    : `${(kb / 1024).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} MB`;
}

/** A submitted value as the receipt shows it: Vietnamese numbers, files by kind and size, not by key. */
function displayValue(
  field: FormField,
  value: unknown,
  attachments: SubmissionRecord["attachments"],
): string {
  if (value === undefined) return "";
  if (field.type === "checkbox") return value ? "Có" : "Không";
  if (field.type === "file") {
    return attachments
      .filter((a) => a.field === field.id)
      .map((a, i) => `Tệp ${i + 1}: ${KIND_NAMES[a.kind] ?? a.kind}, ${fileSize(a.size)}`)
      .join("; ");
  }
  if (typeof value === "number") return value.toLocaleString("vi-VN");
  return String(value);
}

/**
 * Uploaded keys that came back from storage (?tep=…&key=…), per file field: only well-formed keys
 * of the unit's own uploads (no `..`, backslash or control character), as anyone can edit a query.
 */
function uploadedKeys(rawQuery: string, e: ExpectationItem): FormValues {
  const query = new URLSearchParams(rawQuery);
  const keys = [...query.getAll("tep"), ...query.getAll("key")];
  const values: FormValues = {};
  for (const f of e.form.filter((x) => x.type === "file")) {
    values[`fields.${f.id}`] = [...new Set(keys.filter((k) => isUploadKeyOf(e.instanceId, f.id, k)))];
  }
  return values;
}

async function renderForm(
  d: SubmissionDeps,
  input: {
    token: string;
    formUrl: string;
    expectation: ExpectationItem;
    submissions: SubmissionRecord[];
    values: FormValues;
    errors?: Record<string, string>;
    idempotencyKey: string;
    status: number;
  },
) {
  const e = input.expectation;
  const uploads: UploadForm[] = [];
  for (const f of e.form.filter((x) => x.type === "file")) {
    const current = input.values[`fields.${f.id}`];
    const uploaded = Array.isArray(current) ? current : current ? [current] : [];
    // Storage sends the browser back here with the new key; the keys uploaded so far ride along.
    const back = new URL(input.formUrl);
    for (const g of e.form.filter((x) => x.type === "file")) {
      const keys = [input.values[`fields.${g.id}`] ?? []].flat();
      for (const key of keys)
        if (isUploadKeyOf(e.instanceId, g.id, key)) back.searchParams.append("tep", key);
    }
    const presigned = await presignUpload(d, input.token, f.id, { redirectUrl: back.toString() });
    if (presigned.ok) {
      const { url, fields } = presigned.upload;
      uploads.push({ fieldId: f.id, label: f.label, url, fields, uploaded });
    }
  }
  const body = formPage({
    deadline: view(e, input.submissions),
    action: input.formUrl,
    idempotencyKey: input.idempotencyKey,
    values: input.values,
    ...(input.errors && { errors: input.errors }),
    uploadSection: uploadSection(uploads),
  });
  return htmlResponse(input.status, body, [...new Set(uploads.map((u) => new URL(u.url).origin))]);
}

export function makeSubmissionForm(deps: () => SubmissionDeps, publicBaseUrl: () => string) {
  return async (event: APIGatewayProxyEventV2) => {
    const d = deps();
    const token = event.pathParameters?.token ?? "";
    const formUrl = `${publicBaseUrl()}/f/${encodeURIComponent(token)}`;
    const fail = (status: number, message: string) =>
      htmlResponse(status, errorPage({ title: ERROR_TITLES[status] ?? "Không nộp được", message }));

    if (event.requestContext.http.method === "GET") {
      const opened = await openLink(d, token);
      if (!opened.ok) return fail(opened.error.status, opened.error.message);
      return renderForm(d, {
        token,
        formUrl,
        expectation: opened.expectation,
        submissions: opened.submissions,
        values: uploadedKeys(event.rawQueryString, opened.expectation),
        idempotencyKey: randomUUID(),
        status: 200,
      });
    }

    const body = readBody(event);
    if (!body.ok) return fail(body.error.status, body.error.message);
    if (body.kind !== "form") return fail(415, submissionError("unsupported_media_type").message);
    const opened = await openLink(d, token);
    if (!opened.ok) return fail(opened.error.status, opened.error.message);
    const params = body.value;
    // The page carries its own key in a hidden field (no header needed); one altered by hand is refused.
    const idempotencyKey = params.get("idempotencyKey") || randomUUID();
    if (!isIdempotencyKey(idempotencyKey)) {
      return fail(400, "Biểu mẫu đã bị thay đổi nên không nộp được. Hãy tải lại trang rồi nộp lại.");
    }
    const result = await acceptSubmission(d, {
      token,
      body: bodyFromForm(params, opened.expectation.form),
      idempotencyKey,
    });
    if (!result.ok) {
      if (result.error.code !== "validation_failed" && result.error.code !== "attachment_rejected") {
        return fail(result.error.status, result.error.message);
      }
      return renderForm(d, {
        token,
        formUrl,
        expectation: opened.expectation,
        submissions: opened.submissions,
        values: valuesFromForm(params),
        errors: result.error.fieldErrors ?? {},
        idempotencyKey,
        status: 422,
      });
    }
    const { submission: s } = result;
    return htmlResponse(
      200,
      receiptPage({
        deadline: await deadlineAfter(d, opened, s),
        receipt: s.receipt,
        submittedAt: s.submittedAt,
        late: s.late,
        lateDays: s.lateDays,
        duplicate: result.duplicate,
        formUrl,
        submitterName: s.submitter.name,
        fields: opened.expectation.form.map((f) => ({
          label: f.label,
          value: displayValue(f, s.fields[f.id], s.attachments),
        })),
      }),
    );
  };
}

export const handler = httpHandler(makeSubmissionForm(submissionDeps, () => appConfig().publicBaseUrl));
