/**
 * A message's stage in the words the console and the outboxes show: the lifecycle's reminders and
 * escalations, and the messages of the console's actions (a reminder sent by hand, a return). Pure.
 */
export function stageWords(stage: string): string {
  if (stage.startsWith("remind@")) return "Nhắc hạn";
  if (stage.startsWith("manual@")) return "Nhắc ngay";
  if (stage.startsWith("returned@")) return "Trả lại";
  const escalation = /^escalation-(\d+)(?:@.*)?$/.exec(stage);
  if (escalation) return `Báo quá hạn lần ${escalation[1]}`;
  if (stage === "overdue" || stage.startsWith("overdue@") || stage.startsWith("overdue-unit@"))
    return "Ghi quá hạn";
  return stage;
}
