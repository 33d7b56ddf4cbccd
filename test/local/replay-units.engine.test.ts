/**
 * The simulated units of a replay: on a fast scaled clock they submit through the data layer as
 * the submission path does, on time or late as drawn, with values that fit each form.
 */
import { describe, expect, it } from "vitest";
import { publishPlan } from "../../functions/use-cases/publish-plan";
import { replayUnits, SIMULATED_SHARES, simulatedValue } from "../../local/replay-units";
import { ScaledClock } from "../../local/workflows";
import { expandPlan } from "../../shared/calendar/expand";
import { loadPlan } from "../../shared/plan/load";
import { freshData } from "../support/data";

describe("the simulated units of a replay", () => {
  it("submit about three in four on time and some late, each once, timed against its cut-off", async () => {
    const plan = await loadPlan("plans/long-bien-2025.yaml");
    const { data } = await freshData();
    await publishPlan(data, plan);
    const instances = expandPlan(plan, 2025).filter((i) => i.dueAt < "2025-04-01");
    // Two and a half virtual months in about a second.
    const clock = new ScaledClock(new Date("2025-01-10T00:00:00+07:00"), 7_000_000);
    const units = replayUnits({ data, plan, year: 2025, clock });
    expect(units.scheduled).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1_500));
    units.stop();

    const stored = await Promise.all(
      instances.map(async (i) => ({ i, e: await data.deadlines.expectation(i.id) })),
    );
    const statuses = stored.filter((x) => x.e).map((x) => x.e?.expectation);
    const submitted = statuses.filter((e) => e?.status === "submitted");
    const late = submitted.filter((e) => e?.late);
    // Every submission is a single version, and lateness agrees with when it came.
    for (const x of stored) {
      if (!x.e || x.e.submissions.length === 0) continue;
      expect(x.e.submissions).toHaveLength(1);
      const s = x.e.submissions[0];
      expect(s?.late).toBe((s?.submittedAt ?? "") > new Date(x.i.dueAt).toISOString());
      expect(s?.submitter.name).toBe("Cán bộ mô phỏng");
    }
    const share = submitted.length / statuses.length;
    expect(share).toBeGreaterThan(SIMULATED_SHARES.onTime - 0.2);
    expect(share).toBeLessThanOrEqual(1);
    expect(late.length).toBeGreaterThan(0);
  });

  it("fill each kind of field with a value its form accepts, and never a file", () => {
    const random = () => 0.5;
    expect(
      simulatedValue(
        { id: "n", label: "Số", type: "number", required: true, integer: true },
        random,
        "2025-03-01",
      ),
    ).toBe(100);
    expect(
      simulatedValue({ id: "p", label: "Tỷ lệ", type: "percent", required: true }, random, "2025-03-01"),
    ).toBe(85);
    expect(
      simulatedValue({ id: "d", label: "Ngày", type: "date", required: true }, random, "2025-03-01"),
    ).toBe("2025-03-01");
    expect(
      simulatedValue({ id: "f", label: "Tệp", type: "file", required: true }, random, "2025-03-01"),
    ).toBeUndefined();
  });
});
