/**
 * Taking a unit's submission: check its link, find the deadline, validate the fields against the
 * obligation's form, time it against the exact cut-off, and record it once. Used by the JSON API
 * and the web form alike; AWS is reached only through the injected store.
 */

import { randomUUID } from "node:crypto";
import { ATTACHMENT_KINDS_VI } from "../../shared/submission/attachments";
import { type SubmissionError, submissionError } from "../../shared/submission/errors";
import { type LinkClaims, type LinkKeyring, verifyLink } from "../../shared/submission/link-token";
import { receiptNumber } from "../../shared/submission/receipt";
import { timeliness } from "../../shared/submission/status";
import { type SubmissionInput, submissionSchema } from "../../shared/submission/submission-schema";
import type { AttachmentCheck, AttachmentStore } from "./attachments";
import type { AttachmentRecord, DeadlineStore, ExpectationItem, SubmissionItem } from "./deadline-store";

export interface SubmissionDeps {
  store: DeadlineStore;
  keyring: LinkKeyring;
  now: () => Date;
  /** Absent where no attachment storage is configured: file fields then cannot be filled. */
  attachments?: AttachmentStore;
}

const ATTACHMENT_MESSAGES: Record<Exclude<AttachmentCheck, { ok: true }>["reason"], string> = {
  "not-yours": "Tệp này không thuộc đơn vị hoặc nhiệm vụ này.",
  missing: "Không thấy tệp đã tải lên; hãy tải lại.",
  "too-large": "Tệp lớn hơn 10 MB.",
  empty: "Tệp rỗng.",
  "forbidden-type": `Chỉ nhận ${ATTACHMENT_KINDS_VI}.`,
};

/** Every attachment a submission refers to, checked; field errors for those that fail. */
async function checkAttachments(
  deps: SubmissionDeps,
  expectation: ExpectationItem,
  fields: Record<string, unknown>,
): Promise<Result<{ attachments: AttachmentRecord[] }>> {
  const attachments: AttachmentRecord[] = [];
  const errors: Record<string, string> = {};
  for (const field of expectation.form.filter((f) => f.type === "file")) {
    const keys = (fields[field.id] as string[] | undefined) ?? [];
    if (keys.length === 0) continue;
    if (!deps.attachments) return { ok: false, error: submissionError("uploads_unavailable") };
    for (const key of keys) {
      const check = await deps.attachments.check(expectation.instanceId, field.id, key);
      if (check.ok) attachments.push({ field: field.id, key, size: check.size, kind: check.kind });
      else errors[`fields.${field.id}`] ??= ATTACHMENT_MESSAGES[check.reason];
    }
  }
  if (Object.keys(errors).length > 0)
    return { ok: false, error: submissionError("attachment_rejected", errors) };
  return { ok: true, attachments };
}

export type Result<T> = ({ ok: true } & T) | { ok: false; error: SubmissionError };

const LINK_REASONS = {
  malformed: "link_malformed",
  "bad-signature": "link_tampered",
  "unknown-key": "link_revoked",
  expired: "link_expired",
  "wrong-unit": "wrong_unit",
} as const;

/** The deadline a link opens, with where its unit stands. */
export async function openLink(
  deps: SubmissionDeps,
  token: string,
): Promise<Result<{ claims: LinkClaims; expectation: ExpectationItem }>> {
  const check = verifyLink(deps.keyring, token, deps.now().getTime());
  if (!check.ok) return { ok: false, error: submissionError(LINK_REASONS[check.reason]) };
  const expectation = await deps.store.getExpectation(check.claims.instanceId);
  if (!expectation) return { ok: false, error: submissionError("deadline_not_found") };
  return { ok: true, claims: check.claims, expectation };
}

/** zod issues → "submitter.phone" / "fields.tom-tat" → first message. */
function fieldErrors(
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "body";
    out[key] ??= issue.message;
  }
  return out;
}

export interface Accepted {
  /** True when this request repeated an earlier one (same idempotency key): nothing new stored. */
  duplicate: boolean;
  submission: SubmissionItem;
  expectation: ExpectationItem;
}

export async function acceptSubmission(
  deps: SubmissionDeps,
  request: { token: string; body: unknown; idempotencyKey?: string },
): Promise<Result<Accepted>> {
  const opened = await openLink(deps, request.token);
  if (!opened.ok) return opened;
  const { expectation } = opened;

  if (typeof request.body !== "object" || request.body === null || Array.isArray(request.body)) {
    return { ok: false, error: submissionError("invalid_body") };
  }
  const parsed = submissionSchema(expectation.form).safeParse(request.body);
  if (!parsed.success)
    return { ok: false, error: submissionError("validation_failed", fieldErrors(parsed.error.issues)) };
  const input: SubmissionInput = parsed.data;

  if (expectation.status === "cancelled" || expectation.status === "waived") {
    return { ok: false, error: submissionError("not_expected") };
  }
  const checked = await checkAttachments(deps, expectation, input.fields);
  if (!checked.ok) return checked;

  const submittedAt = deps.now();
  const timing = timeliness(submittedAt.getTime(), expectation.dueAt);
  if (expectation.status === "submitted" && expectation.late === false && timing.late) {
    return { ok: false, error: submissionError("closed_after_on_time") };
  }
  const idempotencyKey = request.idempotencyKey ?? randomUUID();
  const result = await deps.store.recordSubmission({
    expectation,
    receipt: receiptNumber(expectation.instanceId, idempotencyKey),
    submittedAt,
    timeliness: timing,
    submitter: input.submitter,
    fields: input.fields,
    attachments: checked.attachments,
    idempotencyKey,
  });
  switch (result.outcome) {
    case "created":
      return { ok: true, duplicate: false, submission: result.submission, expectation: result.expectation };
    case "duplicate":
      return { ok: true, duplicate: true, submission: result.submission, expectation };
    case "conflict":
      return { ok: false, error: submissionError("idempotency_conflict") };
    case "not-expected":
      return {
        ok: false,
        error: submissionError(result.status === "missing" ? "deadline_not_found" : "not_expected"),
      };
  }
}

/** A presigned upload form for one file field of the deadline a link opens. */
export async function presignUpload(
  deps: SubmissionDeps,
  token: string,
  fieldId: string,
  redirectUrl?: string,
): Promise<Result<{ upload: Awaited<ReturnType<AttachmentStore["presignUpload"]>> }>> {
  const opened = await openLink(deps, token);
  if (!opened.ok) return opened;
  if (!opened.expectation.form.some((f) => f.id === fieldId && f.type === "file")) {
    return { ok: false, error: submissionError("unknown_field") };
  }
  if (!deps.attachments) return { ok: false, error: submissionError("uploads_unavailable") };
  return {
    ok: true,
    upload: await deps.attachments.presignUpload(opened.expectation.instanceId, fieldId, redirectUrl),
  };
}
