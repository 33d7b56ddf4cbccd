/**
 * `npm start`: the main job on embedded defaults. For now, the calendar of the Long Biên 2025 plan;
 * the local runtime (embedded DynamoDB, local SES, state machines) will take its place.
 */
import { expandPlan, undatedObligations } from "../shared/calendar/expand";
import { loadPlan, PlanFileError } from "../shared/plan/load";
import { renderCalendarTable } from "./calendar-table";

const file = process.env.HANCHOT_PLAN ?? "plans/long-bien-2025.yaml";
try {
  const plan = await loadPlan(file);
  process.stdout.write(
    renderCalendarTable(plan, plan.year, expandPlan(plan, plan.year), undatedObligations(plan)),
  );
  console.log(
    `\nXem thêm: npm run -s calendar -- --plan ${file} --year ${plan.year} --json   (hoặc --ics để xuất lịch)`,
  );
} catch (err) {
  if (!(err instanceof PlanFileError)) throw err;
  console.error(err.message);
  process.exit(1);
}
