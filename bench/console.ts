/**
 * npm run -s bench:console [-- --communes 126 --units 14 --runs 100 --ranking-runs 20 --seed 1]
 *
 * The operations console's reads at the scale of a province: 126 communes (Hà Nội's count after
 * 2025), each with its own plan carrying the Long Biên 2025 obligations (its ward group scaled by
 * shared/plan/scale.ts to `--units` units, 14 as in Long Biên), all under one oversight body, and
 * a simulated year of submissions, reviews and messages written straight through the data layer,
 * in DynamoDB Local. Then, one page at a time: the plan overview and the heatmap of `--runs` plans
 * (each read with nothing cached, as a new Lambda container would) and the oversight body's
 * ranking of all the plans, `--ranking-runs` times cold and as many warm: p50/p99 latency and
 * DynamoDB requests per page. Cold, no plan-year has a figures snapshot (they are deleted before
 * each run): the first view, or one after the freshness window, which computes every plan-year
 * and puts the snapshots. Warm, the snapshots are fresh: one Query.
 * Goals: an overview or heatmap in at most 3 requests and p99 under 150 ms; the ranking p99 under
 * 2 s (warm: what a viewer waits for, but for the first view in 5 minutes).
 * The last line is JSON: {"communes","overviewP50Ms","overviewP99Ms","overviewRequests",
 * "heatmapRequests","rankingP99Ms","rankingRequests","rankingColdMs","rankingColdRequests"}: the
 * requests are the most any page took, the ranking's figures are warm, rankingColdMs is the cold p99.
 */
import { parseArgs } from "node:util";
import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { documentClient, dynamoClient } from "../functions/commons/clients";
import { mapConcurrent } from "../functions/commons/concurrency";
import { logger } from "../functions/commons/middleware";
import { type DataLayer, dataLayer } from "../functions/data";
import { expectationEntity } from "../functions/data/entities/expectation";
import { planYearFiguresEntity } from "../functions/data/entities/plan-year-figures";
import { reviewEntity } from "../functions/data/entities/review";
import { sendEntity } from "../functions/data/entities/send";
import { submissionEntity } from "../functions/data/entities/submission";
import type { Item } from "../functions/data/table-client";
import { heatmap, planOverview, ranking } from "../functions/use-cases/console/reads";
import { publishPlan } from "../functions/use-cases/publish-plan";
import { startDynamoDbLocal } from "../local/dynamodb-local";
import { ensureTable } from "../local/runtime";
import { seededRandom } from "../local/seeded-random";
import { planDeadlines } from "../shared/calendar/deadlines";
import { type InstanceRef, instanceId } from "../shared/calendar/instance-id";
import { loadPlan } from "../shared/plan/load";
import { scaledPlan } from "../shared/plan/scale";
import type { PlanFile } from "../shared/plan/schema";
import { timeliness } from "../shared/submission/status";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    plan: { type: "string", default: "plans/long-bien-2025.yaml" },
    communes: { type: "string", default: "126" },
    units: { type: "string", default: "14" },
    runs: { type: "string", default: "100" },
    "ranking-runs": { type: "string", default: "20" },
    seed: { type: "string", default: "1" },
    // Mid-November: most of the year is due, the last deadlines are not.
    "as-of": { type: "string", default: "2025-11-15T10:00:00+07:00" },
  },
});
const communes = Number(values.communes);
const runs = Number(values.runs);
const rankingRuns = Number(values["ranking-runs"]);
const asOf = new Date(values["as-of"]);
const asOfMs = asOf.getTime();
const OVERSIGHT = { id: "so-y-te-ha-noi", name: "Sở Y tế Hà Nội" };
const DAY = 86_400_000;
const TABLE = "hanchot";

if (!process.env.POWERTOOLS_LOG_LEVEL) logger.setLogLevel("WARN");

