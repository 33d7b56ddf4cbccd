import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { DataModelMismatchError, DeadlineStore } from "../../functions/commons/deadline-store";
import { parsePlan } from "../../shared/plan/load";
import type { PlanFile } from "../../shared/plan/schema";
import { receiptNumber } from "../../shared/submission/receipt";
import { timeliness } from "../../shared/submission/status";
import { freshTable } from "../support/dynamodb";

const fixture = parsePlan(readFileSync("test/fixtures/all-rules.yaml", "utf8"));
const submitter = { name: "Nguyễn Văn A", phone: "+84912345678" };

describe("DeadlineStore on DynamoDB Local", () => {
  let store: DeadlineStore;
  beforeAll(async () => {
    const { doc, tableName } = await freshTable();
    // Definitions are re-read at once, so that an amended plan shows immediately in these tests.
    store = new DeadlineStore(doc, tableName, { definitionTtlMs: 0 });
  });

  async function submit(
    instanceId: string,
    key: string,
    at: Date,
    fields: Record<string, unknown> = { "tom-tat": "x" },
  ) {
    const [planId, obligationId, period] = instanceId.split(":") as [string, string, string];
    const definition = await store.deadlineDefinition({ planId, obligationId, period });
    if (!definition) throw new Error(`no deadline for ${instanceId}`);
    return store.recordSubmission({
      instanceId,
      dueAt: definition.dueAt,
      receipt: receiptNumber(instanceId, key),
      submittedAt: at,
      timeliness: timeliness(at.getTime(), definition.dueAt),
      submitter,
      fields,
      idempotencyKey: key,
    });
  }
  const expectation = async (id: string) => (await store.getExpectation(id))?.expectation;

  it("publishes a plan's deadlines, and publishing it again writes nothing", async () => {
    const first = await store.publishPlan(fixture);
    expect(first.changed).toBe(true);
    expect(first.expectations).toBeGreaterThan(40);
    const again = await store.publishPlan(fixture);
    expect(again).toEqual({ changed: false, expectations: 0, cancelled: 0, requests: 1 });

    const quarterly = await store.deadlineExpectations("thu-nghiem", "bao-cao-quy", "2025-Q1");
    expect(quarterly).toHaveLength(1);
    expect(quarterly[0]).toMatchObject({
      unitId: "tyt",
      status: "pending",
      dueAt: "2025-03-25T00:00:00+07:00",
      versions: 0,
    });
    expect(quarterly[0]?.form.map((f) => f.id)).toEqual(["tom-tat"]);
  });

  it("stores a submission once with one request, finds it again on retry, and refuses a reused key with another payload", async () => {
    const id = "thu-nghiem:bao-cao-quy:2025-Q1:tyt";
    await store.deadlineDefinition({ planId: "thu-nghiem", obligationId: "bao-cao-quy", period: "2025-Q1" });
    const onTime = new Date("2025-03-24T16:59:00Z"); // 23:59 on 24/03 in Vietnam
    const before = store.requests.count;
    const created = await submit(id, "key-1", onTime);
    expect(created.outcome).toBe("created");
    expect(store.requests.count - before).toBe(2); // the definition (TTL 0 here) and the PutItem

    expect((await submit(id, "key-1", onTime)).outcome).toBe("duplicate");
    expect((await submit(id, "key-1", onTime, { "tom-tat": "khác" })).outcome).toBe("conflict");
    expect(await store.submissionsFor(id)).toHaveLength(1);
    expect(await expectation(id)).toMatchObject({ status: "submitted", late: false, versions: 1 });

    // A correction a minute after the cut-off is kept as a second version; the report stays on time.
    expect((await submit(id, "key-2", new Date("2025-03-24T17:01:00Z"))).outcome).toBe("created");
    const versions = await store.submissionsFor(id);
    expect(versions.map((v) => [v.late, v.lateDays])).toEqual([
      [false, 0],
      [true, 1],
    ]);
    expect(await expectation(id)).toMatchObject({ status: "submitted", late: false, versions: 2 });
  });

  it("serves a unit's deadlines, open deadlines and submission history from the byUnit index", async () => {
    const all = await store.unitExpectations("thu-nghiem", "tyt");
    expect(all.map((e) => e.dueAt)).toEqual([...all.map((e) => e.dueAt)].sort());
    const open = await store.unitOpenExpectations("thu-nghiem", "tyt");
    expect(open).toHaveLength(all.length - 1);
    const q1 = await store.unitExpectations("thu-nghiem", "tyt", { from: "2025-03-01", to: "2025-04-02" });
    expect(q1.map((e) => e.obligationId).sort()).toEqual([
      "bao-cao-quy",
      "bao-cao-thang",
      "danh-sach",
      "hop",
    ]);
    expect(await store.unitSubmissions("thu-nghiem", "tyt")).toHaveLength(2);
    expect(await store.pendingUnits("thu-nghiem", "bao-cao-quy", "2025-Q1")).toEqual([]);
    expect((await store.pendingUnits("thu-nghiem", "ke-hoach", "2025")).map((e) => e.unitId).sort()).toEqual([
      "to-1",
      "to-2",
    ]);
  });

  it("marks units overdue and lists them across the plan until they submit", async () => {
    const id = "thu-nghiem:ke-hoach:2025:to-1";
    expect(await store.markOverdue(id)).toBe(true);
    expect(await store.markOverdue(id)).toBe(false); // only once
    expect(await store.markOverdue("thu-nghiem:ke-hoach:2025:to-2")).toBe(true);
    expect((await store.overdueExpectations("thu-nghiem")).map((e) => e.unitId)).toEqual(["to-1", "to-2"]);
    await submit(id, "late-1", new Date("2025-02-01T03:00:00Z"));
    const overdue = await store.overdueExpectations("thu-nghiem");
    expect(overdue.map((e) => e.unitId)).toEqual(["to-2"]);
    expect(await expectation(id)).toMatchObject({ status: "submitted", late: true, lateDays: 13 });
  });

  it("publishes an amended plan: changed dates updated, submissions kept, dropped deadlines cancelled", async () => {
    const amended: PlanFile = {
      ...fixture,
      obligations: fixture.obligations
        .filter((o) => o.id !== "hop")
        .map((o) =>
          o.id === "bao-cao-quy"
            ? {
                ...o,
                timing: "trước ngày 15 của tháng cuối quý",
                schedule: { ...o.schedule, day: 15 } as typeof o.schedule,
              }
            : o,
        ),
    };
    const result = await store.publishPlan(amended);
    expect(result.changed).toBe(true);
    expect(result.cancelled).toBe(4);
    const q1 = await expectation("thu-nghiem:bao-cao-quy:2025-Q1:tyt");
    // Lateness follows the current cut-off: the first version (24/03) is now late against 15/03.
    expect(q1).toMatchObject({
      dueAt: "2025-03-15T00:00:00+07:00",
      status: "submitted",
      versions: 2,
      late: true,
    });
    expect(await store.submissionsFor("thu-nghiem:bao-cao-quy:2025-Q1:tyt")).toHaveLength(2);
    expect(await expectation("thu-nghiem:hop:2025-Q2:tyt")).toMatchObject({ status: "cancelled" });
    expect(
      (await store.deadlineDefinition({ planId: "thu-nghiem", obligationId: "hop", period: "2025-Q2" }))
        ?.state,
    ).toBe("cancelled");
  });

  it("refuses to publish over data written in another data model, rather than misread it", async () => {
    const { doc, tableName } = await freshTable();
    const { PutCommand } = await import("@aws-sdk/lib-dynamodb");
    await doc.send(
      new PutCommand({ TableName: tableName, Item: { pk: "PLAN#thu-nghiem", sk: "PLAN", contentHash: "x" } }),
    );
    await expect(new DeadlineStore(doc, tableName).publishPlan(fixture)).rejects.toThrow(
      DataModelMismatchError,
    );
  });

  it("publishes the Long Biên 2025 plan: 173 deadlines for its units", async () => {
    const plan = parsePlan(readFileSync("plans/long-bien-2025.yaml", "utf8"));
    const result = await store.publishPlan(plan);
    expect(result.expectations).toBe(173);
    const wardPlans = await store.deadlineExpectations("long-bien-2025", "ke-hoach-phuong", "2025");
    expect(wardPlans).toHaveLength(14);
    expect(wardPlans.every((e) => e.dueText === "hạn chót: 23:59 ngày 19/01/2025")).toBe(true);
  });
});
