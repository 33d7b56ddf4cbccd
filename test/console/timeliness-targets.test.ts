/** Targets against reported values (shared/console/targets.ts), on the small plan's reports. */
import { describe, expect, it } from "vitest";
import { latestReports, meets, reportingFields, targetView } from "../../shared/console/targets";
import { D1, D2, id, REVIEWS, SUBMISSIONS, smallPlan } from "./timeliness-scenario";

describe("a target's comparator", () => {
  it("compares the reported value with the target", () => {
    expect(meets(86, ">=", 86)).toBe(true);
    expect(meets(85.9, ">=", 86)).toBe(false);
    expect(meets(5.5, "<=", 5.5)).toBe(true);
    expect(meets(5.6, "<=", 5.5)).toBe(false);
    expect(meets(98.5, ">", 98.5)).toBe(false);
    expect(meets(98.6, ">", 98.5)).toBe(true);
    expect(meets(1, "<", 1)).toBe(false);
    expect(meets(2.21, "=", 2.21)).toBe(true);
  });

  it("says nothing when the target is not a number or has no comparator", () => {
    expect(meets(1, "=", "Đạt")).toBeUndefined();
    expect(meets(4510, undefined, 4510)).toBeUndefined();
    expect(meets(1, ">=", undefined)).toBeUndefined();
  });
});

describe("the targets page of the small plan", () => {
  const [target] = smallPlan.targets;
  const fields = reportingFields(
    smallPlan.obligations.map((o) => ({
      obligationId: o.id,
      form: typeof o.form === "object" ? o.form.fields : [],
    })),
  );
  const quarterly = SUBMISSIONS.filter((s) => s.ref.obligationId === "bao-cao-quy").map((s) => ({
    ...s,
    ...s.ref,
    instanceId: id(s.ref, s.ref.unitId),
  }));

  it("finds the form fields that report on a target", () => {
    expect(fields).toEqual([
      {
        obligationId: "bao-cao-quy",
        fieldId: "ty-le-kham",
        fieldLabel: "Tỷ lệ người cao tuổi được khám (%)",
        targetId: "kham-nguoi-cao-tuoi",
      },
    ]);
  });

  it("takes each unit's latest value in a version not returned, and compares it with its own target", () => {
    const reports = latestReports(fields, quarterly, REVIEWS).get("kham-nguoi-cao-tuoi");
    const units = ["thon-a", "thon-b", "thon-c", "thon-d"].map((unitId) => ({ unitId, unitName: unitId }));
    if (!target) throw new Error("the scenario has a target");
    const view = targetView(target, fields, units, reports);
    expect(view).toMatchObject({
      targetId: "kham-nguoi-cao-tuoi",
      asWritten: "≥ 86%",
      comparator: ">=",
      value: 86,
      unit: "%",
      reportedThrough: [{ obligationId: "bao-cao-quy", fieldId: "ty-le-kham" }],
    });
    expect(view.units).toEqual([
      // A: Q2's 99 was returned; Q1's 80 stands, below 86.
      {
        unitId: "thon-a",
        unitName: "thon-a",
        target: { asWritten: "≥ 86%", value: 86 },
        reported: {
          value: 80,
          at: "2025-03-20T02:00:00.000Z",
          obligationId: "bao-cao-quy",
          period: D1.period,
          fieldLabel: "Tỷ lệ người cao tuổi được khám (%)",
        },
        met: false,
      },
      // B: its own target is 90 (Biểu 6); its latest counted value is Q2's second version, 88.
      {
        unitId: "thon-b",
        unitName: "thon-b",
        target: { asWritten: "≥ 90%", value: 90 },
        reported: {
          value: 88,
          at: "2025-06-26T02:00:00.000Z",
          obligationId: "bao-cao-quy",
          period: D2.period,
          fieldLabel: "Tỷ lệ người cao tuổi được khám (%)",
        },
        met: false,
      },
      // C reported nothing.
      { unitId: "thon-c", unitName: "thon-c", target: { asWritten: "≥ 86%", value: 86 } },
      // D: the correction of 30/06 (87.5) is its latest value.
      {
        unitId: "thon-d",
        unitName: "thon-d",
        target: { asWritten: "≥ 86%", value: 86 },
        reported: {
          value: 87.5,
          at: "2025-06-30T02:00:00.000Z",
          obligationId: "bao-cao-quy",
          period: D2.period,
          fieldLabel: "Tỷ lệ người cao tuổi được khám (%)",
        },
        met: true,
      },
    ]);
  });
});
