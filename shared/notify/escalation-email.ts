/**
 * The escalation email to the steering committee's standing body: which units are still missing
 * after the cut-off, how late, whom to call, and whether their reminders got through. Pure.
 */
import { deadlineWords } from "../calendar/deadline-text";
import { periodText } from "../calendar/period-text";
import { html } from "../web/html";
import { authorityLine } from "./authority";
import type { EmailContent, EscalationContent, OverdueUnit } from "./content";
import { checkedLink, contactHtml, emailContent, textFooter, WARNING_STYLE } from "./email-layout";
import { contactLine, daysWord, hasContact, oneLine, shortenTitle } from "./wording";

const SUBJECT_TITLE_MAX = 70;
const NO_CONTACT = "chưa có thông tin liên hệ";

function lateText(u: Pick<OverdueUnit, "daysLate" | "returned">): string {
  const late = u.daysLate <= 0 ? "vừa quá hạn" : `trễ ${daysWord(u.daysLate)}`;
  return u.returned ? `${late} (bản đã nộp bị trả lại, chưa nộp bản mới)` : late;
}

const PAGE_INTRO = "Xem tình hình từng đơn vị trên trang của hạn này (cần đăng nhập):";

function warningsFor(input: EscalationContent): string[] {
  const failed = input.overdue.filter((u) => u.failedSends > 0);
  const failedTotal = failed.reduce((s, u) => s + u.failedSends, 0);
  const neverReminded = input.overdue.filter((u) => u.remindersSent === 0);
  const warnings: string[] = [];
  if (failed.length > 0) {
    warnings.push(
      `${failed.length} đơn vị có lần gửi nhắc không thành công (tổng ${failedTotal} lần): ` +
        `${failed.map((u) => u.unitName).join(", ")}. Các đơn vị này có thể chưa nhận được nhắc nhở; đề nghị liên hệ trực tiếp.`,
    );
  }
  if (neverReminded.length > 0) {
    warnings.push(
      `${neverReminded.length} đơn vị chưa nhận được lần nhắc nào: ${neverReminded.map((u) => u.unitName).join(", ")}.`,
    );
  }
  return warnings;
}

export function escalationEmail(input: EscalationContent): EmailContent {
  const w = deadlineWords(input.dueAt);
  const count = input.overdue.length;
  const subject = oneLine(
    `[${authorityLine(input.authority)}] Quá hạn (thông báo lần ${input.escalationNumber}): ` +
      `${shortenTitle(input.title, SUBJECT_TITLE_MAX)} — ${count} đơn vị chưa nộp, hạn chót ${w.at}`,
  );
  const period = periodText(input.period);
  const greeting = `Kính gửi: ${input.authority.standingBodyName} — cơ quan thường trực ${input.committeeName},`;
  const summary =
    count === 0
      ? `Tất cả đơn vị đã nộp "${input.title}" (${period}), hạn chót ${w.at}.`
      : `Đến nay còn ${count} đơn vị chưa nộp "${input.title}" (${period}), hạn chót ${w.at}. ` +
        `Đây là thông báo quá hạn lần ${input.escalationNumber}.`;
  const warnings = warningsFor(input);
  const privacy = "Thư chỉ nêu tên đơn vị và số lần gửi nhắc, không chứa dữ liệu cá nhân của người dân.";
  const cell = "padding:6px 8px;border:1px solid #d0d7de;vertical-align:top";
  const rows = input.overdue.map(
    (u, i) => html`<tr>
<td style="${cell}">${i + 1}</td>
<td style="${cell}"><strong>${u.unitName}</strong></td>
<td style="${cell};color:#a61b1b">${lateText(u)}</td>
<td style="${cell}">${hasContact(u.leadContact) ? contactHtml(u.leadContact) : NO_CONTACT}</td>
<td style="${cell};text-align:right">${u.remindersSent}</td>
<td style="${cell};text-align:right${u.failedSends > 0 ? ";color:#a61b1b;font-weight:bold" : ""}">${u.failedSends}</td>
</tr>`,
  );
  const table =
    count === 0
      ? ""
      : html`<table style="border-collapse:collapse;width:100%;margin:0 0 12px;font-size:14px">
<thead><tr>
<th style="${cell};text-align:left">STT</th>
<th style="${cell};text-align:left">Đơn vị</th>
<th style="${cell};text-align:left">Quá hạn</th>
<th style="${cell};text-align:left">Người phụ trách</th>
<th style="${cell};text-align:right">Đã nhắc</th>
<th style="${cell};text-align:right">Gửi lỗi</th>
</tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  if (input.link !== undefined) checkedLink(input.link);
  const page = input.link
    ? html`<p style="margin:0 0 12px">${PAGE_INTRO}<br><a href="${input.link}" style="word-break:break-all">${input.link}</a></p>`
    : "";
  const body = html`<p style="margin:0 0 12px">${greeting}</p>
<p style="margin:0 0 12px">${summary}</p>
${table}
${warnings.map((text) => html`<p style="${WARNING_STYLE}">${text}</p>`)}
${page}
<p style="margin:0;font-size:13px;color:#555">${privacy}</p>`;

  const lines = input.overdue.map((u, i) => {
    const contact = hasContact(u.leadContact) ? contactLine(u.leadContact) : NO_CONTACT;
    return (
      `${i + 1}. ${u.unitName} — ${lateText(u)}; người phụ trách: ${contact}; ` +
      `đã nhắc ${u.remindersSent} lần; gửi lỗi ${u.failedSends} lần`
    );
  });
  const text = [
    greeting,
    "",
    summary,
    ...(lines.length ? ["", ...lines] : []),
    ...warnings.flatMap((x) => ["", x]),
    ...(input.link ? ["", PAGE_INTRO, input.link] : []),
    "",
    privacy,
    ...textFooter([authorityLine(input.authority)]),
  ].join("\n");
  // The issuer's name: the escalation reaches its own standing body, which should not see itself as sender.
  return emailContent({
    fromName: input.authority.issuerName,
    subject,
    authority: input.authority,
    planTitle: input.planTitle,
    body,
    text,
  });
}
