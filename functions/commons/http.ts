/**
 * The HTTP edge shared by the web form and the JSON API: body size and type checks, decoding,
 * and responses. Client errors carry their own message; a service we depend on being down is a
 * 503 with Retry-After; anything else is a 500 that says nothing of its cause.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { type SubmissionError, submissionError } from "../../shared/submission/errors";
import { errorPage } from "../../shared/web/pages";

/** Text fields are at most 5,000 characters each; attachments go to S3, never through here. */
export const MAX_BODY_BYTES = 64 * 1024;

export type Body =
  | { ok: true; kind: "json"; value: unknown }
  | { ok: true; kind: "form"; value: URLSearchParams }
  | { ok: false; error: SubmissionError };

export function readBody(event: Pick<APIGatewayProxyEventV2, "body" | "isBase64Encoded" | "headers">): Body {
  const raw =
    event.body === undefined
      ? Buffer.alloc(0)
      : Buffer.from(event.body, event.isBase64Encoded ? "base64" : "utf8");
  if (raw.length > MAX_BODY_BYTES) return { ok: false, error: submissionError("body_too_large") };
  const type = (event.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  const text = raw.toString("utf8");
  if (type === "application/json") {
    try {
      return { ok: true, kind: "json", value: JSON.parse(text) };
    } catch {
      return { ok: false, error: submissionError("invalid_json") };
    }
  }
  if (type === "application/x-www-form-urlencoded")
    return { ok: true, kind: "form", value: new URLSearchParams(text) };
  return { ok: false, error: submissionError("unsupported_media_type") };
}

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

/** A page's scripts: the hashes of its inline scripts, and the origins besides ours they may send to. */
export interface PageScripts {
  hashes: readonly string[];
  connect: readonly string[];
}

/**
 * `formActions`: origins besides our own that forms may post to (the attachment storage).
 * `scripts`: without it a page runs no script at all (script-src falls back to default-src 'none').
 */
export function htmlResponse(
  statusCode: number,
  body: string,
  formActions: string[] = [],
  scripts?: PageScripts,
): APIGatewayProxyStructuredResultV2 {
  const scriptPolicy = scripts
    ? `; script-src ${scripts.hashes.join(" ")}; connect-src ${["'self'", ...scripts.connect].join(" ")}`
    : "";
  return {
    statusCode,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": `default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action ${["'self'", ...formActions].join(" ")}${scriptPolicy}`,
      ...SECURITY_HEADERS,
    },
    body,
  };
}

export function jsonResponse(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { "content-type": "application/json; charset=utf-8", ...SECURITY_HEADERS },
    body: JSON.stringify(body),
  };
}

export function errorJson(error: SubmissionError): APIGatewayProxyStructuredResultV2 {
  return jsonResponse(error.status, {
    error: {
      code: error.code,
      message: error.message,
      ...(error.fieldErrors && { fields: error.fieldErrors }),
    },
  });
}

/** How long a client should wait before sending again when the store is unavailable. */
export const RETRY_AFTER_SECONDS = 10;

/** The answer to a request that failed on our side: a page for the web form, JSON for the API. */
export function failureResponse(
  format: "html" | "json",
  cause: "store_unavailable" | "internal_error",
): APIGatewayProxyStructuredResultV2 {
  const error = submissionError(cause);
  const response =
    format === "json"
      ? errorJson(error)
      : htmlResponse(
          error.status,
          errorPage({
            title: cause === "store_unavailable" ? "Hệ thống tạm thời gián đoạn" : "Đã xảy ra lỗi",
            message: error.message,
          }),
        );
  if (cause === "store_unavailable")
    response.headers = { ...response.headers, "retry-after": String(RETRY_AFTER_SECONDS) };
  return response;
}
