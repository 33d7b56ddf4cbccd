/**
 * Whether an error means a service we depend on (the DynamoDB store, the attachment storage,
 * Secrets Manager) is unavailable for now: the request was fine and may succeed if sent again.
 * Those are answered 503 with Retry-After instead of a bare 500. Read from the error's shape only
 * (the SDK's `$metadata`, `$retryable`, Node's socket error codes), so it needs no SDK import.
 */

/** Error names the SDK gives to throttling and to requests that ran out of time. */
const UNAVAILABLE_NAMES = new Set([
  "ThrottlingException",
  "Throttling",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "TooManyRequestsException",
  "SlowDown",
  "ServiceUnavailable",
  "InternalServerError",
  "InternalError",
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
]);

/** Node's codes for a connection that could not be made, or broke. */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "ENOTFOUND",
]);

interface SdkLikeError {
  name?: unknown;
  code?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  errors?: unknown;
  cause?: unknown;
}

export function isServiceUnavailable(err: unknown, depth = 0): boolean {
  if (typeof err !== "object" || err === null || depth > 3) return false;
  const e = err as SdkLikeError;
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === "number" && status >= 500) return true;
  if (typeof e.name === "string" && UNAVAILABLE_NAMES.has(e.name)) return true;
  if (typeof e.code === "string" && UNAVAILABLE_CODES.has(e.code)) return true;
  if (e.$retryable) return true;
  // Node reports a refused connection to a host with several addresses as an AggregateError.
  if (Array.isArray(e.errors) && e.errors.some((x) => isServiceUnavailable(x, depth + 1))) return true;
  return isServiceUnavailable(e.cause, depth + 1);
}

/** What the operator's log says about it: the kind of failure and where, without the stack. */
export function unavailableSummary(err: unknown): Record<string, unknown> {
  const e = err as SdkLikeError & { message?: unknown; address?: unknown; port?: unknown };
  return {
    errorName: e.name,
    ...(e.code !== undefined && { errorCode: e.code }),
    ...(typeof e.$metadata?.httpStatusCode === "number" && { httpStatusCode: e.$metadata.httpStatusCode }),
    ...(e.address !== undefined && { address: `${String(e.address)}:${String(e.port)}` }),
    ...(typeof e.message === "string" && { errorMessage: e.message }),
  };
}
