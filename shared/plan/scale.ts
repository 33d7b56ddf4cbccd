/** Scale runs: a plan whose ward group is replaced by N communes with their own (fictional) contacts. */
import type { PlanFile, Unit } from "./schema";

export function scaledPlan(plan: PlanFile, count: number, groupId = "cac-phuong"): PlanFile {
  const group = plan.groups.find((g) => g.id === groupId);
  if (!group) throw new Error(`plan ${plan.id} has no group ${groupId}`);
  const template = plan.units.find((u) => u.id === group.members[0]) as Unit;
  const old = new Set(group.members);
  const communes: Unit[] = Array.from({ length: count }, (_, i) => ({
    ...template,
    id: `xa-${i + 1}`,
    name: `UBND xã ${i + 1}`,
    contacts: {
      emails: [`xa-${i + 1}@example.org`],
      phones: [`+8490${String(1_000_000 + i).padStart(7, "0")}`],
    },
  }));
  const keep = (ids: string[]) => ids.filter((id) => !old.has(id));
  return {
    ...plan,
    units: [...plan.units.filter((u) => !old.has(u.id)), ...communes],
    groups: plan.groups
      .map((g) =>
        g.id === groupId ? { ...g, members: communes.map((u) => u.id) } : { ...g, members: keep(g.members) },
      )
      .filter((g) => g.members.length > 0),
    obligations: plan.obligations.map((o) => ({
      ...o,
      lead: o.lead.some((id) => old.has(id)) ? [...keep(o.lead), groupId] : o.lead,
      coordinating: o.coordinating.some((id) => old.has(id))
        ? [...keep(o.coordinating), groupId]
        : o.coordinating,
    })),
    targets: [],
  };
}
