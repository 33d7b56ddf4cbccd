/**
 * A local SMS sender for runs without AWS: what SNS would send is kept in memory and, given a
 * file, appended to it as JSON lines (and read back on start, so a restart keeps the history). The
 * local web page shows it with `renderHtml()`.
 *
 * Fault injection for tests: `failNext(n)` makes the next n sends fail; `failureRate` (0–1) with a
 * `seed` makes sends fail at random, the same ones on every run with the same seed. Failed attempts
 * are kept apart (`failures()`), as SNS would not have sent them.
 */

import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { isE164, type SendMeta, type SmsMessage, type SmsSender } from "../functions/commons/notifications";
import { type SmsEncoding, smsSegments } from "../shared/notify/gsm7";
import { html } from "../shared/web/html";
import { aboutMessage, formatAt, OUTBOX_CELL, outboxTable, page } from "./mail-outbox";
import { seededRandom } from "./seeded-random";

export interface OutboxSms {
  messageId: string;
  to: string;
  text: string;
  /** ISO 8601 */
  at: string;
  encoding: SmsEncoding;
  segments: number;
  length: number;
  /** The unit and lifecycle stage, when the sender was told (the lifecycle tells it). */
  unitId?: string;
  stage?: string;
}

export interface FailedSms {
  to: string;
  text: string;
  at: string;
  error: string;
}

export interface SmsOutboxOptions {
  /** Append every message (and failure) to this file as a JSON line, and read it back on start. */
  file?: string;
  /** Probability (0–1) that a send fails. */
  failureRate?: number;
  /** Seed of the random draws behind failureRate. */
  seed?: number;
  /** The clock (a virtual one in simulations). */
  now?: () => Date;
  /** A unit's name by its id, or by its phone number (for messages sent without metadata). */
  unitName?: (unitId: string | undefined, phone: string) => string | undefined;
}

export class SmsOutboxFailure extends Error {
  override name = "SmsOutboxFailure";
}

type Line = ({ status: "sent" } & OutboxSms) | ({ status: "failed" } & FailedSms);

