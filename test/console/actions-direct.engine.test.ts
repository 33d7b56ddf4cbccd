/**
 * The console's actions on DynamoDB Local, without a running lifecycle: remind now (once per unit
 * and day through the claimed-send ledger), edit contacts (the next reminder goes to the new
 * ones), accept, the refusals with their Vietnamese messages, and the audit log: one entry per
 * action, in the change's transaction, never written over.
 */
import { describe, expect, it } from "vitest";
import { type AuditRecord, auditEntity } from "../../functions/data/entities/audit";
import { byUnitPk } from "../../functions/data/entities/expectation";
import {
  acceptVersion,
  editContacts,
  extendDeadline,
  remindNow,
  returnVersion,
  waiveUnit,
} from "../../functions/use-cases/console/actions";
import { remind } from "../../functions/use-cases/lifecycle";
import { PlanFile } from "../../shared/plan/schema";
import { lifecyclePlan } from "../support/lifecycle-plan";
import { DEADLINE, DUE, ID, REASON, STANDING_BODY, setup } from "./actions-support";

const COMMITTEE = { email: "bcd-user@example.org", role: "committee" } as const;

describe("console actions on the store", () => {
  it("remind now: one message per contact, a second call the same day sends nothing and says so", async () => {
    const t = await setup();
    const reason = "Thôn A chưa mở biểu mẫu lần nào";
    const first = await t.at("2025-03-19T03:00:00Z", () =>
      remindNow(t.deps, { ref: DEADLINE, unitId: "thon-a", actor: STANDING_BODY, reason }),
    );
    expect(first).toMatchObject({
      ok: true,
      stage: "manual@2025-03-19",
      units: ["thon-a"],
      sent: 2,
      failed: 0,
    });
    expect(t.to("thon-a@example.org").emails).toHaveLength(1);
    expect(t.to("+84900000100").sms).toHaveLength(1);
    expect(t.to("thon-a@example.org").emails[0]?.message.subject).toContain("Nhắc hạn");

    const second = await t.at("2025-03-19T09:00:00Z", () =>
      remindNow(t.deps, { ref: DEADLINE, unitId: "thon-a", actor: STANDING_BODY, reason }),
    );
    expect(second).toMatchObject({ ok: false, code: "already-reminded" });
    if (!second.ok) expect(second.message).toContain("đã được nhắc hôm nay");
    expect(t.emails).toHaveLength(1);
    expect(t.sms).toHaveLength(1);

    // Every unit still missing, the same day: Thôn A was reminded already, the others now.
    const all = await t.at("2025-03-19T10:00:00Z", () =>
      remindNow(t.deps, { ref: DEADLINE, actor: STANDING_BODY, reason: "Nhắc chung" }),
    );
    expect(all).toMatchObject({ ok: true, units: ["thon-b", "thon-c"], sent: 4 });
    // The next day (Vietnam time) it may be reminded again; after the cut-off it says "Quá hạn".
    const late = await t.at("2025-03-26T03:00:00Z", () =>
      remindNow(t.deps, { ref: DEADLINE, unitId: "thon-a", actor: STANDING_BODY, reason }),
    );
    expect(late).toMatchObject({ ok: true, stage: "manual@2025-03-26", sent: 2 });
    expect(t.to("thon-a@example.org").emails[1]?.message.subject).toContain("Quá hạn");
    expect(t.to("+84900000100").sms[1]?.message.text).toContain("Qua han");

    // Through the same ledger as the lifecycle's messages, not a lifecycle stage done.
    const s = await t.data.deadlines.lifecycleSnapshot(DEADLINE);
    const manual = s?.sends.filter((x) => x.stage.startsWith("manual@")) ?? [];
    expect(manual).toHaveLength(8);
    expect(manual.every((x) => x.status === "sent" && x.year === 2025)).toBe(true);
    expect([...(s?.stagesDone ?? [])]).toEqual([]);
    // An audit entry per reminder sent; none for the one refused.
    const log = await t.auditLog();
    expect(log.map((e) => [e.action, e.target.unitId ?? "*"])).toEqual([
      ["remind-now", "thon-a"],
      ["remind-now", "*"],
      ["remind-now", "thon-a"],
    ]);
  });

  it("edit contacts: validated with Vietnamese errors, and the next reminder goes to the new address", async () => {
    const t = await setup();
    const refused = await t.at("2025-03-16T03:00:00Z", () =>
      editContacts(t.deps, {
        planId: "thu",
        unitId: "thon-b",
        contacts: { emails: ["không-phải-email"], phones: ["12345"] },
        actor: STANDING_BODY,
        reason: "Đổi cán bộ phụ trách",
      }),
    );
    expect(refused).toMatchObject({
      ok: false,
      code: "invalid-contacts",
      fieldErrors: {
        "emails.0": "địa chỉ email không hợp lệ",
        "phones.0": expect.stringContaining("+84"),
      },
    });
    const edited = await t.at("2025-03-16T03:00:00Z", () =>
      editContacts(t.deps, {
        planId: "thu",
        unitId: "thon-b",
        contacts: { person: "Chị Lan", emails: ["Moi-B@example.org"], phones: ["0912 345 679"] },
        actor: STANDING_BODY,
        reason: "Đổi cán bộ phụ trách",
      }),
    );
    expect(edited).toMatchObject({
      ok: true,
      contacts: { person: "Chị Lan", emails: ["moi-b@example.org"], phones: ["+84912345679"] },
      expectations: 1,
    });
    expect((await t.data.plans.unit("thu", "thon-b"))?.contacts.emails).toEqual(["moi-b@example.org"]);

    await t.at("2025-03-17T01:00:00Z", () => remind(t.deps, DEADLINE, "remind@2025-03-17T08:00:00+07:00"));
    expect(t.to("moi-b@example.org").emails).toHaveLength(1);
    expect(t.to("+84912345679").sms).toHaveLength(1);
    expect(t.to("thon-b@example.org").emails).toEqual([]);
    expect(t.to("+84900000101").sms).toEqual([]);
    const log = await t.auditLog();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      action: "edit-contacts",
      target: { unitId: "thon-b" },
      before: { emails: ["thon-b@example.org"], phones: ["+84900000101"] },
      after: { emails: ["moi-b@example.org"], phones: ["+84912345679"] },
    });
  });

  it("accept: a reason is optional; only the latest version is decided on, once", async () => {
    const t = await setup();
    const [v1, v2] = await t.at("2025-03-10T03:00:00Z", async () => [
      await t.submit("thon-a", "v1"),
      await t.submit("thon-a", "v2"),
    ]);
    const older = await t.at("2025-03-11T03:00:00Z", () =>
      returnVersion(t.deps, {
        instanceId: ID("thon-a"),
        receipt: v1?.receipt ?? "",
        actor: STANDING_BODY,
        reason: REASON,
      }),
    );
    expect(older).toMatchObject({ ok: false, code: "not-latest" });
    const accepted = await t.at("2025-03-11T03:00:00Z", () =>
      acceptVersion(t.deps, { instanceId: ID("thon-a"), receipt: v2?.receipt ?? "", actor: STANDING_BODY }),
    );
    expect(accepted).toMatchObject({ ok: true });
    const twice = await t.at("2025-03-11T04:00:00Z", () =>
      acceptVersion(t.deps, { instanceId: ID("thon-a"), receipt: v2?.receipt ?? "", actor: STANDING_BODY }),
    );
    expect(twice).toMatchObject({ ok: false, code: "already-decided" });
    const found = await t.data.deadlines.expectation(ID("thon-a"));
    expect(found?.reviews.map((r) => [r.receipt, r.decision, r.reason, r.by])).toEqual([
      [v2?.receipt, "accepted", "", STANDING_BODY.email],
    ]);
    expect(await t.status()).toMatchObject({ "thon-a": "submitted" });
    const log = await t.auditLog();
    expect(log.map((e) => [e.action, e.target.receipt, e.reason])).toEqual([["accept", v2?.receipt, ""]]);
  });

  it("refuses with a Vietnamese message and writes nothing: another role, no reason, an earlier cut-off, a bad date", async () => {
    const t = await setup();
    const at = "2025-03-12T03:00:00Z";
    const results = await t.at(at, async () => [
      await waiveUnit(t.deps, { ref: DEADLINE, unitId: "thon-a", actor: COMMITTEE, reason: "x" }),
      await waiveUnit(t.deps, { ref: DEADLINE, unitId: "thon-a", actor: STANDING_BODY, reason: "   " }),
      await waiveUnit(t.deps, {
        ref: DEADLINE,
        unitId: "thon-a",
        actor: STANDING_BODY,
        reason: "x".repeat(501),
      }),
      await extendDeadline(t.deps, {
        ref: DEADLINE,
        until: "2025-03-20",
        actor: STANDING_BODY,
        reason: "sớm hơn",
      }),
      await extendDeadline(t.deps, {
        ref: DEADLINE,
        until: "2025-02-30",
        actor: STANDING_BODY,
        reason: "ngày sai",
      }),
      await extendDeadline(t.deps, {
        ref: DEADLINE,
        unitId: "thon-x",
        until: "2025-04-30",
        actor: STANDING_BODY,
        reason: "không có",
      }),
      await remindNow(t.deps, {
        ref: { ...DEADLINE, period: "2026" },
        actor: STANDING_BODY,
        reason: "không có",
      }),
    ]);
    expect(results.map((r) => (r.ok ? "ok" : r.code))).toEqual([
      "forbidden",
      "invalid-reason",
      "invalid-reason",
      "not-later",
      "invalid-date",
      "not-found",
      "not-found",
    ]);
    const earlier = results[3];
    if (earlier && !earlier.ok)
      expect(earlier.message).toBe(
        "Hạn mới (23:59 thứ Năm 20/03/2025) phải sau hạn chót hiện tại (23:59 thứ Hai 24/03/2025).",
      );
    expect(await t.auditLog()).toEqual([]);
    expect(await t.status()).toEqual({ "thon-a": "pending", "thon-b": "pending", "thon-c": "pending" });
  });

  it("writes the audit entry in the change's transaction, and never over another", async () => {
    const t = await setup();
    const waived = await t.at("2025-03-12T03:00:00Z", () =>
      waiveUnit(t.deps, { ref: DEADLINE, unitId: "thon-c", actor: STANDING_BODY, reason: "Thôn C giải thể" }),
    );
    expect(waived).toMatchObject({ ok: true });
    const [entry] = await t.auditLog();
    expect(entry?.id).toBe(waived.ok ? waived.auditId : undefined);

    // The same entry again: a conditional put is refused, the stored one unchanged.
    const forged: AuditRecord = { ...(entry as AuditRecord), reason: "sửa lại lý do" };
    expect(await t.data.consoleActions.recordAudit(forged)).toBe(false);
    expect(await t.data.table.put(auditEntity.item(forged), { expression: "attribute_not_exists(pk)" })).toBe(
      false,
    );
    // A change written with an entry whose id exists is refused whole: the unit stays as it was.
    const refused = await t.data.consoleActions.waive(forged, {
      instanceId: ID("thon-b"),
      state: "expected",
    });
    expect(refused).toEqual({ ok: false, failed: [0], conflict: false });
    expect(await t.status()).toMatchObject({ "thon-b": "pending", "thon-c": "waived" });
    const log = await t.auditLog();
    expect(log).toHaveLength(1);
    expect(log[0]?.reason).toBe("Thôn C giải thể");
  });

  it("extends a deadline of 120 units with one audit entry, every unit's copy of the cut-off in two transactions", async () => {
    const hamlets = Array.from({ length: 120 }, (_, i) => ({
      id: `thon-${i + 1}`,
      name: `Thôn ${i + 1}`,
      kind: "other",
    }));
    const plan = PlanFile.parse({
      ...lifecyclePlan,
      id: "lon",
      units: [...lifecyclePlan.units.filter((u) => !u.id.startsWith("thon-")), ...hamlets],
      groups: [{ id: "cac-thon", name: "Các thôn", members: hamlets.map((h) => h.id) }],
    });
    const t = await setup({ plan });
    const ref = { planId: "lon", obligationId: "bao-cao", period: "2025" };
    const transact = t.data.table.transact.bind(t.data.table);
    const sizes: number[] = [];
    t.data.table.transact = (writes) => {
      sizes.push(writes.length);
      return transact(writes);
    };
    const extended = await t.at("2025-03-20T03:00:00Z", () =>
      extendDeadline(t.deps, { ref, until: "2025-04-09", actor: STANDING_BODY, reason: "Gia hạn chung" }),
    );
    expect(extended).toMatchObject({ ok: true, dueAt: "2025-04-10T00:00:00+07:00" });
    expect(sizes).toEqual([100, 22]);
    for (const unit of ["thon-1", "thon-120"]) {
      const [e] = await t.data.deadlines.unitExpectations("lon", unit);
      expect(e?.dueAt, unit).toBe("2025-04-10T00:00:00+07:00");
    }
    // The byUnit index sorts a unit's deadlines by the new cut-off.
    const indexed = await t.data.table.query({ index: "byUnit", pk: byUnitPk("lon", "thon-120") });
    expect(indexed.filter((i) => i.type === "expectation").map((i) => i.gsi1sk)).toEqual([
      "DUE#2025-04-10T00:00:00+07:00#lon:bao-cao:2025:thon-120",
    ]);
    expect(await t.data.consoleActions.auditLog("lon")).toHaveLength(1);
  });

  it("times a submission against the unit's own cut-off after a one-unit extension, on its receipt and in the console", async () => {
    const t = await setup();
    const extended = await t.at("2025-03-20T03:00:00Z", () =>
      extendDeadline(t.deps, {
        ref: DEADLINE,
        unitId: "thon-a",
        until: "2025-04-05",
        actor: STANDING_BODY,
        reason: "Thôn A chờ số liệu của trạm y tế",
      }),
    );
    expect(extended.ok).toBe(true);
    // After the plan's cut-off (25/03), before Thôn A's own (05/04 23:59): on time for Thôn A…
    const a = await t.at("2025-03-28T03:00:00Z", () => t.submit("thon-a", "muon-chung"));
    expect(a).toMatchObject({ late: false, dueAt: "2025-04-06T00:00:00+07:00" });
    // …late for a unit the extension did not name.
    const b = await t.at("2025-03-28T03:00:00Z", () => t.submit("thon-b", "muon-chung"));
    expect(b).toMatchObject({ late: true, lateDays: 4, dueAt: DUE });
    expect(await t.status()).toMatchObject({ "thon-a": "submitted" });
    const [ea, eb] = await Promise.all([
      t.data.deadlines.expectation(ID("thon-a")),
      t.data.deadlines.expectation(ID("thon-b")),
    ]);
    expect(ea?.expectation).toMatchObject({ late: false });
    expect(eb?.expectation).toMatchObject({ late: true });
  });
});
