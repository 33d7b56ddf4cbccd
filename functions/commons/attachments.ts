/**
 * Attachment storage on S3 (locally: s3rver, an S3-compatible server from npm): presigned POST
 * forms for uploads that work from a plain HTML form, the checks made before a submission may
 * refer to an uploaded object, and the pinned copies of what was accepted.
 *
 * An upload key stays writable for as long as its presigned form lives, so a submission never
 * refers to it: the bytes that passed the checks are written again, as they were read, under
 * `accepted/<plan>/<obligation>/<period>/<unit>/<receipt>/<sha256>`. No presigned form can write
 * there (each policy names its one upload key), and the submission records that key, the
 * SHA-256, the size and the type; every later read checks the hash.
 */
import { randomUUID } from "node:crypto";
import { GetObjectCommand, NoSuchKey, NotFound, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { createPresignedPost, type PresignedPost } from "@aws-sdk/s3-presigned-post";
import {
  ACCEPTED_PREFIX,
  type AttachmentType,
  acceptedPrefix,
  attachmentDisposition,
  attachmentPrefix,
  attachmentResponseHeaders,
  attachmentType,
  cleanFileName,
  isSafeStorageKey,
  isUploadKeyOf,
  MAX_ATTACHMENT_BYTES,
  sha256Hex,
} from "../../shared/submission/attachments";
import type { AttachmentRecord } from "../data";

/** Long enough to pick a file and send the form; a leaked form is of little use after it. */
export const UPLOAD_FORM_SECONDS = 15 * 60;

const FILE_NAME_META = "file-name";

export type AttachmentCheck =
  | {
      ok: true;
      key: string;
      size: number;
      sha256: string;
      type: AttachmentType;
      bytes: Uint8Array;
      fileName?: string;
    }
  | { ok: false; key: string; reason: "not-yours" | "missing" | "too-large" | "empty" | "forbidden-type" };

export type AcceptedRead =
  | { ok: true; bytes: Uint8Array; headers: Record<string, string> }
  | { ok: false; reason: "missing" | "altered" };

const isMissing = (err: unknown) =>
  err instanceof NotFound ||
  err instanceof NoSuchKey ||
  ["NotFound", "NoSuchKey"].includes((err as { name?: string }).name ?? "");

function decodedFileName(meta: string | undefined): string | undefined {
  try {
    return cleanFileName(meta === undefined ? undefined : decodeURIComponent(meta));
  } catch {
    return undefined; // not our encoding: the name is only a convenience
  }
}

/** The name a download gets: the original one when known, else the receipt and the kind's extension. */
export function downloadName(record: AttachmentRecord, receipt: string, index: number): string {
  return record.fileName ?? `${receipt}-${record.field}-${index + 1}.${record.extension}`;
}

export class AttachmentStore {
  constructor(
    private readonly s3: S3Client,
    readonly bucket: string,
  ) {}

  /**
   * A presigned POST for one file under the unit's prefix; its policy names that one key, the size
   * bound and, when the client gave one, the file's name (as metadata, percent-encoded).
   */
  async presignUpload(
    instanceId: string,
    fieldId: string,
    options: { redirectUrl?: string | undefined; fileName?: string | undefined } = {},
  ): Promise<PresignedPost & { key: string }> {
    const key = `${attachmentPrefix(instanceId, fieldId)}${randomUUID()}`;
    if (!isUploadKeyOf(instanceId, fieldId, key)) throw new Error(`unsafe upload key ${JSON.stringify(key)}`);
    const fileName = cleanFileName(options.fileName);
    const post = await createPresignedPost(this.s3, {
      Bucket: this.bucket,
      Key: key,
      Conditions: [["content-length-range", 1, MAX_ATTACHMENT_BYTES]],
      Fields: {
        ...(options.redirectUrl
          ? { success_action_redirect: options.redirectUrl }
          : { success_action_status: "201" }),
        ...(fileName && { [`x-amz-meta-${FILE_NAME_META}`]: encodeURIComponent(fileName) }),
      },
      Expires: UPLOAD_FORM_SECONDS,
    });
    return { ...post, key };
  }

  /**
   * Whether a key may be attached to this unit's submission for this field: read whole (≤ 10 MB),
   * its container checked and its bytes hashed. The bytes are returned so that exactly these are
   * pinned: a copy made from the key afterwards could pick up a file swapped in meanwhile.
   */
  async check(instanceId: string, fieldId: string, key: string): Promise<AttachmentCheck> {
    // Refused before storage sees it: s3rver would resolve `../` against its folder.
    if (!isUploadKeyOf(instanceId, fieldId, key)) return { ok: false, key, reason: "not-yours" };
    let bytes: Uint8Array;
    let fileName: string | undefined;
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      fileName = decodedFileName(object.Metadata?.[FILE_NAME_META]);
      // S3 enforces the size in the POST policy; an S3-compatible server may not, so check again.
      if ((object.ContentLength ?? 0) > MAX_ATTACHMENT_BYTES) {
        (object.Body as { destroy?: () => void } | undefined)?.destroy?.();
        return { ok: false, key, reason: "too-large" };
      }
      bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
    } catch (err) {
      if (isMissing(err)) return { ok: false, key, reason: "missing" };
      throw err;
    }
    if (bytes.length > MAX_ATTACHMENT_BYTES) return { ok: false, key, reason: "too-large" };
    if (bytes.length === 0) return { ok: false, key, reason: "empty" };
    const type = attachmentType(bytes);
    if (!type) return { ok: false, key, reason: "forbidden-type" };
    return {
      ok: true,
      key,
      size: bytes.length,
      sha256: sha256Hex(bytes),
      type,
      bytes,
      ...(fileName && { fileName }),
    };
  }

  /**
   * Writes checked bytes to their accepted key, named by receipt and hash, so that the same bytes
   * land on the same key (a retried request) and different bytes never overwrite them. Stored to
   * be downloaded, never rendered: Content-Disposition attachment and the detected content type.
   */
  async pin(
    instanceId: string,
    receipt: string,
    field: string,
    checked: Extract<AttachmentCheck, { ok: true }>,
  ): Promise<AttachmentRecord> {
    const acceptedKey = `${acceptedPrefix(instanceId, receipt)}${checked.sha256}`;
    if (!isSafeStorageKey(acceptedKey)) throw new Error(`unsafe accepted key ${JSON.stringify(acceptedKey)}`);
    const record: AttachmentRecord = {
      field,
      key: checked.key,
      acceptedKey,
      sha256: checked.sha256,
      size: checked.size,
      kind: checked.type.kind,
      contentType: checked.type.contentType,
      extension: checked.type.extension,
      ...(checked.fileName && { fileName: checked.fileName }),
    };
    const put = await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: acceptedKey,
        Body: checked.bytes,
        ContentType: checked.type.contentType,
        ContentDisposition: attachmentDisposition(downloadName(record, receipt, 0)),
        // S3 checks the bytes it receives against this hash and keeps it with the object.
        ChecksumSHA256: Buffer.from(checked.sha256, "hex").toString("base64"),
        Metadata: { sha256: checked.sha256, "upload-key": checked.key },
      }),
    );
    return put.VersionId ? { ...record, versionId: put.VersionId } : record;
  }

  /**
   * The pinned bytes of an accepted attachment, checked against the hash recorded with the
   * submission, with the headers to serve them with (attachment, nosniff, the detected type).
   */
  async readAccepted(record: AttachmentRecord, downloadAs: string): Promise<AcceptedRead> {
    if (!isSafeStorageKey(record.acceptedKey) || !record.acceptedKey.startsWith(ACCEPTED_PREFIX)) {
      return { ok: false, reason: "missing" };
    }
    let bytes: Uint8Array;
    try {
      const object = await this.s3.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: record.acceptedKey,
          ...(record.versionId && { VersionId: record.versionId }),
        }),
      );
      bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
    } catch (err) {
      if (isMissing(err)) return { ok: false, reason: "missing" };
      throw err;
    }
    if (bytes.length !== record.size || sha256Hex(bytes) !== record.sha256)
      return { ok: false, reason: "altered" };
    return {
      ok: true,
      bytes,
      headers: attachmentResponseHeaders(record, downloadAs),
    };
  }
}
