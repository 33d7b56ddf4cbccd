/**
 * `npm start`: hanchot on this machine, on embedded defaults (no AWS account, no Docker).
 *
 *   npm start [-- --plan <file>] [--port <n>] [--now <ISO instant>] [--speed <n>] [--fresh] [--once]
 *
 * Starts DynamoDB Local, s3rver and a local SES, publishes the plan, runs its calendar (the
 * state machines of workflows/: reminders by email and SMS, overdue marks, escalations), serves
 * the web form and the submission API, and prints personal links to open. --now starts the clock
 * at that instant (to try a plan of a past year as if it were current) and --speed makes it run
 * faster (3600: an hour a second); --fresh keeps nothing on disk; --once stops after printing.
 * A port in use gives way to a free one. If DynamoDB Local's JVM dies it is restarted on the same
 * port and data (with --fresh there is nothing to keep: it stops); an engine that cannot come back
 * is named in the log and the command exits with code 1.
 */
import { parseArgs } from "node:util";
import { DataModelMismatchError, type ExpectationItem } from "../functions/data";
import { MissingPrerequisiteError } from "../local/dynamodb-local";
import { startLocalStack } from "../local/runtime";
import { formatVietnameseInstant } from "../shared/calendar/civil-date";
import { PlanFileError } from "../shared/plan/load";
import { linkExpiry, signLink } from "../shared/submission/link-token";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    plan: { type: "string", default: process.env.HANCHOT_PLAN ?? "plans/long-bien-2025.yaml" },
    port: { type: "string", default: process.env.PORT ?? "3000" },
    now: { type: "string" },
    speed: { type: "string", default: "1" },
    fresh: { type: "boolean", default: false },
    once: { type: "boolean", default: false },
  },
});

const startAt = values.now ? new Date(values.now) : undefined;
if (startAt && Number.isNaN(startAt.getTime())) {
  console.error(`Lỗi: --now "${values.now}" không phải thời điểm ISO 8601, ví dụ 2025-03-20T09:00:00+07:00`);
  process.exit(2);
}

console.log("hanchot — đang khởi động trên máy này (DynamoDB Local cần vài giây)…");
let stack: Awaited<ReturnType<typeof startLocalStack>>;
/** Set once started, for stopping it when an engine is lost. */
let running: typeof stack | undefined;
try {
  stack = await startLocalStack({
    planFile: values.plan,
    ...(values.fresh ? {} : { dataDir: ".local" }),
    port: Number(values.port),
    ...(startAt && { startAt }),
    speed: Number(values.speed),
    workflows: !values.once,
    log: (line) => console.error(line),
    // An engine that cannot come back: say which, stop the rest, exit non-zero.
    onEngineLost: (message) => {
      console.error(`Lỗi: ${message}`);
      (running?.stop() ?? Promise.resolve()).catch(() => undefined).then(() => process.exit(1));
    },
  });
} catch (err) {
  if (err instanceof PlanFileError || err instanceof MissingPrerequisiteError) {
    console.error(`Lỗi: ${err.message}`);
    process.exit(1);
  }
  if (err instanceof DataModelMismatchError) {
    console.error(
      `Lỗi: dữ liệu cục bộ trong .local được ghi theo mô hình dữ liệu cũ (${err.message}).\n` +
        "Xóa dữ liệu cục bộ rồi chạy lại: rm -rf .local && npm start",
    );
    process.exit(1);
  }
  throw err;
}
running = stack;

const now = stack.now();
const { plan, published } = stack;
console.log(`
DynamoDB Local   ${stack.dynamodbEndpoint}   (${values.fresh ? "trong bộ nhớ" : "dữ liệu giữ trong .local/dynamodb"})
Tệp đính kèm     ${stack.s3Endpoint}   (s3rver${values.fresh ? "" : ", tệp giữ trong .local/s3"})
Kế hoạch         ${plan.title}
                 ${published.changed ? `đã đăng ${published.expectations} hạn của các đơn vị` : "đã đăng trước đó, không thay đổi"}
Giờ hệ thống     ${formatVietnameseInstant(now.getTime())}${startAt ? " (đồng hồ dời, --now)" : ""}${Number(values.speed) !== 1 ? `, nhanh ×${values.speed}` : ""}
Thư đã gửi       ${stack.mailViewerUrl}   (SES cục bộ: aws-ses-v2-local)
SMS đã gửi       ${stack.smsOutboxUrl}
Biểu mẫu nộp     ${stack.baseUrl}/f/<đường dẫn riêng của đơn vị>
API              POST ${stack.baseUrl}/api/links/<đường dẫn riêng>/submissions   (kèm tiêu đề Idempotency-Key)
`);

/** Each sample unit's next open deadline (or its latest overdue one), with its personal link. */
async function sampleLinks(): Promise<Array<{ e: ExpectationItem; url: string }>> {
  const wards = plan.groups.find((g) => g.id === "cac-phuong" || g.id === "cac-xa")?.members ?? [];
  const units = [...wards.slice(0, 2), plan.steeringCommittee.standingBody, "ttyt", "bhxh"];
  const out: Array<{ e: ExpectationItem; url: string }> = [];
  for (const unitId of new Set(units)) {
    const open = (await stack.data.deadlines.unitOpenExpectations(plan.id, unitId)).filter(
      (e) => e.kind === "deliverable",
    );
    const e = open.find((x) => Date.parse(x.dueAt) > now.getTime()) ?? open.at(-1);
    if (!e) continue;
    const token = signLink(stack.keyring, {
      instanceId: e.instanceId,
      unitId,
      expiresAt: linkExpiry(e.dueAt, now),
    });
    out.push({ e, url: `${stack.baseUrl}/f/${token}` });
  }
  return out;
}

console.log("Đường dẫn nộp báo cáo của một số đơn vị (mở trong trình duyệt):");
for (const { e, url } of await sampleLinks()) {
  console.log(`\n  ${e.unitName} — ${e.title.slice(0, 70)}${e.title.length > 70 ? "…" : ""}`);
  console.log(`  kỳ ${e.period}, ${e.dueText}`);
  console.log(`  ${url}`);
}

if (values.once) {
  await stack.stop();
} else {
  console.log("\nĐang chạy. Nhấn Ctrl+C để dừng.");
  const stop = async () => {
    await stack.stop();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
