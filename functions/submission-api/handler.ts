/**
 * JSON API of submissions, for units' own systems:
 *   GET  /api/links/{token}              the deadline and where the unit stands
 *   POST /api/links/{token}/submissions  submit {submitter, fields}; an Idempotency-Key header is
 *                                        required (8–128 printable ASCII characters)
 *   POST /api/links/{token}/uploads      {field, fileName?}: a presigned POST form to upload one
 *                                        file to (≤ 10 MB, within 15 minutes); its key then goes
 *                                        in fields.<field>
 * A deadline's dates: `dueAt` the cut-off (ISO 8601, the instant from which a submission is late)
 * and `dueText` it in words; for an activity held on a fixed day also `heldOn` (YYYY-MM-DD), the
 * day it takes place, `dueAt` then being the last moment to confirm it; for a report whose figures
 * are not its period's calendar span (a quarter up to the 14th of its last month) also
 * `covers: {from, to}` (YYYY-MM-DD, inclusive). Both are absent otherwise.
 */
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { MAX_ATTACHMENT_BYTES } from "../../shared/submission/attachments";
import { submissionError } from "../../shared/submission/errors";
import { type SentAs, statusText } from "../../shared/submission/status";
import { inLambdaContainer } from "../commons/config";
import { errorJson, jsonResponse, readBody } from "../commons/http";
import { linkKeysFromSecret } from "../commons/link-keys-secret";
import { httpHandler, type Routes } from "../commons/middleware";
import { buildSubmissionDeps, submissionDeps } from "../commons/submission-deps";
import type { ExpectationItem } from "../data";
import {
  acceptSubmission,
  openLink,
  presignUpload,
  type SubmissionDeps,
} from "../use-cases/accept-submission";

/** A day held is confirmed: its status reads "chưa xác nhận", "đã xác nhận đúng hạn", … */
const sentAs = (d: { heldOn?: string }): SentAs => (d.heldOn === undefined ? "report" : "confirmation");

function deadlineJson(e: ExpectationItem) {
  return {
    instanceId: e.instanceId,
    title: e.title,
    unitId: e.unitId,
    unitName: e.unitName,
    period: e.period,
    timing: e.timing,
    dueAt: e.dueAt,
    dueText: e.dueText,
    ...(e.heldOn !== undefined && { heldOn: e.heldOn }),
    ...(e.covers !== undefined && { covers: e.covers }),
    status: e.status,
    statusText: statusText(
      e.status,
      e.late === undefined
        ? undefined
        : { late: e.late, lateByMs: e.lateByMs ?? 0, lateDays: e.lateDays ?? 0 },
      sentAs(e),
    ),
    form: e.form,
  };
}

/** The JSON body of a POST, or the refusal to answer with. */
function jsonBody(event: APIGatewayProxyEventV2) {
  const body = readBody(event);
  if (!body.ok) return { ok: false as const, response: errorJson(body.error) };
  if (body.kind !== "json")
    return { ok: false as const, response: errorJson(submissionError("unsupported_media_type")) };
  return { ok: true as const, value: body.value };
}

export function makeSubmissionApi(deps: () => SubmissionDeps): Routes<"submission-api"> {
  const tokenOf = (event: APIGatewayProxyEventV2) => event.pathParameters?.token ?? "";
  return {
    "GET /api/links/{token}": async (event) => {
      const opened = await openLink(deps(), tokenOf(event));
      return opened.ok ? jsonResponse(200, deadlineJson(opened.expectation)) : errorJson(opened.error);
    },

    "POST /api/links/{token}/uploads": async (event) => {
      const body = jsonBody(event);
      if (!body.ok) return body.response;
      const { field, fileName } = (body.value ?? {}) as { field?: unknown; fileName?: unknown };
      if (typeof field !== "string" || (fileName !== undefined && typeof fileName !== "string"))
        return errorJson(submissionError("invalid_body"));
      const presigned = await presignUpload(deps(), tokenOf(event), field, fileName ? { fileName } : {});
      if (!presigned.ok) return errorJson(presigned.error);
      const { url, fields, key } = presigned.upload;
      return jsonResponse(201, { url, fields, key, maxBytes: MAX_ATTACHMENT_BYTES });
    },

    "POST /api/links/{token}/submissions": async (event) => {
      const body = jsonBody(event);
      if (!body.ok) return body.response;
      // Required: a retry after a lost response must find the first submission, not store a second.
      const idempotencyKey = event.headers["idempotency-key"];
      if (idempotencyKey === undefined || idempotencyKey === "") {
        return errorJson(submissionError("idempotency_key_required"));
      }
      const result = await acceptSubmission(deps(), {
        token: tokenOf(event),
        body: body.value,
        idempotencyKey,
      });
      if (!result.ok) return errorJson(result.error);
      const { submission: s, definition: d } = result;
      return jsonResponse(result.duplicate ? 200 : 201, {
        receipt: s.receipt,
        duplicate: result.duplicate,
        submittedAt: s.submittedAt,
        late: s.late,
        lateDays: s.lateDays,
        statusText: statusText("submitted", s, sentAs(d)),
        deadline: {
          instanceId: s.instanceId,
          title: d.title,
          period: d.period,
          dueAt: d.dueAt,
          dueText: d.dueText,
          ...(d.heldOn !== undefined && { heldOn: d.heldOn }),
          ...(d.covers !== undefined && { covers: d.covers }),
        },
      });
    },
  };
}

/** This function's composition root (the dependency wiring test builds it from each deployed environment). */
// A misconfigured function fails its cold start, naming the variable, before it serves anything.
if (inLambdaContainer()) submissionDeps();

export const buildDeps = buildSubmissionDeps;
export const handler = httpHandler(makeSubmissionApi(submissionDeps), { before: [linkKeysFromSecret()] });
