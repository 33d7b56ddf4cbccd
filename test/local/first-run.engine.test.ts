/**
 * A first `npm start` with no options: the Long Biên 2025 plan, run after 2025, is replayed on a
 * fast clock chosen from its data, and reminders reach the local mail and SMS pages (and their
 * JSON) within the first minute, with the unit, the stage and the virtual time of each message.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { chooseClock, planReplay, REPLAY_BUDGET_SECONDS, saveReplayPosition } from "../../local/replay";
import { type LocalStack, startLocalStack } from "../../local/runtime";
import { expandPlan } from "../../shared/calendar/expand";
import { loadPlan } from "../../shared/plan/load";
import type { PlanFile } from "../../shared/plan/schema";

const PLAN = "plans/long-bien-2025.yaml";

interface MailJson {
  now: string;
  messages: Array<{
    id: number;
    at: string;
    unitId: string | null;
    unitName: string | null;
    stage: string | null;
    stageText: string | null;
    channel: string;
    to: string[];
    subject: string;
    url: string;
  }>;
}

interface SmsJson {
  messages: Array<{
    at: string;
    unitName: string | null;
    stageText: string | null;
    to: string;
    text: string;
  }>;
}

describe("the replay clock chosen from the plan", () => {
  let plan: PlanFile;
  beforeAll(async () => {
    plan = await loadPlan(PLAN);
  });

  it("starts shortly before the first reminder of a deliverable and reaches the first escalation within the budget", () => {
    const replay = planReplay(plan);
    if (!replay) throw new Error("no replay");
    const firstReminder = Math.min(
      ...expandPlan(plan, plan.year)
        .filter((i) => i.kind === "deliverable")
        .flatMap((i) => i.remindAt.slice(0, 1).map(Date.parse)),
    );
    expect(replay.firstReminderAt).toBe(firstReminder);
    expect(replay.startAt.getTime()).toBeLessThan(firstReminder);
    expect(replay.startAt.getTime()).toBeGreaterThan(firstReminder - 86_400_000);
    expect(replay.firstDueAt).toBeGreaterThan(replay.startAt.getTime());
    expect(replay.firstEscalationAt).toBeGreaterThan(replay.firstDueAt);
    const realSeconds = (replay.firstEscalationAt - replay.startAt.getTime()) / 1000 / replay.speed;
    expect(realSeconds).toBeLessThanOrEqual(REPLAY_BUDGET_SECONDS);
    expect(replay.speed % 3600).toBe(0);
  });

  it("replays only a plan whose deadlines are all past or not begun; --now and --speed still choose", () => {
    const during = Date.parse(`${plan.year}-06-01T00:00:00+07:00`);
    expect(chooseClock(plan, {}, during)).toEqual({ speed: 1 });
    const after = Date.parse(`${plan.year + 1}-11-01T00:00:00+07:00`);
    const before = Date.parse(`${plan.year - 1}-11-01T00:00:00+07:00`);
    expect(chooseClock(plan, {}, after).replay?.year).toBe(plan.year);
    expect(chooseClock(plan, {}, before).replay?.year).toBe(plan.year);
    expect(chooseClock(plan, { now: "now" }, after)).toEqual({ speed: 1 });
    const shifted = chooseClock(plan, { now: "2025-03-16T20:00:00+07:00", speed: "3600" }, after);
    expect(shifted).toEqual({ startAt: new Date("2025-03-16T13:00:00Z"), speed: 3600 });
    expect(chooseClock(plan, { speed: "3600" }, after).speed).toBe(3600);
    expect(() => chooseClock(plan, { now: "hôm qua" }, after)).toThrow(RangeError);
  });

  it("continues a replay where the last run stopped", () => {
    const dir = mkdtempSync(join(tmpdir(), "hanchot-replay-"));
    try {
      const after = Date.parse(`${plan.year + 1}-11-01T00:00:00+07:00`);
      const first = chooseClock(plan, { dataDir: dir }, after);
      if (!first.replay) throw new Error("no replay");
      const stoppedAt = new Date(first.replay.firstDueAt + 3_600_000);
      saveReplayPosition(dir, plan, first.replay, stoppedAt);
      const again = chooseClock(plan, { dataDir: dir }, after);
      expect(again.startAt).toEqual(stoppedAt);
      expect(again.replay?.resumedFrom).toEqual(stoppedAt);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("npm start with no options", () => {
  let stack: LocalStack;
  let plan: PlanFile;
  let clock: ReturnType<typeof chooseClock>;

  beforeAll(async () => {
    plan = await loadPlan(PLAN);
    // As cli/start.ts does with no --now and no --speed (and --fresh: nothing kept on disk).
    clock = chooseClock(plan, {});
    stack = await startLocalStack({
      planFile: PLAN,
      port: 0,
      ...(clock.startAt && { startAt: clock.startAt }),
      speed: clock.speed,
      log: () => {},
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${stack.baseUrl}${path}`);
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  it("shows a reminder in the mail JSON within the first minute of the replay, with unit, stage and virtual time", async () => {
    expect(clock.replay?.year).toBe(2025);
    const startMs = clock.startAt?.getTime() ?? 0;
    const reminder = await vi.waitFor(
      async () => {
        const mail = await get<MailJson>("/local/mail.json");
        const found = mail.messages.find((m) => m.stageText === "Nhắc hạn");
        expect(found).toBeDefined();
        return found as MailJson["messages"][number];
      },
      { timeout: 60_000, interval: 500 },
    );
    expect(reminder.channel).toBe("email");
    expect(reminder.stage).toMatch(/^remind@2025-/);
    const unit = plan.units.find((u) => u.id === reminder.unitId);
    expect(unit?.name).toBe(reminder.unitName);
    expect(unit?.contacts.emails).toContain(reminder.to[0]);
    // Sent on the replay's clock: in 2025, after its start, not at the real time.
    const at = Date.parse(reminder.at);
    expect(at).toBeGreaterThanOrEqual(startMs);
    expect(at).toBeLessThan(startMs + 120_000 * (clock.speed ?? 1));

    const page = await fetch(`${stack.baseUrl}${reminder.url}`);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain('<iframe sandbox=""');
    expect(body).toContain("Content-Security-Policy");
    expect(body).toContain(reminder.unitName ?? "?");
    expect((await fetch(`${stack.baseUrl}/local/mail/message?id=999999`)).status).toBe(404);
    const list = await (await fetch(`${stack.baseUrl}/local/mail`)).text();
    expect(list).toContain("Hộp thư (chạy cục bộ)");
    expect(list).toContain(reminder.unitName ?? "?");
  });

  it("lists the SMS with the unit's name beside the number", async () => {
    const sms = await vi.waitFor(
      async () => {
        const outbox = await get<SmsJson>("/local/sms.json");
        expect(outbox.messages.length).toBeGreaterThan(0);
        return outbox;
      },
      { timeout: 60_000, interval: 500 },
    );
    for (const m of sms.messages) {
      const unit = plan.units.find((u) => u.contacts.phones.includes(m.to));
      expect(m.unitName).toBe(unit?.name);
      expect(m.stageText).toBe("Nhắc hạn");
    }
    const page = await (await fetch(`${stack.baseUrl}/local/sms`)).text();
    expect(page).toContain(sms.messages[0]?.unitName ?? "?");
  });
});
