/** The reminder email to a unit: what is due, when, through which personal link, whom to ask. Pure. */
import { dayText, deadlineWords } from "../calendar/deadline-text";
import { coversText, periodText } from "../calendar/period-text";
import { html } from "../web/html";
import { authorityLine, planReference } from "./authority";
import type { EmailContent, ReminderContent } from "./content";
import {
  checkedLink,
  emailContent,
  factRow,
  textFooter,
  type UnitLinkClose,
  unitLinkCloseHtml,
  unitLinkCloseText,
} from "./email-layout";
import { daysWord, oneLine, shortenTitle } from "./wording";

const SUBJECT_TITLE_MAX = 70;

const STAGE_SUBJECT: Record<ReminderContent["stage"], string> = {
  "window-open": "Bắt đầu thực hiện",
  "before-due": "Nhắc hạn",
  overdue: "Quá hạn",
};

function daysLeftPhrase(d: number | undefined): string | undefined {
  if (d === undefined) return undefined;
  return d <= 0 ? "hôm nay là ngày cuối" : `còn ${daysWord(d)}`;
}

/** "Nhắc hạn", or "Nhắc nộp lại" when the unit's report was returned. */
function stageSubject(input: ReminderContent): string {
  return input.returned ? "Nhắc nộp lại" : STAGE_SUBJECT[input.stage];
}

/** A day held: "Nhắc lịch" before it, "Đề nghị xác nhận" on and after it. */
function heldSubject(input: ReminderContent, held: NonNullable<ReminderContent["held"]>, at: string): string {
  if (input.returned)
    return `Nhắc nộp lại: ${shortenTitle(input.title, SUBJECT_TITLE_MAX)} — xác nhận trước ${at}`;
  if (input.stage !== "overdue" && held.daysUntil > 0)
    return `Nhắc lịch: ${shortenTitle(input.title, SUBJECT_TITLE_MAX)} — diễn ra ${dayText(held.on)}`;
  return `Đề nghị xác nhận: ${shortenTitle(input.title, SUBJECT_TITLE_MAX)} — xác nhận trước ${at}`;
}

/** The opening sentence for a day held: when it takes place, or that it took place and needs confirming. */
function heldIntro(
  input: ReminderContent,
  held: NonNullable<ReminderContent["held"]>,
  reference: string,
): string {
  const day = dayText(held.on);
  if (input.stage === "overdue")
    return `${input.authority.standingBodyName} xin nhắc: hoạt động dưới đây theo ${reference} đã diễn ra ${day} và đã quá thời hạn xác nhận; đề nghị đơn vị xác nhận ngay.`;
  if (held.daysUntil > 0)
    return `${input.authority.standingBodyName} xin nhắc: hoạt động dưới đây theo ${reference} diễn ra ${day} (còn ${daysWord(held.daysUntil)}). Sau khi thực hiện, đơn vị xác nhận kết quả.`;
  if (held.daysUntil === 0)
    return `${input.authority.standingBodyName} xin nhắc: hoạt động dưới đây theo ${reference} diễn ra hôm nay, ${day}. Sau khi thực hiện, đơn vị xác nhận kết quả.`;
  return `Hoạt động dưới đây theo ${reference} đã diễn ra ${day}; ${input.authority.standingBodyName} đề nghị đơn vị xác nhận kết quả thực hiện.`;
}

function reminderIntro(input: ReminderContent): string {
  const reference = planReference(input.authority, input.planTitle);
  if (input.held && !input.returned) return heldIntro(input, input.held, reference);
  if (input.returned) {
    const what = input.kind === "deliverable" ? "báo cáo" : "xác nhận";
    const left = input.stage === "overdue" ? "đã quá hạn chót" : daysLeftPhrase(input.daysLeft);
    return (
      `${input.authority.standingBodyName} đã trả lại ${what} đơn vị gửi cho nội dung dưới đây theo ${reference}, ` +
      `lý do: “${oneLine(input.returned.reason)}”. Đề nghị đơn vị gửi bản mới${left ? ` (${left})` : ""}.`
    );
  }
  if (input.stage === "window-open") {
    return input.kind === "activity"
      ? `Đã đến thời gian thực hiện hoạt động dưới đây theo ${reference}.`
      : `Đã đến thời gian chuẩn bị và nộp nội dung dưới đây theo ${reference}.`;
  }
  if (input.stage === "overdue") {
    const act = input.kind === "deliverable" ? "nộp" : "xác nhận";
    return `${input.authority.standingBodyName} xin nhắc: nội dung dưới đây theo ${reference} đã quá hạn chót; đề nghị đơn vị ${act} ngay.`;
  }
  const left = daysLeftPhrase(input.daysLeft);
  return `${input.authority.standingBodyName} xin nhắc: nội dung dưới đây theo ${reference} sắp đến hạn${left ? ` (${left})` : ""}.`;
}

