import { describe, expect, it } from "vitest";
import { publishPlan } from "../../functions/use-cases/publish-plan";
import { freshData, storedSubmissions } from "../support/data";
import { deadline, fixture, submit } from "./fixtures";

async function published() {
  // Definitions are re-read at once, so that each read below shows what is stored.
  const { data } = await freshData({ cacheTtlMs: 0 });
  await publishPlan(data, fixture);
  return data;
}

describe("DeadlineRepository on DynamoDB Local", () => {
  it("stores a submission once with one request, finds it again on retry, and refuses a reused key with another payload", async () => {
    const data = await published();
    const id = "thu-nghiem:bao-cao-quy:2025-Q1:tyt";
    const onTime = new Date("2025-03-24T16:59:00Z"); // 23:59 on 24/03 in Vietnam
    const before = data.table.requests.count;
    expect((await submit(data, id, "key-1", onTime)).outcome).toBe("created");
    expect(data.table.requests.count - before).toBe(2); // the definition (TTL 0 here) and the PutItem

    expect((await submit(data, id, "key-1", onTime)).outcome).toBe("duplicate");
    expect((await submit(data, id, "key-1", onTime, { "tom-tat": "khác" })).outcome).toBe("conflict");
    expect(await storedSubmissions(data, id)).toHaveLength(1);
    expect((await data.deadlines.expectation(id))?.expectation).toMatchObject({
      status: "submitted",
      late: false,
      versions: 1,
    });

    // A correction a minute after the cut-off is kept as a second version; the report stays on time.
    expect((await submit(data, id, "key-2", new Date("2025-03-24T17:01:00Z"))).outcome).toBe("created");
    expect((await storedSubmissions(data, id)).map((v) => [v.late, v.lateDays])).toEqual([
      [false, 0],
      [true, 1],
    ]);
    expect((await data.deadlines.expectation(id))?.expectation).toMatchObject({
      status: "submitted",
      versions: 2,
    });
  });

  it("serves a unit's deadlines by due date, its open ones and a date range from the byUnit index", async () => {
    const data = await published();
    await submit(data, "thu-nghiem:bao-cao-quy:2025-Q1:tyt", "k", new Date("2025-03-01T00:00:00Z"));
    const all = await data.deadlines.unitExpectations("thu-nghiem", "tyt");
    expect(all.map((e) => e.dueAt)).toEqual([...all.map((e) => e.dueAt)].sort());
    expect(await data.deadlines.unitOpenExpectations("thu-nghiem", "tyt")).toHaveLength(all.length - 1);
    const q1 = await data.deadlines.unitExpectations("thu-nghiem", "tyt", {
      from: "2025-03-01",
      to: "2025-04-02",
    });
    expect(q1.map((e) => e.obligationId).sort()).toEqual([
      "bao-cao-quy",
      "bao-cao-thang",
      "danh-sach",
      "hop",
    ]);
  });

  it("marks a unit overdue once, and a late submission still counts as submitted", async () => {
    const data = await published();
    const id = "thu-nghiem:ke-hoach:2025:to-1";
    expect(await data.deadlines.markOverdue(id)).toBe(true);
    expect(await data.deadlines.markOverdue(id)).toBe(false); // only once
    expect((await data.deadlines.expectation(id))?.expectation.status).toBe("overdue");
    await submit(data, id, "late-1", new Date("2025-02-01T03:00:00Z"));
    expect((await data.deadlines.expectation(id))?.expectation).toMatchObject({
      status: "submitted",
      late: true,
      lateDays: 13,
    });
  });

  it("reads a deadline's lifecycle in one Query: definition, units, stages done and sends", async () => {
    const data = await published();
    const ref = deadline("thu-nghiem:ke-hoach:2025");
    await data.deadlines.markStageDone(ref, "overdue");
    const claim = {
      instanceId: "thu-nghiem:ke-hoach:2025:to-1",
      unitId: "to-1",
      stage: "remind@x",
      channel: "email" as const,
      recipient: "to1@example.org",
      claimedAt: "2025-01-01T00:00:00Z",
    };
    expect(await data.deadlines.claimSends([claim])).toEqual([true]);
    const before = data.table.requests.count;
    const s = await data.deadlines.lifecycleSnapshot(ref);
    expect(data.table.requests.count - before).toBe(1);
    expect(s?.definition.obligationId).toBe("ke-hoach");
    expect([...(s?.stagesDone ?? [])]).toEqual(["overdue"]);
    expect(s?.units.map((u) => u.unitId).sort()).toEqual(["to-1", "to-2"]);
    expect(s?.sends).toMatchObject([{ recipient: "to1@example.org", status: "sending" }]);
  });

  it("claims a group of sends in one request, and each only once when claims race", async () => {
    const data = await published();
    const claims = ["a", "b", "c"].map((r) => ({
      instanceId: "thu-nghiem:ke-hoach:2025:to-2",
      unitId: "to-2",
      stage: "remind@y",
      channel: "email" as const,
      recipient: `${r}@example.org`,
      claimedAt: "2025-01-01T00:00:00Z",
    }));
    const before = data.table.requests.count;
    expect(await data.deadlines.claimSends(claims.slice(0, 2))).toEqual([true, true]);
    expect(data.table.requests.count - before).toBe(1);
    // "a" and "b" are claimed already: the transaction fails, and each is claimed alone.
    const [x, y] = await Promise.all([data.deadlines.claimSends(claims), data.deadlines.claimSends(claims)]);
    expect(x.map((ok, i) => ok || y[i])).toEqual([false, false, true]);
    expect(x.filter(Boolean).length + y.filter(Boolean).length).toBe(1);

    const third = claims[2] as (typeof claims)[number];
    await data.deadlines.recordSends([
      { claim: third, outcome: { status: "sent", messageId: "m", attempts: 1, at: "2025-01-01T00:01:00Z" } },
    ]);
    const sends = (await data.deadlines.lifecycleSnapshot(deadline("thu-nghiem:ke-hoach:2025")))?.sends ?? [];
    expect(sends.find((s) => s.recipient === "c@example.org")).toMatchObject({
      status: "sent",
      messageId: "m",
    });
  });

  it("writes a stage done with the records, a short link with the claims, and reads the older set of stages", async () => {
    const data = await published();
    const ref = deadline("thu-nghiem:ke-hoach:2025");
    // A deadline under way before the stage items: its stages are in the lifecycle item's set.
    await data.table.set(
      { pk: "DEADLINE#thu-nghiem#ke-hoach#2025", sk: "LIFECYCLE" },
      { type: "lifecycle", planId: "thu-nghiem", obligationId: "ke-hoach", period: "2025" },
    );
    await data.table.update(
      { pk: "DEADLINE#thu-nghiem#ke-hoach#2025", sk: "LIFECYCLE" },
      { UpdateExpression: "ADD stagesDone :s", ExpressionAttributeValues: { ":s": new Set(["remind@a"]) } },
    );
    const claim = {
      instanceId: "thu-nghiem:ke-hoach:2025:to-1",
      unitId: "to-1",
      stage: "remind@b",
      channel: "sms" as const,
      recipient: "+84900000001",
      claimedAt: "2025-01-01T00:00:00Z",
      shortLinkId: "abcdef12",
      linkExpiresAt: 2e9,
    };
    const link = { id: "abcdef12", instanceId: claim.instanceId, keyId: "k1", expiresAt: 2e9 };
    let before = data.table.requests.count;
    // One transaction: the claim and the short link its SMS carries.
    expect(await data.deadlines.claimSends([claim], [data.shortLinks.saving(link, new Date())])).toEqual([
      true,
    ]);
    expect(data.table.requests.count - before).toBe(1);
    expect(await data.shortLinks.resolve("abcdef12")).toMatchObject({
      instanceId: claim.instanceId,
      keyId: "k1",
    });

    before = data.table.requests.count;
    await data.deadlines.recordSends(
      [{ claim, outcome: { status: "sent", messageId: "m", attempts: 1, at: "2025-01-01T00:01:00Z" } }],
      { ref, stage: "remind@b", at: "2025-01-01T00:01:00Z" },
    );
    expect(data.table.requests.count - before).toBe(1); // one BatchWriteItem: the record and the stage
    const s = await data.deadlines.lifecycleSnapshot(ref);
    expect([...(s?.stagesDone ?? [])].sort()).toEqual(["remind@a", "remind@b"]);
    expect(s?.sends).toMatchObject([{ recipient: "+84900000001", status: "sent", shortLinkId: "abcdef12" }]);
  });
});
