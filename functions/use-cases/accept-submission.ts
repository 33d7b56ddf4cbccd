/**
 * Taking a unit's submission: check its link, find the deadline, validate the fields against the
 * obligation's form, check its attachments, time it against the exact cut-off, and store it once.
 * Used by the JSON API and the web form alike; AWS is reached only through the injected stores.
 *
 * The request path costs one DynamoDB request: the deadline's definition is reused across the
 * units that submit for it (DeadlineRepository.definition), and the submission is one PutItem.
 */
import { type InstanceRef, parseInstanceId } from "../../shared/calendar/instance-id";
import type { FormField } from "../../shared/plan/schema";
import { ATTACHMENT_KINDS_VI } from "../../shared/submission/attachments";
import { type SubmissionError, submissionError } from "../../shared/submission/errors";
import { type LinkClaims, type LinkKeyring, verifyLink } from "../../shared/submission/link-token";
import { receiptNumber } from "../../shared/submission/receipt";
import { timeliness } from "../../shared/submission/status";
import { submissionSchema } from "../../shared/submission/submission-schema";
import { isIdempotencyKey } from "../../shared/submission/typed-input";
import type { AttachmentCheck, AttachmentStore } from "../commons/attachments";
import type {
  AttachmentRecord,
  DataLayer,
  DeadlineDefinition,
  ExpectationItem,
  SubmissionRecord,
} from "../data";

export interface SubmissionDeps {
  data: DataLayer;
  keyring: LinkKeyring;
  now: () => Date;
  /** Absent where no attachment storage is configured: file fields then cannot be filled. */
  attachments?: AttachmentStore;
}

export type Result<T> = ({ ok: true } & T) | { ok: false; error: SubmissionError };

const LINK_REASONS = {
  malformed: "link_malformed",
  "bad-signature": "link_tampered",
  "unknown-key": "link_revoked",
  expired: "link_expired",
  "wrong-unit": "wrong_unit",
} as const;

const ATTACHMENT_MESSAGES: Record<Exclude<AttachmentCheck, { ok: true }>["reason"], string> = {
  "not-yours": "Tệp này không thuộc đơn vị hoặc nhiệm vụ này.",
  missing: "Không thấy tệp đã tải lên; hãy tải lại.",
  "too-large": "Tệp lớn hơn 10 MB.",
  empty: "Tệp rỗng.",
  "forbidden-type": `Chỉ nhận ${ATTACHMENT_KINDS_VI}.`,
};

/** A link whose signature, expiry and unit were checked (openLink returns it, to be checked once). */
export interface VerifiedLink {
  claims: LinkClaims;
  ref: InstanceRef;
}

function verify(deps: SubmissionDeps, token: string): Result<VerifiedLink> {
  const check = verifyLink(deps.keyring, token, deps.now().getTime());
  if (!check.ok) return { ok: false, error: submissionError(LINK_REASONS[check.reason]) };
  const ref = parseInstanceId(check.claims.instanceId);
  if (!ref) return { ok: false, error: submissionError("link_malformed") };
  return { ok: true, claims: check.claims, ref };
}

/** The deadline a link opens, where its unit stands, and what it submitted so far. */
export async function openLink(
  deps: SubmissionDeps,
  token: string,
): Promise<Result<{ link: VerifiedLink; expectation: ExpectationItem; submissions: SubmissionRecord[] }>> {
  const verified = verify(deps, token);
  if (!verified.ok) return verified;
  const found = await deps.data.deadlines.expectation(verified.claims.instanceId);
  if (!found) return { ok: false, error: submissionError("deadline_not_found") };
  return { ok: true, link: { claims: verified.claims, ref: verified.ref }, ...found };
}

