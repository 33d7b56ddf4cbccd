/**
 * The ranking's figures snapshots on DynamoDB Local: the first ranking computes every plan-year
 * and puts its snapshot; within the freshness window a ranking is one Query and shows the same
 * figures; after it (a clock moved on) the plan-years are computed again, and what was recorded
 * in between shows then, not before.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type DataLayer, dataLayer } from "../../functions/data";
import { planYearFiguresEntity } from "../../functions/data/entities/plan-year-figures";
import { type ConsoleReadDeps, ranking } from "../../functions/use-cases/console/reads";
import { publishPlan } from "../../functions/use-cases/publish-plan";
import { instanceId } from "../../shared/calendar/instance-id";
import type { RankingView } from "../../shared/console/model";
import { FIGURES_FRESH_MS } from "../../shared/console/ranking";
import { timeliness as timed } from "../../shared/submission/status";
import { freshData } from "../support/data";
import { AS_OF, HAMLETS, smallPlan } from "./timeliness-scenario";

const OVERSIGHT = "so-y-te-thu";
const MINUTE = 60_000;
const Q1_CUT_OFF = "2025-03-25T00:00:00+07:00";
/** What a ranking shows of each plan, in rank order, but when it was computed. */
const shown = (view: RankingView | undefined) => view?.plans.map(({ computedAt: _, ...p }) => p);

describe("the ranking's figures snapshots on DynamoDB Local", () => {
  let data: DataLayer;
  /** A data layer with nothing cached (a new container), its requests counted from 0, at `now`. */
  let at: (now: Date, figuresFreshMs?: number) => ConsoleReadDeps;

  beforeAll(async () => {
    const fresh = await freshData();
    data = fresh.data;
    // Two plans under the body, nothing submitted: each has 2 quarters × 4 hamlets due by 10/07.
    await publishPlan(data, { ...smallPlan, id: "xa-dong", title: "Kế hoạch xã Đông năm 2025" });
    await publishPlan(data, { ...smallPlan, id: "xa-tay", title: "Kế hoạch xã Tây năm 2025" });
    at = (now, figuresFreshMs) => ({
      data: dataLayer(fresh.doc, fresh.tableName),
      now: () => now,
      ...(figuresFreshMs !== undefined && { figuresFreshMs }),
    });
  });

  it("computes every plan-year first and puts its snapshot; then reuses it within the window; then computes again", async () => {
    // First view: no snapshot yet. The oversight partition, each plan-year, one batch of 2 puts.
    const first = at(AS_OF);
    const cold = await ranking(first, OVERSIGHT, 2025);
    expect(first.data.table.requests.count).toBe(1 + 2 + 1);
    expect(cold?.plans.map((p) => [p.planId, p.expected, p.actual, p.lateNow, p.computedAt])).toEqual([
      ["xa-dong", 8, 0, 8, AS_OF.toISOString()],
      ["xa-tay", 8, 0, 8, AS_OF.toISOString()],
    ]);
    const stored = await data.table.get(planYearFiguresEntity.key({ planId: "xa-dong", year: 2025 }));
    expect(stored && planYearFiguresEntity.parse(stored)).toEqual({
      planId: "xa-dong",
      year: 2025,
      oversightId: OVERSIGHT,
      figures: { expected: 8, actual: 0, reportingRate: 0, actualOnTime: 0, onTimeRate: 0, lateNow: 8 },
      at: AS_OF.toISOString(),
    });

    // 4 minutes later: one Query, the same figures, computed when they were.
    const soon = at(new Date(AS_OF.getTime() + 4 * MINUTE));
    const warm = await ranking(soon, OVERSIGHT, 2025);
    expect(soon.data.table.requests.count).toBe(1);
    expect(warm?.plans).toEqual(cold?.plans);
    expect(warm?.asOf).toBe(new Date(AS_OF.getTime() + 4 * MINUTE).toISOString());

    // 5 minutes after the snapshots: both plan-years computed again, as of now.
    const later = new Date(AS_OF.getTime() + FIGURES_FRESH_MS);
    const after = at(later);
    const again = await ranking(after, OVERSIGHT, 2025);
    expect(after.data.table.requests.count).toBe(1 + 2 + 1);
    expect(again?.plans.map((p) => p.computedAt)).toEqual([later.toISOString(), later.toISOString()]);
  });

  it("shows a submission recorded after a snapshot once the window has passed, not before", async () => {
    const t0 = new Date(AS_OF.getTime() + 60 * MINUTE);
    await ranking(at(t0), OVERSIGHT, 2025);
    // Xã Tây's first hamlet sends its Q1 report 15 minutes later: late (the cut-off was 25/03).
    const hamlet = HAMLETS[0].id;
    const submittedAt = new Date(t0.getTime() + 15 * MINUTE);
    await data.deadlines.recordSubmission({
      instanceId: instanceId({
        planId: "xa-tay",
        obligationId: "bao-cao-quy",
        period: "2025-Q1",
        unitId: hamlet,
      }),
      year: 2025,
      dueAt: Q1_CUT_OFF,
      receipt: "TAY-Q1-A",
      submittedAt,
      timeliness: timed(submittedAt.getTime(), Q1_CUT_OFF),
      submitter: { name: "Trưởng thôn Đông", phone: "+84900000200" },
      fields: {},
      idempotencyKey: "tay-q1-a",
    });
    const tay = (view: RankingView | undefined) => view?.plans.find((p) => p.planId === "xa-tay");

    // Still within the window of the snapshot taken at t0 (t0 + 4 min < t0 + 5 min).
    const within = await ranking(at(new Date(t0.getTime() + 4 * MINUTE)), OVERSIGHT, 2025);
    expect([tay(within)?.actual, tay(within)?.lateNow, tay(within)?.computedAt]).toEqual([
      0,
      8,
      t0.toISOString(),
    ]);

    // After the window: computed again, the submission counts (in, late), one unit fewer late now.
    const now = new Date(submittedAt.getTime() + MINUTE);
    const after = await ranking(at(now), OVERSIGHT, 2025);
    expect(tay(after)).toMatchObject({
      expected: 8,
      actual: 1,
      actualOnTime: 0,
      reportingRate: 12.5,
      lateNow: 7,
      computedAt: now.toISOString(),
    });
    // Xã Đông, with fewer in, now ranks below it: a higher reporting rate comes first at equal on-time rates.
    expect(after?.plans.map((p) => p.planId)).toEqual(["xa-tay", "xa-dong"]);
  });

  it("takes the window from the deps: with none, every ranking computes every plan-year again", async () => {
    const t = new Date(AS_OF.getTime() + 120 * MINUTE);
    const first = await ranking(at(t, 0), OVERSIGHT, 2025);
    const second = at(t, 0);
    const view = await ranking(second, OVERSIGHT, 2025);
    expect(second.data.table.requests.count).toBe(1 + 2 + 1);
    expect(shown(view)).toEqual(shown(first));
  });
});
