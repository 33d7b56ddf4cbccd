/**
 * The local mail and SMS pages name each message's stage in the console's words, for every stage
 * the lifecycle and the console's actions send at (issue 11): the same words as shared/notify's.
 */
import { describe, expect, it } from "vitest";
import type { EmailMessage } from "../../functions/commons/notifications";
import { MailOutbox } from "../../local/mail-outbox";
import { SmsOutbox } from "../../local/sms-outbox";

const STAGES: Array<[stage: string, words: string]> = [
  ["remind@2025-03-17T08:00:00+07:00", "Nhắc hạn"],
  ["manual@2025-03-18", "Nhắc ngay"],
  ["returned@HC-ABCDE-12345", "Trả lại"],
  ["overdue@2025-03-25T00:00:00+07:00", "Ghi quá hạn"],
  ["overdue-unit@2025-03-27T00:00:00+07:00", "Ghi quá hạn"],
  ["escalation-2@2025-03-25T00:00:00+07:00", "Báo quá hạn lần 2"],
  ["escalation-3", "Báo quá hạn lần 3"],
];

const mail = (i: number): EmailMessage => ({
  to: [`don-vi-${i}@example.org`],
  subject: `Thư ${i}`,
  html: `<p>Thư ${i}</p>`,
  text: `Thư ${i}`,
});

async function mailOutbox() {
  const outbox = new MailOutbox(
    { sendEmail: async () => ({ messageId: `m-${Math.random()}` }) },
    { now: () => new Date("2025-03-20T02:00:00Z") },
  );
  for (const [i, [stage]] of STAGES.entries())
    await outbox.sendEmail(mail(i), { unitId: "to-1", stage, instanceId: "thu-nghiem:bao-cao:2025-Q1:to-1" });
  await outbox.sendEmail(mail(99)); // sent without metadata: no stage
  return outbox;
}

/** The "Loại" cell of each row of an outbox table, oldest row last (the pages list newest first). */
const stageCells = (page: string) =>
  [...page.matchAll(/<tr>\n<td [^>]*>[^<]*<\/td>\n<td [^>]*>[^<]*<\/td>\n<td [^>]*>([^<]*)<\/td>/g)].map(
    (m) => m[1],
  );

describe("the local outboxes' stage words", () => {
  it("the mail JSON, list and message pages use the console's words for every stage", async () => {
    const outbox = await mailOutbox();
    const json = outbox.toJson() as { messages: Array<{ stage: string | null; stageText: string | null }> };
    expect(json.messages.map((m) => [m.stage, m.stageText])).toEqual([...STAGES, [null, null]]);
    expect(stageCells(outbox.renderList())).toEqual(["", ...STAGES.map(([, w]) => w).reverse()]);
    for (const [i, [, words]] of STAGES.entries()) {
      expect(outbox.renderMessage(i + 1)).toContain(`<dt>Loại</dt><dd style="margin:0">${words}</dd>`);
    }
  });

  it("the SMS JSON and page use the same words", async () => {
    const sms = new SmsOutbox({ now: () => new Date("2025-03-20T02:00:00Z") });
    for (const [stage] of STAGES)
      await sms.sendSms(
        { to: "+84900000098", text: "Nhắc hạn" },
        { unitId: "to-1", stage, instanceId: "thu-nghiem:bao-cao:2025-Q1:to-1" },
      );
    const json = sms.toJson() as { messages: Array<{ stageText: string | null }> };
    expect(json.messages.map((m) => m.stageText)).toEqual(STAGES.map(([, w]) => w));
    expect(stageCells(sms.renderHtml())).toEqual(STAGES.map(([, w]) => w).reverse());
  });
});
