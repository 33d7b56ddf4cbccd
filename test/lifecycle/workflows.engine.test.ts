/**
 * The deadline lifecycle run by aws-local-stepfunctions from workflows/, on DynamoDB Local,
 * aws-ses-v2-local and the SMS outbox, on a virtual clock; with the faults of issue 4.
 */

import { SESClient } from "@aws-sdk/client-ses";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmailMessage, type EmailSender, SesEmailSender } from "../../functions/commons/notifications";
import { dataLayer } from "../../functions/data";
import { escalate, type LifecycleDeps, remind } from "../../functions/use-cases/lifecycle";
import { publishPlan } from "../../functions/use-cases/publish-plan";
import { type SesLocal, startSesLocal } from "../../local/ses-local";
import { SmsOutbox } from "../../local/sms-outbox";
import { LocalWorkflows, VirtualClock } from "../../local/workflows";
import { PlanFile } from "../../shared/plan/schema";
import { receiptNumber } from "../../shared/submission/receipt";
import { timeliness } from "../../shared/submission/status";
import { freshTable } from "../support/dynamodb";
import { lifecyclePlan as plan } from "../support/lifecycle-plan";

const DAY = 86_400_000;
const ID = (unit: string) => `thu:bao-cao:2025:${unit}`;
const DEADLINE = { planId: "thu", obligationId: "bao-cao", period: "2025" };

