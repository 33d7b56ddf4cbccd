/**
 * The web form behind a unit's personal link:
 *   GET  /f/{token}   the deadline, the unit's status, the form
 *   POST /f/{token}   submit (application/x-www-form-urlencoded); the receipt, or the form again
 *                     with every error next to its field and the input kept
 * The link is checked once and the deadline read once per request; the pages are shared/web's.
 */
import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { vietnamDateOf } from "../../shared/calendar/civil-date";
import { authorityOf } from "../../shared/notify/authority";
import { ATTACHMENT_KINDS_VI, MAX_ATTACHMENT_BYTES } from "../../shared/submission/attachments";
import {
  type SubmissionError,
  type SubmissionErrorCode,
  submissionError,
} from "../../shared/submission/errors";
import { isIdempotencyKey } from "../../shared/submission/typed-input";
import {
  bodyFromForm,
  typedFromQuery,
  uploadedFor,
  uploadedKeys,
  uploadReturnUrl,
  valuesFromForm,
} from "../../shared/web/form-input";
import { deadlineView, deadlineViewAfter, displayValue, fileText } from "../../shared/web/form-view";
import {
  type DeadlineView,
  errorPage,
  type FormValues,
  formPage,
  type LinkRefusal,
  receiptPage,
  refusedLinkPage,
  type UploadedFile,
  type UploadForm,
  uploadSection,
} from "../../shared/web/pages";
import { UPLOAD_SCRIPT_HASH } from "../../shared/web/upload-script";
import { inLambdaContainer, lambdaConfig } from "../commons/config";
import { htmlResponse, readBody } from "../commons/http";
import { linkKeysFromSecret } from "../commons/link-keys-secret";
import { httpHandler, type Routes } from "../commons/middleware";
import { buildSubmissionDeps, submissionDeps } from "../commons/submission-deps";
import type { ExpectationItem, SubmissionRecord } from "../data";
import {
  acceptSubmission,
  openLink,
  presignUpload,
  type SubmissionDeps,
  type VerifiedLink,
} from "../use-cases/accept-submission";
import { refusedLink } from "../use-cases/refused-link";

const ERROR_TITLES: Record<number, string> = {
  401: "Đường dẫn không hợp lệ",
  403: "Không được phép",
  404: "Không tìm thấy",
  409: "Không nộp được",
  410: "Đường dẫn đã hết hạn",
  413: "Dữ liệu quá lớn",
  415: "Không nộp được",
};

/** The page names the authority asking (issuer, standing body, plan number); a failed read leaves it out. */
async function withAuthority(d: SubmissionDeps, view: DeadlineView, planId: string): Promise<DeadlineView> {
  const plan = await d.data.plans.context(planId).catch(() => undefined);
  return plan ? { ...view, authority: { ...authorityOf(plan), planTitle: plan.title } } : view;
}

/** The Vietnam date now: a day held reads as still to come or already past. */
const today = (d: SubmissionDeps) => vietnamDateOf(d.now().getTime());

const fail = (status: number, message: string) =>
  htmlResponse(status, errorPage({ title: ERROR_TITLES[status] ?? "Không nộp được", message }));

const REFUSALS: Partial<Record<SubmissionErrorCode, LinkRefusal>> = {
  link_expired: "expired",
  link_revoked: "revoked",
  wrong_unit: "wrong-unit",
};

/**
 * A link refused for what it is (expired, revoked, another unit's) names whom to ask for a new
 * one: the real standing body of its plan when the token says which (see use-cases/refused-link).
 */
async function refusedLinkResponse(d: SubmissionDeps, token: string, error: SubmissionError) {
  const refusal = REFUSALS[error.code];
  if (!refusal) return fail(error.status, error.message);
  const { contact, expiresAt } = await refusedLink(d, token);
  return htmlResponse(
    error.status,
    refusedLinkPage({
      refusal,
      contact,
      ...(refusal === "expired" && expiresAt !== undefined && { expiredAt: expiresAt }),
    }),
  );
}

interface Opened {
  token: string;
  link: VerifiedLink;
  formUrl: string;
  /** Where the page's script asks for presigned uploads (the JSON API, same origin as the form). */
  uploadsApiUrl: string;
  expectation: ExpectationItem;
  submissions: SubmissionRecord[];
}

const REFUSED: Record<string, string> = {
  missing: "Không tìm thấy tệp vừa tải lên; hãy tải lên lại.",
  "too-large": "Tệp vừa tải lên lớn hơn 10 MB; hãy chọn tệp nhỏ hơn.",
  empty: "Tệp vừa tải lên không có nội dung; hãy chọn tệp khác.",
  "forbidden-type": `Tệp vừa tải lên không phải ${ATTACHMENT_KINDS_VI}; hãy chọn tệp khác.`,
};

/**
 * The files uploaded for each file field, named as the unit knows them (the name it gave, else the
 * kind found in the bytes) with their size: read and checked as a submission would check them, so
 * a file that would be refused is said so now and left out of the form. Never shown: the key.
 */
async function describeUploads(d: SubmissionDeps, e: ExpectationItem, values: FormValues) {
  const files: Record<string, UploadedFile[]> = {};
  const refused: Record<string, string[]> = {};
  const kept: FormValues = { ...values };
  for (const f of e.form.filter((x) => x.type === "file")) {
    files[f.id] = [];
    refused[f.id] = [];
    for (const key of uploadedFor(values, f.id)) {
      const check = d.attachments ? await d.attachments.check(e.instanceId, f.id, key) : undefined;
      if (!check) files[f.id]?.push({ key, text: "tệp đã tải lên" });
      else if (check.ok) {
        files[f.id]?.push({
          key,
          text: fileText({ kind: check.type.kind, size: check.size, fileName: check.fileName }),
        });
      } else if (check.reason !== "not-yours")
        refused[f.id]?.push(REFUSED[check.reason] ?? REFUSED.missing ?? "");
    }
    kept[`fields.${f.id}`] = files[f.id]?.map((x) => x.key) ?? [];
  }
  return { files, refused, values: kept };
}

