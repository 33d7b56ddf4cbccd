/**
 * npm run -s calendar -- --plan <file> --year <YYYY> [--unit <id>] [--json | --ics [<dir>]]
 *
 * Prints a plan's deadline instances for a year: a readable Vietnamese table by default, a JSON
 * array with --json, or iCalendar files (one for all units and one per unit) with --ics.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type DeadlineInstance, expandPlan, planYears, undatedObligations } from "../shared/calendar/expand";
import { toIcs } from "../shared/calendar/ics";
import { loadPlan, PlanFileError } from "../shared/plan/load";
import type { PlanFile } from "../shared/plan/schema";
import { renderCalendarTable } from "./calendar-table";

const USAGE = `Cách dùng: npm run -s calendar -- --plan <tệp kế hoạch> --year <năm> [--unit <mã đơn vị>] [--json | --ics [<thư mục>]]
  --plan   tệp YAML của kế hoạch, ví dụ plans/long-bien-2025.yaml
  --year   năm cần lập lịch, ví dụ 2025 (mặc định: năm của kế hoạch)
  --unit   chỉ lấy các mục của một đơn vị (mã hoặc tên viết tắt như PYT, không phân biệt hoa thường)
  --json   in danh sách dạng JSON
  --ics    ghi tệp iCalendar (.ics) cho tất cả và cho từng đơn vị vào thư mục (mặc định out/calendar)`;

function fail(message: string, code = 2): never {
  console.error(`Lỗi: ${message}`);
  if (code === 2) console.error(USAGE);
  process.exit(code);
}

function parse() {
  try {
    return parseArgs({
      args: process.argv.slice(2).filter((a) => a !== "--"),
      options: {
        plan: { type: "string" },
        year: { type: "string" },
        unit: { type: "string" },
        json: { type: "boolean", default: false },
        ics: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      allowPositionals: true,
    });
  } catch (err) {
    fail((err as Error).message);
  }
}

async function writeIcs(plan: PlanFile, year: number, instances: DeadlineInstance[], dir: string) {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  const all = join(dir, `${plan.id}-${year}.ics`);
  await writeFile(all, toIcs(instances, `${plan.title} — ${year}`));
  written.push(all);
  const byUnit = Map.groupBy(instances, (i) => i.unitId);
  for (const [unitId, list] of byUnit) {
    const file = join(dir, `${plan.id}-${year}-${unitId}.ics`);
    await writeFile(file, toIcs(list, `${list[0]?.unitName ?? unitId} — hạn chót ${year}`));
    written.push(file);
  }
  console.log(
    `Đã ghi ${written.length} tệp iCalendar vào ${dir} (1 tệp chung, ${byUnit.size} tệp theo đơn vị).`,
  );
}

/** A unit by its id or one of its aliases (PYT, TTYT…), ignoring case, as people write them. */
function findUnit(plan: PlanFile, name: string): PlanFile["units"][number] | undefined {
  const wanted = name.trim().toLocaleLowerCase("vi");
  return plan.units.find(
    (u) =>
      u.id.toLocaleLowerCase("vi") === wanted || u.aliases.some((a) => a.toLocaleLowerCase("vi") === wanted),
  );
}

async function main() {
  const { values, positionals } = parse();
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.plan) fail("thiếu --plan");
  if (values.json && values.ics) fail("chỉ chọn một trong --json hoặc --ics");

  let plan: PlanFile;
  try {
    plan = await loadPlan(values.plan);
  } catch (err) {
    if (err instanceof PlanFileError) fail(err.message, 1);
    throw err;
  }

  const year = values.year === undefined ? plan.year : Number(values.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) fail(`năm không hợp lệ: "${values.year}"`);
  const years = planYears(plan);
  if (!years.includes(year)) {
    fail(
      `kế hoạch ${plan.id} áp dụng cho năm ${years[0]}${years.length > 1 ? `–${years.at(-1)}` : ""}, không có năm ${year}`,
    );
  }

  let instances = expandPlan(plan, year);
  if (values.unit !== undefined) {
    const unit = findUnit(plan, values.unit);
    if (!unit) {
      fail(
        `không có đơn vị "${values.unit}" trong kế hoạch ${plan.id}. Các mã đơn vị (hoặc tên viết tắt) dùng được:\n` +
          plan.units
            .map((u) => `  ${u.id}${u.aliases.length > 0 ? ` (${u.aliases.join(", ")})` : ""} — ${u.name}`)
            .join("\n"),
        1,
      );
    }
    instances = instances.filter((i) => i.unitId === unit.id);
  }

  if (values.json) {
    process.stdout.write(`${JSON.stringify(instances, null, 2)}\n`);
  } else if (values.ics) {
    await writeIcs(plan, year, instances, positionals[0] ?? "out/calendar");
  } else {
    process.stdout.write(renderCalendarTable(plan, year, instances, undatedObligations(plan)));
  }
}

await main();
