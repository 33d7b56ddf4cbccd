/**
 * An expectation: one deadline instance, what one unit owes for one obligation and period, with
 * its administrative state. It sorts first among its unit's items in the deadline's partition.
 */
import { z } from "zod";
import type { InstanceRef } from "../../../shared/calendar/instance-id";
import type { Contacts } from "../../../shared/plan/schema";
import { compose, defineEntity } from "../entity";
import { deadlinePk } from "./deadline";

/** What names one unit's share of a deadline: every item in its part of the partition carries it. */
export const InstanceAttributes = z.object({
  instanceId: z.string(),
  planId: z.string(),
  obligationId: z.string(),
  period: z.string(),
  year: z.number(),
  unitId: z.string(),
});

export const ExpectationRecord = InstanceAttributes.extend({
  unitName: z.string(),
  dueAt: z.string(),
  state: z.enum(["expected", "overdue", "waived", "cancelled"]),
  contacts: z.custom<Contacts>((v) => typeof v === "object" && v !== null).optional(),
  /** This unit's own cut-off after an extension for it alone (the deadline's otherwise). */
  extendedTo: z.string().optional(),
});
export type ExpectationRecord = z.infer<typeof ExpectationRecord>;

/** A unit's items in a deadline's partition start with this. */
export const unitPrefix = (unitId: string) => compose("UNIT", unitId, "");
export const byUnitPk = (planId: string, unitId: string) => compose("UNIT", planId, unitId);
export const planYearPk = (planId: string, year: number) => compose("PLAN", planId, year);
/**
 * In the byPlan index, a plan-year's expectations, submissions and reviews sort by obligation,
 * period, unit; the messages sent for it, in the same partition, after them.
 */
export const EXPECTATIONS_PREFIX = compose("EXPECTATION", "");
export const SENDS_PREFIX = compose("SEND", "");
export const planYearSk = (a: InstanceRef) => compose("EXPECTATION", a.obligationId, a.period, a.unitId, "");

export const expectationEntity = defineEntity({
  type: "expectation",
  description:
    "a deadline instance: the unit, its contacts, the cut-off, its state (expected, overdue, waived, cancelled)",
  schema: ExpectationRecord,
  key: (a: InstanceRef) => ({ pk: deadlinePk(a), sk: unitPrefix(a.unitId) }),
  indexes: {
    byUnit: (e) => ({ pk: byUnitPk(e.planId, e.unitId), sk: compose("DUE", e.dueAt, e.instanceId) }),
    byPlan: (e) => ({ pk: planYearPk(e.planId, e.year), sk: planYearSk(e) }),
  },
});
