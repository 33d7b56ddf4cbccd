/** The fields a submission for an obligation carries: its own form, else the plan's default. */
import type { FormField, Obligation, PlanFile } from "./schema";

/** When a plan names no form at all: a short note, so a unit can always confirm. */
const FALLBACK: FormField[] = [
  { id: "ghi-chu", label: "Nội dung báo cáo / xác nhận", type: "textarea", required: true },
];

export function formFor(plan: PlanFile, obligation: Obligation): FormField[] {
  const form = obligation.form;
  if (typeof form === "object") return form.fields;
  const id = form ?? (obligation.deliverable ? plan.defaults.deliverableForm : plan.defaults.activityForm);
  return (id !== undefined ? plan.forms[id]?.fields : undefined) ?? FALLBACK;
}
