/**
 * The pure parts of the console's actions: who may act and with what reason, contacts as typed,
 * the execution name of a restarted lifecycle, and when an action makes the lifecycle run again.
 */
import { describe, expect, it } from "vitest";
import type { ExpectationItem, LifecycleSnapshot } from "../../functions/data";
import { manualStage, parseContacts } from "../../functions/use-cases/console/actions";
import { auditEntry, checkActor, REASON_MAX } from "../../functions/use-cases/console/audit";
import { owedAgain, restartExecutionName } from "../../functions/use-cases/console/restart-lifecycle";

const ACTOR = { email: "pyt@example.org", role: "standing-body" } as const;

describe("who acts, and why", () => {
  it("only the standing body, with a reason of 1 to 500 characters once trimmed (optional where asked)", () => {
    expect(checkActor(ACTOR, "  Đơn vị xin gia hạn  ")).toBe("Đơn vị xin gia hạn");
    expect(checkActor({ ...ACTOR, role: "committee" }, "x")).toMatchObject({ code: "forbidden" });
    expect(checkActor({ ...ACTOR, role: "viewer" }, "x")).toMatchObject({ code: "forbidden" });
    expect(checkActor(ACTOR, " \n ")).toMatchObject({ code: "invalid-reason", message: "Cần ghi lý do." });
    expect(checkActor(ACTOR, "x".repeat(REASON_MAX))).toBe("x".repeat(REASON_MAX));
    expect(checkActor(ACTOR, "x".repeat(REASON_MAX + 1))).toMatchObject({
      code: "invalid-reason",
      message: "Lý do dài quá 500 ký tự (hiện 501).",
    });
    expect(checkActor(ACTOR, undefined, false)).toBe("");
  });

  it("gives each audit entry its own id, sorted by its instant", () => {
    const at = new Date("2025-03-20T03:00:00Z");
    const a = auditEntry({ planId: "p", actor: ACTOR, action: "waive", target: {}, reason: "r", at });
    const b = auditEntry({ planId: "p", actor: ACTOR, action: "waive", target: {}, reason: "r", at });
    expect(a.id).toMatch(/^2025-03-20T03:00:00\.000Z-[0-9a-f]{8}$/);
    expect(a.id).not.toBe(b.id);
    expect(a.id).not.toContain("#");
  });

  it("names a day's manual reminders by the day in Vietnam", () => {
    expect(manualStage(new Date("2025-03-19T16:59:00Z"))).toBe("manual@2025-03-19");
    expect(manualStage(new Date("2025-03-19T17:00:00Z"))).toBe("manual@2025-03-20");
  });
});

describe("contacts as typed", () => {
  it("trims, lowers emails, writes phones in +84 form, drops duplicates", () => {
    expect(
      parseContacts({
        person: "  Anh Minh ",
        emails: "Tram@Example.org\ntram@example.org, khac@example.org",
        phones: ["0912 345 678", "+84 912.345.678", "84987654321"],
      }),
    ).toEqual({
      ok: true,
      contacts: {
        person: "Anh Minh",
        emails: ["tram@example.org", "khac@example.org"],
        phones: ["+84912345678", "+84987654321"],
      },
    });
  });

  it("refuses what the plan's schema refuses, field by field, in Vietnamese", () => {
    expect(parseContacts({ emails: ["a@b.vn", "không hợp lệ"], phones: ["12345"] })).toEqual({
      ok: false,
      code: "invalid-contacts",
      message: "Thông tin liên hệ chưa hợp lệ.",
      fieldErrors: {
        "emails.1": "địa chỉ email không hợp lệ",
        "phones.0": "số điện thoại phải viết dạng quốc tế +84 và 9 chữ số, ví dụ +84912345678",
      },
    });
    expect(parseContacts({ emails: [], phones: [] })).toMatchObject({
      ok: false,
      message: "Cần ít nhất một email hoặc một số điện thoại.",
    });
  });
});

describe("a restarted lifecycle", () => {
  it("runs under a Step Functions name of its own: at most 80 characters of [A-Za-z0-9_-], one per cause", () => {
    const ref = {
      planId: "long-bien-2025",
      obligationId: "bao-cao-tien-do-quy-cua-ttyt-va-bhxh",
      period: "2025-Q1",
    };
    const a = restartExecutionName(ref, "return-2025-03-26T03:00:00.000Z-0a1b2c3d");
    const b = restartExecutionName(ref, "return-2025-03-26T03:00:00.000Z-9f8e7d6c");
    expect(a).toMatch(/^[A-Za-z0-9_-]{1,80}$/);
    expect(a.startsWith("long-bien-2025-bao-cao-tien-do")).toBe(true);
    expect(a).not.toBe(b);
  });

  const unit = (status: ExpectationItem["status"], extendedTo?: string) =>
    ({
      status,
      dueAt: extendedTo ?? "2025-03-24T17:00:00.000Z",
      ...(extendedTo && { extendedTo }),
    }) as ExpectationItem;
  const snapshotOf = (units: ExpectationItem[], stagesDone: string[] = []) =>
    ({
      definition: {
        state: "active",
        dueAt: "2025-03-24T17:00:00.000Z",
        remindAt: ["2025-03-17T01:00:00.000Z"],
        escalation: { graceDays: 2, repeatEveryDays: 7, maxEscalations: 1 },
      },
      stagesDone: new Set(stagesDone),
      units,
      sends: [],
      reviews: [],
    }) as unknown as LifecycleSnapshot;
  const afterCutOff = Date.parse("2025-03-26T00:00:00Z");
  const beforeCutOff = Date.parse("2025-03-20T00:00:00Z");

  it("is started when the lifecycle owed nothing (ended, or waiting with everyone in) and now owes something", () => {
    const allIn = snapshotOf([unit("submitted"), unit("submitted")]);
    const oneReturned = snapshotOf([unit("returned"), unit("submitted")]);
    expect(owedAgain(allIn, oneReturned, afterCutOff)).toBe(true);
    expect(owedAgain(allIn, oneReturned, beforeCutOff)).toBe(true);
    // Every escalation sent, one unit missing: an extension for it makes its mark owed.
    const exhausted = snapshotOf([unit("overdue"), unit("submitted")], ["overdue", "escalation-1"]);
    const extended = snapshotOf(
      [unit("pending", "2025-04-04T17:00:00.000Z"), unit("submitted")],
      ["overdue", "escalation-1"],
    );
    expect(owedAgain(exhausted, extended, afterCutOff)).toBe(true);
  });

  it("is not started while the lifecycle still has work of its own, nor when nothing is owed after", () => {
    const missing = snapshotOf([unit("pending"), unit("submitted")]);
    const moreMissing = snapshotOf([unit("pending"), unit("returned")]);
    expect(owedAgain(missing, moreMissing, beforeCutOff)).toBe(false);
    const allIn = snapshotOf([unit("submitted"), unit("submitted")]);
    expect(owedAgain(allIn, allIn, afterCutOff)).toBe(false);
    const waived = snapshotOf([unit("waived"), unit("submitted")]);
    expect(owedAgain(allIn, waived, afterCutOff)).toBe(false);
  });
});
