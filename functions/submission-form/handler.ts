/**
 * The web form behind a unit's personal link:
 *   GET  /f/{token}   the deadline, the unit's status, the form
 *   POST /f/{token}   submit (application/x-www-form-urlencoded); the receipt, or the form again
 *                     with every error next to its field and the input kept
 */
import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { FormField } from "../../shared/plan/schema";
import { submissionError } from "../../shared/submission/errors";
import { type DeadlineView, errorPage, type FormValues, formPage, receiptPage } from "../../shared/web/pages";
import { dynamoDocumentClient } from "../commons/clients";
import { appConfig } from "../commons/config";
import { DeadlineStore, type ExpectationItem } from "../commons/deadline-store";
import { htmlResponse, readBody } from "../commons/http";
import { httpHandler } from "../commons/middleware";
import { acceptSubmission, openLink, type SubmissionDeps } from "../commons/submissions";

const ERROR_TITLES: Record<number, string> = {
  401: "Đường dẫn không hợp lệ",
  403: "Không được phép",
  404: "Không tìm thấy",
  409: "Không nộp được",
  410: "Đường dẫn đã hết hạn",
  413: "Dữ liệu quá lớn",
  415: "Không nộp được",
};

async function view(deps: SubmissionDeps, e: ExpectationItem): Promise<DeadlineView> {
  const versions = await deps.store.submissionsFor(e.instanceId);
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

function displayValue(field: FormField, value: unknown): string {
  if (value === undefined) return "";
  if (field.type === "checkbox") return value ? "Có" : "Không";
  if (Array.isArray(value)) return value.join(", ");
  return String(value);
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
      return htmlResponse(
        200,
        formPage({
          deadline: await view(d, opened.expectation),
          action: formUrl,
          idempotencyKey: randomUUID(),
        }),
      );
    }

    const body = readBody(event);
    if (!body.ok) return fail(body.error.status, body.error.message);
    if (body.kind !== "form") return fail(415, submissionError("unsupported_media_type").message);
    const opened = await openLink(d, token);
    if (!opened.ok) return fail(opened.error.status, opened.error.message);
    const params = body.value;
    const idempotencyKey = params.get("idempotencyKey") || randomUUID();
    const result = await acceptSubmission(d, {
      token,
      body: bodyFromForm(params, opened.expectation.form),
      idempotencyKey,
    });
    if (!result.ok) {
      if (result.error.code !== "validation_failed") return fail(result.error.status, result.error.message);
      return htmlResponse(
        422,
        formPage({
          deadline: await view(d, opened.expectation),
          action: formUrl,
          idempotencyKey,
          values: valuesFromForm(params),
          errors: result.error.fieldErrors ?? {},
        }),
      );
    }
    const { submission: s } = result;
    return htmlResponse(
      200,
      receiptPage({
        deadline: await view(d, result.expectation),
        receipt: s.receipt,
        submittedAt: s.submittedAt,
        late: s.late,
        lateDays: s.lateDays,
        duplicate: result.duplicate,
        formUrl,
        submitterName: s.submitter.name,
        fields: opened.expectation.form.map((f) => ({
          label: f.label,
          value: displayValue(f, s.fields[f.id]),
        })),
      }),
    );
  };
}

let deps: SubmissionDeps | undefined;
function defaultDeps(): SubmissionDeps {
  if (!deps) {
    const config = appConfig();
    deps = {
      store: new DeadlineStore(dynamoDocumentClient(), config.tableName),
      keyring: config.keyring,
      now: () => new Date(),
    };
  }
  return deps;
}

export const handler = httpHandler(makeSubmissionForm(defaultDeps, () => appConfig().publicBaseUrl));
