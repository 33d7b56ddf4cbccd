/**
 * The texts hanchot sends to people: reminder emails and SMS to units, escalation emails to the
 * steering committee's standing body. Pure: no clock, no I/O, no AWS.
 *
 * Nothing here ever holds personal data: the inputs are names of units, titles and dates from the
 * plan, links and the contacts of officials. Obligations whose deliverable holds personal data
 * (lists of people) only get a line saying that such data travels as an attachment through the
 * personal link.
 *
 * SMS are written unaccented so that they stay in the GSM-7 alphabet (160 characters a segment);
 * Vietnamese with diacritics is sent as UCS-2 (70 a segment) and costs two to three times as much.
 */
import { type Html, html } from "../web/html";

export interface ReminderContent {
  unitName: string;
  title: string;
  period: string;
  timing: string;
  /** "hạn chót: 23:59 ngày 24/03/2025" */
  dueText: string;
  kind: "deliverable" | "activity";
  stage: "window-open" | "before-due" | "overdue";
  /** Days until the cut-off (before-due); negative when overdue (days late). */
  daysLeft?: number;
  /** The unit's personal submission link. */
  link: string;
  /** Who to ask: the standing body, e.g. Phòng Y tế. */
  contact: { name: string; email?: string; phone?: string };
  personalData: boolean;
  planTitle: string;
}

export interface EmailContent {
  subject: string;
  html: string;
  text: string;
}

export interface OverdueUnit {
  unitName: string;
  daysLate: number;
  leadContact?: { name?: string; email?: string; phone?: string };
  remindersSent: number;
  failedSends: number;
}

export interface EscalationContent {
  committeeName: string;
  standingBodyName: string;
  title: string;
  period: string;
  dueText: string;
  /** 1 for the first escalation. */
  escalationNumber: number;
  /** In the order they are to be listed. */
  overdue: OverdueUnit[];
  planTitle: string;
}

const BRAND = "hanchot";
const SUBJECT_TITLE_MAX = 70;
export const SMS_SINGLE_SEGMENT = 160;

// ─── Wording helpers ─────────────────────────────────────────────────────────

const ROMAN_QUARTERS = ["I", "II", "III", "IV"];

/** "2025" → "năm 2025", "2025-Q1" → "quý I/2025", "2025-03" → "tháng 03/2025", windows joined by "–". */
export function periodText(period: string): string {
  const one = (p: string): string => {
    let m = /^(\d{4})$/.exec(p);
    if (m) return `năm ${m[1]}`;
    m = /^(\d{4})-Q([1-4])$/.exec(p);
    if (m) return `quý ${ROMAN_QUARTERS[Number(m[2]) - 1]}/${m[1]}`;
    m = /^(\d{4})-(\d{2})$/.exec(p);
    if (m) return `tháng ${m[2]}/${m[1]}`;
    return p;
  };
  const parts = period.split("/");
  if (parts.length === 2 && parts.every((p) => /^\d{4}-\d{2}$/.test(p))) {
    return `${one(parts[0] ?? "")} – ${one(parts[1] ?? "")}`;
  }
  return one(period);
}

interface Cutoff {
  /** "23:59 ngày 24/03/2025" */
  at: string;
  /** "00:00 ngày 25/03/2025": the first minute that counts as late. */
  lateFrom?: string;
}

/** Reads "hạn chót: 23:59 ngày 24/03/2025"; anything else is kept as written. */
function cutoff(dueText: string): Cutoff {
  const m = /(\d{1,2}:\d{2}) ngày (\d{2})\/(\d{2})\/(\d{4})/.exec(dueText);
  if (!m) return { at: dueText.replace(/^hạn chót:\s*/i, "") };
  const [, time, dd, mm, yyyy] = m;
  const at = `${time} ngày ${dd}/${mm}/${yyyy}`;
  if (time !== "23:59") return { at };
  const next = new Date(Date.UTC(Number(yyyy), Number(mm) - 1, Number(dd) + 1));
  const pad = (n: number) => String(n).padStart(2, "0");
  const lateFrom = `00:00 ngày ${pad(next.getUTCDate())}/${pad(next.getUTCMonth() + 1)}/${next.getUTCFullYear()}`;
  return { at, lateFrom };
}

/** One line, no control characters: for subjects (header injection) and SMS. */
function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
  return text.replace(/[\u0000-\u001f\u007f\s]+/g, " ").trim();
}

/**
 * Shortens a title to at most `max` characters: first without its parentheses, then cut at a word
 * boundary with `ellipsis`.
 */
