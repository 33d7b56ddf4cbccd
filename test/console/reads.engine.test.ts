/**
 * The console's reads on DynamoDB Local: the small plan of test/console/timeliness-scenario.ts is
 * published, its submissions, reviews, extensions, states, messages and audit entries stored
 * through the data layer, and each view is checked against the hand-computed figures (the same as
 * the unit tests', so the reads fold what is stored as the pure modules fold the facts) and for
 * the DynamoDB requests it costs.
 */
import { readFileSync } from "node:fs";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { attachmentPresigner, PRESIGNED_GET_SECONDS } from "../../functions/commons/presign";
import { type DataLayer, dataLayer } from "../../functions/data";
import { auditEntity } from "../../functions/data/entities/audit";
import { deadlineEntity } from "../../functions/data/entities/deadline";
import { expectationEntity } from "../../functions/data/entities/expectation";
import { reviewEntity } from "../../functions/data/entities/review";
import {
  auditView,
  type ConsoleReadDeps,
  deadlineView,
  heatmap,
  planOverview,
  planScope,
  ranking,
  submissionsTable,
  submissionView,
  targetsView,
  timeliness,
  unitView,
} from "../../functions/use-cases/console/reads";
import { escalate } from "../../functions/use-cases/lifecycle/escalate";
import { markOverdue } from "../../functions/use-cases/lifecycle/mark-overdue";
import { remind } from "../../functions/use-cases/lifecycle/remind";
import { publishPlan } from "../../functions/use-cases/publish-plan";
import { ATTACHMENT_BUCKET } from "../../local/s3-local";
import { type DeadlineRef, parseInstanceId } from "../../shared/calendar/instance-id";
import type { Figures } from "../../shared/console/model";
import { parsePlan } from "../../shared/plan/load";
import { timeliness as timed } from "../../shared/submission/status";
import { freshData } from "../support/data";
import { localS3Client } from "../support/dynamodb";
import {
  AS_OF,
  D1,
  D2,
  D3,
  EXTENSIONS,
  id,
  PLAN_ID,
  REVIEWS,
  SENDS,
  STATES,
  SUBMISSIONS,
  smallPlan,
} from "./timeliness-scenario";

const CUT_OFFS: Record<string, string> = {
  "bao-cao-quy:2025-Q1": "2025-03-25T00:00:00+07:00",
  "bao-cao-quy:2025-Q2": "2025-06-25T00:00:00+07:00",
  "danh-sach:2025": "2025-09-01T00:00:00+07:00",
};
const PDF = new TextEncoder().encode("%PDF-1.4 báo cáo quý I\n%%EOF");
const ACCEPTED_KEY = `accepted/${PLAN_ID}/bao-cao-quy/2025-Q1/thon-a/A1-1/abc123`;

