/**
 * Short-lived links to the pinned copy of an accepted attachment, for the console's submission
 * page: a presigned GetObject of its accepted key (and S3 version, where the bucket is versioned),
 * answered as a download (Content-Disposition: attachment), valid for five minutes.
 */
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { attachmentDisposition } from "../../shared/submission/attachments";

export const PRESIGNED_GET_SECONDS = 5 * 60;

/** A presigned GET of a pinned attachment; the file name, when known, names the download. */
export type Presign = (acceptedKey: string, versionId?: string, fileName?: string) => Promise<string>;

export function attachmentPresigner(s3: S3Client, bucket: string): Presign {
  return (acceptedKey, versionId, fileName) =>
    getSignedUrl(
      s3,
      new GetObjectCommand({
        Bucket: bucket,
        Key: acceptedKey,
        ...(versionId && { VersionId: versionId }),
        ResponseContentDisposition: fileName ? attachmentDisposition(fileName) : "attachment",
      }),
      { expiresIn: PRESIGNED_GET_SECONDS },
    );
}