export function shortenTitle(title: string, max: number, ellipsis = "…"): string {
  const clean = oneLine(title);
  if (clean.length <= max) return clean;
  const noParens = oneLine(clean.replace(/\s*\([^()]*\)/g, "")).replace(/\s+([,;.:])/g, "$1");
  if (noParens.length <= max) return noParens;
  const room = max - ellipsis.length;
  if (room <= 0) return max <= 0 ? "" : noParens.slice(0, max);
  let cut = noParens.slice(0, room + 1);
  const space = cut.lastIndexOf(" ");
  cut = space > room / 2 ? cut.slice(0, space) : cut.slice(0, room);
  return cut.replace(/[\s,;:.\-–—&]+$/, "") + ellipsis;
}

function daysWord(n: number): string {
  return `${n} ngày`;
}

function subjectDue(c: Cutoff): string {
  return `hạn chót ${c.at}`;
}

function contactLine(contact: { name?: string; email?: string; phone?: string }): string {
  const parts = [
    contact.email ? `email ${contact.email}` : undefined,
    contact.phone ? `điện thoại ${contact.phone}` : undefined,
  ].filter((p): p is string => p !== undefined);
  return parts.length
    ? `${contact.name ?? ""}${contact.name ? ": " : ""}${parts.join(", ")}`
    : (contact.name ?? "");
}

function contactHtml(contact: { name?: string; email?: string; phone?: string }): Html {
  const parts: Html[] = [];
  if (contact.email) parts.push(html`email <a href="mailto:${contact.email}">${contact.email}</a>`);
  if (contact.phone) parts.push(html`điện thoại <a href="tel:${contact.phone}">${contact.phone}</a>`);
  const joined = parts.flatMap((p, i) => (i === 0 ? [p] : [html`, `, p]));
  if (!contact.name) return html`${joined}`;
  return parts.length
    ? html`<strong>${contact.name}</strong>: ${joined}`
    : html`<strong>${contact.name}</strong>`;
}

