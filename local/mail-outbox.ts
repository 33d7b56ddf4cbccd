/**
 * The local stack's own record of the mail it sends, for its Vietnamese mail page: each message is
 * handed on to the wrapped sender (the local SES, so the SES path is the one exercised) and kept
 * with the clock's time (virtual in a replay), the unit, the lifecycle stage and the channel. Given
 * a file, every message is appended as a JSON line and read back on start, as the SMS outbox does.
 */
import { existsSync, readFileSync } from "node:fs";
import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { EmailMessage, EmailSender, SendMeta } from "../functions/commons/notifications";
import { formatVietnameseInstant } from "../shared/calendar/civil-date";
import { stageWords } from "../shared/notify/stage-words";
import { type Html, html } from "../shared/web/html";

export interface OutboxMail {
  /** Its number on this page, from 1. */
  id: number;
  messageId: string;
  channel: "email";
  to: string[];
  subject: string;
  html: string;
  text: string;
  /** ISO 8601, the clock's time (virtual in a replay). */
  at: string;
  unitId?: string;
  stage?: string;
}

export interface MailOutboxOptions {
  file?: string;
  now?: () => Date;
  /** A unit's name by its id, or by one of its addresses (for messages sent without metadata). */
  unitName?: (unitId: string | undefined, address: string) => string | undefined;
}

/** A message's stage in the console's words (a message sent without metadata has none). */
const stageText = (stage: string | undefined): string => (stage === undefined ? "" : stageWords(stage));

/** What both outboxes say of a message in JSON: when, to which unit, at which stage. */
export function aboutMessage(
  m: { at: string; channel: string; unitId?: string; stage?: string },
  unitName: string,
): object {
  return {
    at: m.at,
    atText: formatAt(m.at),
    channel: m.channel,
    unitId: m.unitId ?? null,
    unitName: unitName || null,
    stage: m.stage ?? null,
    stageText: stageText(m.stage) || null,
  };
}

export const OUTBOX_CELL = "padding:.4rem .5rem;border:1px solid #d0d7de;vertical-align:top;text-align:left";

/** The table both outbox pages list messages in: when, unit and stage first, then the columns given. */
export function outboxTable<T extends { at: string; stage?: string }>(
  messages: readonly T[],
  unitName: (m: T) => string,
  columns: ReadonlyArray<{ title: string; cell: (m: T) => Html; style?: string }>,
): Html {
  const cell = OUTBOX_CELL;
  return html`<table style="border-collapse:collapse;width:100%;background:#fff">
<thead><tr><th style="${cell}">Thời gian</th><th style="${cell}">Đơn vị</th><th style="${cell}">Loại</th>${columns.map((c) => html`<th style="${cell}">${c.title}</th>`)}</tr></thead>
<tbody>
${messages.map(
  (m) => html`<tr>
<td style="${cell};white-space:nowrap">${formatAt(m.at)}</td>
<td style="${cell}">${unitName(m)}</td>
<td style="${cell}">${stageText(m.stage)}</td>
${columns.map((c) => html`<td style="${cell}${c.style ?? ""}">${c.cell(m)}</td>`)}
</tr>`,
)}
</tbody>
</table>`;
}

export const formatAt = (iso: string): string => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : formatVietnameseInstant(ms);
};

/** The one CSP of the local pages: no script, no fetch, styles inline, the mail in a sandboxed frame. */
export const LOCAL_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; form-action 'none'; base-uri 'none'";

