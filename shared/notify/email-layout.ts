/**
 * The frame every email shares: a header naming the authority (issuer, standing body, plan number
 * and date), the message in a card, and the product's name only in a small footer. Inline styles:
 * mail clients drop style sheets.
 */
import { type Html, html } from "../web/html";
import { PRODUCT_FOOTER, planReference } from "./authority";
import type { Authority, Contact, EmailContent } from "./content";
import { contactLine, oneLine } from "./wording";

export function contactHtml(contact: Contact): Html {
  const parts: Html[] = [];
  if (contact.email) parts.push(html`email <a href="mailto:${contact.email}">${contact.email}</a>`);
  if (contact.phone) parts.push(html`điện thoại <a href="tel:${contact.phone}">${contact.phone}</a>`);
  const joined = parts.flatMap((p, i) => (i === 0 ? [p] : [html`, `, p]));
  if (!contact.name) return html`${joined}`;
  return parts.length
    ? html`<strong>${contact.name}</strong>: ${joined}`
    : html`<strong>${contact.name}</strong>`;
}

export const WARNING_STYLE = "margin:0 0 12px;padding:8px;border-left:4px solid #a61b1b;background:#fff5f5";

/** A link an email may carry: escaping keeps it inside its attribute, only http(s) keeps it from being a script. */
export function checkedLink(link: string): string {
  if (!/^https?:\/\//i.test(link)) throw new RangeError(`Đường link không phải http(s): ${link}`);
  return link;
}

/** One labelled line of a message's table of facts. */
export function factRow(label: string, value: Html | string): Html {
  return html`<tr><th style="text-align:left;vertical-align:top;padding:4px 12px 4px 0;white-space:nowrap">${label}</th><td style="padding:4px 0">${value}</td></tr>`;
}

export const PERSONAL_DATA_NOTE =
  "Lưu ý về dữ liệu cá nhân: nội dung này có dữ liệu cá nhân (danh sách, thông tin sức khỏe của người dân). " +
  "Chỉ gửi dữ liệu đó dưới dạng tệp đính kèm qua đường link riêng ở trên; không gửi qua email, tin nhắn, " +
  "mạng xã hội và không chép vào các ô nhập nội dung.";

/**
 * How a message to a unit ends: what to do, its personal link (a button and the address), that the
 * link is the unit's own, the personal-data warning where it applies, and whom to ask.
 */
export interface UnitLinkClose {
  /** "Đơn vị nộp báo cáo qua đường link riêng dưới đây (không cần tài khoản):" */
  action: string;
  button: string;
  link: string;
  unitName: string;
  personalData: boolean;
  contact: Contact;
  /** "Cần hỗ trợ", "Cần trao đổi". */
  ask: string;
}

const privateLink = (unitName: string) =>
  `Đường link này dành riêng cho ${unitName}; vui lòng không chuyển tiếp thư này ra ngoài đơn vị.`;

export function unitLinkCloseHtml(c: UnitLinkClose): Html {
  return html`<p style="margin:0 0 8px">${c.action}</p>
<p style="margin:0 0 8px"><a href="${c.link}" style="display:inline-block;background:#0b5394;color:#fff;text-decoration:none;font-weight:bold;padding:10px 16px;border-radius:4px">${c.button}</a></p>
<p style="margin:0 0 12px;word-break:break-all"><a href="${c.link}">${c.link}</a></p>
<p style="margin:0 0 12px;font-size:13px;color:#555">${privateLink(c.unitName)}</p>
${c.personalData ? html`<p style="${WARNING_STYLE}">${PERSONAL_DATA_NOTE}</p>` : ""}
<p style="margin:0">${c.ask}, xin liên hệ ${contactHtml(c.contact)}.</p>`;
}

export function unitLinkCloseText(c: UnitLinkClose): string[] {
  return [
    c.action,
    c.link,
    privateLink(c.unitName),
    ...(c.personalData ? ["", PERSONAL_DATA_NOTE] : []),
    "",
    `${c.ask}, xin liên hệ ${contactLine(c.contact)}.`,
  ];
}

export function emailDocument(input: {
  title: string;
  authority: Authority;
  planTitle: string;
  body: Html;
}): string {
  const a = input.authority;
  const reference = planReference(a, input.planTitle);
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title}</title>
</head>
<body style="margin:0;padding:0;background:#f4f6f8;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1b1b1b">
<div style="max-width:640px;margin:0 auto;padding:16px">
<p style="margin:0;color:#0b5394;font-weight:bold">${a.issuerName} · ${a.standingBodyName}</p>
<p style="margin:0 0 12px;color:#444;font-size:13px">${reference}</p>
<div style="background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:16px">
${input.body}
</div>
<p style="margin:8px 0 0;color:#777;font-size:11px">${PRODUCT_FOOTER}</p>
</div>
</body>
</html>
`.value;
}

/** The plain-text part's closing lines. */
export function textFooter(lines: readonly string[]): string[] {
  return ["", "--", ...lines, PRODUCT_FOOTER, ""];
}

/** A whole email: sent in the name of `fromName`, its HTML in the layout above, its text as given. */
export function emailContent(input: {
  fromName: string;
  subject: string;
  authority: Authority;
  planTitle: string;
  body: Html;
  text: string;
}): EmailContent {
  return {
    fromName: oneLine(input.fromName),
    subject: input.subject,
    html: emailDocument({
      title: input.subject,
      authority: input.authority,
      planTitle: input.planTitle,
      body: input.body,
    }),
    text: input.text,
  };
}
