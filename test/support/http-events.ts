/** API Gateway events and the client side of the HTTP API, for handlers under test: no engine here. */
import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";

export const BASE_URL = "http://127.0.0.1:3000";

export function httpEvent(input: {
  method: "GET" | "POST";
  path: string;
  routeKey: string;
  token: string;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
}): APIGatewayProxyEventV2 {
  const now = Date.now();
  return {
    version: "2.0",
    routeKey: input.routeKey,
    rawPath: input.path,
    rawQueryString: "",
    headers: {
      host: "127.0.0.1:3000",
      ...(input.contentType && { "content-type": input.contentType }),
      ...input.headers,
    },
    pathParameters: { token: input.token },
    requestContext: {
      accountId: "000000000000",
      apiId: "test",
      domainName: "127.0.0.1",
      domainPrefix: "test",
      http: {
        method: input.method,
        path: input.path,
        protocol: "HTTP/1.1",
        sourceIp: "127.0.0.1",
        userAgent: "vitest",
      },
      requestId: "r",
      routeKey: input.routeKey,
      stage: "$default",
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    ...(input.body !== undefined && { body: input.body }),
    isBase64Encoded: false,
  };
}

export const lambdaContext = {
  awsRequestId: "test",
  functionName: "test",
  getRemainingTimeInMillis: () => 10_000,
} as Context;

export type Invoke = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * POSTs a submission with a fresh Idempotency-Key, as a well-behaved client does; a test chooses
 * the key by passing one, or sends none with `{ "Idempotency-Key": undefined }`.
 */
export function postJson(
  api: Invoke,
  token: string,
  body: unknown,
  headers: Record<string, string | undefined> = {},
) {
  const withKey: Record<string, string | undefined> = { "Idempotency-Key": randomUUID(), ...headers };
  const sent = Object.entries(withKey).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return api(
    httpEvent({
      method: "POST",
      path: `/api/links/${token}/submissions`,
      routeKey: "POST /api/links/{token}/submissions",
      token,
      body: typeof body === "string" ? body : JSON.stringify(body),
      contentType: "application/json",
      headers: Object.fromEntries(sent),
    }),
    lambdaContext,
  );
}

/** Opens a unit's web form, as a browser following its personal link does. */
export function getForm(form: Invoke, token: string) {
  return form(
    httpEvent({ method: "GET", path: `/f/${token}`, routeKey: "GET /f/{token}", token }),
    lambdaContext,
  );
}

/** Submits the web form (urlencoded fields, as a browser sends them). */
export function postForm(form: Invoke, token: string, fields: Record<string, string>) {
  return form(
    httpEvent({
      method: "POST",
      path: `/f/${token}`,
      routeKey: "POST /f/{token}",
      token,
      body: new URLSearchParams(fields).toString(),
      contentType: "application/x-www-form-urlencoded",
    }),
    lambdaContext,
  );
}

/** Uploads bytes through a presigned POST, as a browser form would; returns the stored key. */
export async function uploadThrough(
  post: { url: string; fields: Record<string, string>; key: string },
  bytes: Uint8Array,
  name = "bao-cao.pdf",
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(post.fields)) form.append(k, v);
  form.append("file", new Blob([bytes]), name);
  const res = await fetch(post.url, { method: "POST", body: form, redirect: "manual" });
  if (res.status >= 400) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  return post.key;
}