describe("deadline lifecycle on the local engines", () => {
  let ses: SesLocal;
  beforeAll(async () => {
    ses = await startSesLocal();
  });
  afterAll(async () => ses?.stop());

  async function setup(
    options: {
      email?: (inner: EmailSender) => EmailSender;
      smsFailureRate?: number;
      plan?: typeof plan;
      start?: string;
    } = {},
  ) {
    const { doc, tableName } = await freshTable();
    // The local SES keeps every message of the file: each case reads only those sent after its setup.
    const earlier = (await ses.sent()).length;
    const mailbox = async () => (await ses.sent()).slice(earlier);
    const data = dataLayer(doc, tableName, { cacheTtlMs: 0 });
    await publishPlan(data, options.plan ?? plan);
    const clock = new VirtualClock(new Date(options.start ?? "2025-03-01T00:00:00Z"));
    const real = new SesEmailSender(
      new SESClient({
        endpoint: ses.endpoint,
        region: "ap-southeast-1",
        credentials: { accessKeyId: "l", secretAccessKey: "l" },
      }),
      { from: "hanchot@example.org" },
    );
    const sms = new SmsOutbox({ failureRate: options.smsFailureRate ?? 0, seed: 7 });
    const delivered: string[] = [];
    const deliveredAt = new Map<string, number>();
    const deps: LifecycleDeps = {
      data,
      email: options.email ? options.email(real) : real,
      sms,
      keyring: { current: "k", keys: { k: Buffer.alloc(32, 3) } },
      now: clock.now,
      baseUrl: "http://127.0.0.1:3000",
      sleep: async () => {},
      onDelivered: (key) => {
        delivered.push(key);
        deliveredAt.set(key, clock.now().getTime());
      },
    };
    const submit = async (unit: string, at: number) => {
      clock.enter();
      try {
        await clock.until(at);
        const t = timeliness(at, "2025-03-24T17:00:00.000Z");
        await data.deadlines.recordSubmission({
          instanceId: ID(unit),
          year: 2025,
          dueAt: "2025-03-24T17:00:00.000Z",
          receipt: receiptNumber(ID(unit), unit),
          submittedAt: clock.now(),
          timeliness: t,
          submitter: { name: "Người nộp", phone: "+84912345678" },
          fields: {},
          idempotencyKey: unit,
        });
      } finally {
        clock.leave();
      }
    };
    return {
      data,
      clock,
      deps,
      sms,
      delivered,
      deliveredAt,
      mailbox,
      submit,
      workflows: new LocalWorkflows(deps, clock),
    };
  }
  const dupes = (keys: string[]) => keys.length - new Set(keys).size;

  it("reminds the missing units by email and SMS, not one that submitted a second before, then escalates", async () => {
    const t = await setup();
    // thon-a submits one second before the second reminder (21/03 08:00 = 01:00Z); thon-b late; thon-c never.
    const subs = [
      t.submit("thon-a", Date.parse("2025-03-21T00:59:59Z")),
      t.submit("thon-b", Date.parse("2025-03-30T03:00:00Z")),
    ];
    t.workflows.startLifecycle("thu:bao-cao:2025");
    await Promise.all(subs);
    await t.workflows.settle();

    const reminders = t.delivered.filter((k) => k.includes("|remind@"));
    const to = (unit: string) => reminders.filter((k) => k.startsWith(ID(unit)));
    expect(to("thon-a")).toHaveLength(2); // first reminder only, by email and SMS
    expect(to("thon-b")).toHaveLength(4);
    expect(to("thon-c")).toHaveLength(4);
    const escalations = t.delivered.filter((k) => k.includes("|escalation-"));
    // 26/03: thon-b and thon-c overdue; 02/04: thon-c only; to the standing body and the committee.
    expect(escalations).toHaveLength(4);
    expect(dupes(t.delivered)).toBe(0);
    const snap = await t.data.deadlines.lifecycleSnapshot(DEADLINE);
    expect(snap?.units.map((u) => [u.unitId, u.status, u.late ?? null])).toEqual([
      ["thon-a", "submitted", false],
      ["thon-b", "submitted", true],
      ["thon-c", "overdue", null],
    ]);
    expect([...(snap?.stagesDone ?? [])].sort()).toEqual(
      [
        "escalation-1",
        "escalation-2",
        "overdue",
        ...(snap?.definition.remindAt ?? []).map((r) => `remind@${r}`),
      ].sort(),
    );
    const mail = (await t.mailbox()).filter((m) => m.to[0] === "bcd@example.org");
    expect(mail.at(-1)?.subject).toContain("Báo cáo danh sách người cao tuổi");
  });

  it("does not tell the standing body of its own lateness: the committee gets the whole list, it the others", async () => {
    const standingBodyOwes = PlanFile.parse({
      ...plan,
      obligations: [{ ...plan.obligations[0], lead: ["cac-thon", "tyt"] }],
    });
    const mails: EmailMessage[] = [];
    const t = await setup({
      plan: standingBodyOwes,
      email: (inner) => ({
        sendEmail: (m: EmailMessage) => {
          mails.push(m);
          return inner.sendEmail(m);
        },
      }),
    });
    t.workflows.startLifecycle("thu:bao-cao:2025");
    await t.workflows.settle();

    const escalations = (to: string) =>
      mails.filter((m) => m.to[0] === to && m.subject.includes("Quá hạn (thông báo lần"));
    const toCommittee = escalations("bcd@example.org");
    const toStandingBody = escalations("tyt@example.org");
    expect(toCommittee).toHaveLength(2);
    expect(toStandingBody).toHaveLength(2);
    // The greeting names the standing body in both; the list of overdue units is what differs.
    const listed = (m: EmailMessage) =>
      m.text
        .split("\n")
        .filter((line) => /^\d+\. /.test(line))
        .join("\n");
    // From the plan's issuer, tagged with the standing body and the plan number read from the store.
    for (const m of [...toCommittee, ...toStandingBody]) {
      expect(m.fromName).toBe("UBND xã Thử");
      expect(m.subject.startsWith("[Trạm Y tế xã Thử — KH số 1/KH] Quá hạn")).toBe(true);
    }
    for (const m of toCommittee) {
      expect(m.subject).toContain("4 đơn vị chưa nộp");
      expect(listed(m)).toContain("Trạm Y tế xã Thử");
    }
    for (const m of toStandingBody) {
      expect(m.subject).toContain("3 đơn vị chưa nộp");
      expect(listed(m)).not.toContain("Trạm Y tế xã Thử");
      expect(listed(m)).toContain("Thôn C");
    }
  });

  it("retries failing sends with backoff, records those that keep failing, and reports them to the committee", async () => {
    let calls = 0;
    const t = await setup({
      smsFailureRate: 1,
      email: (inner) => ({
        sendEmail: (m: EmailMessage) => {
          calls++;
          // Every third email attempt is throttled.
          if (calls % 3 === 0)
            return Promise.reject(
              Object.assign(new Error("Maximum sending rate exceeded."), { name: "Throttling" }),
            );
          return inner.sendEmail(m);
        },
      }),
    });
    t.workflows.startLifecycle("thu:bao-cao:2025");
    await t.workflows.settle();
    const snap = await t.data.deadlines.lifecycleSnapshot(DEADLINE);
    const sms = snap?.sends.filter((s) => s.channel === "sms") ?? [];
    expect(sms.length).toBe(6);
    expect(sms.every((s) => s.status === "failed" && s.attempts === 3)).toBe(true);
    const emails = snap?.sends.filter((s) => s.channel === "email" && s.stage.startsWith("remind@")) ?? [];
    expect(emails.every((s) => s.status === "sent")).toBe(true);
    expect(dupes(t.delivered)).toBe(0);
    // The escalation gives each overdue unit's failed sends, as recorded.
    const escalation = (await t.mailbox()).find(
      (m) => m.to[0] === "tyt@example.org" && m.subject.includes("Quá hạn (thông báo lần 1)"),
    );
    for (const unit of ["thon-a", "thon-b", "thon-c"]) {
      const failed = sms.filter((s) => s.unitId === unit).length;
      expect(failed, unit).toBeGreaterThan(0);
      const name = `Thôn ${unit.at(-1)?.toUpperCase()}`;
      expect(escalation?.text).toMatch(new RegExp(`\\d+\\. ${name} — [^\\n]*gửi lỗi ${failed} lần`));
    }
  });

  it("sends nothing twice when a step crashes after sending and before recording, and is retried", async () => {
    const t = await setup();
    const record = t.data.deadlines.recordSends.bind(t.data.deadlines);
    let crashes = 0;
    // The records carry the stage done with them: a crash loses both, and the step is retried.
    t.data.deadlines.recordSends = async (records, stageDone) => {
      if (crashes < 2 && records.some((r) => r.claim.stage.startsWith("remind@"))) {
        crashes++;
        throw new Error("Lambda crashed after sending");
      }
      return record(records, stageDone);
    };
    t.workflows.startLifecycle("thu:bao-cao:2025");
    await t.workflows.settle();
    expect(crashes).toBe(2);
    expect(dupes(t.delivered)).toBe(0);
    // Every unit still got every reminder stage on every channel.
    expect(t.delivered.filter((k) => k.includes("|remind@"))).toHaveLength(3 * 2 * 2);
  });

  it("sends each message once when two runs of the same step race (conditional claims on DynamoDB Local)", async () => {
    const t = await setup();
    const ref = { planId: "thu", obligationId: "bao-cao", period: "2025" };
    const stage = "remind@2025-03-17T01:00:00.000Z";
    const [a, b] = await Promise.all([remind(t.deps, ref, stage), remind(t.deps, ref, stage)]);
    expect(a.sent + b.sent).toBe(6);
    expect(a.skipped + b.skipped).toBe(6);
    expect(dupes(t.delivered)).toBe(0);
    expect(t.delivered).toHaveLength(6);
  });

  it("marks a step's stage done when it sends nothing, with one write", async () => {
    const t = await setup();
    for (const unit of ["thon-a", "thon-b", "thon-c"])
      await t.submit(unit, Date.parse("2025-03-10T00:00:00Z"));
    const writes: string[] = [];
    const table = t.data.table;
    const batchPut = table.batchPut.bind(table);
    const put = table.put.bind(table);
    const putAll = table.putAll.bind(table);
    table.batchPut = (items) => {
      writes.push(`batch of ${items.length}`);
      return batchPut(items);
    };
    table.put = (item, condition) => {
      writes.push("put");
      return put(item, condition);
    };
    table.putAll = (entries) => {
      writes.push("transaction");
      return putAll(entries);
    };
    const out = await escalate(t.deps, DEADLINE, "escalation-1", 1);
    expect(out).toMatchObject({ sent: 0, overdue: 0 });
    expect(writes).toEqual(["batch of 1"]);
    const snap = await t.data.deadlines.lifecycleSnapshot(DEADLINE);
    expect(snap?.stagesDone.has("escalation-1")).toBe(true);
    expect(t.delivered).toEqual([]);
  });

  it("runs the calendar of a multi-year plan past the one-year limit by continuing as a new execution", async () => {
    const longPlan = PlanFile.parse({
      ...plan,
      id: "dai",
      untilYear: 2026,
      obligations: [
        {
          ...plan.obligations[0],
          timing: "trước ngày 01/06/2026",
          schedule: { kind: "date", date: "2026-06-01" },
        },
      ],
    });
    const t = await setup({ plan: longPlan, start: "2025-01-01T00:00:00Z" });
    t.workflows.startPlanCalendar("dai");
    await t.workflows.settle();
    const calendars = [...t.workflows.executions.values()]
      .filter((e) => e.kind === "plan-calendar")
      .map((e) => e.name);
    expect(calendars).toEqual(["plan-calendar-dai", "plan-calendar-dai-1"]);
    // The lifecycle started in time: every unit got its reminders before the 2026 cut-off.
    // Three reminder stages (22, 28 and 29 May 2026) × three units × email and SMS.
    expect(t.delivered.filter((k) => k.includes("|remind@2026-05"))).toHaveLength(3 * 3 * 2);
  });

  it("honours a deadline extended while its lifecycle waits, and picks up from the data after a restart", async () => {
    const t = await setup();
    t.workflows.startLifecycle("thu:bao-cao:2025");
    // Let the first reminder go; the test is an actor of the clock while it changes the data.
    t.clock.enter();
    await t.clock.until(Date.parse("2025-03-18T00:00:00Z"));
    expect(t.delivered.filter((k) => k.includes("|remind@"))).toHaveLength(6);

    // The plan is amended: the report is now due before 10/04.
    const amended = PlanFile.parse({
      ...plan,
      obligations: [
        {
          ...plan.obligations[0],
          timing: "trước ngày 10/04/2025",
          schedule: { kind: "date", date: "2025-04-10" },
        },
      ],
    });
    expect((await publishPlan(t.data, amended)).changed).toBe(true);
    // Past the old cut-off (25/03) and its grace days, before the new one: nobody is overdue yet.
    await t.clock.until(Date.parse("2025-04-05T00:00:00Z"));
    const waiting = await t.data.deadlines.lifecycleSnapshot({
      planId: "thu",
      obligationId: "bao-cao",
      period: "2025",
    });
    expect(waiting?.units.map((u) => u.status)).not.toContain("overdue");
    expect(waiting?.stagesDone.has("overdue")).toBe(false);
    expect(t.delivered.filter((k) => k.includes("|escalation-"))).toEqual([]);
    t.clock.leave();
    await t.workflows.settle();
    const snap = await t.data.deadlines.lifecycleSnapshot(DEADLINE);
    expect(snap?.definition.dueAt).toBe("2025-04-10T00:00:00+07:00");
    // Overdue at the new cut-off, escalated after its grace days: never by the old dates.
    expect(snap?.units.every((u) => u.status === "overdue")).toBe(true);
    const escalated = t.delivered.filter((k) => k.includes("|escalation-1"));
    expect(escalated.length).toBeGreaterThan(0);
    for (const key of escalated)
      expect(t.deliveredAt.get(key)).toBeGreaterThanOrEqual(Date.parse("2025-04-09T17:00:00Z") + 2 * DAY);
    expect(t.clock.now().getTime()).toBeGreaterThan(Date.parse("2025-04-10T00:00:00Z") + 2 * DAY);

    // A new runtime (fresh executor) on the same data starts over and finds nothing left to do twice.
    const before = t.delivered.length;
    const again = new LocalWorkflows(t.deps, t.clock);
    again.startLifecycle("thu:bao-cao:2025");
    await again.settle();
    expect(t.delivered.length).toBe(before);
    expect(dupes(t.delivered)).toBe(0);
  });
});