function emailDocument(title: string, body: Html): string {
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
</head>
<body style="margin:0;padding:0;background:#f4f6f8;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1b1b1b">
<div style="max-width:640px;margin:0 auto;padding:16px">
<p style="margin:0 0 12px;color:#0b5394;font-weight:bold">hanchot · theo dõi hạn chót kế hoạch y tế</p>
<div style="background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:16px">
${body}
</div>
</div>
</body>
</html>
`.value;
}

// ─── Reminder email ──────────────────────────────────────────────────────────

const STAGE_SUBJECT: Record<ReminderContent["stage"], string> = {
  "window-open": "Bắt đầu thực hiện",
  "before-due": "Nhắc hạn",
  overdue: "Quá hạn",
};

function daysLeftPhrase(input: ReminderContent): string | undefined {
  const d = input.daysLeft;
  if (d === undefined) return undefined;
  if (input.stage === "overdue") return d < 0 ? `đã quá hạn ${daysWord(-d)}` : "đã quá hạn";
  if (d <= 0) return "hôm nay là ngày cuối";
  return `còn ${daysWord(d)}`;
}

function reminderIntro(input: ReminderContent): string {
  const what = input.kind === "deliverable" ? "báo cáo" : "xác nhận kết quả";
  switch (input.stage) {
    case "window-open":
      return input.kind === "activity"
        ? `Đã đến thời gian thực hiện hoạt động dưới đây theo ${input.planTitle}.`
        : `Đã đến thời gian chuẩn bị và nộp nội dung dưới đây theo ${input.planTitle}.`;
    case "before-due": {
      const left = daysLeftPhrase(input);
      return `hanchot xin nhắc: nội dung dưới đây theo ${input.planTitle} sắp đến hạn${left ? ` (${left})` : ""}.`;
    }
    case "overdue": {
      const late = daysLeftPhrase(input) ?? "đã quá hạn";
      return `Nội dung dưới đây theo ${input.planTitle} ${late} mà hanchot chưa nhận được ${what} của đơn vị.`;
    }
  }
}

function lateNote(input: ReminderContent, c: Cutoff): string | undefined {
  const what = input.kind === "deliverable" ? "Báo cáo" : "Xác nhận";
  if (input.stage === "overdue") return `${what} gửi bây giờ vẫn được nhận và được ghi là nộp muộn.`;
  return c.lateFrom ? `${what} gửi từ ${c.lateFrom} được ghi là nộp muộn.` : undefined;
}

const PERSONAL_DATA_NOTE =
  "Lưu ý về dữ liệu cá nhân: nội dung này có dữ liệu cá nhân (danh sách, thông tin sức khỏe của người dân). " +
  "Chỉ gửi dữ liệu đó dưới dạng tệp đính kèm qua đường link riêng ở trên; không gửi qua email, tin nhắn, " +
  "mạng xã hội và không chép vào các ô nhập nội dung.";

export function reminderEmail(input: ReminderContent): EmailContent {
  // Escaping keeps the link inside its attribute; only http(s) keeps it from being a script.
  if (!/^https?:\/\//i.test(input.link)) throw new RangeError(`Đường link không phải http(s): ${input.link}`);
  const c = cutoff(input.dueText);
  const subject = oneLine(
    `[${BRAND}] ${STAGE_SUBJECT[input.stage]}: ${shortenTitle(input.title, SUBJECT_TITLE_MAX)} — ${subjectDue(c)}`,
  );
  const intro = reminderIntro(input);
  const late = lateNote(input, c);
  const action =
    input.kind === "deliverable"
      ? "Đơn vị nộp báo cáo qua đường link riêng dưới đây (không cần tài khoản):"
      : "Sau khi thực hiện, đơn vị xác nhận kết quả qua đường link riêng dưới đây (không cần tài khoản):";
  const button = input.kind === "deliverable" ? "Mở biểu mẫu nộp báo cáo" : "Mở biểu mẫu xác nhận";
  const privateLink = `Đường link này dành riêng cho ${input.unitName}; vui lòng không chuyển tiếp thư này ra ngoài đơn vị.`;
  const footer = `Thư gửi tự động từ hanchot theo ${input.planTitle}.`;
  const row = (label: string, value: Html | string) =>
    html`<tr><th style="text-align:left;vertical-align:top;padding:4px 12px 4px 0;white-space:nowrap">${label}</th><td style="padding:4px 0">${value}</td></tr>`;

  const body = html`<p style="margin:0 0 12px">Kính gửi: <strong>${input.unitName}</strong>,</p>
<p style="margin:0 0 12px">${intro}</p>
<table role="presentation" style="border-collapse:collapse;margin:0 0 12px">
${row("Nội dung", html`<strong>${input.title}</strong>`)}
${row("Kỳ", periodText(input.period))}
${row("Thời hạn theo kế hoạch", input.timing)}
${row("Hạn chót", html`<strong style="color:#a61b1b">${c.at}</strong> (giờ Việt Nam)`)}
</table>
${late ? html`<p style="margin:0 0 12px">${late}</p>` : ""}
<p style="margin:0 0 8px">${action}</p>
<p style="margin:0 0 8px"><a href="${input.link}" style="display:inline-block;background:#0b5394;color:#fff;text-decoration:none;font-weight:bold;padding:10px 16px;border-radius:4px">${button}</a></p>
<p style="margin:0 0 12px;word-break:break-all"><a href="${input.link}">${input.link}</a></p>
<p style="margin:0 0 12px;font-size:13px;color:#555">${privateLink}</p>
${input.personalData ? html`<p style="margin:0 0 12px;padding:8px;border-left:4px solid #a61b1b;background:#fff5f5">${PERSONAL_DATA_NOTE}</p>` : ""}
<p style="margin:0 0 12px">Cần hỗ trợ, xin liên hệ ${contactHtml(input.contact)}.</p>
<p style="margin:0;font-size:13px;color:#555">${footer}</p>`;

  const text = [
    `Kính gửi: ${input.unitName},`,
    "",
    intro,
    "",
    `Nội dung: ${input.title}`,
    `Kỳ: ${periodText(input.period)}`,
    `Thời hạn theo kế hoạch: ${input.timing}`,
    `Hạn chót: ${c.at} (giờ Việt Nam)`,
    ...(late ? ["", late] : []),
    "",
    action,
    input.link,
    privateLink,
    ...(input.personalData ? ["", PERSONAL_DATA_NOTE] : []),
    "",
    `Cần hỗ trợ, xin liên hệ ${contactLine(input.contact)}.`,
    "",
    "--",
    footer,
    "",
  ].join("\n");

  return { subject, html: emailDocument(subject, body), text };
}

// ─── Escalation email ────────────────────────────────────────────────────────

function lateText(daysLate: number): string {
  return daysLate <= 0 ? "vừa quá hạn" : `trễ ${daysWord(daysLate)}`;
}

export function escalationEmail(input: EscalationContent): EmailContent {
  const c = cutoff(input.dueText);
  const count = input.overdue.length;
  const subject = oneLine(
    `[${BRAND}] Quá hạn (thông báo lần ${input.escalationNumber}): ${shortenTitle(input.title, SUBJECT_TITLE_MAX)} — ` +
      `${count} đơn vị chưa nộp, ${subjectDue(c)}`,
  );
  const period = periodText(input.period);
  const greeting = `Kính gửi: ${input.standingBodyName} — cơ quan thường trực ${input.committeeName},`;
  const summary =
    count === 0
      ? `Tất cả đơn vị đã nộp "${input.title}" (${period}), hạn chót ${c.at}.`
      : `Đến nay còn ${count} đơn vị chưa nộp "${input.title}" (${period}), hạn chót ${c.at}. ` +
        `Đây là thông báo quá hạn lần ${input.escalationNumber}.`;
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
  const noContact = "chưa có thông tin liên hệ";
  const footer =
    `Thư gửi tự động từ hanchot theo ${input.planTitle}. ` +
    "Thư chỉ nêu tên đơn vị và số lần gửi nhắc, không chứa dữ liệu cá nhân của người dân.";
  const cell = "padding:6px 8px;border:1px solid #d0d7de;vertical-align:top";
  const rows = input.overdue.map(
    (u, i) => html`<tr>
<td style="${cell}">${i + 1}</td>
<td style="${cell}"><strong>${u.unitName}</strong></td>
<td style="${cell};color:#a61b1b;white-space:nowrap">${lateText(u.daysLate)}</td>
<td style="${cell}">${u.leadContact && (u.leadContact.name || u.leadContact.email || u.leadContact.phone) ? contactHtml(u.leadContact) : noContact}</td>
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
  const body = html`<p style="margin:0 0 12px">${greeting}</p>
<p style="margin:0 0 12px">${summary}</p>
${table}
${warnings.map((w) => html`<p style="margin:0 0 12px;padding:8px;border-left:4px solid #a61b1b;background:#fff5f5">${w}</p>`)}
<p style="margin:0;font-size:13px;color:#555">${footer}</p>`;

  const lines = input.overdue.map((u, i) => {
    const contact =
      u.leadContact && (u.leadContact.name || u.leadContact.email || u.leadContact.phone)
        ? contactLine(u.leadContact)
        : noContact;
    return (
      `${i + 1}. ${u.unitName} — ${lateText(u.daysLate)}; người phụ trách: ${contact}; ` +
      `đã nhắc ${u.remindersSent} lần; gửi lỗi ${u.failedSends} lần`
    );
  });
  const text = [
    greeting,
    "",
    summary,
    ...(lines.length ? ["", ...lines] : []),
    ...warnings.flatMap((w) => ["", w]),
    "",
    "--",
    footer,
    "",
  ].join("\n");
  return { subject, html: emailDocument(subject, body), text };
}

