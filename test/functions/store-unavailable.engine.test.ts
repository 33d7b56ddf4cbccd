/**
 * When the store (DynamoDB) or the attachment storage does not answer, every route says so: 503,
 * Retry-After, a Vietnamese page (web form) or JSON error (API), the security headers. Real
 * sockets: a port nobody listens on (connection refused) and a server that accepts and never
 * answers (a paused database); real DynamoDB Local and s3rver for the parts that work.
 */
import { createServer, type Server, type Socket } from "node:net";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AttachmentStore } from "../../functions/commons/attachments";
import { documentClient, dynamoClient, SDK_LIMITS, s3Client } from "../../functions/commons/clients";
import { httpHandler } from "../../functions/commons/middleware";
import { isServiceUnavailable } from "../../functions/commons/unavailable";
import { type DataLayer, dataLayer } from "../../functions/data";
import { makeSubmissionApi } from "../../functions/submission-api/handler";
import { makeSubmissionForm } from "../../functions/submission-form/handler";
import type { SubmissionDeps } from "../../functions/use-cases/accept-submission";
import { freeLoopbackPort } from "../../local/dynamodb-local";
import { ATTACHMENT_BUCKET } from "../../local/s3-local";
import { newLinkKey, signLink } from "../../shared/submission/link-token";
import {
  BASE_URL,
  getForm,
  httpEvent,
  lambdaContext,
  postForm,
  postJson,
  submissionApp,
} from "../support/submission-app";

const ID = "thu-nghiem:ke-hoach:2025:to-1";
const submitter = { name: "Phạm Thu Hà", phone: "0987654321" };

