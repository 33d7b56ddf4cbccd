/** The submission handlers wired to a fresh table in DynamoDB Local, with a clock the test moves. */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { AttachmentStore } from "../../functions/commons/attachments";
import { httpHandler } from "../../functions/commons/middleware";
import { dataLayer } from "../../functions/data";
import { makeShortLink } from "../../functions/short-link/handler";
import { makeSubmissionApi } from "../../functions/submission-api/handler";
import { makeSubmissionForm } from "../../functions/submission-form/handler";
import type { SubmissionDeps } from "../../functions/use-cases/accept-submission";
import { publishPlan } from "../../functions/use-cases/publish-plan";
import { ATTACHMENT_BUCKET } from "../../local/s3-local";
import { parseInstanceId } from "../../shared/calendar/instance-id";
import { parsePlan } from "../../shared/plan/load";
import { type LinkKeyring, newLinkKey, signLink } from "../../shared/submission/link-token";
import { storedSubmissions } from "./data";
import { freshTable, localS3Client } from "./dynamodb";

export const BASE_URL = "http://127.0.0.1:3000";

export async function submissionApp(planFile = "test/fixtures/all-rules.yaml") {
  const { doc, tableName } = await freshTable();
  const data = dataLayer(doc, tableName);
  const plan = parsePlan(readFileSync(planFile, "utf8"));
  await publishPlan(data, plan);
  const keyring: LinkKeyring = { current: "k1", keys: { k1: newLinkKey() } };
  const clock = { now: new Date("2025-03-20T02:00:00Z") };
  const attachments = new AttachmentStore(localS3Client(), ATTACHMENT_BUCKET);
  const deps: SubmissionDeps = { data, keyring, now: () => clock.now, attachments };
  const api = httpHandler(makeSubmissionApi(() => deps));
  const form = httpHandler(
    makeSubmissionForm(
      () => deps,
      () => BASE_URL,
    ),
  );
  const shortLink = httpHandler(
    makeShortLink(
      () => deps,
      () => BASE_URL,
    ),
  );
  const link = (instanceId: string, expiresAt = Date.parse("2026-01-01T00:00:00Z") / 1000) =>
    signLink(keyring, { instanceId, unitId: parseInstanceId(instanceId)?.unitId ?? "", expiresAt });
  const submissionsFor = (instanceId: string) => storedSubmissions(data, instanceId);
  return {
    doc,
    data,
    submissionsFor,
    plan,
    keyring,
    clock,
    deps,
    api,
    form,
    shortLink,
    link,
    tableName,
    attachments,
  };
}

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
