/**
 * Every DynamoDB key of hanchot is built here and nowhere else.
 *
 *   item          pk                                      sk                         gsi1 (byUnit)                       gsi2 (overdue)
 *   plan          PLAN#<plan>                             PLAN
 *   unit          PLAN#<plan>                             UNIT#<unit>
 *   obligation    PLAN#<plan>                             OBLIGATION#<obligation>
 *   deadline      DEADLINE#<plan>#<obligation>#<period>   DEADLINE
 *   expectation   DEADLINE#<plan>#<obligation>#<period>   UNIT#<unit>                UNIT#<plan>#<unit> / DUE#<dueAt>#<id>     OVERDUE#<plan> / <dueAt>#<id> (only while overdue)
 *   submission    DEADLINE#<plan>#<obligation>#<period>   SUBMISSION#<unit>#<receipt> UNIT#<plan>#<unit> / SUBMITTED#<at>#<receipt>
 *
 * An expectation is one deadline instance: what one unit owes for one obligation and period.
 */

/** Ids never contain "#" (plan ids are kebab-case; periods use "-", "/" and "Q"). */
const SEP = "#";

export interface InstanceRef {
  planId: string;
  obligationId: string;
  period: string;
  unitId: string;
}

/** The calendar's instance id "plan:obligation:period:unit" → its parts. */
export function parseInstanceId(id: string): InstanceRef | undefined {
  const parts = id.split(":");
  if (parts.length !== 4 || parts.some((p) => p === "" || p.includes(SEP))) return undefined;
  const [planId, obligationId, period, unitId] = parts as [string, string, string, string];
  return { planId, obligationId, period, unitId };
}

export const keys = {
  plan: (planId: string) => ({ pk: `PLAN${SEP}${planId}`, sk: "PLAN" }),
  unit: (planId: string, unitId: string) => ({ pk: `PLAN${SEP}${planId}`, sk: `UNIT${SEP}${unitId}` }),
  unitsOfPlan: (planId: string) => ({ pk: `PLAN${SEP}${planId}`, skPrefix: `UNIT${SEP}` }),
  obligation: (planId: string, obligationId: string) => ({
    pk: `PLAN${SEP}${planId}`,
    sk: `OBLIGATION${SEP}${obligationId}`,
  }),
  deadlinePk: (planId: string, obligationId: string, period: string) =>
    ["DEADLINE", planId, obligationId, period].join(SEP),
  deadline: (planId: string, obligationId: string, period: string) => ({
    pk: keys.deadlinePk(planId, obligationId, period),
    sk: "DEADLINE",
  }),
  expectation: (ref: InstanceRef) => ({
    pk: keys.deadlinePk(ref.planId, ref.obligationId, ref.period),
    sk: `UNIT${SEP}${ref.unitId}`,
  }),
  expectationsPrefix: `UNIT${SEP}`,
  submission: (ref: InstanceRef, receipt: string) => ({
    pk: keys.deadlinePk(ref.planId, ref.obligationId, ref.period),
    sk: `SUBMISSION${SEP}${ref.unitId}${SEP}${receipt}`,
  }),
  submissionsOf: (ref: InstanceRef) => ({
    pk: keys.deadlinePk(ref.planId, ref.obligationId, ref.period),
    skPrefix: `SUBMISSION${SEP}${ref.unitId}${SEP}`,
  }),
  byUnitPk: (planId: string, unitId: string) => `UNIT${SEP}${planId}${SEP}${unitId}`,
  byUnitDue: (dueAt: string, instanceId: string) => `DUE${SEP}${dueAt}${SEP}${instanceId}`,
  byUnitDuePrefix: `DUE${SEP}`,
  byUnitSubmitted: (submittedAt: string, receipt: string) => `SUBMITTED${SEP}${submittedAt}${SEP}${receipt}`,
  byUnitSubmittedPrefix: `SUBMITTED${SEP}`,
  overduePk: (planId: string) => `OVERDUE${SEP}${planId}`,
  overdueSk: (dueAt: string, instanceId: string) => `${dueAt}${SEP}${instanceId}`,
};
