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
import { scaledPlan } from "../shared/plan/scale";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    communes: { type: "string", default: "3321" },
    plan: { type: "string", default: "plans/long-bien-2025.yaml" },
  },
});
const communes = Number(values.communes);
const base = await loadPlan(values.plan);

const plan = scaledPlan(base, communes);
const perCommune = expandPlan(base, base.year).filter(
  (i) => i.unitId === base.groups.find((g) => g.id === "cac-phuong")?.members[0],
).length;
console.log(`Kế hoạch: ${values.plan}; ${communes} xã/phường × ${perCommune} mục mỗi xã; năm ${base.year}`);

// One warm-up run so that the figure is the engine's, not the JIT's first compile.
expandPlan(scaledPlan(base, 10), base.year);

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
