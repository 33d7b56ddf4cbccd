/** The submission handlers' dependencies in Lambda: built once per container from configuration. */

import { dataLayer } from "../data";
import type { SubmissionDeps } from "../use-cases/accept-submission";
import { AttachmentStore } from "./attachments";
import { dynamoDocumentClient, s3Client } from "./clients";
import { appConfig } from "./config";

let deps: SubmissionDeps | undefined;

export function submissionDeps(): SubmissionDeps {
  if (!deps) {
    const config = appConfig();
    deps = {
      data: dataLayer(dynamoDocumentClient(), config.tableName),
      get keyring() {
        return config.keyring;
      },
      now: () => new Date(),
      // Without a bucket, file fields cannot be filled (the form says so).
      ...(process.env.ATTACHMENT_BUCKET && {
        attachments: new AttachmentStore(s3Client(), process.env.ATTACHMENT_BUCKET),
      }),
    };
  }
  return deps;
}