/** The handlers on a store at `endpoint` (nothing real behind it). */
function appOn(endpoint: string) {
  const client = dynamoClient({
    endpoint,
    region: "ap-southeast-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const keyring = { current: "k", keys: { k: newLinkKey() } };
  const deps: SubmissionDeps = {
    data: dataLayer(documentClient(client), "hanchot"),
    keyring,
    now: () => new Date("2025-01-15T03:00:00Z"),
  };
  const token = signLink(keyring, { instanceId: ID, unitId: "to-1", expiresAt: 2_000_000_000 });
  return {
    api: httpHandler(makeSubmissionApi(() => deps)),
    form: httpHandler(
      makeSubmissionForm(
        () => deps,
        () => BASE_URL,
      ),
    ),
    token,
  };
}

function expectUnavailable(res: APIGatewayProxyStructuredResultV2, format: "html" | "json") {
  expect(res.statusCode).toBe(503);
  expect(Number(res.headers?.["retry-after"])).toBeGreaterThan(0);
  expect(res.headers?.["x-content-type-options"]).toBe("nosniff");
  expect(res.headers?.["cache-control"]).toBe("no-store");
  if (format === "json") {
    expect(res.headers?.["content-type"]).toBe("application/json; charset=utf-8");
    const body = JSON.parse(res.body ?? "null");
    expect(body.error.code).toBe("store_unavailable");
    expect(body.error.message).toContain("Hệ thống lưu trữ tạm thời không phản hồi");
  } else {
    expect(res.headers?.["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers?.["content-security-policy"]).toContain("default-src 'none'");
    expect(res.body).toContain('<html lang="vi">');
    expect(res.body).toContain("Hệ thống lưu trữ tạm thời không phản hồi");
  }
  // Nothing of the cause reaches the user.
  expect(res.body).not.toMatch(/ECONNREFUSED|Timeout|127\.0\.0\.1|DynamoDB/);
}

const submitForm = (form: ReturnType<typeof appOn>["form"], token: string) =>
  postForm(form, token, {
    idempotencyKey: "store-key-1",
    "submitter.name": submitter.name,
    "submitter.phone": submitter.phone,
    "fields.tom-tat": "Đã ban hành.",
  });

describe("the store refuses connections", () => {
  let app: ReturnType<typeof appOn>;
  beforeAll(async () => {
    // A loopback port nobody listens on.
    app = appOn(`http://127.0.0.1:${await freeLoopbackPort()}`);
  });

  it("answers the web form 503 with a Vietnamese page and Retry-After, on GET and POST", async () => {
    expectUnavailable(await getForm(app.form, app.token), "html");
    expectUnavailable(await submitForm(app.form, app.token), "html");
  });

  it("answers the API 503 with a JSON store_unavailable error", async () => {
    const opened = await app.api(
      httpEvent({
        method: "GET",
        path: `/api/links/${app.token}`,
        routeKey: "GET /api/links/{token}",
        token: app.token,
      }),
      lambdaContext,
    );
    expectUnavailable(opened, "json");
    const submitted = await postJson(
      app.api,
      app.token,
      { submitter, fields: { "tom-tat": "Đã ban hành." } },
      { "Idempotency-Key": "store-key-1" },
    );
    expectUnavailable(submitted, "json");
  });
});

describe("the store accepts connections and never answers (a paused database)", () => {
  let silent: Server;
  const sockets: Socket[] = [];
  let app: ReturnType<typeof appOn>;
  beforeAll(async () => {
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const address = silent.address();
    app = appOn(`http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`);
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));
  });

  // Without request timeouts the SDK waits for ever, and this test runs into its own timeout. The
  // Lambda has minutes left, so middy's early timeout (a TimeoutError too) does not end it first.
  it("gives up after the SDK timeouts and answers 503", { timeout: 20_000 }, async () => {
    const submitted = await app.api(
      httpEvent({
        method: "POST",
        path: `/api/links/${app.token}/submissions`,
        routeKey: "POST /api/links/{token}/submissions",
        token: app.token,
        body: JSON.stringify({ submitter, fields: { "tom-tat": "Đã ban hành." } }),
        contentType: "application/json",
        headers: { "idempotency-key": "store-key-2" },
      }),
      { ...lambdaContext, getRemainingTimeInMillis: () => 300_000 },
    );
    expectUnavailable(submitted, "json");
    // Each attempt timed out on a connection of its own: the SDK retried before giving up.
    expect(sockets).toHaveLength(SDK_LIMITS.maxAttempts);
  });
});

describe("the attachment storage refuses connections", () => {
  it("answers 503 and stores nothing", async () => {
    const app = await submissionApp("plans/long-bien-2025.yaml");
    const deps = {
      ...app.deps,
      attachments: new AttachmentStore(
        s3Client({
          endpoint: `http://127.0.0.1:${await freeLoopbackPort()}`,
          forcePathStyle: true,
          region: "ap-southeast-1",
          credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
        }),
        ATTACHMENT_BUCKET,
      ),
    };
    const api = httpHandler(makeSubmissionApi(() => deps));
    const id = "long-bien-2025:bao-cao-quy-ttyt:2025-Q1:ttyt";
    const key = "uploads/long-bien-2025/bao-cao-quy-ttyt/2025-Q1/ttyt/tep-bao-cao/mot-tep";
    const res = await postJson(api, app.link(id), {
      submitter: { name: "Đỗ Minh Khoa", phone: "0243 827 1234" },
      fields: { "tom-tat": "Quý I đạt tiến độ.", "tep-bao-cao": [key] },
    });
    expectUnavailable(res, "json");
    expect(await app.submissionsFor(id)).toHaveLength(0);
  });
});

describe("a form submission whose write succeeded", () => {
  it("shows the receipt from the write itself, without reading the deadline again", async () => {
    const app = await submissionApp();
    app.clock.now = new Date("2025-01-15T03:00:00Z");
    const read = app.data.deadlines.expectation.bind(app.data.deadlines);
    // The read before the write works; any read after it would fail (connection reset).
    const reads = vi
      .spyOn(app.data.deadlines, "expectation")
      .mockImplementationOnce(read)
      .mockRejectedValue(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
    const res = await submitForm(app.form, app.link(ID));
    expect(res.statusCode).toBe(200);
    expect(reads).toHaveBeenCalledTimes(1);
    reads.mockRestore();
    const submissions = await app.submissionsFor(ID);
    expect(submissions).toHaveLength(1);
    expect(res.body).toContain(`<p class="receipt" id="so-bien-nhan">${submissions[0]?.receipt}</p>`);
    // The deadline card says where the unit now stands, from the write's own result.
    expect(res.body).toContain('<dt>Tình trạng</dt><dd><span class="status submitted">');
  });
});

describe("an unexpected error", () => {
  it("is a 500 with a Vietnamese page and the security headers, revealing nothing", async () => {
    const keyring = { current: "k", keys: { k: newLinkKey() } };
    const data = {
      deadlines: {
        expectation: () =>
          Promise.reject(new TypeError("Cannot read properties of undefined (reading 'pk')")),
      },
    } as unknown as DataLayer;
    const deps: SubmissionDeps = { data, keyring, now: () => new Date("2025-01-15T03:00:00Z") };
    const form = httpHandler(
      makeSubmissionForm(
        () => deps,
        () => BASE_URL,
      ),
    );
    const token = signLink(keyring, { instanceId: ID, unitId: "to-1", expiresAt: 2_000_000_000 });
    const res = await getForm(form, token);
    expect(res.statusCode).toBe(500);
    expect(res.headers?.["retry-after"]).toBeUndefined();
    expect(res.headers?.["x-content-type-options"]).toBe("nosniff");
    expect(res.body).toContain('<html lang="vi">');
    expect(res.body).toContain("Hệ thống gặp lỗi ngoài dự kiến");
    expect(res.body).not.toContain("Cannot read");
  });
});

describe("which errors mean the store is unavailable", () => {
  it("classifies the SDK's throttling, timeouts, 5xx, retryable and socket errors, and nothing else", () => {
    const unavailable = [
      { name: "ProvisionedThroughputExceededException", $metadata: { httpStatusCode: 400 } },
      { name: "ThrottlingException", $metadata: { httpStatusCode: 400 } },
      { name: "RequestLimitExceeded", $metadata: { httpStatusCode: 400 } },
      { name: "TimeoutError" },
      { name: "InternalServerError", $metadata: { httpStatusCode: 500 } },
      { name: "Whatever", $metadata: { httpStatusCode: 503 } },
      { name: "Whatever", $retryable: { throttling: false } },
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8000"), { code: "ECONNREFUSED" }),
      Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
      new AggregateError([Object.assign(new Error("refused"), { code: "ECONNREFUSED" })]),
    ];
    const notUnavailable = [
      { name: "ConditionalCheckFailedException", $metadata: { httpStatusCode: 400 } },
      { name: "ValidationException", $metadata: { httpStatusCode: 400 } },
      { name: "ResourceNotFoundException", $metadata: { httpStatusCode: 400 } },
      new TypeError("x is undefined"),
      "ECONNREFUSED",
      undefined,
    ];
    expect(unavailable.filter((e) => !isServiceUnavailable(e))).toEqual([]);
    expect(notUnavailable.filter((e) => isServiceUnavailable(e))).toEqual([]);
  });
});
