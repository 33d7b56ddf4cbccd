/**
 * Error paths no real engine produces on demand, with aws-sdk-client-mock: a conditional-check race
 * lost to a twin, and a conditional check that fails with no item there. The happy and refusal
 * paths run on DynamoDB Local in submission-api.engine.test.ts, throttling through the SDK's
 * retries in throttling.engine.test.ts; these only complete them.
 */
import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { httpHandler } from "../../functions/commons/middleware";
import { type DeadlineDefinition, dataLayer } from "../../functions/data";
import { makeSubmissionApi } from "../../functions/submission-api/handler";
import { newLinkKey, signLink } from "../../shared/submission/link-token";
import { postJson } from "../support/http-events";

const ID = "p:bao-cao:2025-Q1:u1";
const definition: DeadlineDefinition = {
  planId: "p",
  year: 2025,
  lifecycleEndsAt: "2025-05-01T00:00:00.000Z",
  obligationId: "bao-cao",
  period: "2025-Q1",
  title: "Báo cáo quý",
  timing: "trước ngày 25 của tháng cuối quý",
  kind: "deliverable",
  nominalDue: "2025-03-24",
  effectiveDue: "2025-03-24",
  dueAt: "2025-03-25T00:00:00+07:00",
  dueText: "hạn chót: 23:59 ngày 24/03/2025",
  remindAt: [],
  personalData: false,
  form: [{ id: "tom-tat", label: "Tóm tắt", type: "textarea", required: true }],
  units: ["u1"],
  state: "active",
  escalation: { graceDays: 2, repeatEveryDays: 7, maxEscalations: 4 },
};
const body = { submitter: { name: "Hoàng Văn Nam", phone: "0912345678" }, fields: { "tom-tat": "Đạt." } };

const ddb = mockClient(DynamoDBDocumentClient);
afterEach(() => ddb.reset());

function app() {
  const keyring = { current: "k", keys: { k: newLinkKey() } };
  const data = dataLayer(DynamoDBDocumentClient.from(new DynamoDBClient({ region: "ap-southeast-1" })), "t");
  const deps = { data, keyring, now: () => new Date("2025-03-20T00:00:00Z") };
  const token = signLink(keyring, { instanceId: ID, unitId: "u1", expiresAt: 2_000_000_000 });
  return { api: httpHandler(makeSubmissionApi(() => deps)), token };
}

describe("submission error paths (mocked DynamoDB)", () => {
  it("treats a lost race on the same receipt as the duplicate it is", async () => {
    ddb
      .on(GetCommand, { Key: { pk: "DEADLINE#p#bao-cao#2025-Q1", sk: "DEADLINE" } })
      .resolves({ Item: definition });
    ddb
      .on(PutCommand)
      .rejects(
        new ConditionalCheckFailedException({ message: "The conditional request failed", $metadata: {} }),
      );
    const { api, token } = app();
    // The concurrent twin stored the same payload first.
    const { receiptNumber } = await import("../../shared/submission/receipt");
    const { createHash } = await import("node:crypto");
    const submitter = { name: "Hoàng Văn Nam", phone: "+84912345678" };
    const payloadHash = createHash("sha256")
      .update(JSON.stringify({ submitter, fields: body.fields }))
      .digest("hex");
    ddb
      .on(GetCommand, {
        Key: { pk: "DEADLINE#p#bao-cao#2025-Q1", sk: `UNIT#u1#SUBMISSION#${receiptNumber(ID, "twin-key")}` },
      })
      .resolves({
        Item: {
          type: "submission",
          receipt: receiptNumber(ID, "twin-key"),
          instanceId: ID,
          planId: "p",
          obligationId: "bao-cao",
          period: "2025-Q1",
          year: 2025,
          unitId: "u1",
          submittedAt: "2025-03-20T00:00:00.000Z",
          dueAt: definition.dueAt,
          late: false,
          lateByMs: 0,
          lateDays: 0,
          submitter,
          fields: body.fields,
          attachments: [],
          idempotencyKey: "twin-key",
          payloadHash,
        },
      });
    const res = await postJson(api, token, body, { "Idempotency-Key": "twin-key" });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body ?? "{}")).toMatchObject({
      duplicate: true,
      receipt: receiptNumber(ID, "twin-key"),
    });
  });

  it("fails loudly, never silently, when the conditional check fails but no item is there", async () => {
    ddb.on(GetCommand).resolves({});
    ddb
      .on(GetCommand, { Key: { pk: "DEADLINE#p#bao-cao#2025-Q1", sk: "DEADLINE" } })
      .resolves({ Item: definition });
    ddb
      .on(PutCommand)
      .rejects(
        new ConditionalCheckFailedException({ message: "The conditional request failed", $metadata: {} }),
      );
    const { api, token } = app();
    const res = await postJson(api, token, body, { "Idempotency-Key": "ghost-key" });
    expect(res.statusCode).toBe(500);
    expect(ddb.commandCalls(GetCommand).map((c) => c.args[0].input.Key?.sk)).toEqual([
      "DEADLINE",
      `UNIT#u1#SUBMISSION#${(await import("../../shared/submission/receipt")).receiptNumber(ID, "ghost-key")}`,
    ]);
  });
});