export function reminderEmail(input: ReminderContent): EmailContent {
  const w = deadlineWords(input.dueAt);
  const subject = oneLine(
    `[${authorityLine(input.authority)}] ${
      input.held
        ? heldSubject(input, input.held, w.at)
        : `${stageSubject(input)}: ${shortenTitle(input.title, SUBJECT_TITLE_MAX)} — hạn chót ${w.at}`
    }`,
  );
  const figures = coversText(input.period, input.covers);
  // A day held has no "hạn chót": the cut-off is the last moment to confirm it.
  const dueLabel = input.held ? "Xác nhận trước" : "Hạn chót";
  const intro = reminderIntro(input);
  const what = input.kind === "deliverable" ? "Báo cáo" : "Xác nhận";
  const late = w.lateFrom ? `${what} gửi từ ${w.lateFrom} được ghi là nộp muộn.` : undefined;
  const workingDay = w.dayOff && `${w.dayOff.lastWorkingDayText} (${w.dayOff.reason})`;
  const close: UnitLinkClose = {
    action:
      input.kind === "deliverable"
        ? "Đơn vị nộp báo cáo qua đường link riêng dưới đây (không cần tài khoản):"
        : "Sau khi thực hiện, đơn vị xác nhận kết quả qua đường link riêng dưới đây (không cần tài khoản):",
    button: input.kind === "deliverable" ? "Mở biểu mẫu nộp báo cáo" : "Mở biểu mẫu xác nhận",
    link: checkedLink(input.link),
    unitName: input.unitName,
    personalData: input.personalData,
    contact: input.contact,
    ask: "Cần hỗ trợ",
  };

  const body = html`<p style="margin:0 0 12px">Kính gửi: <strong>${input.unitName}</strong>,</p>
<p style="margin:0 0 12px">${intro}</p>
<table role="presentation" style="border-collapse:collapse;margin:0 0 12px">
${factRow("Nội dung", html`<strong>${input.title}</strong>`)}
${factRow("Kế hoạch", input.planTitle)}
${factRow("Kỳ", periodText(input.period))}
${figures ? factRow("Số liệu", figures) : ""}
${factRow("Thời hạn theo kế hoạch", input.timing)}
${input.held ? factRow("Ngày diễn ra", html`<strong>${dayText(input.held.on)}</strong>`) : ""}
${factRow(dueLabel, html`<strong style="color:#a61b1b">${w.at}</strong> (giờ Việt Nam)`)}
${workingDay ? factRow("Ngày làm việc cuối", html`<strong>${workingDay}</strong>`) : ""}
</table>
${late ? html`<p style="margin:0 0 12px">${late}</p>` : ""}
${unitLinkCloseHtml(close)}`;

  const text = [
    `Kính gửi: ${input.unitName},`,
    "",
    intro,
    "",
    `Nội dung: ${input.title}`,
    `Kế hoạch: ${input.planTitle}`,
    `Kỳ: ${periodText(input.period)}`,
    ...(figures ? [`Số liệu: ${figures}`] : []),
    `Thời hạn theo kế hoạch: ${input.timing}`,
    ...(input.held ? [`Ngày diễn ra: ${dayText(input.held.on)}`] : []),
    `${dueLabel}: ${w.at} (giờ Việt Nam)`,
    ...(workingDay ? [`Ngày làm việc cuối: ${workingDay}`] : []),
    ...(late ? ["", late] : []),
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
