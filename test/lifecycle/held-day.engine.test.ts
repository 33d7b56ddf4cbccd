/**
 * The Remind step on DynamoDB Local for the schedule forms of issue 12: a published activity held on
 * a fixed day is announced before the day and confirmed after it (no "hạn chót"), and a quarterly
 * report whose figures stop at the 14th says which figures it covers.
 */
import { describe, expect, it } from "vitest";
import type { EmailMessage } from "../../functions/commons/notifications";
import { type LifecycleDeps, remind } from "../../functions/use-cases/lifecycle";
import { SmsOutbox } from "../../local/sms-outbox";
import { BASE_URL, submissionApp } from "../support/submission-app";

const HELD = { planId: "thu-nghiem-cum-tu", obligationId: "ngay-dan-so-the-gioi", period: "2026" };
const QUARTERLY = { planId: "thu-nghiem-cum-tu", obligationId: "bao-cao-quy", period: "2026-Q1" };

async function setup() {
  const app = await submissionApp("test/fixtures/real-phrases.yaml");
  const emails: EmailMessage[] = [];
  const lifecycle: LifecycleDeps = {
    data: app.data,
    email: {
      sendEmail: async (m) => {
        emails.push(m);
        return { messageId: `m-${emails.length}` };
      },
    },
    sms: new SmsOutbox({ now: () => app.clock.now }),
    keyring: app.keyring,
    now: () => app.clock.now,
    baseUrl: BASE_URL,
    sleep: async () => {},
  };
  /** Sends the reminder planned for `at`; the email it sent. */
  const remindAt = async (ref: typeof HELD, at: string) => {
    app.clock.now = new Date(at);
    await remind(lifecycle, ref, `remind@${at}`);
    const email = emails.at(-1);
    if (!email) throw new Error(`no email sent at ${at}`);
    return email;
  };
  return { app, remindAt };
}

describe("reminders of the new schedule forms, published and sent", () => {
  it("announces a day held before it and asks for confirmation after it", async () => {
    const t = await setup();
    const definition = await t.app.data.deadlines.definition(HELD);
    expect(definition).toMatchObject({ heldOn: "2026-07-11", dueAt: "2026-07-16T00:00:00+07:00" });
    expect(definition?.remindAt).toEqual([
      "2026-07-03T08:00:00+07:00",
      "2026-07-08T08:00:00+07:00",
      "2026-07-10T08:00:00+07:00",
      "2026-07-13T08:00:00+07:00",
    ]);

    const before = await t.remindAt(HELD, "2026-07-08T08:00:00+07:00");
    expect(before.subject).toContain("Nhắc lịch: Truyền thông nhân kỷ niệm ngày Dân số thế giới");
    expect(before.text).toContain("diễn ra thứ Bảy 11/07/2026 (còn 3 ngày)");
    expect(before.text.toLowerCase()).not.toContain("hạn chót");

    const after = await t.remindAt(HELD, "2026-07-13T08:00:00+07:00");
    expect(after.subject).toContain("Đề nghị xác nhận:");
    expect(after.text).toContain("đã diễn ra thứ Bảy 11/07/2026");
    expect(after.text).toContain("Xác nhận trước: 23:59 thứ Tư 15/07/2026 (giờ Việt Nam)");
  });

  it("says which figures a quarterly report covers", async () => {
    const t = await setup();
    const definition = await t.app.data.deadlines.definition(QUARTERLY);
    expect(definition?.covers).toEqual({ from: "2025-12-15", to: "2026-03-14" });
    const at = definition?.remindAt[0] ?? "";
    const email = await t.remindAt(QUARTERLY, at);
    expect(email.text).toContain("Số liệu: từ 15/12/2025 đến 14/03/2026");
  });
});
