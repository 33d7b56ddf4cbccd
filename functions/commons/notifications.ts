/**
 * Sending to people: the ports the lifecycle tasks use, and their AWS adapters (SES for email,
 * SNS for SMS). Locally, SES is aws-ses-v2-local (local/ses-local.ts) and SMS go to an outbox
 * (local/sms-outbox.ts).
 *
 * The adapters do not retry or swallow anything: an error propagates to the caller, which retries
 * with backoff and records the send as failed, so that failures reach the escalation.
 */
import { type SESClient, SendEmailCommand } from "@aws-sdk/client-ses";
import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import { mailbox } from "../../shared/notify/mailbox";

export interface EmailMessage {
  to: string[];
  /** The sender's display name for this message (the authority it comes from); the address is configuration. */
  fromName?: string;
  subject: string;
  html: string;
  text: string;
}

export interface SmsMessage {
  /** E.164, e.g. +84912345678. */
  to: string;
  text: string;
}

/** What a message is about, for senders that record it (the local outboxes); AWS's ignore it. */
export interface SendMeta {
  unitId: string;
  /** The lifecycle stage: "remind@<instant>", "escalation-<n>". */
  stage: string;
  instanceId: string;
}

export interface EmailSender {
  sendEmail(m: EmailMessage, meta?: SendMeta): Promise<{ messageId: string }>;
}

export interface SmsSender {
  sendSms(m: SmsMessage, meta?: SendMeta): Promise<{ messageId: string }>;
}

/** SES accepts at most 50 recipients per message (To, Cc and Bcc together). */
export const SES_MAX_RECIPIENTS = 50;

/** E.164: "+", a country code not starting with 0, at most 15 digits in all. */
export function isE164(phone: string): boolean {
  return /^\+[1-9]\d{6,14}$/.test(phone);
}

/** An alphanumeric sender ID: 1 to 11 letters or digits, at least one letter, no spaces. */
export function isAlphanumericSenderId(id: string): boolean {
  return /^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/.test(id);
}

export class SesEmailSender implements EmailSender {
  constructor(
    private readonly ses: SESClient,
    private readonly options: { from: string; configurationSet?: string },
  ) {}

  async sendEmail(m: EmailMessage): Promise<{ messageId: string }> {
    if (m.to.length === 0) throw new RangeError("Thư không có người nhận.");
    if (m.to.length > SES_MAX_RECIPIENTS) {
      throw new RangeError(`Thư có ${m.to.length} người nhận; SES nhận tối đa ${SES_MAX_RECIPIENTS}.`);
    }
    const out = await this.ses.send(
      new SendEmailCommand({
        Source: mailbox(m.fromName, this.options.from),
        Destination: { ToAddresses: m.to },
        Message: {
          Subject: { Data: m.subject, Charset: "UTF-8" },
          Body: {
            Html: { Data: m.html, Charset: "UTF-8" },
            Text: { Data: m.text, Charset: "UTF-8" },
          },
        },
        ...(this.options.configurationSet && { ConfigurationSetName: this.options.configurationSet }),
      }),
    );
    if (!out.MessageId) throw new Error("SES không trả về MessageId.");
    return { messageId: out.MessageId };
  }
}

export interface SnsSmsOptions {
  /** Registered alphanumeric sender ID (brand name), required for SMS to Vietnam. */
  senderId?: string;
  /** Transactional (the default) is delivered with priority; reminders are transactional. */
  smsType?: "Transactional" | "Promotional";
}

export class SnsSmsSender implements SmsSender {
  private readonly smsType: "Transactional" | "Promotional";

  constructor(
    private readonly sns: SNSClient,
    private readonly options: SnsSmsOptions = {},
  ) {
    if (options.senderId !== undefined && !isAlphanumericSenderId(options.senderId)) {
      throw new RangeError(
        `Sender ID "${options.senderId}" không hợp lệ: 1–11 chữ cái hoặc chữ số, có ít nhất một chữ cái, không có dấu cách.`,
      );
    }
    this.smsType = options.smsType ?? "Transactional";
  }

  async sendSms(m: SmsMessage): Promise<{ messageId: string }> {
    if (!isE164(m.to))
      throw new RangeError(`Số điện thoại "${m.to}" không ở dạng quốc tế (ví dụ +84912345678).`);
    const out = await this.sns.send(
      new PublishCommand({
        PhoneNumber: m.to,
        Message: m.text,
        MessageAttributes: {
          "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: this.smsType },
          ...(this.options.senderId && {
            "AWS.SNS.SMS.SenderID": { DataType: "String", StringValue: this.options.senderId },
          }),
        },
      }),
    );
    if (!out.MessageId) throw new Error("SNS không trả về MessageId.");
    return { messageId: out.MessageId };
  }
}
