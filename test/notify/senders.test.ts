/**
 * The senders: SES against a real aws-ses-v2-local, SNS through a mocked client (the PublishCommand
 * it builds), and the local SMS outbox (memory, JSON lines file, HTML page, injected failures).
 * Independent of the DynamoDB test setup.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SESClient } from "@aws-sdk/client-ses";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SesEmailSender, SnsSmsSender } from "../../functions/commons/notifications";
import { type SesLocal, startSesLocal } from "../../local/ses-local";
import { SmsOutbox, SmsOutboxFailure } from "../../local/sms-outbox";
import { reminderEmail } from "../../shared/notify/reminder-email";
import { REMINDER } from "../support/notify-content";

const content = { ...REMINDER, personalData: true };

/** The display name of a From header written as RFC 2047 encoded words, decoded independently. */
function decodeDisplayName(from: string): { name: string; address: string } {
  const m = /^(.*) <([^<>]+)>$/.exec(from);
  if (!m) throw new Error(`no display name in ${from}`);
  const words = (m[1] ?? "").split(" ");
  const name = words
    .map((w) => {
      const e = /^=\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=$/.exec(w);
      if (!e) throw new Error(`not an encoded word: ${w}`);
      return Buffer.from(e[1] ?? "", "base64");
    })
    .reduce((a, b) => Buffer.concat([a, b]), Buffer.alloc(0))
    .toString("utf8");
  return { name, address: m[2] ?? "" };
}