export class MailOutbox implements EmailSender {
  private readonly messages: OutboxMail[] = [];
  private readonly now: () => Date;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly inner: EmailSender,
    private readonly options: MailOutboxOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    if (options.file && existsSync(options.file)) {
      for (const line of readFileSync(options.file, "utf8").split("\n")) {
        if (!line.trim()) continue;
        try {
          this.messages.push(JSON.parse(line) as OutboxMail);
        } catch {
          // A line cut short by a crash: skip it.
        }
      }
    }
  }

  async sendEmail(m: EmailMessage, meta?: SendMeta): Promise<{ messageId: string }> {
    const { messageId } = await this.inner.sendEmail(m, meta);
    const mail: OutboxMail = {
      id: this.messages.length + 1,
      messageId,
      channel: "email",
      to: m.to,
      subject: m.subject,
      html: m.html,
      text: m.text,
      at: this.now().toISOString(),
      ...(meta && { unitId: meta.unitId, stage: meta.stage }),
    };
    this.messages.push(mail);
    const file = this.options.file;
    if (file) {
      this.writes = this.writes.then(async () => {
        await mkdir(dirname(file), { recursive: true });
        await appendFile(file, `${JSON.stringify(mail)}\n`, "utf8");
      });
      await this.writes;
    }
    return { messageId };
  }

  list(): OutboxMail[] {
    return [...this.messages];
  }

  get(id: number): OutboxMail | undefined {
    return this.messages[id - 1];
  }

  private unitName(m: OutboxMail): string {
    return this.options.unitName?.(m.unitId, m.to[0] ?? "") ?? m.unitId ?? "";
  }

  /** The messages as JSON (GET /local/mail.json), oldest first, without their bodies. */
  toJson(): object {
    return {
      now: this.now().toISOString(),
      count: this.messages.length,
      messages: this.messages.map((m) => ({
        id: m.id,
        ...aboutMessage(m, this.unitName(m)),
        to: m.to,
        subject: m.subject,
        messageId: m.messageId,
        url: `/local/mail/message?id=${m.id}`,
      })),
    };
  }

  /** The list page (GET /local/mail), newest first. */
  renderList(): string {
    const list = [...this.messages].reverse();
    return page(
      "Hộp thư (chạy cục bộ)",
      html`<p>Thư hanchot đã gửi qua SES cục bộ (không thư nào thực sự rời máy này), theo giờ của đồng hồ đang chạy. Đã gửi: ${list.length}. Giờ hiện tại: ${formatVietnameseInstant(this.now().getTime())}. <a href="/local/mail.json">Dạng JSON</a> · <a href="/local/sms">Hộp thư SMS</a> · <a href="/">Trang đầu</a></p>
${
  list.length === 0
    ? html`<p>Chưa có thư nào.</p>`
    : outboxTable(list, (m) => this.unitName(m), [
        { title: "Kênh", cell: () => html`thư điện tử` },
        { title: "Tiêu đề", cell: (m) => html`<a href="/local/mail/message?id=${m.id}">${m.subject}</a>` },
        { title: "Người nhận", cell: (m) => html`${m.to.join(", ")}` },
      ])
}`,
    );
  }

  /** One message (GET /local/mail/message?id=N): its HTML in a sandboxed frame, and its text. */
  renderMessage(id: number): string | undefined {
    const m = this.get(id);
    if (!m) return undefined;
    return page(
      m.subject,
      html`<p><a href="/local/mail">← Hộp thư</a></p>
<dl style="display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem">
<dt>Thời gian</dt><dd style="margin:0">${formatAt(m.at)}</dd>
<dt>Đơn vị</dt><dd style="margin:0">${this.unitName(m)}</dd>
<dt>Loại</dt><dd style="margin:0">${stageText(m.stage)}</dd>
<dt>Người nhận</dt><dd style="margin:0">${m.to.join(", ")}</dd>
</dl>
<h2 style="font-size:1.1rem">Bản HTML</h2>
<iframe sandbox="" title="Nội dung thư (HTML)" srcdoc="${m.html}" style="width:100%;height:32rem;border:1px solid #d0d7de;background:#fff"></iframe>
<h2 style="font-size:1.1rem">Bản văn bản thuần</h2>
<pre style="white-space:pre-wrap;word-break:break-word;font-family:system-ui,sans-serif;background:#fff;border:1px solid #d0d7de;padding:.75rem">${m.text}</pre>`,
    );
  }
}

/** A local page: Vietnamese, no script; the CSP is in the page so that the local server needs no new header. */
export function page(title: string, body: ReturnType<typeof html>): string {
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${LOCAL_PAGE_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — hanchot</title>
</head>
<body style="margin:0;padding:1rem;font:15px/1.5 system-ui,Arial,sans-serif;color:#1b1b1b;background:#f4f6f8">
<main style="max-width:64rem;margin:0 auto">
<h1 style="font-size:1.3rem">${title}</h1>
${body}
</main>
</body>
</html>
`.value;
}
