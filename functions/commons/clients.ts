/**
 * AWS SDK clients, made here only: created once per Lambda container and reused across
 * invocations, with the same timeouts and retries wherever they run (Lambda, the local stack, the
 * CLI, benchmarks, tests). Local runs point them at the embedded engines by passing an endpoint.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/**
 * A store that does not answer fails fast, as a 503 the user can retry, instead of holding the
 * request: the SDK's defaults have no request timeout, so a paused database held requests for
 * seconds. Worst case per call: maxAttempts × (connection or request timeout) plus a short backoff.
 */
export const SDK_LIMITS = { connectionTimeoutMs: 1000, requestTimeoutMs: 3000, maxAttempts: 2 } as const;

/** The options every client starts from; `extra` adds an endpoint, a region, credentials. */
export function clientConfig<T extends object>(extra?: T) {
  return {
    maxAttempts: SDK_LIMITS.maxAttempts,
    requestHandler: {
      connectionTimeout: SDK_LIMITS.connectionTimeoutMs,
      requestTimeout: SDK_LIMITS.requestTimeoutMs,
      // Without it the SDK only logs a warning when the request timeout passes, and keeps waiting.
      throwOnRequestTimeout: true,
    },
    ...extra,
  };
}

export function dynamoClient(extra: DynamoDBClientConfig = {}): DynamoDBClient {
  return new DynamoDBClient(clientConfig(extra));
}

export function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function s3Client(extra: S3ClientConfig = {}): S3Client {
  return new S3Client(clientConfig(extra));
}

let lambdaDocumentClient: DynamoDBDocumentClient | undefined;

/** The container's document client (Lambda: region and credentials from the environment). */
export function dynamoDocumentClient(): DynamoDBDocumentClient {
  lambdaDocumentClient ??= documentClient(dynamoClient());
  return lambdaDocumentClient;
}
