/**
 * The local stack's clock (npm start --now … --speed …): waits happen in the definition's Wait
 * states, in scaled real time, so a step more than 60 real seconds away still comes (the local
 * engine times out a Task after 60 s), and a failed execution is told and started again.
 */
import { describe, expect, it } from "vitest";
import type { EmailMessage, EmailSender } from "../../functions/commons/notifications";
import { dataLayer } from "../../functions/data";
import type { LifecycleDeps } from "../../functions/use-cases/lifecycle";
import { publishPlan } from "../../functions/use-cases/publish-plan";
import { SmsOutbox } from "../../local/sms-outbox";
import { LocalWorkflows, ScaledClock, VirtualClock } from "../../local/workflows";
import { freshTable } from "../support/dynamodb";
import { lifecyclePlan } from "../support/lifecycle-plan";

const DEADLINE = "thu:bao-cao:2025";

async function setup(clock: { now: () => Date }) {
  const { doc, tableName } = await freshTable();
  const data = dataLayer(doc, tableName, { cacheTtlMs: 0 });
  await publishPlan(data, lifecyclePlan);
  const mails: Array<{ at: Date; to: string; subject: string }> = [];
  const email: EmailSender = {
    sendEmail: async (m: EmailMessage) => {
      for (const to of m.to) mails.push({ at: clock.now(), to, subject: m.subject });
      return { messageId: `m-${mails.length}` };
    },
  };
  const deps: LifecycleDeps = {
    data,
    email,
    sms: new SmsOutbox({ now: clock.now }),
    keyring: { current: "k", keys: { k: Buffer.alloc(32, 3) } },
    now: clock.now,
    baseUrl: "http://127.0.0.1:3000",
    sleep: async () => {},
  };
  const definition = await data.deadlines.definition({
    planId: "thu",
    obligationId: "bao-cao",
    period: "2025",
  });
  if (!definition) throw new Error("the fixture plan was not published");
  return { data, deps, mails, remindAt: definition.remindAt.map(Date.parse) };
}

async function eventually(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("local workflows on the scaled real clock", () => {
  it("sends a reminder that is more than 60 real seconds away, and keeps the lifecycle running", async () => {
    // Reminders on Mon 17/03 and Fri 21/03 at 08:00: four days apart, played in 64 real seconds.
    const probe = await setup({ now: () => new Date(0) });
    const [first, second] = probe.remindAt as [number, number];
    const realGapMs = 64_000;
    const clock = new ScaledClock(new Date(first - 2_000), (second - first) / realGapMs);
    const t = await setup(clock);
    const log: string[] = [];
    const workflows = new LocalWorkflows(t.deps, clock, { log: (l) => log.push(l) });
    try {
      workflows.startLifecycle(DEADLINE);
      await eventually(() => t.mails.length === 3, 10_000);
      await eventually(() => t.mails.length === 6, realGapMs + 20_000);
      // The second round came at its own instant on the scaled clock, to the same three hamlets.
      const secondRound = t.mails.slice(3);
      expect(new Set(secondRound.map((m) => m.to))).toEqual(new Set(t.mails.slice(0, 3).map((m) => m.to)));
      for (const m of secondRound) expect(m.at.getTime()).toBeGreaterThanOrEqual(second);
      expect(workflows.failures).toEqual([]);
      expect(log).toEqual([]);
    } finally {
      workflows.abortAll();
    }
  }, 120_000);

  it("tells a failed lifecycle in the log, with its deadline, and starts it again from the data", async () => {
    const clock = new VirtualClock(new Date("2025-03-10T00:00:00Z"));
    const t = await setup(clock);
    // The store is unreachable for longer than PlanNextStep's retries (1 + 6 attempts).
    let failuresLeft = 7;
    const snapshot = t.data.deadlines.lifecycleSnapshot.bind(t.data.deadlines);
    t.data.deadlines.lifecycleSnapshot = async (...args: Parameters<typeof snapshot>) => {
      if (failuresLeft-- > 0)
        throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8000"), { name: "Error" });
      return snapshot(...args);
    };
    const log: string[] = [];
    const workflows = new LocalWorkflows(t.deps, clock, { log: (l) => log.push(l) });
    workflows.startLifecycle(DEADLINE);
    await workflows.settle();

    expect(workflows.failures).toHaveLength(1);
    expect(workflows.failures[0]).toMatchObject({ subject: DEADLINE, restarted: true });
    expect(log).toHaveLength(1);
    expect(log[0]).toContain(`Quy trình của hạn ${DEADLINE} dừng`);
    expect(log[0]).toContain("ECONNREFUSED");
    // Restarted, it did the whole lifecycle: both reminder rounds to the three hamlets, then escalations.
    expect(t.mails.filter((m) => m.to.startsWith("thon-"))).toHaveLength(6);
    expect(t.mails.some((m) => m.to === "bcd@example.org")).toBe(true);
  });
});