/** Commune i's plan: the Long Biên 2025 obligations, its ward group scaled to `units` units. */
function communePlan(base: PlanFile, i: number, units: number): PlanFile {
  const scaled = scaledPlan(base, units);
  return {
    ...scaled,
    id: `xa-${i}-2025`,
    title: `Kế hoạch thực hiện chỉ tiêu y tế và chăm sóc sức khỏe ban đầu năm 2025 của xã số ${i}`,
    issuer: { ...scaled.issuer, name: `UBND xã số ${i}`, level: "commune" },
    oversight: OVERSIGHT,
  };
}

interface YearOfPlan {
  items: Item[];
  waived: InstanceRef[];
  counts: { onTime: number; late: number; missing: number; returned: number; sends: number };
}

/**
 * A simulated year of one plan, as the items the system would have written by `asOf`: most units
 * on time, some late, some missing, a few returned (half of them sending a new version, late), one
 * in a hundred waived; every reminder due before a unit's first version by e-mail and SMS (3 % of
 * SMS failing), and an escalation to the committee where units were still missing after 2 days.
 */
function simulateYear(plan: PlanFile, random: () => number): YearOfPlan {
  const units = new Map(plan.units.map((u) => [u.id, u]));
  const out: YearOfPlan = {
    items: [],
    waived: [],
    counts: { onTime: 0, late: 0, missing: 0, returned: 0, sends: 0 },
  };
  let receipt = 0;
  const send = (
    ref: InstanceRef,
    year: number,
    stage: string,
    channel: "email" | "sms",
    to: string,
    at: number,
  ) => {
    const failed = channel === "sms" && random() < 0.03;
    out.items.push(
      sendEntity.item({
        instanceId: instanceId(ref),
        year,
        unitId: ref.unitId,
        stage,
        channel,
        recipient: to,
        status: failed ? "failed" : "sent",
        attempts: failed ? 3 : 1,
        claimedAt: new Date(at).toISOString(),
        sentAt: new Date(at + 2000).toISOString(),
        ...(failed
          ? { error: "Throttling: rate exceeded" }
          : { messageId: `m-${receipt}-${out.counts.sends}` }),
      }),
    );
    out.counts.sends++;
  };
  for (const { definition: d, instances } of planDeadlines(plan)) {
    const due = Date.parse(d.dueAt);
    let missingAfterGrace = false;
    for (const inst of instances) {
      const ref: InstanceRef = {
        planId: plan.id,
        obligationId: d.obligationId,
        period: d.period,
        unitId: inst.unitId,
      };
      const r = random();
      const versions: Array<{ at: number; returnedAfterDays?: number }> = [];
      if (r < 0.72) versions.push({ at: due - DAY * (0.5 + random() * 9) });
      else if (r < 0.86) versions.push({ at: due + DAY * (0.2 + random() * 20) });
      else if (r < 0.95) {
        // missing
      } else if (r < 0.99) {
        versions.push({ at: due - DAY * (1 + random() * 5), returnedAfterDays: 1 });
        if (random() < 0.5) versions.push({ at: due + DAY * (2 + random() * 10) });
      } else out.waived.push(ref);
      const made = versions.filter((v) => v.at <= asOfMs);
      const isReturned = (v: (typeof made)[number]) =>
        v.returnedAfterDays !== undefined && v.at + DAY <= asOfMs;
      const counted = made.find((v) => !isReturned(v));
      if (r >= 0.99) {
        // waived: nothing sent, nothing expected
      } else if (made.length === 0) {
        if (due < asOfMs) out.counts.missing++;
        if (due + 2 * DAY <= asOfMs) missingAfterGrace = true;
      } else if (!counted) out.counts.returned++;
      else if (counted.at > due) out.counts.late++;
      else out.counts.onTime++;
      for (const v of made) {
        const number = `BENCH-${plan.id}-${++receipt}`;
        const submittedAt = new Date(Math.round(v.at));
        const t = timeliness(submittedAt.getTime(), d.dueAt);
        out.items.push(
          submissionEntity.item({
            receipt: number,
            instanceId: instanceId(ref),
            ...ref,
            year: d.year,
            submittedAt: submittedAt.toISOString(),
            dueAt: d.dueAt,
            late: t.late,
            lateByMs: t.lateByMs,
            lateDays: t.lateDays,
            submitter: { name: "Nguyễn Văn Đo", phone: "+84912345678" },
            fields: { "ghi-chu": `Báo cáo ${d.title.slice(0, 40)}` },
            attachments: [],
            idempotencyKey: number,
            payloadHash: number,
          }),
        );
        if (isReturned(v)) {
          out.items.push(
            reviewEntity.item({
              ...ref,
              instanceId: instanceId(ref),
              year: d.year,
              receipt: number,
              decision: "returned",
              reason: "Thiếu số liệu, đề nghị bổ sung.",
              at: new Date(Math.round(v.at + DAY)).toISOString(),
              by: "pyt@example.org",
            }),
          );
        }
      }
      // The reminders sent before the unit's first version (or until now).
      if (r < 0.99) {
        const until = Math.min(made[0]?.at ?? Number.POSITIVE_INFINITY, asOfMs);
        const contacts = units.get(inst.unitId)?.contacts;
        for (const at of d.remindAt.map(Date.parse).filter((t) => t <= until)) {
          const stage = `remind@${new Date(at).toISOString()}`;
          for (const to of contacts?.emails ?? []) send(ref, d.year, stage, "email", to, at);
          for (const to of contacts?.phones ?? []) send(ref, d.year, stage, "sms", to, at);
        }
      }
    }
    if (missingAfterGrace) {
      const committee = plan.steeringCommittee.unit;
      const ref = { planId: plan.id, obligationId: d.obligationId, period: d.period, unitId: committee };
      for (const to of units.get(committee)?.contacts.emails ?? [])
        send(ref, d.year, "escalation-1", "email", to, due + 2 * DAY);
    }
  }
  return out;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

interface Measured {
  p50: number;
  p99: number;
  maxRequests: number;
}

/**
 * Runs `read` `count` times, one after the other, each with a data layer that has nothing cached,
 * after `prepare` (not timed, its requests not counted).
 */
async function measure(
  count: number,
  fresh: () => DataLayer,
  read: (data: DataLayer, i: number) => Promise<unknown>,
  prepare?: () => Promise<void>,
) {
  const latencies: number[] = [];
  let maxRequests = 0;
  for (let i = 0; i < count; i++) {
    await prepare?.();
    const data = fresh();
    const t = performance.now();
    const view = await read(data, i);
    latencies.push(performance.now() - t);
    if (!view) throw new Error(`read ${i} found nothing`);
    maxRequests = Math.max(maxRequests, data.table.requests.count);
  }
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), maxRequests } satisfies Measured;
}