describe("SesEmailSender against aws-ses-v2-local", () => {
  let ses: SesLocal;
  let client: SESClient;
  beforeAll(async () => {
    ses = await startSesLocal();
    client = new SESClient({
      endpoint: ses.endpoint,
      region: "ap-southeast-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
  });
  afterAll(async () => {
    client?.destroy();
    await ses?.stop();
  });

  it("listens on loopback, with a health check and the web viewer", async () => {
    expect(ses.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${ses.endpoint}/health-check`)).status).toBe(200);
    const viewer = await fetch(ses.viewerUrl);
    expect(viewer.status).toBe(200);
    expect(await viewer.text()).toContain("<html");
  });

  it("sends a reminder that arrives with its Vietnamese subject, HTML and text intact", async () => {
    const sender = new SesEmailSender(client, {
      from: "hanchot@longbien.example.org",
      configurationSet: "hanchot",
    });
    const email = reminderEmail(content);
    const { messageId } = await sender.sendEmail({ to: ["ubnd@bode.example.org"], ...email });
    expect(messageId).toBeTruthy();

    const sent = await ses.sent();
    const got = sent.find((m) => m.messageId === messageId);
    expect(got).toBeDefined();
    expect(got?.to).toEqual(["ubnd@bode.example.org"]);
    // The From header names the standing body; SES takes a non-ASCII name only as RFC 2047 words.
    expect(got?.from).toMatch(/^[\x20-\x7e]+$/);
    expect(decodeDisplayName(got?.from ?? "")).toEqual({
      name: "Phòng Y tế quận Long Biên",
      address: "hanchot@longbien.example.org",
    });
    expect(got?.subject).toBe(email.subject);
    expect(got?.subject).toContain("Nhắc hạn: Định kỳ hàng quý");
    expect(got?.subject).toContain("hạn chót 23:59 thứ Hai 24/03/2025");
    expect(got?.html).toBe(email.html);
    expect(got?.text).toBe(email.text);
    expect(Date.parse(got?.at ?? "")).not.toBeNaN();
  });

  it("sends from the bare address when a message has no display name", async () => {
    const sender = new SesEmailSender(client, { from: "hanchot@longbien.example.org" });
    const { messageId } = await sender.sendEmail({
      to: ["a@example.org"],
      subject: "x",
      html: "x",
      text: "x",
    });
    const got = (await ses.sent()).find((m) => m.messageId === messageId);
    expect(got?.from).toBe("hanchot@longbien.example.org");
  });

  it("refuses a message without recipients before calling SES", async () => {
    const sender = new SesEmailSender(client, { from: "hanchot@longbien.example.org" });
    await expect(sender.sendEmail({ to: [], subject: "x", html: "x", text: "x" })).rejects.toThrow(
      RangeError,
    );
  });

  it("lets an SES error propagate", async () => {
    const broken = new SESClient({
      endpoint: "http://127.0.0.1:9",
      region: "ap-southeast-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
      maxAttempts: 1,
    });
    const sender = new SesEmailSender(broken, { from: "hanchot@longbien.example.org" });
    await expect(
      sender.sendEmail({ to: ["a@example.org"], subject: "x", html: "x", text: "x" }),
    ).rejects.toThrow();
    broken.destroy();
  });

  it("stops cleanly, freeing its port", async () => {
    const other = await startSesLocal();
    await other.stop();
    await other.stop();
    await expect(fetch(`${other.endpoint}/health-check`)).rejects.toThrow();
  });
});

describe("SnsSmsSender", () => {
  const sns = mockClient(SNSClient);
  afterEach(() => sns.reset());

  it("publishes to the phone number with the sender ID and the SMS type", async () => {
    sns.on(PublishCommand).resolves({ MessageId: "sns-1" });
    const sender = new SnsSmsSender(new SNSClient({ region: "ap-southeast-1" }), {
      senderId: "HANCHOT",
      smsType: "Transactional",
    });
    const text =
      "hanchot: Nhac han: Bao cao quy. Han chot: 23:59 ngay 24/03/2025. Nop tai: http://127.0.0.1:3000/s/AbC123xy";
    await expect(sender.sendSms({ to: "+84900000012", text })).resolves.toEqual({ messageId: "sns-1" });
    const calls = sns.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      PhoneNumber: "+84900000012",
      Message: text,
      MessageAttributes: {
        "AWS.SNS.SMS.SenderID": { DataType: "String", StringValue: "HANCHOT" },
        "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" },
      },
    });
  });

  it("defaults to Transactional without a sender ID", async () => {
    sns.on(PublishCommand).resolves({ MessageId: "sns-2" });
    await new SnsSmsSender(new SNSClient({ region: "ap-southeast-1" })).sendSms({
      to: "+84900000013",
      text: "hanchot",
    });
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.MessageAttributes).toEqual({
      "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" },
    });
  });

  it("lets an SNS error propagate and refuses numbers not in E.164", async () => {
    sns.on(PublishCommand).rejects(new Error("Throttling"));
    const sender = new SnsSmsSender(new SNSClient({ region: "ap-southeast-1" }), { senderId: "HANCHOT" });
    await expect(sender.sendSms({ to: "+84900000012", text: "x" })).rejects.toThrow("Throttling");
    await expect(sender.sendSms({ to: "0900000012", text: "x" })).rejects.toThrow(RangeError);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
  });

  it("refuses an invalid sender ID", () => {
    expect(
      () => new SnsSmsSender(new SNSClient({ region: "ap-southeast-1" }), { senderId: "HAN CHOT" }),
    ).toThrow(RangeError);
    expect(
      () => new SnsSmsSender(new SNSClient({ region: "ap-southeast-1" }), { senderId: "HANCHOTVN2025" }),
    ).toThrow(RangeError);
  });
});

describe("SmsOutbox", () => {
  const now = () => new Date("2025-03-21T01:00:00Z");

  it("keeps the messages sent, with their encoding and segments", async () => {
    const outbox = new SmsOutbox({ now });
    const a = await outbox.sendSms({ to: "+84900000012", text: "hanchot: Nhac han" });
    await outbox.sendSms({ to: "+84900000013", text: "hanchot: Nhắc hạn" });
    expect(a.messageId).toMatch(/^sms-local-/);
    expect(outbox.list()).toEqual([
      {
        messageId: a.messageId,
        to: "+84900000012",
        text: "hanchot: Nhac han",
        at: "2025-03-21T01:00:00.000Z",
        encoding: "GSM-7",
        segments: 1,
        length: 17,
      },
      expect.objectContaining({ to: "+84900000013", encoding: "UCS-2", segments: 1, length: 17 }),
    ]);
  });

  it("appends JSON lines to its file and reads them back on start", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "hanchot-sms-")), "nested", "sms.jsonl");
    const outbox = new SmsOutbox({ file, now });
    await outbox.sendSms({ to: "+84900000012", text: "một" });
    outbox.failNext();
    await expect(outbox.sendSms({ to: "+84900000013", text: "hai" })).rejects.toThrow(SmsOutboxFailure);
    await outbox.sendSms({ to: "+84900000014", text: "ba" });
    await outbox.flush();
    const lines = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.status, l.to, l.text])).toEqual([
      ["sent", "+84900000012", "một"],
      ["failed", "+84900000013", "hai"],
      ["sent", "+84900000014", "ba"],
    ]);

    writeFileSync(file, `${readFileSync(file, "utf8")}{"status":"sent","to":"+8490`, "utf8"); // cut short
    const reopened = new SmsOutbox({ file });
    expect(reopened.list().map((m) => m.text)).toEqual(["một", "ba"]);
    expect(reopened.failures().map((m) => m.text)).toEqual(["hai"]);
  });

  it("renders an escaped Vietnamese page, newest first", async () => {
    const outbox = new SmsOutbox({ now });
    await outbox.sendSms({ to: "+84900000012", text: "đầu tiên" });
    await outbox.sendSms({ to: "+84900000013", text: "<script>alert(1)</script> & hanchot" });
    outbox.failNext();
    await outbox.sendSms({ to: "+84900000014", text: "lỗi" }).catch(() => undefined);
    const page = outbox.renderHtml();
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain("Hộp thư SMS");
    expect(page).not.toContain("<script>");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; hanchot");
    expect(page).toContain("08:00 ngày 21/03/2025");
    expect(page).toContain("GSM-7 · 1 tin");
    expect(page).toContain("UCS-2 · 1 tin · 8 ký tự");
    expect(page).toContain("Gửi lỗi");
    expect(page).toContain("+84900000014");
    expect(page.indexOf("&lt;script&gt;")).toBeLessThan(page.indexOf("đầu tiên"));
    expect(new SmsOutbox().renderHtml()).toContain("Chưa có tin nhắn nào.");
  });

  it("fails the same sends on every run with the same seed", async () => {
    const run = async (seed: number) => {
      const outbox = new SmsOutbox({ failureRate: 0.3, seed });
      const results: boolean[] = [];
      for (let i = 0; i < 200; i++) {
        results.push(
          await outbox.sendSms({ to: "+84900000012", text: `tin ${i}` }).then(
            () => true,
            () => false,
          ),
        );
      }
      expect(outbox.list().length + outbox.failures().length).toBe(200);
      return results;
    };
    const first = await run(42);
    expect(await run(42)).toEqual(first);
    expect(await run(7)).not.toEqual(first);
    const failures = first.filter((ok) => !ok).length;
    expect(failures).toBeGreaterThan(30);
    expect(failures).toBeLessThan(90);
  });

  it("refuses numbers not in E.164, as SNS would", async () => {
    const outbox = new SmsOutbox();
    await expect(outbox.sendSms({ to: "0900000012", text: "x" })).rejects.toThrow(SmsOutboxFailure);
    expect(outbox.list()).toEqual([]);
    expect(outbox.failures()).toHaveLength(1);
  });
});