/** Stores the scenario the way the system would: submissions, reviews, extensions, states, messages. */
async function storeScenario(data: DataLayer, planId = PLAN_ID) {
  const on = <T extends { planId: string }>(ref: T) => ({ ...ref, planId });
  for (const s of SUBMISSIONS) {
    const ref = on(s.ref);
    const dueAt = EXTENSIONS.find((e) => id(e.ref, e.ref.unitId) === id(s.ref, s.ref.unitId))?.extendedTo;
    const cutOff = dueAt ?? (CUT_OFFS[`${ref.obligationId}:${ref.period}`] as string);
    await data.deadlines.recordSubmission({
      instanceId: id(ref, ref.unitId),
      year: 2025,
      dueAt: cutOff,
      receipt: s.receipt,
      submittedAt: new Date(s.submittedAt),
      timeliness: timed(Date.parse(s.submittedAt), cutOff),
      submitter: { name: `Cán bộ ${ref.unitId}`, phone: "+84900000300" },
      fields: s.fields,
      ...(s.receipt === "A1-1" && {
        attachments: [
          {
            field: "bao-cao",
            key: "uploads/x",
            acceptedKey: ACCEPTED_KEY,
            sha256: "abc123",
            size: PDF.byteLength,
            kind: "pdf",
            contentType: "application/pdf",
            extension: "pdf",
            fileName: "Báo cáo quý I.pdf",
          },
        ],
      }),
      idempotencyKey: `key-${s.receipt}`,
    });
  }
  for (const r of REVIEWS) {
    const ref = on(r.ref);
    await data.table.put(
      reviewEntity.item({
        ...ref,
        instanceId: id(ref, ref.unitId),
        year: 2025,
        receipt: r.receipt,
        decision: r.decision,
        reason: r.reason,
        at: r.at,
        by: "pyt@example.org",
      }),
    );
  }
  for (const e of EXTENSIONS)
    await data.table.set(expectationEntity.key(on(e.ref)), { extendedTo: e.extendedTo });
  for (const s of STATES) await data.table.set(expectationEntity.key(on(s.ref)), { state: s.state });
  await data.deadlines.recordSends(
    SENDS.map((s) => {
      const ref = on(s.ref);
      return {
        claim: {
          instanceId: id(ref, ref.unitId),
          year: 2025,
          unitId: ref.unitId,
          stage: s.stage,
          channel: s.channel,
          recipient: s.recipient,
          claimedAt: s.at,
        },
        outcome:
          s.status === "sent"
            ? { status: "sent" as const, messageId: `m-${s.stage}`, attempts: 1, at: s.at }
            : { status: "failed" as const, error: "Throttling: rate exceeded", attempts: 3, at: s.at },
      };
    }),
  );
}

const figures = ({ expected, actual, reportingRate, actualOnTime, onTimeRate }: Figures) => ({
  expected,
  actual,
  reportingRate,
  actualOnTime,
  onTimeRate,
});
const statuses = (units: Array<{ unitId: string; status: string }>) =>
  Object.fromEntries(units.map((c) => [c.unitId, c.status]));

