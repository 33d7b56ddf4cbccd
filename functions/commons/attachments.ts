/**
 * Attachment storage on S3 (locally: s3rver, an S3-compatible server from npm): presigned POST
 * forms for uploads that work from a plain HTML form, and the checks made before a submission
 * may refer to an uploaded object.
 */
import { randomUUID } from "node:crypto";
import { GetObjectCommand, HeadObjectCommand, NotFound, type S3Client } from "@aws-sdk/client-s3";
import { createPresignedPost, type PresignedPost } from "@aws-sdk/s3-presigned-post";
import {
  type AttachmentKind,
  attachmentPrefix,
  MAX_ATTACHMENT_BYTES,
  sniffAttachment,
} from "../../shared/submission/attachments";

export type AttachmentCheck =
  | { ok: true; key: string; size: number; kind: AttachmentKind }
  | { ok: false; key: string; reason: "not-yours" | "missing" | "too-large" | "empty" | "forbidden-type" };

export class AttachmentStore {
  constructor(
    private readonly s3: S3Client,
    readonly bucket: string,
  ) {}

  /** A presigned POST for one file under the unit's prefix; valid for an hour. */
  async presignUpload(
    instanceId: string,
    fieldId: string,
    redirectUrl?: string,
  ): Promise<PresignedPost & { key: string }> {
    const key = `${attachmentPrefix(instanceId, fieldId)}${randomUUID()}`;
    const post = await createPresignedPost(this.s3, {
      Bucket: this.bucket,
      Key: key,
      Conditions: [["content-length-range", 1, MAX_ATTACHMENT_BYTES]],
      Fields: redirectUrl ? { success_action_redirect: redirectUrl } : { success_action_status: "201" },
      Expires: 3600,
    });
    return { ...post, key };
  }

  /** Whether a key may be attached to this unit's submission for this field. */
  async check(instanceId: string, fieldId: string, key: string): Promise<AttachmentCheck> {
    if (!key.startsWith(attachmentPrefix(instanceId, fieldId)) || key.includes("..")) {
      return { ok: false, key, reason: "not-yours" };
    }
    let size: number;
    try {
      const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      size = head.ContentLength ?? 0;
    } catch (err) {
      if (err instanceof NotFound || (err as { name?: string }).name === "NotFound")
        return { ok: false, key, reason: "missing" };
      throw err;
    }
    // S3 enforces the size in the POST policy; an S3-compatible server may not, so check again.
    if (size > MAX_ATTACHMENT_BYTES) return { ok: false, key, reason: "too-large" };
    if (size === 0) return { ok: false, key, reason: "empty" };
    const first = await this.s3.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: "bytes=0-15" }),
    );
    const kind = sniffAttachment((await first.Body?.transformToByteArray()) ?? new Uint8Array());
    return kind ? { ok: true, key, size, kind } : { ok: false, key, reason: "forbidden-type" };
  }
}
