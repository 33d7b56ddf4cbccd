/**
 * A document read for the plan running under its id, on DynamoDB Local: the Long Biên 2025 seed
 * imported as `long-bien-2025` over the published hand-encoded plan. The reader names units and
 * obligations its own way (`ubnd` for `ubnd-quan`, ids from titles); the draft is put on the
 * running ids, so publishing it keeps the running expectations, and what was recorded on them,
 * and cancels exactly as many as the draft page said.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { DataLayer } from "../../functions/data";
import {
  createDraftFromDocument,
  type DraftDeps,
  draftPlanOf,
  draftViewFor,
  publishDraft,
} from "../../functions/use-cases/console/drafts";
import { expectationsKept } from "../../functions/use-cases/console/drafts/view";
import { publishPlan } from "../../functions/use-cases/publish-plan";
import { planDeadlines } from "../../shared/calendar/deadlines";
import type { ConsoleUser } from "../../shared/console/access";
import { extractDocumentBytes } from "../../shared/plan/intake/document";
import { readPlan } from "../../shared/plan/intake/read";
import { loadPlan } from "../../shared/plan/load";
import { PlanFile } from "../../shared/plan/schema";
import { timeliness } from "../../shared/submission/status";
import { freshData } from "../support/data";

const SEED = "/work/shared/seeds/long-bien-2025-primary-health-care-plan.txt";
const PLAN_ID = "long-bien-2025";
const NOW = new Date("2025-11-20T09:00:00+07:00");
const OFFICE: ConsoleUser = {
  id: "1",
  email: "vanphong@longbien.example.org",
  role: "standing-body",
  plans: [PLAN_ID],
  oversight: [],
};

describe("a document read for the running plan keeps its ids on DynamoDB Local", () => {
  let data: DataLayer;
  let deps: DraftDeps;
  let running: PlanFile;

  beforeAll(async () => {
    ({ data } = await freshData({ cacheTtlMs: 0 }));
    deps = { data, now: () => NOW, calendar: { start: async () => {} } };
    running = await loadPlan("plans/long-bien-2025.yaml");
    await publishPlan(data, running, NOW);
  }, 60_000);

  it("publishing the Long Biên seed over the running plan keeps a recorded submission on an open expectation, and cancels what the draft page said", async () => {
    // A ward the reader names otherwise ("Th. Thanh": p-th-thanh), on the plan's wards' own plan.
    const instance = planDeadlines(running)
      .flatMap((d) => d.instances)
      .find((i) => i.obligationId === "ke-hoach-phuong" && i.unitId === "p-thuong-thanh");
    if (!instance) throw new Error("no ke-hoach-phuong expectation for p-thuong-thanh");
    const submittedAt = new Date(Date.parse(instance.dueAt) - 86_400_000);
    const recorded = await data.deadlines.recordSubmission({
      instanceId: instance.id,
      year: 2025,
      dueAt: instance.dueAt,
      receipt: "KH-TT-1",
      submittedAt,
      timeliness: timeliness(submittedAt.getTime(), instance.dueAt),
      submitter: { name: "Cán bộ phường Thượng Thanh", phone: "+84900000301" },
      fields: { "ghi-chu": "Kế hoạch của phường" },
      idempotencyKey: "kh-tt-1",
    });
    expect(recorded.outcome).toBe("created");

    const bytes = readFileSync(SEED);
    const created = await createDraftFromDocument(deps, OFFICE, PLAN_ID, "ke-hoach.txt", bytes);
    if (!created.ok) throw new Error(created.message);
    const draft = draftPlanOf(created.draft);
    expect(draft.units?.some((u) => u.id === "p-thuong-thanh")).toBe(true);
    expect(draft.obligations?.some((o) => o.id === "ke-hoach-phuong")).toBe(true);
    const summary = draft.draft?.review?.find((r) => r.where === "kế hoạch đang chạy");
    expect(summary?.why).toMatch(/^dùng lại mã của kế hoạch đang chạy cho \d+ đơn vị và \d+ nhiệm vụ/);

    // What the reader alone gives: not one running expectation kept.
    const { blocks } = await extractDocumentBytes("ke-hoach.txt", bytes);
    const read = PlanFile.parse({
      ...readPlan(blocks, { source: "ke-hoach.txt", importedAt: NOW.toISOString() }),
      id: PLAN_ID,
    });
    const before = expectationsKept(running, read);
    const total = planDeadlines(running).reduce((n, d) => n + d.instances.length, 0);
    expect(before).toEqual({ kept: 0, cancelled: total });

    const view = await draftViewFor(deps, OFFICE, created.draft.draftId);
    if ("ok" in view) throw new Error(view.message);
    const c = view.comparison;
    if (c?.kept === undefined || c.cancelled === undefined)
      throw new Error("no comparison with the running plan");
    expect(c.kept + c.cancelled).toBe(total);
    // Most of the running calendar is kept: what is cancelled is what the reader splits otherwise.
    expect(c.kept).toBeGreaterThan(total * 0.75);
    console.info(
      `Long Biên 2025 seed over the running plan: ${total} running expectations; not re-keyed kept ${before.kept}, cancelled ${before.cancelled}; re-keyed kept ${c.kept}, cancelled ${c.cancelled}`,
    );

    const published = await publishDraft(deps, OFFICE, created.draft.draftId);
    if (!published.ok) throw new Error(published.message);
    expect(published).toMatchObject({ amended: true, changed: true });
    expect(published.cancelled).toBe(c.cancelled);

    const after = await data.deadlines.expectation(instance.id);
    expect(after?.expectation.status).not.toBe("cancelled");
    expect(after?.submissions.map((s) => s.receipt)).toEqual(["KH-TT-1"]);
    const open = await data.consoleActions.unitExpectations(PLAN_ID, "p-thuong-thanh");
    expect(open.find((e) => e.instanceId === instance.id)?.state).not.toBe("cancelled");
  }, 120_000);
});