describe("the console's reads on DynamoDB Local (the small plan)", () => {
  let data: DataLayer;
  let deps: ConsoleReadDeps;
  let cold: () => ConsoleReadDeps;

  beforeAll(async () => {
    const fresh = await freshData();
    data = fresh.data;
    await publishPlan(data, smallPlan);
    await storeScenario(data);
    // A second plan under the same oversight body where nothing came in, and one under another.
    await publishPlan(data, { ...smallPlan, id: "xa-lang", title: "Kế hoạch xã Làng năm 2025" });
    await publishPlan(data, { ...smallPlan, id: "xa-khac", oversight: { id: "so-khac", name: "Sở khác" } });
    const s3 = localS3Client();
    await s3.send(new PutObjectCommand({ Bucket: ATTACHMENT_BUCKET, Key: ACCEPTED_KEY, Body: PDF }));
    const presign = attachmentPresigner(s3, ATTACHMENT_BUCKET);
    deps = { data, now: () => AS_OF, presign };
    // A data layer with nothing cached, as a new Lambda container has.
    cold = () => ({ data: dataLayer(fresh.doc, fresh.tableName), now: () => AS_OF, presign });
  });

  it("reads a plan's scope from its record, and nothing for an unknown plan", async () => {
    expect(await planScope(data, PLAN_ID)).toEqual({ planId: PLAN_ID, oversightId: "so-y-te-thu" });
    expect(await planScope(data, "khong-co")).toBeUndefined();
  });

  it("gives the overview in at most 3 requests cold and 2 warm, with the hand-computed figures", async () => {
    const c = cold();
    const before = c.data.table.requests.count;
    const view = await planOverview(c, PLAN_ID, 2025);
    expect(c.data.table.requests.count - before).toBeLessThanOrEqual(3);
    const warm = c.data.table.requests.count;
    await planOverview(c, PLAN_ID, 2025);
    expect(c.data.table.requests.count - warm).toBe(2);

    expect(view?.plan).toEqual({
      planId: PLAN_ID,
      title: "Kế hoạch chăm sóc sức khỏe ban đầu xã Thử năm 2025",
      number: "12/KH-UBND",
      issuerName: "UBND xã Thử",
      standingBodyName: "Trạm Y tế xã Thử",
      year: 2025,
      years: [2025],
    });
    expect(view?.report.rows.map(figures)).toEqual([
      { expected: 4, actual: 3, reportingRate: 75, actualOnTime: 2, onTimeRate: 50 },
      { expected: 4, actual: 2, reportingRate: 50, actualOnTime: 1, onTimeRate: 25 },
      { expected: 2, actual: 1, reportingRate: 50, actualOnTime: 1, onTimeRate: 50 },
    ]);
    expect(view?.report.totals).toEqual({
      expected: 7,
      actual: 5,
      reportingRate: 71.4,
      actualOnTime: 3,
      onTimeRate: 42.9,
    });
    expect(
      view?.lateNow.map((u) => [u.unitId, u.period, u.status, u.daysLate, u.remindersSent, u.failedSends]),
    ).toEqual([
      ["thon-c", "2025-Q1", "missing", 108, 2, 1],
      ["thon-a", "2025-Q2", "returned", 16, 1, 0],
    ]);
    expect(view?.lateNow[0]?.contact).toEqual({
      person: "Trưởng Thôn Tây",
      email: "thon-c@example.org",
      phone: "+84900000202",
    });
    expect(view?.series.map((p) => [p.month, p.onTimeRate])).toEqual([
      ["2025-03", 50],
      ["2025-06", 33.3],
    ]);
  });

  it("gives the timeliness table (the JSON API's) with each unit's status", async () => {
    const report = await timeliness(deps, PLAN_ID, 2025);
    expect(report?.rows.map((r) => [r.obligationId, r.period, statuses(r.units)])).toEqual([
      [
        "bao-cao-quy",
        "2025-Q1",
        { "thon-a": "on-time", "thon-b": "late", "thon-c": "missing", "thon-d": "on-time" },
      ],
      [
        "bao-cao-quy",
        "2025-Q2",
        { "thon-a": "returned", "thon-b": "late", "thon-c": "pending", "thon-d": "on-time" },
      ],
      [
        "danh-sach",
        "2025",
        { "thon-a": "on-time", "thon-b": "returned", "thon-c": "cancelled", "thon-d": "waived" },
      ],
    ]);
    expect(report?.totals.onTimeRate).toBe(42.9);
  });

  it("draws the heatmap in at most 3 requests", async () => {
    const c = cold();
    const before = c.data.table.requests.count;
    const view = await heatmap(c, PLAN_ID, 2025);
    expect(c.data.table.requests.count - before).toBeLessThanOrEqual(3);
    expect(view?.units.map((u) => u.unitName)).toEqual(["Thôn Đông", "Thôn Bắc", "Thôn Tây", "Thôn Nam"]);
    expect(view?.deadlines.map((d) => d.period)).toEqual(["2025-Q1", "2025-Q2", "2025"]);
    expect(view?.cells.map((row) => row.map((c) => c?.status))).toEqual([
      ["on-time", "returned", "on-time"],
      ["late", "late", "returned"],
      ["missing", "pending", "cancelled"],
      ["on-time", "on-time", "waived"],
    ]);
    expect(view?.cells[3]?.[0]).toMatchObject({
      extendedTo: "2025-04-05T17:00:00.000Z",
      dueAt: "2025-04-05T17:00:00.000Z",
    });
  });

  it("shows a deadline: units with versions, decisions and messages, and the escalations", async () => {
    const c = cold();
    const before = c.data.table.requests.count;
    const q1 = await deadlineView(c, D1);
    expect(c.data.table.requests.count - before).toBe(2);
    expect(q1?.deadline).toMatchObject({
      obligationId: "bao-cao-quy",
      period: "2025-Q1",
      periodText: "quý I/2025",
      timing: "trước ngày 25 của tháng cuối quý",
      kind: "deliverable",
      dueAt: "2025-03-25T00:00:00+07:00",
    });
    expect(q1?.deadline.originalDueAt).toBeUndefined();
    expect(q1 && figures(q1.figures)).toEqual({
      expected: 4,
      actual: 3,
      reportingRate: 75,
      actualOnTime: 2,
      onTimeRate: 50,
    });
    const c1 = q1?.units.find((u) => u.unitId === "thon-c");
    expect(c1?.messages).toEqual([
      {
        unitId: "thon-c",
        stage: "remind@2025-03-21T08:00:00+07:00",
        stageText: "Nhắc hạn 3 ngày trước",
        channel: "email",
        recipient: "thon-c@example.org",
        status: "sent",
        at: "2025-03-21T01:00:05.000Z",
      },
      {
        unitId: "thon-c",
        stage: "remind@2025-03-21T08:00:00+07:00",
        stageText: "Nhắc hạn 3 ngày trước",
        channel: "sms",
        recipient: "+84900000202",
        status: "failed",
        at: "2025-03-21T01:00:09.000Z",
        error: "Throttling: rate exceeded",
      },
      {
        unitId: "thon-c",
        stage: "manual@2025-04-02",
        stageText: "Nhắc ngay",
        channel: "email",
        recipient: "thon-c@example.org",
        status: "sent",
        at: "2025-04-02T03:00:00.000Z",
      },
    ]);
    expect(c1?.contacts.emails).toEqual(["thon-c@example.org"]);
    expect(q1?.escalations.map((m) => [m.stageText, m.recipient, m.status])).toEqual([
      ["Báo quá hạn lần 1", "bcd@example.org", "sent"],
    ]);

    const q2 = await deadlineView(deps, D2);
    const b = q2?.units.find((u) => u.unitId === "thon-b");
    expect(b?.versionsList).toEqual([
      {
        receipt: "B2-1",
        submittedAt: "2025-06-10T02:00:00.000Z",
        late: false,
        lateDays: 0,
        decision: "returned",
        reason: "Thiếu số liệu quý.",
      },
      {
        receipt: "B2-2",
        submittedAt: "2025-06-26T02:00:00.000Z",
        late: true,
        lateDays: 2,
        decision: "accepted",
      },
    ]);
    expect(q2?.units.find((u) => u.unitId === "thon-a")?.messages.map((m) => m.stageText)).toEqual([
      "Nhắc hạn 7 ngày trước",
      "Trả lại",
    ]);
    expect(await deadlineView(deps, { ...D1, period: "2025-Q3" })).toBeUndefined();
  });

  it("shows a deadline extended for every unit with its original cut-off", async () => {
    // As the console's "extend" does: the deadline keeps its first cut-off, the expectations follow.
    const ref = { ...D3, planId: "xa-lang" };
    await data.table.set(deadlineEntity.key(ref), {
      dueAt: "2025-09-16T00:00:00+07:00",
      originalDueAt: "2025-09-01T00:00:00+07:00",
    });
    const view = await deadlineView(deps, ref);
    expect(view?.deadline).toMatchObject({
      dueAt: "2025-09-16T00:00:00+07:00",
      originalDueAt: "2025-09-01T00:00:00+07:00",
    });
    expect(view?.units.map((u) => u.dueAt)).toEqual(Array(4).fill("2025-09-16T00:00:00+07:00"));
  });

  it("shows a submission: fields in form order, history, status, and a 5-minute download of the pinned copy", async () => {
    const view = await submissionView(deps, id(D2, "thon-b"), "B2-2");
    expect(view).toMatchObject({
      receipt: "B2-2",
      submittedAt: "2025-06-26T02:00:00.000Z",
      status: "late",
      isLatest: true,
      unit: { unitId: "thon-b", unitName: "Thôn Bắc" },
      submitter: { name: "Cán bộ thon-b", phone: "+84900000300" },
      deadline: { period: "2025-Q2", periodText: "quý II/2025" },
    });
    expect(view?.fields.map((f) => [f.field.id, f.value])).toEqual([
      ["tom-tat", "Đã thực hiện theo kế hoạch."],
      ["ty-le-kham", 88],
    ]);
    expect(view?.history.map((v) => [v.receipt, v.decision])).toEqual([
      ["B2-1", "returned"],
      ["B2-2", "accepted"],
    ]);
    expect((await submissionView(deps, id(D2, "thon-b"), "B2-1"))?.isLatest).toBe(false);
    expect(await submissionView(deps, id(D2, "thon-b"), "khong-co")).toBeUndefined();
    expect(await submissionView(deps, "not-an-instance", "B2-2")).toBeUndefined();

    const withFile = await submissionView(deps, id(D1, "thon-a"), "A1-1");
    const [file] = withFile?.attachments ?? [];
    expect(file).toMatchObject({ field: "bao-cao", fileName: "Báo cáo quý I.pdf", size: PDF.byteLength });
    const url = new URL(file?.url ?? "");
    expect(url.searchParams.get("X-Amz-Expires")).toBe(String(PRESIGNED_GET_SECONDS));
    expect(url.searchParams.get("response-content-disposition")).toMatch(/^attachment; filename="/);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="Bao_cao_quy_I.pdf"/);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
  });

  it("shows a unit's year: its deadlines by cut-off, its contacts and its figures", async () => {
    const c = cold();
    const before = c.data.table.requests.count;
    const view = await unitView(c, PLAN_ID, "thon-c", 2025);
    expect(c.data.table.requests.count - before).toBeLessThanOrEqual(4);
    expect(view?.unit).toEqual({
      unitId: "thon-c",
      name: "Thôn Tây",
      contacts: { person: "Trưởng Thôn Tây", emails: ["thon-c@example.org"], phones: ["+84900000202"] },
    });
    expect(view?.deadlines.map((d) => [d.period, d.status, d.dueAt])).toEqual([
      ["2025-Q1", "missing", "2025-03-25T00:00:00+07:00"],
      ["2025-Q2", "pending", "2025-07-31T17:00:00.000Z"],
      ["2025", "cancelled", "2025-09-01T00:00:00+07:00"],
    ]);
    // Only Q1 is due for it: 1 expected, nothing in.
    expect(view?.figures).toEqual({
      expected: 1,
      actual: 0,
      reportingRate: 0,
      actualOnTime: 0,
      onTimeRate: 0,
    });
    // A returned version is read through the byUnit index too.
    const a = await unitView(deps, PLAN_ID, "thon-a", 2025);
    expect(a?.deadlines.map((d) => d.status)).toEqual(["on-time", "returned", "on-time"]);
    expect(await unitView(deps, PLAN_ID, "khong-co", 2025)).toBeUndefined();
  });

  it("shows the targets against the values reported through the form", async () => {
    const c = cold();
    const before = c.data.table.requests.count;
    const view = await targetsView(c, PLAN_ID, 2025);
    // The plan's partition, its deadlines, and the two deadlines whose form reports on the target.
    expect(c.data.table.requests.count - before).toBe(4);
    expect(view?.targets).toHaveLength(1);
    expect(
      view?.targets[0]?.units.map((u) => [u.unitName, u.target?.value, u.reported?.value, u.met]),
    ).toEqual([
      ["Thôn Đông", 86, 80, false],
      ["Thôn Bắc", 90, 88, false],
      ["Thôn Tây", 86, undefined, undefined],
      ["Thôn Nam", 86, 87.5, true],
    ]);
  });

  it("shows the audit log newest first, in Vietnamese", async () => {
    const entry = (n: number, action: "extend" | "waive", at: string) =>
      auditEntity.item({
        planId: PLAN_ID,
        id: `${at}-${n}`,
        at,
        actor: { email: "pyt@example.org", role: "standing-body" },
        action,
        target: { deadline: "bao-cao-quy:2025-Q2", unit: "thon-c" },
        ...(action === "extend" && {
          before: { dueAt: CUT_OFFS["bao-cao-quy:2025-Q2"] },
          after: { extendedTo: "2025-07-31" },
        }),
        reason: n === 1 ? "Thôn Tây mất điện cả tuần" : "Thôn Nam không có người cao tuổi",
      });
    await data.table.put(entry(1, "extend", "2025-06-20T03:00:00.000Z"));
    await data.table.put(entry(2, "waive", "2025-08-01T03:00:00.000Z"));
    const view = await auditView(deps, PLAN_ID);
    expect(view?.entries.map((e) => [e.actionText, e.reason])).toEqual([
      ["Miễn nộp", "Thôn Nam không có người cao tuổi"],
      ["Gia hạn", "Thôn Tây mất điện cả tuần"],
    ]);
    expect(view?.entries[1]?.after).toEqual({ extendedTo: "2025-07-31" });
  });

  it("ranks the plans under an oversight body by on-time rate: first 1 request + 1 per plan + their snapshots put", async () => {
    const c = cold();
    const before = c.data.table.requests.count;
    const view = await ranking(c, "so-y-te-thu", 2025);
    // The oversight partition, each plan-year's partition, one batch of the 2 snapshots.
    expect(c.data.table.requests.count - before).toBe(1 + 2 + 1);
    expect(view?.plans.map((p) => p.computedAt)).toEqual([AS_OF.toISOString(), AS_OF.toISOString()]);
    expect(view?.oversight).toEqual({ id: "so-y-te-thu", name: "Sở Y tế tỉnh Thử" });
    // xa-lang: nothing came in; Q1 and Q2 are due for its 4 units → 8 missing, 8 late now.
    expect(view?.plans.map((p) => [p.planId, p.onTimeRate, p.reportingRate, p.expected, p.lateNow])).toEqual([
      [PLAN_ID, 42.9, 71.4, 7, 2],
      ["xa-lang", 0, 0, 8, 8],
    ]);
    expect(view?.plans[0]?.issuerName).toBe("UBND xã Thử");
    expect(await ranking(deps, "khong-co", 2025)).toBeUndefined();
  });

  it("gives a deadline's submissions table: the latest version's values per unit", async () => {
    const table = await submissionsTable(deps, D2);
    expect(table?.fields.map((f) => f.id)).toEqual(["tom-tat", "ty-le-kham"]);
    expect(
      table?.rows.map((r) => [r.unitId, r.status, r.receipt, r.lateDays, r.values["ty-le-kham"]]),
    ).toEqual([
      ["thon-a", "returned", "A2-1", undefined, 99],
      ["thon-b", "late", "B2-2", 2, 88],
      ["thon-c", "pending", undefined, undefined, undefined],
      ["thon-d", "on-time", "D2-2", undefined, 87.5],
    ]);
  });

  it("finds nothing for an unknown plan or a year the plan does not run", async () => {
    expect(await planOverview(deps, "khong-co", 2025)).toBeUndefined();
    expect(await planOverview(deps, PLAN_ID, 2024)).toBeUndefined();
    expect(await heatmap(deps, PLAN_ID, 2026)).toBeUndefined();
    expect(await timeliness(deps, "khong-co", 2025)).toBeUndefined();
    expect(await targetsView(deps, "khong-co", 2025)).toBeUndefined();
    expect(await auditView(deps, "khong-co")).toBeUndefined();
  });
});

describe("the lifecycle's messages in the overview", () => {
  it("lists the reminders and escalations the lifecycle sent (their records carry the plan year)", async () => {
    const { data } = await freshData({ cacheTtlMs: 0 });
    await publishPlan(data, smallPlan);
    let clock = new Date("2025-03-21T01:00:00Z");
    let n = 0;
    const lifecycle = {
      data,
      email: { sendEmail: async () => ({ messageId: `e${++n}` }) },
      sms: {
        sendSms: async () => {
          throw new Error("nhà mạng từ chối");
        },
      },
      keyring: { current: "k", keys: { k: Buffer.alloc(32, 3) } },
      now: () => clock,
      baseUrl: "http://127.0.0.1:3000",
      sleep: async () => {},
    };
    await remind(lifecycle, D1 as DeadlineRef, "remind@2025-03-21T08:00:00+07:00");
    clock = new Date("2025-03-27T01:00:00Z");
    // As the lifecycle does: the cut-off's mark first, then the escalation.
    await markOverdue(lifecycle, D1);
    await escalate(lifecycle, D1, "escalation-1", 1);

    const view = await planOverview({ data, now: () => AS_OF }, PLAN_ID, 2025);
    const q1 = view?.lateNow.filter((u) => u.period === "2025-Q1");
    // Each hamlet: one email sent, one SMS failed (three attempts, one record).
    expect(q1?.map((u) => [u.unitId, u.remindersSent, u.failedSends])).toEqual([
      ["thon-a", 1, 1],
      ["thon-b", 1, 1],
      ["thon-c", 1, 1],
      ["thon-d", 1, 1],
    ]);
    const deadline = await deadlineView({ data, now: () => AS_OF }, D1);
    expect(deadline?.escalations.map((m) => m.recipient).sort()).toEqual([
      "bcd@example.org",
      "tyt@example.org",
    ]);
    expect(parseInstanceId(deadline?.units[0]?.instanceId ?? "")?.unitId).toBe("thon-a");
  });
});

describe("a day held and a quarter's data window in the console's reads (test/fixtures/real-phrases.yaml)", () => {
  it("carries the day held through the plan index to the overview, heatmap and unit page, and the data window to the deadline page", async () => {
    const { data } = await freshData();
    await publishPlan(data, parsePlan(readFileSync("test/fixtures/real-phrases.yaml", "utf8")));
    const planId = "thu-nghiem-cum-tu";
    const reads = { data, now: () => new Date("2026-07-20T02:00:00Z") };
    const heldOn = (rows: ReadonlyArray<{ obligationId: string; heldOn?: string }> | undefined) =>
      Object.fromEntries((rows ?? []).flatMap((r) => (r.heldOn ? [[r.obligationId, r.heldOn]] : [])));
    const held = {
      "hoi-nghi-trien-khai": "2026-02-12",
      "ngay-dan-so-the-gioi": "2026-07-11",
      "truyen-thong-dan-so": "2026-07-11",
    };
    // The overview and the heatmap read the deadlines through the byPlan index: its projection has heldOn.
    expect(heldOn((await planOverview(reads, planId, 2026))?.report.rows)).toEqual(held);
    expect(heldOn((await heatmap(reads, planId, 2026))?.deadlines)).toEqual(held);
    expect(heldOn((await unitView(reads, planId, "ubnd", 2026))?.deadlines)).toEqual({
      "hoi-nghi-trien-khai": "2026-02-12",
      "ngay-dan-so-the-gioi": "2026-07-11",
    });
    const day = await deadlineView(reads, { planId, obligationId: "ngay-dan-so-the-gioi", period: "2026" });
    expect(day?.deadline).toMatchObject({ heldOn: "2026-07-11", dueAt: "2026-07-16T00:00:00+07:00" });
    expect(day?.deadline).not.toHaveProperty("covers");
    const quarter = await deadlineView(reads, { planId, obligationId: "bao-cao-quy", period: "2026-Q1" });
    expect(quarter?.deadline.covers).toEqual({ from: "2025-12-15", to: "2026-03-14" });
    expect(quarter?.deadline).not.toHaveProperty("heldOn");
  });
});
