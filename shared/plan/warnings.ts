/**
 * Things in a valid plan that are probably mistakes: a schedule that disagrees with its own
 * timing phrase, or a unit that owes a dated obligation but cannot be reached.
 */

import { PlanIndex } from "../calendar/expand";
import { isDated } from "../calendar/rules";
import { type FormField, type PlanFile, schedulesOf } from "./schema";
import { schedulesDisagreement } from "./timing-phrase";

export interface PlanWarning {
  path: string;
  message: string;
}

export function planWarnings(plan: PlanFile): PlanWarning[] {
  const index = new PlanIndex(plan);
  const warnings: PlanWarning[] = [];
  const unreachable = new Set<string>();
  plan.obligations.forEach((o, i) => {
    const disagreement = schedulesDisagreement(o.timing, schedulesOf(o), plan.year);
    if (disagreement) warnings.push({ path: `obligations[${i}].schedule`, message: disagreement });
    if (!schedulesOf(o).some(isDated)) return;
    for (const unit of index.resolve(o.lead)) {
      if (unit.contacts.emails.length === 0 && unit.contacts.phones.length === 0) unreachable.add(unit.id);
    }
  });
  // A count without the integer flag would accept "12,5 người": the flag is explicit, this catches it missing.
  const counts = (fields: readonly FormField[], path: string) => {
    fields.forEach((f, i) => {
      if (
        f.type === "number" &&
        f.integer === undefined &&
        /^(tổng )?số(\s|$)/iu.test(f.label.normalize("NFC"))
      ) {
        warnings.push({
          path: `${path}.fields[${i}]`,
          message: `trường "${f.label}" có vẻ là số đếm: thêm "integer: true" để chỉ nhận số nguyên (hoặc "integer: false" nếu có phần thập phân)`,
        });
      }
    });
  };
  for (const [id, form] of Object.entries(plan.forms)) counts(form.fields, `forms.${id}`);
  plan.obligations.forEach((o, i) => {
    if (typeof o.form === "object") counts(o.form.fields, `obligations[${i}].form`);
  });
  for (const id of unreachable) {
    warnings.push({
      path: `units[${plan.units.findIndex((u) => u.id === id)}].contacts`,
      message: `đơn vị "${id}" có nhiệm vụ có thời hạn nhưng chưa có email hay số điện thoại để nhắc`,
    });
  }
  return warnings;
}
