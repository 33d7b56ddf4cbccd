/**
 * A deadline (one obligation in one period): what it asks of every unit, in its own partition,
 * which also holds its units' expectations, submissions, sends and the lifecycle's progress. In
 * the byPlan index it sorts by the end of its lifecycle, so the plan calendar reads the deadlines
 * still running with one Query.
 */
import { z } from "zod";
import type { DeadlineDefinition } from "../../../shared/calendar/deadlines";
import type { DeadlineRef } from "../../../shared/calendar/instance-id";
import type { EscalationPolicy, FormField } from "../../../shared/plan/schema";
import { compose, defineEntity } from "../entity";

const Escalation = z.object({
  graceDays: z.number(),
  repeatEveryDays: z.number(),
  maxEscalations: z.number(),
}) satisfies z.ZodType<EscalationPolicy>;

export const DeadlineRecord = z.object({
  planId: z.string(),
  obligationId: z.string(),
  period: z.string(),
  year: z.number(),
  title: z.string(),
  timing: z.string(),
  kind: z.enum(["deliverable", "activity"]),
  opensOn: z.string().optional(),
  heldOn: z.string().optional(),
  nominalDue: z.string(),
  effectiveDue: z.string(),
  dueAt: z.string(),
  dueText: z.string(),
  /** The cut-off before the console extended it for every unit (kept from the first extension). */
  originalDueAt: z.string().optional(),
  remindAt: z.array(z.string()),
  sendAt: z.string().optional(),
  deliverTo: z.string().optional(),
  covers: z.object({ from: z.string(), to: z.string() }).optional(),
  personalData: z.boolean(),
  form: z.array(z.custom<FormField>((v) => typeof v === "object" && v !== null)),
  units: z.array(z.string()),
  state: z.enum(["active", "cancelled"]),
  escalation: Escalation,
  lifecycleEndsAt: z.string(),
}) satisfies z.ZodType<DeadlineDefinition>;

export const deadlinePk = (a: DeadlineRef) => compose("DEADLINE", a.planId, a.obligationId, a.period);
export const planDeadlinesPk = (planId: string) => compose("PLAN", planId);
/** Sort key prefix in the byPlan index: deadlines by the instant their lifecycle ends. */
export const deadlineEndsSk = (endsAt: string) => compose("ENDS", endsAt);

export const deadlineEntity = defineEntity({
  type: "deadline",
  description: "a deadline (obligation × period): title, cut-off, reminders, form, units expected, state",
  schema: DeadlineRecord,
  key: (a: DeadlineRef) => ({ pk: deadlinePk(a), sk: "DEADLINE" }),
  indexes: {
    byPlan: (d) => ({
      pk: planDeadlinesPk(d.planId),
      sk: compose(deadlineEndsSk(d.lifecycleEndsAt), d.obligationId, d.period),
    }),
  },
});

/** A deadline as the byPlan index holds it: what the plan calendar needs to know. */
export const DeadlineWindowRecord = DeadlineRecord.pick({
  planId: true,
  obligationId: true,
  period: true,
  year: true,
  title: true,
  state: true,
  dueAt: true,
  heldOn: true,
  remindAt: true,
  escalation: true,
});
export type DeadlineWindowRecord = z.infer<typeof DeadlineWindowRecord>;
