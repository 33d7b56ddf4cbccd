/**
 * npm run -s bench:submit [-- --submissions N --concurrency C]
 *
 * On the local stack (DynamoDB Local from npm, the HTTP adapter, the real handler): submissions per
 * second and p50/p99 latency through the HTTP API and the handler, side by side in the same run
 * with raw PutItem calls of a similar item against the same DynamoDB Local, and the DynamoDB
 * requests each submission costs. Goals: ratio ≥ 0.8, at most 2 requests per submission.
 * The last line is JSON: {"submitPerSecond","rawPutPerSecond","ratio","p50Ms","p99Ms","dbRequestsPerSubmission"}.
 */
import { randomUUID } from "node:crypto";
import { Agent, request } from "node:http";
import { parseArgs } from "node:util";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { documentClient, dynamoClient } from "../functions/commons/clients";
import { httpHandler, logger } from "../functions/commons/middleware";
import { dataLayer } from "../functions/data";
import { makeShortLink } from "../functions/short-link/handler";
import { makeSubmissionApi } from "../functions/submission-api/handler";
import { makeSubmissionForm } from "../functions/submission-form/handler";
import type { SubmissionDeps } from "../functions/use-cases/accept-submission";
import { publishPlan } from "../functions/use-cases/publish-plan";
import { startDynamoDbLocal } from "../local/dynamodb-local";
import { startHttpApi } from "../local/http-api";
import { ensureTable } from "../local/runtime";
import { expandPlan } from "../shared/calendar/expand";
import { parseInstanceId } from "../shared/calendar/instance-id";
import { PlanFile } from "../shared/plan/schema";
import { newLinkKey, signLink } from "../shared/submission/link-token";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    submissions: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "16" },
  },
});
const total = Number(values.submissions);
const concurrency = Number(values.concurrency);
// Quieter unless asked otherwise (set on the logger: the environment is read when it is made, at import).
if (!process.env.POWERTOOLS_LOG_LEVEL) logger.setLogLevel("WARN");

/** A plan with enough distinct deadlines that no two submissions touch the same item. */
function benchPlan(units: number) {
  return PlanFile.parse({
    id: "bench",
    title: "Kế hoạch đo hiệu năng",
    issuer: { name: "UBND", level: "ward", unit: "u0" },
    number: "1/KH",
    issuedOn: "2025",
    year: 2025,
    steeringCommittee: { unit: "u0", standingBody: "u0" },
    units: Array.from({ length: units }, (_, i) => ({ id: `u${i}`, name: `Đơn vị ${i}`, kind: "ward" })),
    groups: [{ id: "all", name: "Tất cả", members: Array.from({ length: units }, (_, i) => `u${i}`) }],
    obligations: [
      {
        id: "bao-cao-thang",
        title: "Báo cáo tháng",
        source: "bench",
        timing: "trước ngày 04 hàng tháng",
        schedule: { kind: "monthly", day: 4 },
        lead: ["all"],
        deliverable: { what: "Báo cáo" },
        form: { fields: [{ id: "tom-tat", label: "Tóm tắt", type: "textarea", required: true }] },
      },
    ],
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function run(count: number, worker: (i: number) => Promise<void>) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await worker(next++);
    }),
  );
  return (performance.now() - started) / 1000;
}

const dynamo = await startDynamoDbLocal();
try {
  const client = dynamoClient({
    endpoint: dynamo.endpoint,
    region: "ap-southeast-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const doc = documentClient(client);
  await ensureTable(client, "hanchot");
  const data = dataLayer(doc, "hanchot");
  const warmup = Math.min(200, Math.floor(total / 10));
  const plan = benchPlan(Math.ceil((total + warmup) / 12));
  console.log(`Đăng kế hoạch đo: ${plan.units.length} đơn vị × 12 tháng…`);
  await publishPlan(data, plan);
  const instances = expandPlan(plan, 2025).map((i) => i.id);

  const keyring = { current: "bench", keys: { bench: newLinkKey() } };
  const deps: SubmissionDeps = { data, keyring, now: () => new Date("2025-01-02T00:00:00Z") };
  const handlers = {
    "submission-api": httpHandler(makeSubmissionApi(() => deps)),
    "submission-form": httpHandler(
      makeSubmissionForm(
        () => deps,
        () => "",
      ),
    ),
    "short-link": httpHandler(
      makeShortLink(
        () => deps,
        () => "",
      ),
    ),
  };
  const api = await startHttpApi(handlers, 0);
  // The load client: node:http with keep-alive, lighter than fetch, so that it takes as little as
  // possible of the two cores the server and DynamoDB Local need.
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const { port } = new URL(api.url);
  const post = (path: string, payload: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path,
          method: "POST",
          agent,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(payload),
            "idempotency-key": randomUUID(),
          },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => {
            text += c;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  const body = (i: number) =>
    JSON.stringify({
      submitter: { name: "Nguyễn Văn Đo", phone: "0912345678" },
      fields: { "tom-tat": `Báo cáo số ${i}: hoàn thành các chỉ tiêu của tháng.` },
    });
  const submitOne = async (i: number) => {
    const instanceId = instances[i] as string;
    const token = signLink(keyring, {
      instanceId,
      unitId: parseInstanceId(instanceId)?.unitId ?? "",
      expiresAt: 2_000_000_000,
    });
    const { status, text } = await post(`/api/links/${token}/submissions`, body(i));
    if (status !== 201) throw new Error(`submission ${i}: HTTP ${status} ${text}`);
  };

  // Warm-up: JIT, connection pools, DynamoDB Local's first requests.
  await run(warmup, (i) => submitOne(total + i));
  const rawItem = (i: number) => ({
    pk: `BENCH#${i}`,
    sk: `SUBMISSION#${randomUUID()}`,
    submitter: { name: "Nguyễn Văn Đo", phone: "+84912345678" },
    fields: { "tom-tat": `Báo cáo số ${i}: hoàn thành các chỉ tiêu của tháng.` },
    submittedAt: new Date().toISOString(),
  });
  await run(warmup, async (i) => {
    await doc.send(new PutCommand({ TableName: "hanchot", Item: rawItem(-i) }));
  });

  const rawSeconds = await run(total, async (i) => {
    await doc.send(new PutCommand({ TableName: "hanchot", Item: rawItem(i) }));
  });
  const before = data.table.requests.count;
  const latencies: number[] = [];
  const submitSeconds = await run(total, async (i) => {
    const t = performance.now();
    await submitOne(i);
    latencies.push(performance.now() - t);
  });
  const dbRequests = data.table.requests.count - before;
  agent.destroy();
  api.server.close();

  latencies.sort((a, b) => a - b);
  const result = {
    submitPerSecond: Math.round(total / submitSeconds),
    rawPutPerSecond: Math.round(total / rawSeconds),
    ratio: Number((rawSeconds / submitSeconds).toFixed(3)),
    p50Ms: Number(percentile(latencies, 50).toFixed(1)),
    p99Ms: Number(percentile(latencies, 99).toFixed(1)),
    dbRequestsPerSubmission: Number((dbRequests / total).toFixed(2)),
  };
  console.log(
    `${total} lần nộp, ${concurrency} song song: ${result.submitPerSecond}/giây qua HTTP + handler ` +
      `(p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms); PutItem thô: ${result.rawPutPerSecond}/giây; ` +
      `tỷ lệ ${result.ratio} (mục tiêu ≥ 0,8); ${result.dbRequestsPerSubmission} yêu cầu DynamoDB mỗi lần nộp (mục tiêu ≤ 2)`,
  );
  console.log(JSON.stringify(result));
} finally {
  await dynamo.stop();
}
