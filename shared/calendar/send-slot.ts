/**
 * When a message may go out: in office hours on a working day, Vietnam time. Reminders are planned
 * at the plan's send time on working days already; this places the others — a reminder missed
 * during a late start, an escalation N days after a midnight cut-off — so that nobody is written to
 * on a Sunday night.
 */
import { addDays, atVietnamTime, vietnamDateOf } from "./civil-date";
import { isWorkingDay, nextWorkingDay } from "./holidays";

/** Offices close at 17:00; a message after that waits for the next working morning. */
export const OFFICE_CLOSES_AT = "17:00";

/** The earliest instant at or after `ms` that falls between `sendAt` and 17:00 on a working day. */
export function sendSlot(ms: number, sendAt = "08:00"): number {
  const day = vietnamDateOf(ms);
  if (isWorkingDay(day)) {
    const opens = atVietnamTime(day, sendAt);
    if (ms < opens) return opens;
    if (ms < atVietnamTime(day, OFFICE_CLOSES_AT)) return ms;
  }
  return atVietnamTime(nextWorkingDay(addDays(day, 1)), sendAt);
}
