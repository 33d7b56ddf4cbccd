/**
 * Every DynamoDB key of hanchot is built here and nowhere else.
 *
 *   item          pk                                      sk                               gsi1 (byUnit)                                   gsi2 (overdue, sparse)
 *   plan          PLAN#<plan>                             PLAN
 *   unit          PLAN#<plan>                             UNIT#<unit>
 *   obligation    PLAN#<plan>                             OBLIGATION#<obligation>
 *   deadline      DEADLINE#<plan>#<obligation>#<period>   DEADLINE
 *   expectation   DEADLINE#<plan>#<obligation>#<period>   UNIT#<unit>#                     UNIT#<plan>#<unit> / DUE#<dueAt>#<id>          OVERDUE#<plan> / <dueAt>#<id>#      (while overdue)
 *   submission    DEADLINE#<plan>#<obligation>#<period>   UNIT#<unit>#SUBMISSION#<receipt> UNIT#<plan>#<unit> / SUBMITTED#<at>#<receipt>  OVERDUE#<plan> / <dueAt>#<id>#S#<r> (if late)
 *   lifecycle     DEADLINE#<plan>#<obligation>#<period>   LIFECYCLE
 *   send          DEADLINE#<plan>#<obligation>#<period>   UNIT#<unit>#SEND#<stage>#<channel>#<recipient>
 *   short link    SHORT#<id>                              SHORT
 *
 * An expectation is one deadline instance: what one unit owes for one obligation and period. Its
 * submissions sort right after it in the deadline's partition, so one Query returns a unit's
 * expectation with all its versions, or a whole deadline with every unit's.
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
  /** Every unit's expectation and submissions in a deadline's partition. */
  unitsPrefix: `UNIT${SEP}`,
  /** One unit's expectation and its submissions. */
  unitPrefix: (unitId: string) => `UNIT${SEP}${unitId}${SEP}`,
  expectation: (ref: InstanceRef) => ({
    pk: keys.deadlinePk(ref.planId, ref.obligationId, ref.period),
    sk: keys.unitPrefix(ref.unitId),
  }),
  submission: (ref: InstanceRef, receipt: string) => ({
    pk: keys.deadlinePk(ref.planId, ref.obligationId, ref.period),
    sk: `${keys.unitPrefix(ref.unitId)}SUBMISSION${SEP}${receipt}`,
  }),
  /** A short link id (SMS) → the deadline instance it opens. */
  shortLink: (id: string) => ({ pk: `SHORT${SEP}${id}`, sk: "SHORT" }),
  /** The lifecycle's progress on a deadline: which stages were carried out. */
  lifecycle: (planId: string, obligationId: string, period: string) => ({
    pk: keys.deadlinePk(planId, obligationId, period),
    sk: "LIFECYCLE",
  }),
  /** One message of one stage to one recipient of one unit: claimed before it is sent, so never sent twice. */
  send: (ref: InstanceRef, stage: string, channel: string, recipient: string) => ({
    pk: keys.deadlinePk(ref.planId, ref.obligationId, ref.period),
    sk: `${keys.unitPrefix(ref.unitId)}SEND${SEP}${stage}${SEP}${channel}${SEP}${recipient}`,
  }),
  byUnitPk: (planId: string, unitId: string) => `UNIT${SEP}${planId}${SEP}${unitId}`,
  byUnitDue: (dueAt: string, instanceId: string) => `DUE${SEP}${dueAt}${SEP}${instanceId}`,
  byUnitSubmitted: (submittedAt: string, receipt: string) => `SUBMITTED${SEP}${submittedAt}${SEP}${receipt}`,
  overduePk: (planId: string) => `OVERDUE${SEP}${planId}`,
  overdueExpectationSk: (dueAt: string, instanceId: string) => `${dueAt}${SEP}${instanceId}${SEP}`,
  overdueSubmissionSk: (dueAt: string, instanceId: string, receipt: string) =>
    `${dueAt}${SEP}${instanceId}${SEP}S${SEP}${receipt}`,
};
