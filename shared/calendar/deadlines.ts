/**
 * A plan → its deadlines (one obligation in one period), each with what it asks of every unit and
 * the defaults resolved: reminders and escalation from the obligation or else the plan, the form,
 * the units expected. Pure: publishing stores these, the lifecycle and the forms read them back.
 */

import { lifecycleWindow } from "../lifecycle/window";
import { formFor } from "../plan/forms";
import type { EscalationPolicy, FormField, PlanFile } from "../plan/schema";
import { type DeadlineInstance, expandPlan, planYears } from "./expand";
import { deadlineId } from "./instance-id";

/** What a deadline asks of its units: the same for each of them. */
export interface DeadlineDefinition {
  planId: string;
  obligationId: string;
  period: string;
  /** The plan year whose calendar it belongs to (a Q4 report may be due the next January). */
  year: number;
  title: string;
  timing: string;
  kind: DeadlineInstance["kind"];
  opensOn?: string;
  /** An activity held on a fixed day: that day (the cut-off is then the last day to confirm it). */
  heldOn?: string;
  nominalDue: string;
  effectiveDue: string;
  dueAt: string;
  dueText: string;
  /** The cut-off before the standing body extended it for every unit (set by the first extension only). */
  originalDueAt?: string;
  remindAt: string[];
  /** The plan's send time (HH:MM, Vietnam time) for messages not planned in advance. */
  sendAt?: string;
  deliverTo?: string;
  /** The figures the report covers, when the plan says (a quarter up to the 14th of its last month). */
  covers?: { from: string; to: string };
  personalData: boolean;
  form: FormField[];
  units: string[];
  state: "active" | "cancelled";
  escalation: EscalationPolicy;
  /** When its lifecycle is over: a day after its last escalation (shared/lifecycle/window.ts). */
  lifecycleEndsAt: string;
}

export interface PlannedDeadline {
  definition: DeadlineDefinition;
  instances: DeadlineInstance[];
}

/** Every deadline of every year a plan runs, with its instances (one per unit expected). */
export function planDeadlines(plan: PlanFile): PlannedDeadline[] {
  const obligations = new Map(plan.obligations.map((o) => [o.id, o]));
  const out: PlannedDeadline[] = [];
  for (const year of planYears(plan)) {
    const groups = Map.groupBy(expandPlan(plan, year), (i) => deadlineId(i));
    for (const instances of groups.values()) {
      const first = instances[0] as DeadlineInstance;
      const obligation = obligations.get(first.obligationId);
      const escalation = obligation?.escalation ?? plan.defaults.escalation;
      out.push({
        instances,
        definition: {
          planId: first.planId,
          obligationId: first.obligationId,
          period: first.period,
          year,
          title: first.title,
          timing: first.timing,
          kind: first.kind,
          ...(first.opensOn && { opensOn: first.opensOn }),
          ...(first.heldOn && { heldOn: first.heldOn }),
          nominalDue: first.nominalDue,
          effectiveDue: first.effectiveDue,
          dueAt: first.dueAt,
          dueText: first.dueText,
          remindAt: first.remindAt,
          sendAt: (obligation?.reminders ?? plan.defaults.reminders).at,
          ...(first.deliverTo && { deliverTo: first.deliverTo }),
          ...(first.covers && { covers: first.covers }),
          personalData: obligation?.deliverable?.personalData ?? false,
          form: obligation ? formFor(plan, obligation) : [],
          units: instances.map((i) => i.unitId),
          state: "active",
          escalation,
          lifecycleEndsAt: new Date(lifecycleWindow({ ...first, escalation }).endsAt).toISOString(),
        },
      });
    }
  }
  return out;
}
