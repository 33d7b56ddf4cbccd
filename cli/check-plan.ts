/** `npm run -s plan:check -- <file> [<file> …]`: validate plan files; exit 1 on the first bad one. */
import { loadPlan, PlanFileError } from "../shared/plan/load";
import { planWarnings } from "../shared/plan/warnings";

const files = process.argv.slice(2).filter((a) => a !== "--");
if (files.length === 0) {
  console.error("Cách dùng: npm run -s plan:check -- plans/long-bien-2025.yaml [tệp khác …]");
  process.exit(2);
}
let failed = false;
for (const file of files) {
  try {
    const plan = await loadPlan(file);
    console.log(
      `✓ ${file}: ${plan.units.length} đơn vị, ${plan.obligations.length} nhiệm vụ, ${plan.targets.length} chỉ tiêu`,
    );
    for (const w of planWarnings(plan)) console.log(`  ! ${w.path}: ${w.message}`);
  } catch (err) {
    if (!(err instanceof PlanFileError)) throw err;
    failed = true;
    console.error(`✗ ${err.message}`);
  }
}
process.exit(failed ? 1 : 0);