/** The form page, with an upload form per file field signed for this link. */
async function renderForm(
  d: SubmissionDeps,
  opened: Opened,
  input: { values: FormValues; errors?: Record<string, string>; idempotencyKey: string; status: number },
) {
  const e = opened.expectation;
  const { files, refused, values } = await describeUploads(d, e, input.values);
  // Storage sends the browser back here with the new key; the keys uploaded so far and what was
  // typed (when known here) ride along.
  const redirectUrl = uploadReturnUrl(opened.formUrl, e.instanceId, e.form, values);
  const uploads: UploadForm[] = [];
  for (const f of e.form.filter((x) => x.type === "file")) {
    const presigned = await presignUpload(d, opened.token, f.id, { redirectUrl }, opened.link);
    if (presigned.ok) {
      const { url, fields } = presigned.upload;
      uploads.push({
        fieldId: f.id,
        label: f.label,
        required: f.required,
        url,
        fields,
        uploaded: files[f.id] ?? [],
        refused: refused[f.id] ?? [],
        error: input.errors?.[`fields.${f.id}`],
      });
    }
  }
  const enhance = { api: opened.uploadsApiUrl, maxBytes: MAX_ATTACHMENT_BYTES };
  const body = formPage({
    deadline: await withAuthority(d, deadlineView(e, opened.submissions, today(d)), e.planId),
    action: opened.formUrl,
    idempotencyKey: input.idempotencyKey,
    values,
    ...(input.errors && { errors: input.errors }),
    ...(uploads.length > 0 && { uploadSection: uploadSection(uploads, enhance), uploadScript: true }),
    uploaded: files,
  });
  // Storage is where step 1's forms post and where the script sends files (the API is 'self').
  const storage = [...new Set(uploads.map((u) => new URL(u.url).origin))];
  return htmlResponse(
    input.status,
    body,
    storage,
    uploads.length > 0 ? { hashes: [UPLOAD_SCRIPT_HASH], connect: storage } : undefined,
  );
}

export function makeSubmissionForm(
  deps: () => SubmissionDeps,
  publicBaseUrl: () => string,
): Routes<"submission-form"> {
  /** The link checked and its deadline read, once for the whole request. */
  const open = async (d: SubmissionDeps, event: APIGatewayProxyEventV2) => {
    const token = event.pathParameters?.token ?? "";
    const opened = await openLink(d, token);
    if (!opened.ok)
      return { ok: false as const, response: await refusedLinkResponse(d, token, opened.error) };
    const formUrl = `${publicBaseUrl()}/f/${encodeURIComponent(token)}`;
    const uploadsApiUrl = `${publicBaseUrl()}/api/links/${encodeURIComponent(token)}/uploads`;
    return { ok: true as const, opened: { ...opened, token, formUrl, uploadsApiUrl } satisfies Opened };
  };

  return {
    "GET /f/{token}": async (event) => {
      const d = deps();
      const o = await open(d, event);
      if (!o.ok) return o.response;
      const { expectation: e } = o.opened;
      return renderForm(d, o.opened, {
        values: {
          ...typedFromQuery(event.rawQueryString, e.form),
          ...uploadedKeys(event.rawQueryString, e.instanceId, e.form),
        },
        idempotencyKey: randomUUID(),
        status: 200,
      });
    },

    "POST /f/{token}": async (event) => {
      const d = deps();
      const body = readBody(event);
      if (!body.ok) return fail(body.error.status, body.error.message);
      if (body.kind !== "form") return fail(415, submissionError("unsupported_media_type").message);
      const o = await open(d, event);
      if (!o.ok) return o.response;
      const { opened } = o;
      const params = body.value;
      // The page carries its own key in a hidden field (no header needed); one altered by hand is refused.
      const idempotencyKey = params.get("idempotencyKey") || randomUUID();
      if (!isIdempotencyKey(idempotencyKey)) {
        return fail(400, "Biểu mẫu đã bị thay đổi nên không nộp được. Hãy tải lại trang rồi nộp lại.");
      }
      const result = await acceptSubmission(
        d,
        { token: opened.token, body: bodyFromForm(params, opened.expectation.form), idempotencyKey },
        opened.link,
      );
      if (!result.ok) {
        if (result.error.code !== "validation_failed" && result.error.code !== "attachment_rejected") {
          return fail(result.error.status, result.error.message);
        }
        return renderForm(d, opened, {
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
          deadline: await withAuthority(
            d,
            deadlineViewAfter(opened.expectation, opened.submissions, s, today(d)),
            s.planId,
          ),
          receipt: s.receipt,
          submittedAt: s.submittedAt,
          late: s.late,
          lateDays: s.lateDays,
          duplicate: result.duplicate,
          formUrl: opened.formUrl,
          submitterName: s.submitter.name,
          fields: opened.expectation.form.map((f) => ({
            label: f.label,
            value: displayValue(f, s.fields[f.id], s.attachments),
          })),
        }),
      );
    },
  };
}

/** This function's composition root (the dependency wiring test builds it from each deployed environment). */
// A misconfigured function fails its cold start, naming the variable, before it serves anything.
if (inLambdaContainer()) submissionDeps();

export const buildDeps = buildSubmissionDeps;
export const handler = httpHandler(
  makeSubmissionForm(submissionDeps, () => lambdaConfig().publicBaseUrl),
  { before: [linkKeysFromSecret()] },
);
