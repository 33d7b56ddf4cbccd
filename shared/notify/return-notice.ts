/**
 * The notice to a unit whose submission the standing body returned: why, until when a new version
 * counts as on time, and the personal link to send it. An email in the shared layout and an SMS of
 * one GSM-7 segment (the brand first, as the reminders). Pure.
 */
import { formatVietnameseInstant } from "../calendar/civil-date";
import { deadlineWords } from "../calendar/deadline-text";
import { periodText } from "../calendar/period-text";
import { html } from "../web/html";
import { authorityLine } from "./authority";
import type { EmailContent, ReturnNoticeContent } from "./content";
import {
  checkedLink,
  emailContent,
  factRow,
  textFooter,
  type UnitLinkClose,
  unitLinkCloseHtml,
  unitLinkCloseText,
  WARNING_STYLE,
} from "./email-layout";
import { SMS_SINGLE_SEGMENT, smsSegments, toGsm7 } from "./gsm7";
import { oneLine, shortenTitle } from "./wording";

const SUBJECT_TITLE_MAX = 70;

/** What a new version counts as: on time before the cut-off, late after it (the returned one does not count). */
function timelinessNote(input: ReturnNoticeContent, nowMs: number): string {
  const w = deadlineWords(input.dueAt);
  const what = input.kind === "deliverable" ? "Báo cáo" : "Xác nhận";
  return nowMs < Date.parse(input.dueAt)
    ? `${what} mới gửi đến ${w.at} được tính là đúng hạn; gửi sau thời điểm đó được ghi là nộp muộn.`
    : `Hạn chót (${w.at}) đã qua: ${what.toLowerCase()} mới được ghi là nộp muộn.`;
}

export function returnNoticeEmail(input: ReturnNoticeContent, nowMs: number): EmailContent {
  const w = deadlineWords(input.dueAt);
  const what = input.kind === "deliverable" ? "báo cáo" : "xác nhận";
  const subject = oneLine(
    `[${authorityLine(input.authority)}] Trả lại ${what}: ${shortenTitle(input.title, SUBJECT_TITLE_MAX)} — cần gửi bản mới`,
  );
  const sent = formatVietnameseInstant(Date.parse(input.submittedAt));
  const intro =
    `${input.authority.standingBodyName} đã xem ${what} đơn vị gửi lúc ${sent} (mã tiếp nhận ${input.receipt}) ` +
    "và trả lại để đơn vị sửa, gửi bản mới. Bản bị trả lại không được tính là đã nộp.";
  const note = timelinessNote(input, nowMs);
  const close: UnitLinkClose = {
    action: "Đơn vị gửi bản mới qua đường link riêng dưới đây (không cần tài khoản):",
    button: "Mở biểu mẫu gửi bản mới",
    link: checkedLink(input.link),
    unitName: input.unitName,
    personalData: input.personalData,
    contact: input.contact,
    ask: "Cần trao đổi",
  };
  // The reason as written, its line breaks kept.
  const reasonLines = input.reason.trim().split(/\r?\n/);
  const reasonHtml = reasonLines.flatMap((line, i) =>
    i === 0 ? [html`${line}`] : [html`<br>`, html`${line}`],
  );

  const body = html`<p style="margin:0 0 12px">Kính gửi: <strong>${input.unitName}</strong>,</p>
<p style="margin:0 0 12px">${intro}</p>
<p style="margin:0 0 4px;font-weight:bold">Lý do trả lại:</p>
<p style="${WARNING_STYLE}">${reasonHtml}</p>
<table role="presentation" style="border-collapse:collapse;margin:0 0 12px">
${factRow("Nội dung", html`<strong>${input.title}</strong>`)}
${factRow("Kế hoạch", input.planTitle)}
${factRow("Kỳ", periodText(input.period))}
${factRow("Hạn chót", html`<strong style="color:#a61b1b">${w.at}</strong> (giờ Việt Nam)`)}
</table>
<p style="margin:0 0 12px">${note}</p>
${unitLinkCloseHtml(close)}`;

  const text = [
    `Kính gửi: ${input.unitName},`,
    "",
    intro,
    "",
    "Lý do trả lại:",
    ...reasonLines,
    "",
    `Nội dung: ${input.title}`,
    `Kế hoạch: ${input.planTitle}`,
    `Kỳ: ${periodText(input.period)}`,
    `Hạn chót: ${w.at} (giờ Việt Nam)`,
    "",
    note,
    "",
    ...unitLinkCloseText(close),
    ...textFooter([authorityLine(input.authority)]),
  ].join("\n");

  return emailContent({
    fromName: input.authority.standingBodyName,
    subject,
    authority: input.authority,
    planTitle: input.planTitle,
    body,
    text,
  });
}