const ms = (x: number) => Number(x.toFixed(1));

const dynamo = await startDynamoDbLocal();
try {
  const client = dynamoClient({
    endpoint: dynamo.endpoint,
    region: "ap-southeast-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const doc = documentClient(client);
  await ensureTable(client, TABLE);
  const data = dataLayer(doc, TABLE);
  const base = await loadPlan(values.plan);
  const plans = Array.from({ length: communes }, (_, i) => communePlan(base, i + 1, Number(values.units)));

  const started = performance.now();
  let published = 0;
  await mapConcurrent(plans, 4, async (plan) => {
    await publishPlan(data, plan);
    if (++published % 10 === 0 || published === plans.length)
      console.log(
        `Đăng kế hoạch: ${published}/${plans.length} xã (${((performance.now() - started) / 1000).toFixed(0)} s)`,
      );
  });

  const random = seededRandom(Number(values.seed));
  const totals = { items: 0, onTime: 0, late: 0, missing: 0, returned: 0, sends: 0, waived: 0 };
  const years = plans.map((p) => simulateYear(p, random));
  let written = 0;
  await mapConcurrent(years, 4, async (year) => {
    await data.table.batchPut(year.items);
    for (const ref of year.waived) await data.table.set(expectationEntity.key(ref), { state: "waived" });
    totals.items += year.items.length;
    totals.waived += year.waived.length;
    for (const k of ["onTime", "late", "missing", "returned", "sends"] as const) totals[k] += year.counts[k];
    if (++written % 10 === 0 || written === years.length)
      console.log(
        `Ghi năm mô phỏng: ${written}/${years.length} xã, ${totals.items} mục (${((performance.now() - started) / 1000).toFixed(0)} s)`,
      );
  });
  console.log(
    `Đến ${asOf.toISOString()}: đúng hạn ${totals.onTime}, muộn ${totals.late}, thiếu ${totals.missing}, ` +
      `bị trả lại ${totals.returned}, miễn ${totals.waived}; ${totals.sends} tin nhắn đã ghi.`,
  );

  const fresh = () => dataLayer(doc, TABLE);
  const deps = (d: DataLayer) => ({ data: d, now: () => asOf });
  const planAt = (i: number) => plans[i % plans.length]?.id as string;
  // Every plan-year's figures snapshot gone, as before the first ranking (the bench's own deletes).
  const forgetFigures = async () => {
    const keys = plans.map((p) => planYearFiguresEntity.key({ planId: p.id, year: 2025 }));
    for (let i = 0; i < keys.length; i += 25)
      await doc.send(
        new BatchWriteCommand({
          RequestItems: { [TABLE]: keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } })) },
        }),
      );
  };
  // Warm-up: JIT, connection pool, DynamoDB Local's first queries.
  await measure(10, fresh, (d, i) => planOverview(deps(d), planAt(i + 37), 2025));
  await measure(1, fresh, (d) => ranking(deps(d), OVERSIGHT.id, 2025), forgetFigures);

  console.log(
    `Đo: tổng quan và bảng màu của ${runs} kế hoạch, xếp hạng ${plans.length} kế hoạch ${rankingRuns} lần ` +
      `chưa có số liệu tính sẵn và ${rankingRuns} lần đã có…`,
  );
  const overview = await measure(runs, fresh, (d, i) => planOverview(deps(d), planAt(i), 2025));
  const map = await measure(runs, fresh, (d, i) => heatmap(deps(d), planAt(i), 2025));
  const cold = await measure(rankingRuns, fresh, (d) => ranking(deps(d), OVERSIGHT.id, 2025), forgetFigures);
  // The last cold run left every snapshot computed at asOf: fresh for the warm runs.
  const warm = await measure(rankingRuns, fresh, (d) => ranking(deps(d), OVERSIGHT.id, 2025));
  const sample = await ranking(deps(fresh()), OVERSIGHT.id, 2025);
  const best = sample?.plans[0];
  const worst = sample?.plans.at(-1);
  console.log(
    `Tổng quan: p50 ${ms(overview.p50)} ms, p99 ${ms(overview.p99)} ms, ${overview.maxRequests} yêu cầu DynamoDB/trang\n` +
      `Bảng màu: p50 ${ms(map.p50)} ms, p99 ${ms(map.p99)} ms, ${map.maxRequests} yêu cầu/trang\n` +
      `Xếp hạng ${sample?.plans.length} kế hoạch, tính lại cả (lần xem đầu): p50 ${ms(cold.p50)} ms, p99 ${ms(cold.p99)} ms, ` +
      `${cold.maxRequests} yêu cầu/trang\n` +
      `Xếp hạng ${sample?.plans.length} kế hoạch, số liệu còn mới: p50 ${ms(warm.p50)} ms, p99 ${ms(warm.p99)} ms, ` +
      `${warm.maxRequests} yêu cầu/trang (đúng hạn: cao nhất ${best?.onTimeRate}%, thấp nhất ${worst?.onTimeRate}%)`,
  );
  console.log(
    JSON.stringify({
      communes: plans.length,
      overviewP50Ms: ms(overview.p50),
      overviewP99Ms: ms(overview.p99),
      overviewRequests: overview.maxRequests,
      heatmapRequests: map.maxRequests,
      rankingP99Ms: ms(warm.p99),
      rankingRequests: warm.maxRequests,
      rankingColdMs: ms(cold.p99),
      rankingColdRequests: cold.maxRequests,
    }),
  );
} finally {
  await dynamo.stop();
}
