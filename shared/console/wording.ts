/** The console's words for what the data holds as codes: message stages and audit actions. Pure. */
import { dayNumber, vietnamDateOf } from "../calendar/civil-date";
import { opensWindow } from "../lifecycle/window";
import type { AuditEntryView } from "./model";

export const ACTION_TEXT: Record<AuditEntryView["action"], string> = {
  extend: "Gia hạn",
  waive: "Miễn nộp",
  "remind-now": "Nhắc ngay",
  return: "Trả lại",
  accept: "Chấp nhận",
  "edit-contacts": "Sửa liên hệ",
  "publish-plan": "Đăng kế hoạch",
};

/**
 * A message's stage in words: "Nhắc hạn 3 ngày trước" (days before the last on-time day, in
 * Vietnam time), "Nhắc mở đợt" for an activity's window opening, "Báo quá hạn lần 1" (escalation-1),
 * "Nhắc ngay" (a reminder sent from the console: manual@<day>), "Trả lại" (the notice of a returned
 * version: returned@<receipt>). An unknown stage is shown as stored.
 */
export function stageText(
  stage: string,
  deadline?: { dueAt: string; opensOn?: string; remindAt: readonly string[] },
): string {
  if (stage.startsWith("manual@")) return "Nhắc ngay";
  if (stage.startsWith("returned@")) return "Trả lại";
  const escalation = /^escalation-(\d+)$/.exec(stage);
  if (escalation) return `Báo quá hạn lần ${Number(escalation[1])}`;
  const reminder = /^remind@(.+)$/.exec(stage);
  if (reminder?.[1] && deadline) {
    const at = Date.parse(reminder[1]);
    if (Number.isNaN(at)) return "Nhắc hạn";
    if (opensWindow(deadline, stage)) return "Nhắc mở đợt";
    const lastDay = vietnamDateOf(Date.parse(deadline.dueAt) - 1);
    const days = dayNumber(lastDay) - dayNumber(vietnamDateOf(at));
    return days <= 0 ? "Nhắc hạn trong ngày cuối" : `Nhắc hạn ${days} ngày trước`;
  }
  if (reminder) return "Nhắc hạn";
  return stage;
}
