/**
 * npm run -s bench:calendar [-- --communes N --plan <file>]
 *
 * National scale: every commune of Vietnam (3,321 after the 2025 reform) owes the obligations of
 * the Long Biên 2025 plan that its wards owe. Expands one year and reports instances per second
 * and peak memory. The last line is JSON: {"instances","seconds","instancesPerSecond","peakRssMb"}.
 */
import { parseArgs } from "node:util";
import { expandPlan } from "../shared/calendar/expand";
import { loadPlan } from "../shared/plan/load";
import type { PlanFile, Unit } from "../shared/plan/schema";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    communes: { type: "string", default: "3321" },
    plan: { type: "string", default: "plans/long-bien-2025.yaml" },
  },
});
const communes = Number(values.communes);
const base = await loadPlan(values.plan);

/** The plan with its ward group replaced by `communes` communes, each with its own contacts. */
function nationalPlan(plan: PlanFile, count: number): PlanFile {
  const wardGroup = plan.groups.find((g) => g.id === "cac-phuong");
  if (!wardGroup) throw new Error(`${values.plan} has no group "cac-phuong"`);
  const template = plan.units.find((u) => u.id === wardGroup.members[0]) as Unit;
  const wardIds = new Set(wardGroup.members);
  const communeUnits: Unit[] = Array.from({ length: count }, (_, i) => ({
    ...template,
    id: `xa-${i + 1}`,
    name: `UBND xã ${i + 1}`,
    contacts: { emails: [`xa-${i + 1}@example.org`], phones: [] },
  }));
  const members = communeUnits.map((u) => u.id);
  const swap = (ids: string[]) => ids.flatMap((id) => (wardIds.has(id) ? [] : [id]));
  return {
    ...plan,
    units: [...plan.units.filter((u) => !wardIds.has(u.id)), ...communeUnits],
    groups: plan.groups.map((g) =>
      g.id === "cac-phuong" ? { ...g, members } : { ...g, members: swap(g.members) },
    ),
    obligations: plan.obligations.map((o) => ({
      ...o,
      lead: o.lead.some((id) => wardIds.has(id)) ? [...swap(o.lead), "cac-phuong"] : o.lead,
    })),
    targets: [],
  };
}

const plan = nationalPlan(base, communes);
const perCommune = expandPlan(base, base.year).filter(
  (i) => i.unitId === base.groups.find((g) => g.id === "cac-phuong")?.members[0],
).length;
console.log(`Kế hoạch: ${values.plan}; ${communes} xã/phường × ${perCommune} mục mỗi xã; năm ${base.year}`);

// One warm-up run so that the figure is the engine's, not the JIT's first compile.
expandPlan(nationalPlan(base, 10), base.year);

const started = process.hrtime.bigint();
const instances = expandPlan(plan, base.year);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const peakRssMb = process.resourceUsage().maxRSS / 1024;

const result = {
  instances: instances.length,
  seconds: Number(seconds.toFixed(3)),
  instancesPerSecond: Math.round(instances.length / seconds),
  peakRssMb: Number(peakRssMb.toFixed(1)),
};
console.log(
  `${result.instances.toLocaleString("vi-VN")} mục trong ${result.seconds} giây ` +
    `(${result.instancesPerSecond.toLocaleString("vi-VN")} mục/giây), bộ nhớ đỉnh ${result.peakRssMb} MB ` +
    `(mục tiêu: dưới 5 giây trên một lõi)`,
);
console.log(JSON.stringify(result));