export class SmsOutbox implements SmsSender {
  private readonly messages: OutboxSms[] = [];
  private readonly failed: FailedSms[] = [];
  private readonly random: () => number;
  private readonly now: () => Date;
  private pendingFailures = 0;
  /** Appends in order, one after the other. */
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly options: SmsOutboxOptions = {}) {
    const rate = options.failureRate ?? 0;
    if (!(rate >= 0 && rate <= 1)) throw new RangeError("failureRate phải nằm trong khoảng 0–1.");
    this.random = seededRandom(options.seed ?? 1);
    this.now = options.now ?? (() => new Date());
    if (options.file && existsSync(options.file)) this.load(options.file);
  }

  private load(file: string): void {
    for (const line of readFileSync(file, "utf8").split("\n")) {
      if (!line.trim()) continue;
      try {
        const entry = JSON.parse(line) as Line;
        const { status, ...rest } = entry;
        if (status === "sent") this.messages.push(rest as OutboxSms);
        else if (status === "failed") this.failed.push(rest as FailedSms);
      } catch {
        // A line cut short by a crash: skip it, keep the rest.
      }
    }
  }

  private append(entry: Line): Promise<void> {
    const file = this.options.file;
    if (!file) return Promise.resolve();
    this.writes = this.writes.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      await appendFile(file, `${JSON.stringify(entry)}\n`, "utf8");
    });
    return this.writes;
  }

  /** The next `n` sends fail. */
  failNext(n = 1): void {
    this.pendingFailures += n;
  }

  async sendSms(m: SmsMessage, meta?: SendMeta): Promise<{ messageId: string }> {
    const at = this.now().toISOString();
    let error: string | undefined;
    if (!isE164(m.to)) error = `Số điện thoại "${m.to}" không ở dạng quốc tế (ví dụ +84912345678).`;
    else if (this.pendingFailures > 0) {
      this.pendingFailures--;
      error = "Lỗi gửi giả lập (failNext).";
    } else if ((this.options.failureRate ?? 0) > 0 && this.random() < (this.options.failureRate ?? 0)) {
      error = "Lỗi gửi giả lập (failureRate).";
    }
    if (error !== undefined) {
      const failure: FailedSms = { to: m.to, text: m.text, at, error };
      this.failed.push(failure);
      await this.append({ status: "failed", ...failure });
      throw new SmsOutboxFailure(error);
    }
    const sms: OutboxSms = {
      messageId: `sms-local-${randomUUID()}`,
      to: m.to,
      text: m.text,
      at,
      ...smsSegments(m.text),
      ...(meta && { unitId: meta.unitId, stage: meta.stage }),
    };
    this.messages.push(sms);
    await this.append({ status: "sent", ...sms });
    return { messageId: sms.messageId };
  }

  /** Messages sent, oldest first. */
  list(): OutboxSms[] {
    return [...this.messages];
  }

  /** Attempts that failed, oldest first. */
  failures(): FailedSms[] {
    return [...this.failed];
  }

  /** Resolves once every message so far is in the file. */
  flush(): Promise<void> {
    return this.writes;
  }

  private unitName(s: { unitId?: string; to: string }): string {
    return this.options.unitName?.(s.unitId, s.to) ?? s.unitId ?? "";
  }

  /** The messages as JSON (GET /local/sms.json), oldest first. */
  toJson(): object {
    return {
      now: this.now().toISOString(),
      count: this.messages.length,
      messages: this.messages.map((s) => ({
        ...aboutMessage({ ...s, channel: "sms" }, this.unitName(s)),
        to: s.to,
        text: s.text,
        encoding: s.encoding,
        segments: s.segments,
        length: s.length,
        messageId: s.messageId,
      })),
      failed: this.failed.map((f) => ({ ...f, unitName: this.unitName(f) || null })),
    };
  }

  /** A small Vietnamese page listing the SMS sent (newest first), and the failed attempts. */
  renderHtml(): string {
    const sent = [...this.messages].reverse();
    const failed = [...this.failed].reverse();
    const cell = OUTBOX_CELL;
    return page(
      "Hộp thư SMS (chạy cục bộ)",
      html`<p>Tin nhắn hanchot lẽ ra đã gửi qua Amazon SNS. Không tin nào thực sự được gửi đi. Đã gửi: ${sent.length}; gửi lỗi: ${failed.length}. <a href="/local/sms.json">Dạng JSON</a> · <a href="/local/mail">Hộp thư</a> · <a href="/">Trang đầu</a></p>
${
  sent.length === 0
    ? html`<p>Chưa có tin nhắn nào.</p>`
    : outboxTable(sent, (m) => this.unitName(m), [
        { title: "Người nhận", cell: (m) => html`${m.to}`, style: ";white-space:nowrap" },
        {
          title: "Nội dung",
          cell: (m) => html`${m.text}`,
          style: ";white-space:pre-wrap;word-break:break-word",
        },
        {
          title: "Mã hóa",
          cell: (m) => html`${m.encoding} · ${m.segments} tin · ${m.length} ký tự`,
          style: ";white-space:nowrap",
        },
      ])
}
${
  failed.length === 0
    ? ""
    : html`<h2 style="font-size:1.1rem;color:#8a1c1c">Gửi lỗi</h2>
<table style="border-collapse:collapse;width:100%;background:#fff">
<thead><tr><th style="${cell}">Thời gian</th><th style="${cell}">Đơn vị</th><th style="${cell}">Người nhận</th><th style="${cell}">Nội dung</th><th style="${cell}">Lỗi</th></tr></thead>
<tbody>
${failed.map(
  (f) => html`<tr>
<td style="${cell};white-space:nowrap">${formatAt(f.at)}</td>
<td style="${cell}">${this.unitName(f)}</td>
<td style="${cell};white-space:nowrap">${f.to}</td>
<td style="${cell};white-space:pre-wrap;word-break:break-word">${f.text}</td>
<td style="${cell}">${f.error}</td>
</tr>`,
)}
</tbody>
</table>`
}`,
    );
  }
}
