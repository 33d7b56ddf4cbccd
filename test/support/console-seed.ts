/**
 * Submissions a unit made before the instant the local stack starts at: the submission use case
 * (the code behind the web form and the API) run with the clock set to when the unit submitted,
 * its files uploaded through a presigned POST to the stack's s3rver and pinned, as a unit's
 * browser would. The browser tests seed a year this way with workflows off, then start the stack
 * again on the same data, so that the lifecycles catch up on data that was there all along.
 */
import { AttachmentStore } from "../../functions/commons/attachments";
import { clients, localTarget } from "../../functions/commons/clients";
import type { SubmissionRecord } from "../../functions/data";
import { acceptSubmission, presignUpload } from "../../functions/use-cases/accept-submission";
import type { LocalStack } from "../../local/runtime";
import { ATTACHMENT_BUCKET } from "../../local/s3-local";
import { parseInstanceId } from "../../shared/calendar/instance-id";
import { linkExpiry, signLink } from "../../shared/submission/link-token";
import { uploadThrough } from "./http-events";

export interface EarlierVersion {
  instanceId: string;
  /** When the unit submitted it (ISO 8601), before the stack's start. */
  at: string;
  submitter: { name: string; phone: string };
  fields: Record<string, unknown>;
  /** Files by form field: uploaded, checked and pinned like the web form's. */
  files?: Record<string, { name: string; bytes: Uint8Array }>;
}

/** The unit's personal link token for an instance, as a reminder sent at `at` would sign it. */
export async function unitToken(stack: LocalStack, instanceId: string, at: Date): Promise<string> {
  const ref = parseInstanceId(instanceId);
  if (!ref) throw new Error(`not an instance id: ${instanceId}`);
  const definition = await stack.data.deadlines.definition(ref);
  if (!definition) throw new Error(`no deadline for ${instanceId}`);
  return signLink(stack.keyring, {
    instanceId,
    unitId: ref.unitId,
    expiresAt: linkExpiry(definition.dueAt, at),
  });
}

/** Submits one version as of `version.at`; the stored record, or an error naming what was refused. */
export async function submitEarlier(stack: LocalStack, version: EarlierVersion): Promise<SubmissionRecord> {
  const at = new Date(version.at);
  const s3 = clients(localTarget({ s3: stack.s3Endpoint })).s3;
  const deps = {
    data: stack.data,
    keyring: stack.keyring,
    now: () => at,
    attachments: new AttachmentStore(s3, ATTACHMENT_BUCKET),
  };
  const token = await unitToken(stack, version.instanceId, at);
  const fields: Record<string, unknown> = { ...version.fields };
  for (const [fieldId, file] of Object.entries(version.files ?? {})) {
    const post = await presignUpload(deps, token, fieldId, { fileName: file.name });
    if (!post.ok) throw new Error(`upload refused: ${JSON.stringify(post.error)}`);
    fields[fieldId] = [await uploadThrough(post.upload, file.bytes, file.name)];
  }
  const result = await acceptSubmission(deps, {
    token,
    idempotencyKey: `seed-${version.instanceId}-${version.at}`.replace(/[^\x21-\x7E]/g, "-").slice(0, 128),
    body: { submitter: version.submitter, fields },
  });
  if (!result.ok) throw new Error(`submission refused: ${JSON.stringify(result.error)}`);
  return result.submission;
}
