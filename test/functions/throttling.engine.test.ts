/**
 * DynamoDB throttling, through the SDK's own retries: the client is the one every runtime uses
 * (clients.ts, SDK_LIMITS.maxAttempts), on DynamoDB Local; only the write's answer is replaced by
 * DynamoDB's throttling error, inside the retry loop, so each attempt is counted and retried for real.
 */
import { ProvisionedThroughputExceededException } from "@aws-sdk/client-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { SDK_LIMITS } from "../../functions/commons/clients";
import { postJson, submissionApp } from "../support/submission-app";

const QUARTERLY = "thu-nghiem:bao-cao-quy:2025-Q1:tyt";
const body = {
  submitter: { name: "Hoàng Văn Nam", phone: "0912345678" },
  fields: { "tom-tat": "Đạt." },
};

/** The app with its PutItem throttled for the next `times` attempts. */
async function throttledApp() {
  const app = await submissionApp();
  const put = { attempts: 0, throttleNext: 0 };
  app.doc.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== "PutItemCommand") return next(args);
      put.attempts++;
      if (put.throttleNext > 0) {
        put.throttleNext--;
        throw new ProvisionedThroughputExceededException({
          message: "Rate exceeded for table hanchot",
          $metadata: { httpStatusCode: 400 },
        });
      }
      return next(args);
    },
    // The deserialize step runs inside the retry middleware (finalizeRequest): once per attempt.
    { step: "deserialize", name: "throttleWrites" },
  );
  return { app, put };
}

describe("a throttled table", () => {
  let t: Awaited<ReturnType<typeof throttledApp>>;
  beforeEach(async () => {
    t = await throttledApp();
  });

  it("is retried by the SDK: a single throttled attempt never reaches the user", async () => {
    expect(SDK_LIMITS.maxAttempts).toBeGreaterThan(1);
    t.put.throttleNext = 1;
    const res = await postJson(t.app.api, t.app.link(QUARTERLY), body);
    expect(res.statusCode).toBe(201);
    expect(t.put.attempts).toBe(2);
    expect(await t.app.submissionsFor(QUARTERLY)).toHaveLength(1);
  });

  it("answers 503 with Retry-After when throttling outlasts the SDK's retries, and reveals nothing", async () => {
    t.put.throttleNext = Number.POSITIVE_INFINITY;
    const res = await postJson(t.app.api, t.app.link(QUARTERLY), body, { "Idempotency-Key": "retry-k1" });
    expect(t.put.attempts).toBe(SDK_LIMITS.maxAttempts);
    expect(res.statusCode).toBe(503);
    expect(Number(res.headers?.["retry-after"])).toBeGreaterThan(0);
    expect(JSON.parse(res.body ?? "{}").error.code).toBe("store_unavailable");
    expect(res.body ?? "").not.toMatch(/Rate exceeded|table|Throughput/);
    expect(await t.app.submissionsFor(QUARTERLY)).toEqual([]);

    // The same request again, once the table has capacity, is stored, and once only.
    t.put.throttleNext = 0;
    const again = await postJson(t.app.api, t.app.link(QUARTERLY), body, { "Idempotency-Key": "retry-k1" });
    expect(again.statusCode).toBe(201);
    const third = await postJson(t.app.api, t.app.link(QUARTERLY), body, { "Idempotency-Key": "retry-k1" });
    expect(JSON.parse(third.body ?? "{}")).toMatchObject({
      duplicate: true,
      receipt: JSON.parse(again.body ?? "{}").receipt,
    });
    expect(await t.app.submissionsFor(QUARTERLY)).toHaveLength(1);
  });
});