// ─── SMS ─────────────────────────────────────────────────────────────────────

/** GSM 03.38 basic character set (without the escape character 0x1B). */
const GSM7_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
/** GSM 03.38 extension table: each costs two septets (escape + character). */
const GSM7_EXTENSION = new Set("\f^{}\\[~]|€");

export type SmsEncoding = "GSM-7" | "UCS-2";

export interface SmsSegments {
  encoding: SmsEncoding;
  segments: number;
  /** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  length: number;
}

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!GSM7_BASIC.has(ch) && !GSM7_EXTENSION.has(ch)) return false;
  return true;
}

/** Packs characters of the given costs into segments of `per` units, never splitting one character. */
function pack(costs: number[], per: number): number {
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > per) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return segments;
}

/**
 * How a text travels as SMS: GSM-7 when every character is in the GSM 03.38 alphabet (160 septets
 * in one message, 153 a segment when concatenated; extension characters take 2 and are never split
 * across segments), otherwise UCS-2 (70 UTF-16 units, 67 a segment; surrogate pairs kept whole).
 */
export function smsSegments(text: string): SmsSegments {
  const chars = [...text];
  if (chars.every((ch) => GSM7_BASIC.has(ch) || GSM7_EXTENSION.has(ch))) {
    const costs = chars.map((ch) => (GSM7_EXTENSION.has(ch) ? 2 : 1));
    const length = costs.reduce((a, b) => a + b, 0);
    const segments = length === 0 ? 0 : length <= 160 ? 1 : pack(costs, 153);
    return { encoding: "GSM-7", segments, length };
  }
  const costs = chars.map((ch) => ((ch.codePointAt(0) ?? 0) > 0xffff ? 2 : 1));
  const length = text.length;
  const segments = length <= 70 ? 1 : pack(costs, 67);
  return { encoding: "UCS-2", segments, length };
}

/**
 * Vietnamese without diacritics: "Hạn chót ngày 24/03" → "Han chot ngay 24/03", đ → d, Đ → D
 * (and the look-alike Ð/ð that bad encodings leave behind).
 */
