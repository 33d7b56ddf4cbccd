/** The reminder email to a unit: what is due, when, through which personal link, whom to ask. Pure. */
import { dayText, deadlineWords } from "../calendar/deadline-text";
import { coversText, periodText } from "../calendar/period-text";
import { type Html, html } from "../web/html";
import { authorityLine, planReference } from "./authority";
import type { EmailContent, ReminderContent } from "./content";
import { contactHtml, emailContent, textFooter, WARNING_STYLE } from "./email-layout";
import { contactLine, daysWord, oneLine, shortenTitle } from "./wording";

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

export const PERSONAL_DATA_NOTE =
  "Lưu ý về dữ liệu cá nhân: nội dung này có dữ liệu cá nhân (danh sách, thông tin sức khỏe của người dân). " +
  "Chỉ gửi dữ liệu đó dưới dạng tệp đính kèm qua đường link riêng ở trên; không gửi qua email, tin nhắn, " +
  "mạng xã hội và không chép vào các ô nhập nội dung.";

export function reminderEmail(input: ReminderContent): EmailContent {
  // Escaping keeps the link inside its attribute; only http(s) keeps it from being a script.
  if (!/^https?:\/\//i.test(input.link)) throw new RangeError(`Đường link không phải http(s): ${input.link}`);
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
  const action =
    input.kind === "deliverable"
      ? "Đơn vị nộp báo cáo qua đường link riêng dưới đây (không cần tài khoản):"
      : "Sau khi thực hiện, đơn vị xác nhận kết quả qua đường link riêng dưới đây (không cần tài khoản):";
  const button = input.kind === "deliverable" ? "Mở biểu mẫu nộp báo cáo" : "Mở biểu mẫu xác nhận";
  const privateLink = `Đường link này dành riêng cho ${input.unitName}; vui lòng không chuyển tiếp thư này ra ngoài đơn vị.`;
  const row = (label: string, value: Html | string) =>
    html`<tr><th style="text-align:left;vertical-align:top;padding:4px 12px 4px 0;white-space:nowrap">${label}</th><td style="padding:4px 0">${value}</td></tr>`;

  const body = html`<p style="margin:0 0 12px">Kính gửi: <strong>${input.unitName}</strong>,</p>
<p style="margin:0 0 12px">${intro}</p>
<table role="presentation" style="border-collapse:collapse;margin:0 0 12px">
${row("Nội dung", html`<strong>${input.title}</strong>`)}
${row("Kế hoạch", input.planTitle)}
${row("Kỳ", periodText(input.period))}
${figures ? row("Số liệu", figures) : ""}
${row("Thời hạn theo kế hoạch", input.timing)}
${input.held ? row("Ngày diễn ra", html`<strong>${dayText(input.held.on)}</strong>`) : ""}
${row(dueLabel, html`<strong style="color:#a61b1b">${w.at}</strong> (giờ Việt Nam)`)}
${workingDay ? row("Ngày làm việc cuối", html`<strong>${workingDay}</strong>`) : ""}
</table>
${late ? html`<p style="margin:0 0 12px">${late}</p>` : ""}
<p style="margin:0 0 8px">${action}</p>
<p style="margin:0 0 8px"><a href="${input.link}" style="display:inline-block;background:#0b5394;color:#fff;text-decoration:none;font-weight:bold;padding:10px 16px;border-radius:4px">${button}</a></p>
<p style="margin:0 0 12px;word-break:break-all"><a href="${input.link}">${input.link}</a></p>
<p style="margin:0 0 12px;font-size:13px;color:#555">${privateLink}</p>
${input.personalData ? html`<p style="${WARNING_STYLE}">${PERSONAL_DATA_NOTE}</p>` : ""}
<p style="margin:0">Cần hỗ trợ, xin liên hệ ${contactHtml(input.contact)}.</p>`;

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
    action,
    input.link,
    privateLink,
    ...(input.personalData ? ["", PERSONAL_DATA_NOTE] : []),
    "",
    `Cần hỗ trợ, xin liên hệ ${contactLine(input.contact)}.`,
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
