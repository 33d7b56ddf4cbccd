/**
 * npm run -s simulate -- --plan <file> --year <YYYY> [--seed N] [--json] [--fail-rate 0.1]
 *
 * Runs a whole plan-year through the same state machines and handlers on a virtual clock, with
 * simulated units, and prints what happened: deadlines, reminders by channel and stage, submissions
 * on time and late, overdue units, escalations, failed and duplicate sends.
 */
import { parseArgs } from "node:util";
import { MissingPrerequisiteError } from "../local/dynamodb-local";
import { progressLine, type SimulationSummary, simulateYear } from "../local/simulation";
import { loadPlan, PlanFileError } from "../shared/plan/load";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    plan: { type: "string", default: "plans/long-bien-2025.yaml" },
    year: { type: "string" },
    seed: { type: "string", default: "1" },
    json: { type: "boolean", default: false },
    "fail-rate": { type: "string", default: "0" },
  },
});

function print(s: SimulationSummary) {
  console.log(`
Mô phỏng năm ${s.year} — kế hoạch ${s.plan} (${s.wallSeconds} giây)
  Đơn vị: ${s.units}; hạn (nhiệm vụ × kỳ): ${s.deadlines}; mục của các đơn vị: ${s.instances}
  Nhắc việc: ${s.reminders.email} email, ${s.reminders.sms} SMS
  Nộp: ${s.submissions.onTime} đúng hạn, ${s.submissions.late} muộn, ${s.submissions.never} không nộp
  Quá hạn: ${s.overdueUnits} lượt đơn vị; báo cáo Ban Chỉ đạo: ${s.escalations} thư
  Gửi lỗi (đã ghi lại, có trong báo cáo Ban Chỉ đạo): ${s.failedSends}; gửi trùng: ${s.duplicateSends}
  Lượt chuyển trạng thái: ${s.stateTransitions}; lượt gọi Lambda: ${s.lambdaInvocations}; yêu cầu DynamoDB: ${s.dbRequests}`);
}

try {
  const plan = await loadPlan(values.plan);
  const year = values.year ? Number(values.year) : plan.year;
  const interactive = process.stderr.isTTY && !values.json;
  const summary = await simulateYear({
    plan,
    year,
    seed: Number(values.seed),
    sendFailureRate: Number(values["fail-rate"]),
    onProgress: (f, detail) => {
      // Cleared to the end of the line: a shorter line must not leave the tail of a longer one.
      if (interactive) process.stderr.write(`\r${progressLine(f, detail)}\x1b[K`);
    },
  });
  if (interactive) process.stderr.write("\n");
  if (values.json) console.log(JSON.stringify(summary));
  else print(summary);
} catch (err) {
  if (err instanceof PlanFileError || err instanceof MissingPrerequisiteError) {
    console.error(`Lỗi: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
