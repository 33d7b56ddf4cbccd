/**
 * `npm start`: hanchot on this machine, on embedded defaults (no AWS account, no Docker).
 *
 *   npm start [-- --plan <file>] [--port <n>] [--now <ISO instant>] [--speed <n>] [--fresh] [--once] [--no-units]
 *
 * Starts DynamoDB Local, s3rver, a local SES and cognito-local (the console's users, with the demo
 * users of local/demo-users.yaml), publishes the plan, runs its calendar (the state machines of
 * workflows/: reminders by email and SMS, overdue marks, escalations), serves the web form and the
 * submission API, and prints what to open (also at the start page, /) and who can sign in to the
 * console.
 * A plan whose deadlines are all past (or whose year has not begun) is replayed: the clock starts the
 * evening before its first reminders and runs a few hours a second (local/replay.ts), and a later
 * start continues the replay where it stopped. --now starts the clock at that instant (--now now:
 * the real clock) and --speed sets its pace (3600: an hour a second); --fresh keeps nothing on
 * disk; --once stops after printing.
 * A port in use gives way to a free one. If DynamoDB Local's JVM dies it is restarted on the same
 * port and data (with --fresh there is nothing to keep: it stops); an engine that cannot come back
 * is named in the log and the command exits with code 1.
 */
import { parseArgs } from "node:util";
import { DataModelMismatchError, type ExpectationItem } from "../functions/data";
import { MissingPrerequisiteError } from "../local/dynamodb-local";
import { type ClockChoice, chooseClock, saveReplayPosition, speedInWords } from "../local/replay";
import { SIMULATED_SHARES } from "../local/replay-units";
import { startLocalStack } from "../local/runtime";
import { demoLoginLines, demoLogins, renderStartPage, type SampleLink } from "../local/start-page";
import { formatVietnameseInstant } from "../shared/calendar/civil-date";
import { deadlineWords } from "../shared/calendar/deadline-text";
import { periodText } from "../shared/calendar/period-text";
import { loadPlan, PlanFileError } from "../shared/plan/load";
import { linkExpiry, signLink } from "../shared/submission/link-token";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    plan: { type: "string", default: process.env.HANCHOT_PLAN ?? "plans/long-bien-2025.yaml" },
    port: { type: "string", default: process.env.PORT ?? "3000" },
    now: { type: "string" },
    speed: { type: "string" },
    fresh: { type: "boolean", default: false },
    once: { type: "boolean", default: false },
    /** Replay without simulated units: only the reports sent through the printed links come in. */
    "no-units": { type: "boolean", default: false },
  },
});

const dataDir = values.fresh ? undefined : ".local";
let clock: ClockChoice;
try {
  clock = chooseClock(await loadPlan(values.plan), {
    ...(values.now !== undefined && { now: values.now }),
    ...(values.speed !== undefined && { speed: values.speed }),
    ...(dataDir && { dataDir }),
  });
} catch (err) {
  if (err instanceof PlanFileError) {
    console.error(`Lỗi: ${err.message}`);
    process.exit(1);
  }
  if (err instanceof RangeError) {
    console.error(`Lỗi: ${err.message}, ví dụ --now 2025-03-20T09:00:00+07:00 --speed 3600 (hoặc --now now)`);
    process.exit(2);
  }
  throw err;
}
const { startAt, replay } = clock;