export function toUnaccented(text: string): string {
  return text
    .replace(/[đð]/g, "d")
    .replace(/[ĐÐ]/g, "D")
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .normalize("NFC");
}

const GSM_PUNCTUATION: Record<string, string> = {
  "—": "-",
  "–": "-",
  "‐": "-",
  "‑": "-",
  "−": "-",
  "‘": "'",
  "’": "'",
  "‚": "'",
  "“": '"',
  "”": '"',
  "„": '"',
  "«": '"',
  "»": '"',
  "…": "...",
  "•": "-",
  "·": "-",
  "\u00a0": " ",
  "\u2009": " ",
  "\u202f": " ",
  "\t": " ",
};

/**
 * Text that stays GSM-7: unaccented, typographic punctuation replaced by its ASCII look-alike, any
 * character still outside the alphabet replaced by "?". Extension characters are kept (they fit,
 * at two septets each).
 */
export function toGsm7(text: string): string {
  let out = "";
  for (const ch of toUnaccented(text)) {
    const mapped = GSM_PUNCTUATION[ch] ?? ch;
    for (const c of mapped) out += GSM7_BASIC.has(c) || GSM7_EXTENSION.has(c) ? c : "?";
  }
  return out;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The shortest title kept before dropping the unit name and the personal-data note. */
const SMS_MIN_TITLE = 30;

/**
 * The reminder SMS: brand name first (carriers require it in registered templates), unaccented so
 * that it is GSM-7, one segment whenever possible. The cut-off and the short link are always kept
 * whole; the title is shortened to fit, and the unit's name and the personal-data note are dropped
 * (in that order) when the title would otherwise fall under 30 characters.
 */
export function reminderSms(input: ReminderContent & { shortLink: string }): string {
  const sms = (s: string) => oneLine(toGsm7(s));
  const activity = input.kind === "activity";
  const stage =
    input.stage === "window-open"
      ? activity
        ? "Bat dau thuc hien"
        : "Den ky nop"
      : input.stage === "before-due"
        ? "Nhac han"
        : "QUA HAN";
  const action =
    input.stage === "overdue"
      ? activity
        ? "Xac nhan ngay tai"
        : "Nop ngay tai"
      : activity
        ? "Xac nhan tai"
        : "Nop tai";
  const d = input.daysLeft;
  const days =
    d === undefined
      ? ""
      : input.stage === "overdue"
        ? d < 0
          ? ` (tre ${-d} ngay)`
          : ""
        : input.stage === "before-due"
          ? d <= 0
            ? " (hom nay)"
            : ` (con ${d} ngay)`
          : "";
  const due = capitalize(sms(input.dueText));
  const unit = sms(input.unitName);
  const note = " Du lieu ca nhan: chi gui tep qua link.";
  const link = oneLine(input.shortLink);

  const compose = (title: string, withUnit: boolean, withNote: boolean) => {
    const head = withUnit ? `${BRAND}: ${unit} - ${stage}: ` : `${BRAND}: ${stage}: `;
    const sep = /[.!?]$/.test(title) ? " " : ". ";
    return `${head}${title}${sep}${due}${days}.${withNote ? note : ""} ${action}: ${link}`;
  };
  const title = sms(input.title);
  const septets = (text: string) => smsSegments(text).length;
  /** The longest shortening of the title that keeps the SMS to one segment (at least `floor` characters). */
  const fitTitle = (withUnit: boolean, withNote: boolean, floor: number) => {
    let budget = Math.max(floor, SMS_SINGLE_SEGMENT - septets(compose("", withUnit, withNote)));
    let kept = shortenTitle(title, budget, "...");
    // Extension characters (e.g. "[") take two septets: shorten further until it really fits.
    while (septets(compose(kept, withUnit, withNote)) > SMS_SINGLE_SEGMENT && budget > floor) {
      budget--;
      kept = shortenTitle(title, budget, "...");
    }
    return { text: compose(kept, withUnit, withNote), whole: kept === title, kept };
  };
  const variants: Array<[boolean, boolean]> = [
    [true, input.personalData],
    [false, input.personalData],
    [false, false],
  ];
  for (const [withUnit, withNote] of variants) {
    const { text, whole, kept } = fitTitle(withUnit, withNote, 0);
    if (septets(text) <= SMS_SINGLE_SEGMENT && (whole || kept.length >= SMS_MIN_TITLE)) return text;
  }
  // Even without the unit and the note the title would fall under 30 characters (a very long
  // link): keep 30 characters of it, in two segments, rather than send an unreadable reminder.
  return fitTitle(false, false, SMS_MIN_TITLE).text;
}
