/**
 * npm run -s bench:year [-- --plan <file> --scale 126 --seed 1]
 *
 * The simulated year of a plan (same state machines, handlers and local engines as `npm run
 * simulate`), then a scale run with its wards replaced by 126 communes (Hanoi's count after 2025).
 * Prints wall time, state transitions, Lambda invocations, DynamoDB requests, emails and SMS beside
 * the least each could be, and an AWS cost estimate per commune-year from those counts. One JSON
 * line per run: {"plan","units","wallSeconds","stateTransitions","lambdaInvocations","dbRequests",
 * "minimalDbRequests","emails","sms","duplicateSends","costPerCommuneYearUsd"}.
 */
import { parseArgs } from "node:util";
import { logger } from "../functions/commons/middleware";
import { type SimulationSummary, simulateYear } from "../local/simulation";
import { loadPlan } from "../shared/plan/load";
import { scaledPlan } from "../shared/plan/scale";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    plan: { type: "string", default: "plans/long-bien-2025.yaml" },
    scale: { type: "string", default: "126" },
    seed: { type: "string", default: "1" },
  },
});

/**
 * Prices used (USD, on-demand list prices as this project read them; check the AWS pricing pages
 * for ap-southeast-1 before relying on the estimate): Step Functions Standard $0.025 per 1,000
 * state transitions; Lambda $0.20 per million requests and $0.0000133334 per GB-second (arm64,
 * 256 MB, 0.2 s assumed per invocation); DynamoDB on-demand $1.25 per million writes and $0.25 per
 * million reads (the mix counted as writes, an upper bound); SES $0.10 per 1,000 emails; SNS SMS
 * to Vietnam about $0.08 per message (carrier fees vary).
 */
const PRICE = {
  transition: 0.025 / 1000,
  lambdaRequest: 0.2 / 1e6,
  lambdaGbSecond: 0.0000133334,
  dbRequest: 1.25 / 1e6,
  email: 0.1 / 1000,
  sms: 0.08,
};

function report(s: SimulationSummary, communes: number) {
  const stages = s.lambdaInvocations; // every Task invocation is one Lambda invocation
  const messages = s.reminders.email + s.reminders.sms + s.escalations;
  // The least work this design allows: every Task reads its deadline once (the state machines
  // re-read before each step, so that submissions and amendments are honoured), each submission
  // and each overdue mark is one write, and messages are claimed and recorded in batches of 25.
  // (The estimate used before, one write per message and no reads, was not a lower bound: the
  // 126-commune year now takes fewer requests than it said.)
  const minimalDbRequests =
    s.lambdaInvocations +
    s.submissions.onTime +
    s.submissions.late +
    s.overdueUnits +
    Math.ceil(messages / 25);
  const cost =
    s.stateTransitions * PRICE.transition +
    stages * (PRICE.lambdaRequest + 0.25 * 0.2 * PRICE.lambdaGbSecond) +
    s.dbRequests * PRICE.dbRequest +
    (s.reminders.email + s.escalations) * PRICE.email +
    s.reminders.sms * PRICE.sms;
  console.log(
    `${s.plan}: ${s.units} đơn vị (${communes} phường/xã), ${s.instances} mục, ${s.wallSeconds} s ` +
      `(khởi động ${s.phases.engines} s, đăng ${s.phases.publish} s, chạy năm ${s.phases.run} s)\n` +
      `  chuyển trạng thái ${s.stateTransitions} (tối thiểu ~${2 * stages}), gọi Lambda ${s.lambdaInvocations}, ` +
      `yêu cầu DynamoDB ${s.dbRequests} (tối thiểu ~${minimalDbRequests}), email ${s.reminders.email + s.escalations}, ` +
      `SMS ${s.reminders.sms} (tối thiểu: như vậy, trùng ${s.duplicateSends}), chi phí ước tính ${(cost / communes).toFixed(4)} USD/xã-năm ` +
      `(SMS chiếm ${((s.reminders.sms * PRICE.sms * 100) / cost).toFixed(0)}%)`,
  );
  console.log(
    JSON.stringify({
      plan: s.plan,
      units: s.units,
      wallSeconds: s.wallSeconds,
      stateTransitions: s.stateTransitions,
      lambdaInvocations: s.lambdaInvocations,
      dbRequests: s.dbRequests,
      minimalDbRequests,
      emails: s.reminders.email + s.escalations,
      sms: s.reminders.sms,
      duplicateSends: s.duplicateSends,
      costPerCommuneYearUsd: Number((cost / communes).toFixed(4)),
    }),
  );
}

// Quieter unless asked otherwise (set on the logger: the environment is read when it is made, at import).
if (!process.env.POWERTOOLS_LOG_LEVEL) logger.setLogLevel("WARN");
const base = await loadPlan(values.plan);
const wards = base.groups.find((g) => g.id === "cac-phuong")?.members.length ?? 1;
report(await simulateYear({ plan: base, year: base.year, seed: Number(values.seed) }), wards);
const scale = Number(values.scale);
if (scale > 0) {
  const scaled = scaledPlan(base, scale);
  report(
    await simulateYear({
      plan: { ...scaled, id: `${base.id}-x${scale}` },
      year: base.year,
      seed: Number(values.seed),
    }),
    scale,
  );
}