/** The definition of the deadline a link is for, if the link's unit is still expected to meet it. */
async function expectedDeadline(
  deps: SubmissionDeps,
  token: string,
  checked?: VerifiedLink,
): Promise<Result<{ ref: InstanceRef; instanceId: string; definition: DeadlineDefinition }>> {
  const verified: Result<VerifiedLink> = checked ? { ok: true, ...checked } : verify(deps, token);
  if (!verified.ok) return verified;
  const { ref, claims } = verified;
  const definition = await deps.data.deadlines.definition(ref);
  if (!definition) return { ok: false, error: submissionError("deadline_not_found") };
  if (definition.state === "cancelled" || !definition.units.includes(ref.unitId)) {
    return { ok: false, error: submissionError("not_expected") };
  }
  return { ok: true, ref, instanceId: claims.instanceId, definition };
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

/**
 * Every attachment a submission refers to, checked whole; field errors for those that fail. Each
 * one that passes is pinned at once from the very bytes checked (one file in memory at a time);
 * a refused submission may leave pinned copies under its receipt, which a retry with the same
 * idempotency key writes again identically and nothing refers to otherwise.
 */
async function acceptAttachments(
  deps: SubmissionDeps,
  instanceId: string,
  receipt: string,
  form: readonly FormField[],
  fields: Record<string, unknown>,
): Promise<Result<{ attachments: AttachmentRecord[] }>> {
  const attachments: AttachmentRecord[] = [];
  const errors: Record<string, string> = {};
  for (const field of form.filter((f) => f.type === "file")) {
    const keys = (fields[field.id] as string[] | undefined) ?? [];
    if (keys.length === 0) continue;
    if (!deps.attachments) return { ok: false, error: submissionError("uploads_unavailable") };
    for (const key of keys) {
      const check = await deps.attachments.check(instanceId, field.id, key);
      if (!check.ok) errors[`fields.${field.id}`] ??= ATTACHMENT_MESSAGES[check.reason];
      else if (Object.keys(errors).length === 0)
        attachments.push(await deps.attachments.pin(instanceId, receipt, field.id, check));
    }
  }
  if (Object.keys(errors).length > 0)
    return { ok: false, error: submissionError("attachment_rejected", errors) };
  return { ok: true, attachments };
}

export interface Accepted {
  /** True when this request repeated an earlier one (same idempotency key): nothing new stored. */
  duplicate: boolean;
  submission: SubmissionRecord;
  definition: DeadlineDefinition;
}

export async function acceptSubmission(
  deps: SubmissionDeps,
  request: { token: string; body: unknown; idempotencyKey: string },
  /** The link as openLink checked it for this very token, so that it is not checked again. */
  verified?: VerifiedLink,
): Promise<Result<Accepted>> {
  // The receipt is derived from the key, so it must be one a client can send again unchanged.
  if (!isIdempotencyKey(request.idempotencyKey)) {
    return { ok: false, error: submissionError("idempotency_key_invalid") };
  }
  const deadline = await expectedDeadline(deps, request.token, verified);
  if (!deadline.ok) return deadline;
  const { definition, instanceId } = deadline;

  if (typeof request.body !== "object" || request.body === null || Array.isArray(request.body)) {
    return { ok: false, error: submissionError("invalid_body") };
  }
  const parsed = submissionSchema(definition.form).safeParse(request.body);
  if (!parsed.success) {
    return { ok: false, error: submissionError("validation_failed", fieldErrors(parsed.error.issues)) };
  }
  const input = parsed.data;
  const { idempotencyKey } = request;
  const receipt = receiptNumber(instanceId, idempotencyKey);
  const checked = await acceptAttachments(deps, instanceId, receipt, definition.form, input.fields);
  if (!checked.ok) return checked;

  const submittedAt = deps.now();
  // Late against the plan's cut-off: timed against the unit's own if the office extended it for
  // this unit alone (an extension only ever moves a cut-off later, so on-time reports skip the read).
  const dueAt =
    submittedAt.getTime() >= Date.parse(definition.dueAt)
      ? ((await deps.data.deadlines.unitExtension(deadline.ref)) ?? definition.dueAt)
      : definition.dueAt;
  const result = await deps.data.deadlines.recordSubmission({
    instanceId,
    year: definition.year,
    dueAt,
    receipt,
    submittedAt,
    timeliness: timeliness(submittedAt.getTime(), dueAt),
    submitter: input.submitter,
    fields: input.fields,
    attachments: checked.attachments,
    idempotencyKey,
  });
  if (result.outcome === "conflict") return { ok: false, error: submissionError("idempotency_conflict") };
  return { ok: true, duplicate: result.outcome === "duplicate", submission: result.submission, definition };
}

/** A presigned upload form for one file field of the deadline a link opens. */
export async function presignUpload(
  deps: SubmissionDeps,
  token: string,
  fieldId: string,
  options: { redirectUrl?: string; fileName?: string } = {},
  /** The link as openLink checked it for this very token, so that it is not checked again. */
  verified?: VerifiedLink,
): Promise<Result<{ upload: Awaited<ReturnType<AttachmentStore["presignUpload"]>> }>> {
  const deadline = await expectedDeadline(deps, token, verified);
  if (!deadline.ok) return deadline;
  if (!deadline.definition.form.some((f) => f.id === fieldId && f.type === "file")) {
    return { ok: false, error: submissionError("unknown_field") };
  }
  if (!deps.attachments) return { ok: false, error: submissionError("uploads_unavailable") };
  return {
    ok: true,
    upload: await deps.attachments.presignUpload(deadline.instanceId, fieldId, options),
  };
}
