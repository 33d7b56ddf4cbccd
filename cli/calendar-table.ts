/**
 * The readable Vietnamese calendar printed by `npm run calendar` and `npm start`. Each cut-off is
 * worded as the reminder emails word it: its last minute with the weekday, and when that day is a
 * day off, the last working day before it.
 */
import { formatVietnameseDate } from "../shared/calendar/civil-date";
import { deadlineWords } from "../shared/calendar/deadline-text";
import type { DeadlineInstance } from "../shared/calendar/expand";
import type { Obligation, PlanFile } from "../shared/plan/schema";

function column(text: string, width: number): string {
  const t = text.normalize("NFC").replace(/\s+/g, " ");
  return t.length > width ? `${t.slice(0, width - 1)}…` : t.padEnd(width);
}

export function renderCalendarTable(
  plan: PlanFile,
  year: number,
  instances: readonly DeadlineInstance[],
  undated: readonly Obligation[],
): string {
  const deliverables = instances.filter((i) => i.kind === "deliverable").length;
  const lines = [
    `${plan.title}`,
    `${plan.issuer.name} — số ${plan.number} — lịch năm ${year}`,
    `${instances.length} mục có thời hạn (${deliverables} hạn nộp, ${instances.length - deliverables} hoạt động), ` +
      `${undated.length} nhiệm vụ thường xuyên hoặc theo sự kiện không có ngày cố định`,
    "",
    `${column("Hạn chót", 26)} ${column("Ngày làm việc cuối", 18)} ${column("Kỳ", 17)} ${column("Loại", 9)} ` +
      `${column("Đơn vị", 28)} Nội dung (thời hạn theo văn bản)`,
    "-".repeat(160),
  ];
  /** The public holidays cut-offs fall on: the day → its name. */
  const holidays = new Map<string, string>();
  for (const i of instances) {
    const w = deadlineWords(i.dueAt);
    const rolled = i.effectiveDue !== i.nominalDue ? "*" : "";
    if (w.dayOff?.holiday) holidays.set(w.lastDay, w.dayOff.holiday);
    lines.push(
      `${column(w.at + rolled, 26)} ${column(w.dayOff?.lastWorkingDayText ?? "", 18)} ${column(i.period, 17)} ` +
        `${column(i.kind === "deliverable" ? "nộp" : i.heldOn ? "diễn ra" : "thực hiện", 9)} ${column(i.unitName, 28)} ` +
        // A day held: its day before the title; the cut-off columns are then the time to confirm it.
        `${column(i.heldOn ? `diễn ra ${formatVietnameseDate(i.heldOn)}: ${i.title}` : i.title, 60)} (${i.timing.replace(/\s+/g, " ")})`,
    );
  }
  if (instances.some((i) => i.effectiveDue !== i.nominalDue)) {
    lines.push(
      "",
      "* hạn rơi vào ngày nghỉ, lùi sang ngày làm việc tiếp theo (Điều 148 Bộ luật Dân sự 2015)",
    );
  }
  if (holidays.size > 0) {
    lines.push(
      "",
      `Hạn chót rơi vào ngày nghỉ lễ: ${[...holidays]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([day, name]) => `${formatVietnameseDate(day)} (${name})`)
        .join("; ")}`,
    );
  }
  if (undated.length > 0) {
    lines.push("", "Nhiệm vụ không có ngày cố định:");
    for (const o of undated)
      lines.push(`  - ${column(o.title, 80).trimEnd()} (${o.timing.replace(/\s+/g, " ")})`);
  }
  return `${lines.join("\n")}\n`;
}
