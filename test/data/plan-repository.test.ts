import { readFileSync } from "node:fs";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { DataModelMismatchError } from "../../functions/data";
import { publishPlan } from "../../functions/use-cases/publish-plan";
import { parsePlan } from "../../shared/plan/load";
import type { PlanFile } from "../../shared/plan/schema";
import { freshData, storedSubmissions } from "../support/data";
import { deadline, fixture, submit } from "./fixtures";

describe("publishing a plan and reading across it (PlanRepository on DynamoDB Local)", () => {
  it("publishes a plan's deadlines, and publishing it again writes nothing", async () => {
    const { data } = await freshData();
    const first = await publishPlan(data, fixture);
    expect(first.changed).toBe(true);
    expect(first.expectations).toBeGreaterThan(40);
    expect(await publishPlan(data, fixture)).toEqual({
      changed: false,
      expectations: 0,
      cancelled: 0,
      requests: 1,
    });
    const q1 = await data.deadlines.expectation("thu-nghiem:bao-cao-quy:2025-Q1:tyt");
    expect(q1?.expectation).toMatchObject({
      status: "pending",
      dueAt: "2025-03-25T00:00:00+07:00",
      versions: 0,
    });
    expect(q1?.expectation.form.map((f) => f.id)).toEqual(["tom-tat"]);
  });

  it("publishes an amended plan: changed dates updated, submissions and states kept, dropped deadlines cancelled", async () => {
    const { data } = await freshData({ cacheTtlMs: 0 });
    await publishPlan(data, fixture);
    const id = "thu-nghiem:bao-cao-quy:2025-Q1:tyt";
    await submit(data, id, "k1", new Date("2025-03-24T16:59:00Z"));
    await data.deadlines.markOverdue("thu-nghiem:ke-hoach:2025:to-1");
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
    const result = await publishPlan(data, amended);
    expect(result).toMatchObject({ changed: true, cancelled: 4 });
    // Lateness follows the current cut-off: the version of 24/03 is now late against 15/03.
    expect((await data.deadlines.expectation(id))?.expectation).toMatchObject({
      dueAt: "2025-03-15T00:00:00+07:00",
      status: "submitted",
      late: true,
    });
    expect(await storedSubmissions(data, id)).toHaveLength(1);
    expect((await data.deadlines.expectation("thu-nghiem:ke-hoach:2025:to-1"))?.expectation.state).toBe(
      "overdue",
    );
    expect((await data.deadlines.expectation("thu-nghiem:hop:2025-Q2:tyt"))?.expectation.status).toBe(
      "cancelled",
    );
    expect((await data.deadlines.definition(deadline("thu-nghiem:hop:2025-Q2")))?.state).toBe("cancelled");
  });

  it("refuses to publish over data written in another data model, rather than misread it", async () => {
    const { data, doc, tableName } = await freshData();
    await doc.send(
      new PutCommand({ TableName: tableName, Item: { pk: "PLAN#thu-nghiem", sk: "PLAN", contentHash: "x" } }),
    );
    await expect(publishPlan(data, fixture)).rejects.toThrow(DataModelMismatchError);
  });

  it("lists the deadlines whose lifecycle still runs at an instant with one Query", async () => {
    const { data } = await freshData();
    await publishPlan(data, fixture);
    const before = data.table.requests.count;
    const running = await data.plans.deadlinesRunningAt("thu-nghiem", new Date("2025-07-01T00:00:00Z"));
    expect(data.table.requests.count - before).toBe(1);
    const all = await data.plans.deadlinesRunningAt("thu-nghiem", new Date("2024-01-01T00:00:00Z"));
    // Those ended by July are left out: the January plan is, the December reports are not.
    expect(all.length).toBeGreaterThan(running.length);
    expect(running.some((d) => d.obligationId === "ke-hoach")).toBe(false);
    expect(running.every((d) => d.dueAt > "2025-05")).toBe(true);
  });

  it("reads a plan-year's overview (every unit's status on every deadline) in at most 3 requests", async () => {
    const { data } = await freshData();
    const plan = parsePlan(readFileSync("plans/long-bien-2025.yaml", "utf8"));
    await publishPlan(data, plan);
    const instance = "long-bien-2025:ke-hoach-phuong:2025:p-thach-ban";
    await submit(data, instance, "k", new Date("2025-01-10T03:00:00Z"));
    const before = data.table.requests.count;
    const overview = await data.plans.overview(plan.id, 2025);
    expect(data.table.requests.count - before).toBeLessThanOrEqual(3);
    expect(overview.cells).toHaveLength(173);
    expect(overview.deadlines).toHaveLength(
      new Set(overview.cells.map((c) => `${c.obligationId}/${c.period}`)).size,
    );
    expect(overview.cells.find((c) => c.instanceId === instance)).toMatchObject({
      status: "submitted",
      late: false,
    });
    const wardPlans = overview.cells.filter((c) => c.obligationId === "ke-hoach-phuong");
    expect(wardPlans).toHaveLength(14);
    expect(wardPlans.filter((c) => c.status === "pending")).toHaveLength(13);
  });
});
