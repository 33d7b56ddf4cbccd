/**
 * A repeatable store outage, on real engines: a stream of web-form and API submissions on its own
 * DynamoDB Local (data on disk), whose JVM is killed in the middle and then restarted on the same
 * port and data folder. Clients honour Retry-After: after a 503 they wait for the store to come
 * back, and in the end send every failed request again, unchanged (same idempotency key).
 * Checked: no acknowledged submission is lost, nothing is stored that no acknowledged request
 * stands for, each stored submission carries the receipt of its request, and every failure was a
 * 503 with Retry-After and a Vietnamese message, never a 500.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateTableCommand } from "@aws-sdk/client-dynamodb";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentClient, dynamoClient } from "../../functions/commons/clients";
import { httpHandler } from "../../functions/commons/middleware";
import { type DataLayer, dataLayer } from "../../functions/data";
import { createTableInput } from "../../functions/data/table";
import { makeSubmissionApi } from "../../functions/submission-api/handler";
import { makeSubmissionForm } from "../../functions/submission-form/handler";
import type { SubmissionDeps } from "../../functions/use-cases/accept-submission";
import { publishPlan } from "../../functions/use-cases/publish-plan";
import { type DynamoDbLocal, startDynamoDbLocal } from "../../local/dynamodb-local";
import { loadPlan } from "../../shared/plan/load";
import { newLinkKey, signLink } from "../../shared/submission/link-token";
import { receiptNumber } from "../../shared/submission/receipt";
import { storedSubmissions } from "../support/data";
import { BASE_URL, httpEvent, lambdaContext, postForm } from "../support/submission-app";

const ID = "thu-nghiem:ke-hoach:2025:to-1";
const REQUESTS = 40;
const KILL_AFTER_ACKS = 12;
const WORKERS = 2;

interface Outcome {
  key: string;
  via: "form" | "api";
  response: APIGatewayProxyStructuredResultV2;
}

describe("a store outage in the middle of a stream of submissions", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "hanchot-outage-"));
  let dynamo: DynamoDbLocal;
  let data: DataLayer;
  let submit: (key: string, via: "form" | "api") => Promise<Outcome>;

  beforeAll(async () => {
    dynamo = await startDynamoDbLocal({ dbPath: join(dataDir, "dynamodb") });
    const client = dynamoClient({
      endpoint: dynamo.endpoint,
      region: "ap-southeast-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    await client.send(new CreateTableCommand(createTableInput("hanchot")));
    data = dataLayer(documentClient(client), "hanchot");
    await publishPlan(data, await loadPlan("test/fixtures/all-rules.yaml"));
    const keyring = { current: "k", keys: { k: newLinkKey() } };
    const deps: SubmissionDeps = { data, keyring, now: () => new Date("2025-01-15T03:00:00Z") };
    const api = httpHandler(makeSubmissionApi(() => deps));
    const form = httpHandler(
      makeSubmissionForm(
        () => deps,
        () => BASE_URL,
      ),
    );
    const token = signLink(keyring, { instanceId: ID, unitId: "to-1", expiresAt: 2_000_000_000 });
    const submitter = { name: "Phạm Thu Hà", phone: "0987654321" };
    submit = async (key, via) => {
      const summary = `Báo cáo ${key}`;
      const response =
        via === "api"
          ? await api(
              httpEvent({
                method: "POST",
                path: `/api/links/${token}/submissions`,
                routeKey: "POST /api/links/{token}/submissions",
                token,
                body: JSON.stringify({ submitter, fields: { "tom-tat": summary } }),
                contentType: "application/json",
                headers: { "idempotency-key": key },
              }),
              lambdaContext,
            )
          : await postForm(form, token, {
              idempotencyKey: key,
              "submitter.name": submitter.name,
              "submitter.phone": submitter.phone,
              "fields.tom-tat": summary,
            });
      return { key, via, response };
    };
  });
  afterAll(async () => {
    await dynamo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The receipt an acknowledged response shows: JSON for the API, the receipt page for the form. */
  function receiptOf({ via, response }: Outcome): string | undefined {
    const status = response.statusCode ?? 0;
    if (status < 200 || status >= 300) return undefined;
    if (via === "api") return (JSON.parse(response.body ?? "{}") as { receipt?: string }).receipt;
    return /<p class="receipt" id="so-bien-nhan">([^<]+)<\/p>/.exec(response.body ?? "")?.[1];
  }

  it("loses no acknowledged submission, stores nothing half, and answers every failure 503", async () => {
    const outcomes: Outcome[] = [];
    const failed: Outcome[] = [];
    let acks = 0;
    let killedPid: number | undefined;
    let restarted: Promise<void> | undefined;
    let next = 0;
    const down = new Promise<void>((resolve) => dynamo.onUnexpectedExit(() => resolve()));

    const worker = async () => {
      while (next < REQUESTS) {
        const i = next++;
        const outcome = await submit(`luong-bao-cao-${i}`, i % 2 === 0 ? "form" : "api");
        outcomes.push(outcome);
        if (receiptOf(outcome)) {
          acks++;
          // Killed while the other worker's request may be on its way.
          if (acks === KILL_AFTER_ACKS) {
            killedPid = dynamo.pid;
            process.kill(killedPid as number, "SIGKILL");
          }
        } else {
          failed.push(outcome);
          // The operator (here: the test) restarts the store once its JVM has gone.
          restarted ??= down.then(() => dynamo.restart());
          // A client honouring Retry-After waits; here, until the store is back.
          await restarted;
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));

    // The outage happened and was seen.
    expect(killedPid).toBeDefined();
    expect(dynamo.pid).not.toBe(killedPid);
    expect(failed.length).toBeGreaterThan(0);

    // Every failure was a 503 with Retry-After and a Vietnamese message; none a 500.
    for (const { via, response } of failed) {
      expect(response.statusCode).toBe(503);
      expect(Number(response.headers?.["retry-after"])).toBeGreaterThan(0);
      if (via === "api") {
        expect(JSON.parse(response.body ?? "{}").error.code).toBe("store_unavailable");
      } else {
        expect(response.body).toContain('<html lang="vi">');
      }
      expect(response.body).toContain("Hệ thống lưu trữ tạm thời không phản hồi");
    }

    // Each failed request sent again, unchanged, once the store is back.
    const retried = await Promise.all(failed.map((f) => submit(f.key, f.via)));
    expect(retried.filter((r) => !receiptOf(r)).map((r) => r.response.statusCode)).toEqual([]);

    const acknowledged = new Map<string, string>();
    for (const o of [...outcomes, ...retried]) {
      const receipt = receiptOf(o);
      if (receipt) acknowledged.set(o.key, receipt);
    }
    expect(acknowledged.size).toBe(REQUESTS);

    const stored = await storedSubmissions(data, ID);
    const storedByKey = new Map(stored.map((s) => [s.idempotencyKey, s]));
    // Nothing stored twice, nothing stored that no request stands for.
    expect(stored).toHaveLength(storedByKey.size);
    expect([...storedByKey.keys()].sort()).toEqual([...acknowledged.keys()].sort());
    for (const [key, receipt] of acknowledged) {
      const item = storedByKey.get(key);
      // The acknowledged receipt is the one stored, and it is the receipt of that request.
      expect(item?.receipt).toBe(receipt);
      expect(item?.receipt).toBe(receiptNumber(ID, key));
      expect(item?.fields["tom-tat"]).toBe(`Báo cáo ${key}`);
    }
  });
});
