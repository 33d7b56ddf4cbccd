/**
 * The console's actions honoured by the running deadline lifecycle: the real state machine from
 * workflows/ run by the local workflows on a virtual clock, on DynamoDB Local. Extend (for every
 * unit or one), waive, and return (before the cut-off, and after the lifecycle had ended).
 */
import { describe, expect, it } from "vitest";
import { deadlinePk } from "../../functions/data/entities/deadline";
import { stageDoneEntity } from "../../functions/data/entities/lifecycle-progress";
import { extendDeadline, returnVersion, waiveUnit } from "../../functions/use-cases/console/actions";
import { smsSegments } from "../../shared/notify/gsm7";
import { PlanFile } from "../../shared/plan/schema";
import { lifecyclePlan } from "../support/lifecycle-plan";
import { DEADLINE, DEADLINE_ID, DUE, ID, REASON, STANDING_BODY, setup, tokenIn } from "./actions-support";

const DAY = 86_400_000;
const stagesOf = (sent: Array<{ meta?: { stage: string } }>) => sent.map((s) => s.meta?.stage);

describe("console actions honoured by the running lifecycle", () => {
  it("extend for every unit: reminders by the new cut-off, no overdue mark or escalation at the old one, both after the new one", async () => {
    const t = await setup();
    t.workflows.startLifecycle(DEADLINE_ID);
    const extended = await t.at("2025-03-20T03:00:00Z", () =>
      extendDeadline(t.deps, {
        ref: DEADLINE,
        until: "2025-04-09",
        actor: STANDING_BODY,
        reason: "Đợt kiểm tra của Sở Y tế trùng lịch",
      }),
    );
    const NEW_DUE = "2025-04-10T00:00:00+07:00";
    expect(extended).toMatchObject({
      ok: true,
      dueAt: NEW_DUE,
      dueText: "hạn chót: 23:59 ngày 09/04/2025",
      restarted: false,
    });

    // Past the old cut-off and its grace days: nobody overdue, no mark, nobody escalated.
    await t.at("2025-04-05T00:00:00Z", async () => {
      expect(await t.status()).toEqual({ "thon-a": "pending", "thon-b": "pending", "thon-c": "pending" });
      const s = await t.data.deadlines.lifecycleSnapshot(DEADLINE);
      expect([...(s?.stagesDone ?? [])].filter((x) => x.startsWith("overdue"))).toEqual([]);
      expect(t.emails.filter((e) => e.meta?.stage.startsWith("escalation-"))).toEqual([]);
    });
    await t.workflows.settle();

    const s = await t.data.deadlines.lifecycleSnapshot(DEADLINE);
    expect(s?.definition).toMatchObject({ dueAt: NEW_DUE, originalDueAt: DUE, effectiveDue: "2025-04-09" });
    expect(await t.status()).toEqual({ "thon-a": "overdue", "thon-b": "overdue", "thon-c": "overdue" });
    expect(s?.stagesDone.has(`overdue@${NEW_DUE}`)).toBe(true);
    expect(s?.stagesDone.has("overdue")).toBe(false);
    // The first reminder went before the extension; the next ones follow the plan's policy
    // (7, 3 and 1 days before 09/04; Sunday 06/04 moves to Friday 04/04): not the old 21/03 one.
    expect(stagesOf(t.to("thon-a@example.org").emails)).toEqual([
      "remind@2025-03-17T08:00:00+07:00",
      "remind@2025-04-02T08:00:00+07:00",
      "remind@2025-04-04T08:00:00+07:00",
      "remind@2025-04-08T08:00:00+07:00",
    ]);
    const april = t.to("thon-a@example.org").emails[1]?.message;
    expect(april?.text).toContain("Hạn chót: 23:59 thứ Tư 09/04/2025");
    expect(t.to("+84900000100").sms[1]?.message.text).toContain("Han chot: 23:59 T4 09/04/2025");
    // Escalated only after the new cut-off's grace days.
    const escalations = t.emails.filter((e) => e.meta?.stage.startsWith("escalation-"));
    expect(escalations.length).toBeGreaterThan(0);
    for (const e of escalations) expect(e.at).toBeGreaterThanOrEqual(Date.parse(NEW_DUE) + 2 * DAY);
    // The plan calendar sees the lifecycle running past its old end (a day after the last escalation).
    const running = await t.data.plans.deadlinesRunningAt("thu", new Date("2025-04-20T00:00:00Z"));
    expect(running.map((d) => d.dueAt)).toEqual([NEW_DUE]);

    const log = await t.auditLog();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      action: "extend",
      actor: STANDING_BODY,
      target: { deadline: "bao-cao:2025" },
      before: { dueAt: DUE },
      after: { dueAt: NEW_DUE },
      reason: "Đợt kiểm tra của Sở Y tế trùng lịch",
    });
  });

  it("extend for every unit while the lifecycle waits for the old cut-off: no mark then, marks and escalations counted from the new one", async () => {
    const t = await setup();
    t.workflows.startLifecycle(DEADLINE_ID);
    const NEW_DUE = "2025-04-01T00:00:00+07:00";
    // After the last reminder (21/03): the lifecycle's Wait ends at the old cut-off, in MarkOverdue.
    const extended = await t.at("2025-03-22T03:00:00Z", () =>
      extendDeadline(t.deps, { ref: DEADLINE, until: "2025-03-31", actor: STANDING_BODY, reason: "Nghỉ bù" }),
    );
    expect(extended).toMatchObject({ ok: true, dueAt: NEW_DUE });
    await t.at("2025-03-25T00:00:00Z", async () => {
      expect(await t.status()).toEqual({ "thon-a": "pending", "thon-b": "pending", "thon-c": "pending" });
    });
    await t.workflows.settle();
    const s = await t.data.deadlines.lifecycleSnapshot(DEADLINE);
    expect([...(s?.stagesDone ?? [])].filter((x) => !x.startsWith("remind@")).sort()).toEqual([
      `escalation-1@${NEW_DUE}`,
      `escalation-2@${NEW_DUE}`,
      `overdue@${NEW_DUE}`,
    ]);
    // 7 days before 31/03 is Monday 24/03; 3 and 1 days before fall on Friday 28/03 and Sunday 30/03 (→ 28/03).
    expect(
      stagesOf(t.to("thon-a@example.org").emails.filter((e) => e.meta?.stage.startsWith("remind@"))),
    ).toEqual([
      "remind@2025-03-17T08:00:00+07:00",
      "remind@2025-03-21T08:00:00+07:00",
      "remind@2025-03-24T08:00:00+07:00",
      "remind@2025-03-28T08:00:00+07:00",
    ]);
    const first = t.to("bcd@example.org").emails[0];
    expect(first?.meta?.stage).toBe(`escalation-1@${NEW_DUE}`);
    expect(first?.message.subject).toContain("Quá hạn (thông báo lần 1)");
    expect(first?.at).toBeGreaterThanOrEqual(Date.parse(NEW_DUE) + 2 * DAY);
  });

  it("extend for one unit: the others are overdue at the cut-off, it only at its own, and is escalated only after", async () => {
    const plan = PlanFile.parse({
      ...lifecyclePlan,
      defaults: {
        ...lifecyclePlan.defaults,
        escalation: { graceDays: 2, repeatEveryDays: 7, maxEscalations: 3 },
      },
    });
    // A committee member signed up in the console, and the committee's address spelt otherwise.
    const t = await setup({ plan, committeeUsers: ["uy-vien@example.org", "BCD@example.org"] });
    t.workflows.startLifecycle(DEADLINE_ID);
    const OWN = "2025-04-05T00:00:00+07:00";
    const extended = await t.at("2025-03-20T03:00:00Z", () =>
      extendDeadline(t.deps, {
        ref: DEADLINE,
        unitId: "thon-c",
        until: "2025-04-04",
        actor: STANDING_BODY,
        reason: "Thôn C mất điện cả tuần",
      }),
    );
    expect(extended).toMatchObject({ ok: true, dueAt: OWN, restarted: false });
    await t.at("2025-03-26T00:00:00Z", async () => {
      expect(await t.status()).toEqual({ "thon-a": "overdue", "thon-b": "overdue", "thon-c": "pending" });
    });
    await t.at("2025-04-04T12:00:00Z", async () => {
      expect((await t.status())["thon-c"]).toBe("pending");
    });
    await t.workflows.settle();
    expect(await t.status()).toEqual({ "thon-a": "overdue", "thon-b": "overdue", "thon-c": "overdue" });

    // Its mark was made at its own cut-off, not before.
    const items = await t.data.table.query({ pk: deadlinePk(DEADLINE) });
    const own = stageDoneEntity.among(items).find((x) => x.stage === `overdue-unit@${OWN}`);
    expect(Date.parse(own?.doneAt ?? "")).toBeGreaterThanOrEqual(Date.parse(OWN));
    // Its reminder named its own cut-off; the others' the deadline's.
    expect(t.to("+84900000102").sms.at(-1)?.message.text).toContain("23:59 T6 04/04/2025");
    expect(t.to("+84900000100").sms.at(-1)?.message.text).toContain("23:59 T2 24/03/2025");
    // The committee heard of Thôn C only once it was past its own cut-off (the third escalation).
    const toCommittee = t.to("bcd@example.org").emails;
    expect(stagesOf(toCommittee)).toEqual(["escalation-1", "escalation-2", "escalation-3"]);
    const listed = (text: string) => text.split("\n").filter((line) => /^\d+\. /.test(line));
    for (const e of toCommittee.slice(0, 2)) {
      expect(listed(e.message.text).join("\n")).toContain("Thôn A");
      expect(listed(e.message.text).join("\n")).not.toContain("Thôn C");
    }
    const third = listed(toCommittee[2]?.message.text ?? "");
    expect(third.find((line) => line.includes("Thôn C"))).toContain("trễ 6 ngày");
    // Each escalation also to the committee's console users, once to each address.
    expect(stagesOf(t.to("uy-vien@example.org").emails)).toEqual([
      "escalation-1",
      "escalation-2",
      "escalation-3",
    ]);
    expect(t.to("BCD@example.org").emails).toEqual([]);
    // The escalation links to the deadline's page in the console.
    expect(toCommittee[0]?.message.text).toContain(
      "http://127.0.0.1:3000/console/plans/thu/deadlines/bao-cao/2025",
    );
    expect(await t.auditLog()).toHaveLength(1);
  });

  it("waive: no more reminders or escalations to the unit; a unit that submitted cannot be waived", async () => {
    const t = await setup();
    t.workflows.startLifecycle(DEADLINE_ID);
    await t.at("2025-03-10T03:00:00Z", () => t.submit("thon-a", "v1"));
    const [submitted, waived, again] = await t.at("2025-03-18T03:00:00Z", async () => [
      await waiveUnit(t.deps, { ref: DEADLINE, unitId: "thon-a", actor: STANDING_BODY, reason: "Đã nộp" }),
      await waiveUnit(t.deps, {
        ref: DEADLINE,
        unitId: "thon-b",
        actor: STANDING_BODY,
        reason: "Thôn B sáp nhập vào thôn C từ tháng 3",
      }),
      await waiveUnit(t.deps, { ref: DEADLINE, unitId: "thon-b", actor: STANDING_BODY, reason: "Lần nữa" }),
    ]);
    expect(submitted).toMatchObject({ ok: false, code: "already-submitted" });
    expect(waived).toMatchObject({ ok: true });
    expect(again).toMatchObject({ ok: false, code: "not-open" });
    await t.workflows.settle();

    expect(await t.status()).toEqual({ "thon-a": "submitted", "thon-b": "waived", "thon-c": "overdue" });
    // Only the reminder of 17/03, before the waiver.
    expect(stagesOf(t.to("thon-b@example.org").emails)).toEqual(["remind@2025-03-17T08:00:00+07:00"]);
    expect(stagesOf(t.to("+84900000101").sms)).toEqual(["remind@2025-03-17T08:00:00+07:00"]);
    expect(stagesOf(t.to("thon-c@example.org").emails)).toHaveLength(2);
    const escalations = t.to("bcd@example.org").emails;
    expect(escalations.length).toBe(2);
    for (const e of escalations) expect(e.message.text).not.toContain("Thôn B");
    const log = await t.auditLog();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      action: "waive",
      target: { unitId: "thon-b", instanceId: ID("thon-b") },
      before: { state: "expected", status: "pending" },
      after: { state: "waived" },
    });
  });

  it("return before the cut-off: the unit is told once with the reason, reminded of the return, and its new version is on time", async () => {
    const t = await setup();
    t.workflows.startLifecycle(DEADLINE_ID);
    const first = await t.at("2025-03-10T03:00:00Z", async () => {
      const a = await t.submit("thon-a", "v1");
      await t.submit("thon-b", "v1");
      await t.submit("thon-c", "v1");
      return a;
    });
    const returned = await t.at("2025-03-16T03:00:00Z", () =>
      returnVersion(t.deps, {
        instanceId: ID("thon-a"),
        receipt: first.receipt,
        actor: STANDING_BODY,
        reason: REASON,
      }),
    );
    // The lifecycle only looked again at the cut-off (everyone was in): it runs again now.
    expect(returned).toMatchObject({ ok: true, notified: { sent: 2, failed: 0 }, restarted: true });
    const notice = t.to("thon-a@example.org").emails;
    expect(stagesOf(notice)).toEqual([`returned@${first.receipt}`]);
    expect(notice[0]?.message.subject).toContain("Trả lại báo cáo: Báo cáo danh sách người cao tuổi");
    expect(notice[0]?.message.text).toContain(REASON);
    expect(notice[0]?.message.text).toContain("được tính là đúng hạn");
    const sms = t.to("+84900000100").sms;
    expect(sms).toHaveLength(1);
    expect(sms[0]?.message.text).toMatch(/^TYTXATHU: .*Bao cao bi tra lai.*Ly do: Thieu chu ky/);
    expect(smsSegments(sms[0]?.message.text ?? "")).toMatchObject({ encoding: "GSM-7", segments: 1 });
    // Asking again sends nothing: the notice is claimed under its receipt.
    const twice = await t.at("2025-03-16T04:00:00Z", () =>
      returnVersion(t.deps, {
        instanceId: ID("thon-a"),
        receipt: first.receipt,
        actor: STANDING_BODY,
        reason: REASON,
      }),
    );
    expect(twice).toMatchObject({ ok: false, code: "already-decided" });
    expect(await t.status()).toMatchObject({ "thon-a": "returned", "thon-b": "submitted" });

    // The next reminder (17/03) goes to Thôn A alone, and says its report was returned and why.
    await t.at("2025-03-17T03:00:00Z", async () => {
      const reminded = t.emails.filter((e) => e.meta?.stage.startsWith("remind@"));
      expect(reminded.map((e) => e.message.to[0])).toEqual(["thon-a@example.org"]);
      expect(reminded[0]?.message.subject).toContain("Nhắc nộp lại");
      expect(reminded[0]?.message.text).toContain(`lý do: “${REASON}”`);
      const smsReminder = t.to("+84900000100").sms.at(-1)?.message.text ?? "";
      expect(smsReminder).toContain(" - Bi tra lai: ");
      expect(smsReminder).toContain("Nop lai tai: ");
      expect(smsSegments(smsReminder).segments).toBe(1);
    });
    // A new version through the link the notice carried: accepted, on time.
    await t.at("2025-03-18T03:00:00Z", () =>
      t.submit("thon-a", "v2", tokenIn(notice[0]?.message.text ?? "")),
    );
    await t.workflows.settle();
    const s = await t.data.deadlines.lifecycleSnapshot(DEADLINE);
    expect(s?.units.find((u) => u.unitId === "thon-a")).toMatchObject({
      status: "submitted",
      late: false,
      versions: 2,
    });
    expect(t.emails.filter((e) => e.meta?.stage.startsWith("escalation-"))).toEqual([]);
    expect(await t.auditLog()).toHaveLength(1);
  });

  it("return after the lifecycle ended: it runs again, escalates the unit as returned, and the new version is late", async () => {
    const t = await setup();
    t.workflows.startLifecycle(DEADLINE_ID);
    const first = await t.at("2025-03-10T03:00:00Z", async () => {
      const a = await t.submit("thon-a", "v1");
      await t.submit("thon-b", "v1");
      await t.submit("thon-c", "v1");
      return a;
    });
    await t.workflows.settle(); // everyone in: the lifecycle ends at the cut-off
    expect([...t.workflows.executions.keys()]).toHaveLength(1);

    const returned = await t.at("2025-03-26T03:00:00Z", () =>
      returnVersion(t.deps, {
        instanceId: ID("thon-a"),
        receipt: first.receipt,
        actor: STANDING_BODY,
        reason: REASON,
      }),
    );
    expect(returned).toMatchObject({ ok: true, notified: { sent: 2 }, restarted: true });
    expect([...t.workflows.executions.keys()].filter((name) => name.includes("-again-"))).toHaveLength(1);
    const notice = t.to("thon-a@example.org").emails[0]?.message;
    expect(notice?.text).toContain("đã qua: báo cáo mới được ghi là nộp muộn");
    const resubmitted = t.at("2025-03-28T03:00:00Z", () =>
      t.submit("thon-a", "v2", tokenIn(notice?.text ?? "")),
    );
    await t.workflows.settle();
    await resubmitted;

    // Escalated once (27/03) as returned; in again by the second escalation's date.
    const escalations = t.emails.filter((e) => e.meta?.stage.startsWith("escalation-"));
    expect(stagesOf(escalations)).toEqual(["escalation-1", "escalation-1"]);
    expect(escalations[0]?.message.text).toMatch(/1\. Thôn A — trễ \d+ ngày \(bản đã nộp bị trả lại/);
    const s = await t.data.deadlines.lifecycleSnapshot(DEADLINE);
    expect(s?.units.find((u) => u.unitId === "thon-a")).toMatchObject({
      status: "submitted",
      late: true,
      lateDays: 4,
      versions: 2,
    });
    // Nothing sent twice by the two executions.
    const keys = s?.sends.map((x) => `${x.unitId}|${x.stage}|${x.channel}|${x.recipient}`) ?? [];
    expect(new Set(keys).size).toBe(keys.length);
    expect(t.to("thon-a@example.org").emails).toHaveLength(1);
  });
});
