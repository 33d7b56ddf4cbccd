/**
 * The composition root of the HTTP functions (web form, API, short links): their dependencies
 * from the configuration and the clients, built once per container in Lambda.
 */
import { dataLayer } from "../data";
import type { SubmissionDeps } from "../use-cases/accept-submission";
import { AttachmentStore } from "./attachments";
import { type Clients, lambdaClients } from "./clients";
import { type LambdaConfig, lambdaConfig } from "./config";
import { type LinkKeys, lambdaLinkKeys } from "./link-keys-secret";

export function buildSubmissionDeps(
  config: LambdaConfig,
  clients: Clients,
  linkKeys: LinkKeys,
): SubmissionDeps {
  return {
    data: dataLayer(clients.documents, config.tableName),
    get keyring() {
      return linkKeys.keyring;
    },
    now: () => new Date(),
    // Without a bucket, file fields cannot be filled (the form says so).
    ...(config.attachmentBucket && {
      attachments: new AttachmentStore(clients.s3, config.attachmentBucket),
    }),
  };
}

let deps: SubmissionDeps | undefined;

export function submissionDeps(): SubmissionDeps {
  deps ??= buildSubmissionDeps(lambdaConfig(), lambdaClients(), lambdaLinkKeys());
  return deps;
}
