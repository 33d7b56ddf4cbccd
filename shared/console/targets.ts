/**
 * Targets (chỉ tiêu) against what units report, pure. A form field may name the target it reports
 * on (FormField.target); the latest value a unit reported through such a field, in a version the
 * office did not return, is compared with the unit's own target (Biểu 6: Target.perUnit) or else
 * the plan's, by the target's comparator.
 */
import type { FormField, Target } from "../plan/schema";
import { decisions, type ReviewFact } from "../submission/derive";
import type { TargetProgress, TargetView } from "./model";

export type Comparator = NonNullable<Target["comparator"]>;

/** Whether `reported` meets `target` by `comparator`; undefined when either is not a number. */
export function meets(
  reported: number,
  comparator: Comparator | undefined,
  target: number | string | undefined,
): boolean | undefined {
  if (comparator === undefined || typeof target !== "number") return undefined;
  switch (comparator) {
    case "<=":
      return reported <= target;
    case ">=":
      return reported >= target;
    case "<":
      return reported < target;
    case ">":
      return reported > target;
    case "=":
      return reported === target;
  }
}

/** A form field that reports on a target, where it is asked. */
export interface ReportingField {
  obligationId: string;
  fieldId: string;
  fieldLabel: string;
  targetId: string;
}

/** The fields of some forms that name a target. */
export function reportingFields(
  obligations: ReadonlyArray<{ obligationId: string; form: readonly FormField[] }>,
): ReportingField[] {
  return obligations.flatMap((o) =>
    o.form.flatMap((f) =>
      f.target
        ? [{ obligationId: o.obligationId, fieldId: f.id, fieldLabel: f.label, targetId: f.target }]
        : [],
    ),
  );
}

export interface VersionFacts {
  instanceId: string;
  obligationId: string;
  period: string;
  unitId: string;
  receipt: string;
  submittedAt: string;
  fields: Record<string, unknown>;
}

export type Reported = NonNullable<TargetProgress["reported"]>;

const numberOf = (v: unknown): number | undefined => {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return undefined;
};

/**
 * Per target, per unit: the latest value reported through its fields, in versions not returned
 * (the latest decision on a version counts).
 */
export function latestReports(
  fields: readonly ReportingField[],
  versions: readonly VersionFacts[],
  reviews: readonly ReviewFact[],
): Map<string, Map<string, Reported>> {
  const decided = decisions(reviews);
  const out = new Map<string, Map<string, Reported>>();
  const ordered = [...versions]
    .filter((v) => decided.get(v.receipt) !== "returned")
    .sort((a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt));
  for (const v of ordered) {
    for (const f of fields) {
      if (f.obligationId !== v.obligationId) continue;
      const value = numberOf(v.fields[f.fieldId]);
      if (value === undefined) continue;
      const units = out.get(f.targetId) ?? new Map<string, Reported>();
      units.set(v.unitId, {
        value,
        at: v.submittedAt,
        obligationId: v.obligationId,
        period: v.period,
        fieldLabel: f.fieldLabel,
      });
      out.set(f.targetId, units);
    }
  }
  return out;
}

/**
 * One target on the targets page: its units are those Biểu 6 gives a value and those asked for a
 * form that reports on it (in the order given), each with its target, what it reported and whether
 * that meets it.
 */
export function targetView(
  target: Target,
  fields: readonly ReportingField[],
  units: ReadonlyArray<{ unitId: string; unitName: string }>,
  reported: ReadonlyMap<string, Reported> = new Map(),
): TargetView {
  const perUnit = new Map(target.perUnit.map((p) => [p.unit, p]));
  const planTarget = {
    asWritten: target.asWritten,
    ...(target.value !== undefined && { value: target.value }),
  };
  return {
    targetId: target.id,
    title: target.title,
    asWritten: target.asWritten,
    ...(target.comparator && { comparator: target.comparator }),
    ...(target.value !== undefined && { value: target.value }),
    ...(target.unit && { unit: target.unit }),
    reportedThrough: fields
      .filter((f) => f.targetId === target.id)
      .map(({ obligationId, fieldId, fieldLabel }) => ({ obligationId, fieldId, fieldLabel })),
    units: units.map((u): TargetProgress => {
      const own = perUnit.get(u.unitId);
      const goal = own
        ? { asWritten: own.asWritten, ...(own.value !== undefined && { value: own.value }) }
        : planTarget;
      const value = reported.get(u.unitId);
      const met = value && meets(value.value, target.comparator, goal.value);
      return {
        unitId: u.unitId,
        unitName: u.unitName,
        target: goal,
        ...(value && { reported: value }),
        ...(met !== undefined && { met }),
      };
    }),
  };
}