console.log("hanchot — đang khởi động trên máy này (DynamoDB Local cần vài giây)…");
let stack: Awaited<ReturnType<typeof startLocalStack>>;
/** Set once started, for stopping it when an engine is lost. */
let running: typeof stack | undefined;
try {
  stack = await startLocalStack({
    planFile: values.plan,
    ...(dataDir && { dataDir }),
    port: Number(values.port),
    ...(startAt && { startAt }),
    speed: clock.speed,
    workflows: !values.once,
    ...(replay && !values.once && !values["no-units"] && { simulatedUnitsYear: replay.year }),
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
const seconds = (virtualMs: number) =>
  Math.max(0, Math.round((virtualMs - now.getTime()) / 1000 / clock.speed));
const clockText = replay
  ? `đang phát lại năm ${replay.year}${replay.resumedFrom ? ", tiếp từ chỗ lần chạy trước dừng" : ""}, ${speedInWords(clock.speed)}; dùng --now now để chạy theo giờ thật`
  : startAt
    ? `đồng hồ dời (--now)${clock.speed !== 1 ? `, ${speedInWords(clock.speed)}` : ""}`
    : clock.speed !== 1
      ? speedInWords(clock.speed)
      : "giờ thật";
const replayDetail =
  replay && !replay.resumedFrom
    ? `\n                 thư nhắc đầu tiên sau khoảng ${seconds(replay.firstReminderAt)} giây, hạn chót đầu tiên sau ${seconds(replay.firstDueAt)} giây,` +
      `\n                 thư báo quá hạn đầu tiên (gửi Ban Chỉ đạo) sau ${seconds(replay.firstEscalationAt)} giây`
    : "";
console.log(`
DynamoDB Local   ${stack.dynamodbEndpoint}   (${values.fresh ? "trong bộ nhớ" : "dữ liệu giữ trong .local/dynamodb"})
Tệp đính kèm     ${stack.s3Endpoint}   (s3rver${values.fresh ? "" : ", tệp giữ trong .local/s3"})
Kế hoạch         ${plan.title}
                 ${published.changed ? `đã đăng ${published.expectations} hạn của các đơn vị` : "đã đăng trước đó, không thay đổi"}
Đồng hồ          ${clockText}${replayDetail}${
  stack.simulatedReports !== undefined
    ? `\n                 các đơn vị mô phỏng tự nộp báo cáo trong khi phát lại (${Math.round(SIMULATED_SHARES.onTime * 100)}% đúng hạn, ${Math.round(SIMULATED_SHARES.late * 100)}% muộn, còn lại không nộp; --no-units để tắt)`
    : ""
}
Giờ hệ thống     ${formatVietnameseInstant(now.getTime())}
Trang đầu        ${stack.baseUrl}/   (mọi thứ cần mở)
Thư đã gửi       ${stack.mailUrl}   (JSON: ${stack.mailUrl}.json; SES cục bộ aws-ses-v2-local nhận thư)
SMS đã gửi       ${stack.smsOutboxUrl}   (JSON: ${stack.smsOutboxUrl}.json)
Biểu mẫu nộp     ${stack.baseUrl}/f/<đường dẫn riêng của đơn vị>
API              POST ${stack.baseUrl}/api/links/<đường dẫn riêng>/submissions   (kèm tiêu đề Idempotency-Key)
Bảng điều khiển  ${stack.consoleUrl}   (người dùng trong cognito-local ${stack.engines.cognito.endpoint}${values.fresh ? "" : ", giữ trong .local/cognito"})
`);

/** Each sample unit's next open deadline (or its latest overdue one), with its personal link. The one use of the store here. */
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

const links = await sampleLinks();
const pageLinks: SampleLink[] = links.map(({ e, url }) => ({
  unitName: e.unitName,
  title: e.title,
  period: e.period,
  dueText: deadlineWords(e.dueAt).text,
  url,
}));
const logins = demoLogins(stack.demoUsers, plan);
stack.pages["/"] = () => ({
  contentType: "text/html; charset=utf-8",
  body: renderStartPage({
    planTitle: plan.title,
    clockText,
    now: stack.now,
    links: pageLinks,
    console: { url: stack.consoleUrl, logins },
  }),
});
console.log("Đường dẫn nộp báo cáo của một số đơn vị (mở trong trình duyệt):");
for (const { e, url } of links) {
  console.log(`\n  ${e.unitName} — ${e.title.slice(0, 70)}${e.title.length > 70 ? "…" : ""}`);
  console.log(`  kỳ ${periodText(e.period)}, ${deadlineWords(e.dueAt).text}`);
  console.log(`  ${url}`);
}

console.log(`\nĐăng nhập bảng điều khiển: ${stack.consoleUrl} — người dùng mẫu (chỉ trên máy này):`);
for (const line of demoLoginLines(logins)) console.log(`  ${line}`);
console.log(
  "  Thêm người dùng: npm run -s users -- add --email … --role standing-body|committee|viewer --plans …",
);

if (values.once) {
  await stack.stop();
} else {
  console.log("\nĐang chạy. Nhấn Ctrl+C để dừng.");
  // Where the replay is, kept so that the next start continues from there.
  const keep = () => {
    if (replay && dataDir) saveReplayPosition(dataDir, plan, replay, stack.now());
  };
  const keeping = setInterval(keep, 2000);
  keeping.unref();
  const stop = async () => {
    clearInterval(keeping);
    keep();
    await stack.stop();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
