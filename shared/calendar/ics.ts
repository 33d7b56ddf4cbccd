/**
 * iCalendar export of deadline instances, for Google Calendar and Outlook.
 * Each instance is an all-day event on its last on-time day (activities span their window; an
 * activity held on a fixed day is on that day), with an alarm at each reminder instant.
 */
import ical, { ICalAlarmType, ICalCalendarMethod } from "ical-generator";
import { addDays, type CivilDate, dayNumber, formatVietnameseDate } from "./civil-date";
import type { DeadlineInstance } from "./expand";

/** Midnight UTC of a civil date: all-day values are written as plain dates, never shifted by a zone. */
const asDate = (d: CivilDate) => new Date(dayNumber(d) * 86_400_000);

export function toIcs(
  instances: readonly DeadlineInstance[],
  calendarName: string,
  stamp = new Date(),
): string {
  const calendar = ical({
    name: calendarName,
    prodId: { company: "hanchot", product: "lich-han-chot", language: "VI" },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const inst of instances) {
    const lines = [
      inst.dueText,
      `Thời hạn theo kế hoạch: ${inst.timing}`,
      `Đơn vị: ${inst.unitName}`,
      `Kỳ: ${inst.period}`,
      inst.opensOn
        ? `Thực hiện từ ${formatVietnameseDate(inst.opensOn)} đến ${formatVietnameseDate(inst.effectiveDue)}`
        : "",
      inst.heldOn ? `Diễn ra ngày ${formatVietnameseDate(inst.heldOn)}, sau đó đơn vị xác nhận` : "",
      inst.effectiveDue !== inst.nominalDue
        ? `Hạn theo văn bản ${formatVietnameseDate(inst.nominalDue)}, lùi sang ngày làm việc tiếp theo`
        : "",
    ].filter(Boolean);
    const event = calendar.createEvent({
      id: `${inst.id}@hanchot`,
      allDay: true,
      // A day held is an event on that day, not a span to its confirmation cut-off.
      start: asDate(inst.heldOn ?? inst.opensOn ?? inst.effectiveDue),
      end: asDate(addDays(inst.heldOn ?? inst.effectiveDue, 1)),
      summary: `${inst.heldOn ? "Diễn ra" : inst.kind === "deliverable" ? "Hạn nộp" : "Thực hiện"}: ${inst.title} — ${inst.unitName}`,
      description: lines.join("\n"),
      stamp,
    });
    for (const at of inst.remindAt) {
      event.createAlarm({ type: ICalAlarmType.display, trigger: new Date(at), description: inst.dueText });
    }
  }
  return calendar.toString();
}
