/**
 * The reminder SMS: the registered brand name first (carriers require it in registered templates;
 * the brand is configuration), unaccented so that it is GSM-7, one segment whenever possible. Pure.
 */
import { formatVietnameseDate } from "../calendar/civil-date";
import { deadlineWords, weekdayShort } from "../calendar/deadline-text";
import type { ReminderContent } from "./content";
import { SMS_SINGLE_SEGMENT, smsSegments, toGsm7 } from "./gsm7";
import { oneLine, shortenTitle } from "./wording";

/** The shortest title kept before dropping the optional parts. */
const SMS_MIN_TITLE = 30;

export interface ReminderSmsInput extends ReminderContent {
  shortLink: string;
  /** The registered brand name (the SMS sender ID), e.g. "PYTLONGBIEN". */
  brand: string;
}

/**
 * The cut-off (with its weekday) and the short link are always kept whole; the title is shortened
 * to fit, and the unit's name, the last working day before a cut-off on a day off, and the
 * personal-data note are dropped (in that order) when the title would otherwise fall under 30
 * characters.
 */
export function reminderSms(input: ReminderSmsInput): string {
  const sms = (s: string) => oneLine(toGsm7(s));
  const activity = input.kind === "activity";
  // A returned report: "Bi tra lai" (its reason is in the notice and the email), short enough that
  // a long title keeps 30 characters beside a production link.
  // A day held: "Nhac lich" before it; on and after it, the day itself ("Da dien ra T7 11/07").
  const heldStage =
    input.held && input.stage !== "overdue"
      ? input.held.daysUntil > 0
        ? "Nhac lich"
        : `Da dien ra ${sms(`${weekdayShort(input.held.on)} ${formatVietnameseDate(input.held.on).slice(0, 5)}`)}`
      : undefined;
  const stage = input.returned
    ? "Bi tra lai"
    : heldStage !== undefined
      ? heldStage
      : input.stage === "window-open"
        ? activity
          ? "Bat dau thuc hien"
          : "Den ky nop"
        : input.stage === "overdue"
          ? "Qua han"
          : "Nhac han";
  const action = input.returned ? "Nop lai tai" : activity ? "Xac nhan tai" : "Nop tai";
  const d = input.daysLeft;
  const days =
    d === undefined || input.stage !== "before-due" ? "" : d <= 0 ? " (hom nay)" : ` (con ${d} ngay)`;
  const w = deadlineWords(input.dueAt);
  const held = input.held && !input.returned ? input.held : undefined;
  // A day held has no "han chot": before it, the day; on and after it, the time left to confirm.
  const due =
    held === undefined
      ? `Han chot: ${sms(w.atShort)}${days}.`
      : held.daysUntil > 0 && input.stage !== "overdue"
        ? `Dien ra: ${sms(`${weekdayShort(held.on)} ${formatVietnameseDate(held.on)}`)} (con ${held.daysUntil} ngay).`
        : `Xac nhan truoc ${sms(w.atShort)}.`;
  const workingDay = w.dayOff ? ` Ngay lam viec cuoi: ${sms(w.dayOff.lastWorkingDayShort)}.` : "";
  const brand = sms(input.brand);
  const unit = sms(input.unitName);
  const note = " Du lieu ca nhan: chi gui tep qua link.";
  const link = oneLine(input.shortLink);

  type Parts = { unit: boolean; workingDay: boolean; note: boolean };
  const compose = (title: string, p: Parts) => {
    const head = p.unit ? `${brand}: ${unit} - ${stage}: ` : `${brand}: ${stage}: `;
    const sep = /[.!?]$/.test(title) ? " " : ". ";
    return `${head}${title}${sep}${due}${p.workingDay ? workingDay : ""}${p.note ? note : ""} ${action}: ${link}`;
  };
  const title = sms(input.title);
  const septets = (text: string) => smsSegments(text).length;
  /** The longest shortening of the title that keeps the SMS to one segment (at least `floor` characters). */
  const fitTitle = (p: Parts, floor: number) => {
    let budget = Math.max(floor, SMS_SINGLE_SEGMENT - septets(compose("", p)));
    let kept = shortenTitle(title, budget, "...");
    // Extension characters (e.g. "[") take two septets: shorten further until it really fits.
    while (septets(compose(kept, p)) > SMS_SINGLE_SEGMENT && budget > floor) {
      budget--;
      kept = shortenTitle(title, budget, "...");
    }
    return { text: compose(kept, p), whole: kept === title, kept };
  };
  const hasDayOff = workingDay !== "";
  const variants: Parts[] = [
    { unit: true, workingDay: hasDayOff, note: input.personalData },
    { unit: false, workingDay: hasDayOff, note: input.personalData },
    { unit: false, workingDay: false, note: input.personalData },
    { unit: false, workingDay: false, note: false },
  ];
  for (const p of variants) {
    const { text, whole, kept } = fitTitle(p, 0);
    if (septets(text) <= SMS_SINGLE_SEGMENT && (whole || kept.length >= SMS_MIN_TITLE)) return text;
  }
  // Even with nothing optional the title would fall under 30 characters (a very long link or
  // brand): keep 30 characters of it, in two segments, rather than send an unreadable reminder.
  return fitTitle({ unit: false, workingDay: false, note: false }, SMS_MIN_TITLE).text;
}
