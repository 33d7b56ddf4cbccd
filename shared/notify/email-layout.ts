/**
 * The frame every email shares: a header naming the authority (issuer, standing body, plan number
 * and date), the message in a card, and the product's name only in a small footer. Inline styles:
 * mail clients drop style sheets.
 */
import { type Html, html } from "../web/html";
import { PRODUCT_FOOTER, planReference } from "./authority";
import type { Authority, Contact, EmailContent } from "./content";
import { oneLine } from "./wording";

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