export interface ReturnNoticeSmsInput extends ReturnNoticeContent {
  shortLink: string;
  /** The registered brand name (the SMS sender ID). */
  brand: string;
}

/** The shortest reason kept: below it the SMS points to the email for the reason. */
const SMS_MIN_REASON = 20;
/** The shortest title kept before it is left out. */
const SMS_MIN_TITLE = 16;

/**
 * "BRAND: Don vi - Bao cao bi tra lai: <title>. Ly do: <reason>. Nop lai tai: <link>", unaccented
 * GSM-7 in one segment. The brand, the link and the words "bi tra lai" are always kept whole; the
 * reason is kept before the title, and both are shortened to fit; the unit's name goes first.
 */
export function returnNoticeSms(input: ReturnNoticeSmsInput): string {
  const sms = (s: string) => oneLine(toGsm7(s));
  const brand = sms(input.brand);
  const unit = sms(input.unitName);
  const stage = input.kind === "activity" ? "Xac nhan bi tra lai" : "Bao cao bi tra lai";
  const link = oneLine(input.shortLink);
  const title = sms(input.title);
  const reason = sms(input.reason);
  const septets = (text: string) => smsSegments(text).length;
  const end = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

  const compose = (p: { unit: boolean; title?: string; reason?: string }) => {
    const head = p.unit ? `${brand}: ${unit} - ${stage}` : `${brand}: ${stage}`;
    const what = p.title ? `: ${end(p.title)}` : ".";
    const why = p.reason ? ` Ly do: ${end(p.reason)}` : " Ly do: xem email.";
    return `${head}${what}${why} Nop lai tai: ${link}`;
  };
  /**
   * The longest shortening of `text` (by `shorten`, down to `floor` characters) that keeps `make`
   * to one segment.
   */
  const fitted = (
    text: string,
    floor: number,
    shorten: (text: string, max: number) => string,
    make: (kept: string) => string,
  ) => {
    for (let budget = text.length; budget >= Math.min(floor, text.length); budget--) {
      const kept = shorten(text, budget);
      if (septets(make(kept)) <= SMS_SINGLE_SEGMENT) return kept;
    }
    return undefined;
  };
  const shortTitle = (text: string, max: number) => shortenTitle(text, max, "...");
  for (const withUnit of [true, false]) {
    // The reason first (with at least a short title beside it), then as much of the title as fits.
    const least = shortTitle(title, SMS_MIN_TITLE);
    const keptReason = fitted(reason, SMS_MIN_REASON, cutWords, (r) =>
      compose({ unit: withUnit, title: least, reason: r }),
    );
    if (keptReason === undefined) continue;
    const keptTitle =
      fitted(title, SMS_MIN_TITLE, shortTitle, (t) =>
        compose({ unit: withUnit, title: t, reason: keptReason }),
      ) ?? least;
    return compose({ unit: withUnit, title: keptTitle, reason: keptReason });
  }
  // A very long link or brand: the reason is in the email.
  const keptTitle = fitted(title, 0, shortTitle, (t) => compose({ unit: false, title: t })) ?? "";
  return compose(keptTitle ? { unit: false, title: keptTitle } : { unit: false });
}

/** A text cut to `max` characters at a word boundary, with "..." (nothing left out silently, unlike a title). */
function cutWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - 3;
  if (room <= 0) return "";
  let cut = text.slice(0, room + 1);
  const space = cut.lastIndexOf(" ");
  cut = space > room / 2 ? cut.slice(0, space) : cut.slice(0, room);
  return `${cut.replace(/[\s,;:.-]+$/, "")}...`;
}
