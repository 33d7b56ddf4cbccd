/**
 * The words of the console's actions: the notice of a returned submission (email and SMS), the
 * reminders of a returned report or sent after the cut-off, and the escalation's link to the
 * deadline page. Every SMS one GSM-7 segment, for every dated deadline of the Long Biên 2025 plan.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type DeadlineInstance, expandPlan } from "../../shared/calendar/expand";
import type { ReturnNoticeContent } from "../../shared/notify/content";
import { escalationEmail } from "../../shared/notify/escalation-email";
import { smsSegments, toUnaccented } from "../../shared/notify/gsm7";
import { reminderEmail } from "../../shared/notify/reminder-email";
import { returnNoticeEmail, returnNoticeSms } from "../../shared/notify/return-notice";
import { reminderSms } from "../../shared/notify/sms";
import { stageWords } from "../../shared/notify/stage-words";
import { loadPlan } from "../../shared/plan/load";
import type { PlanFile } from "../../shared/plan/schema";
import { AUTHORITY, LINK, REMINDER, SHORT_LINK, visibleText } from "../support/notify-content";

const BRAND = "PYTLONGBIEN";
const REASON =
  "Biểu mẫu thiếu số liệu tháng 2 và chưa có chữ ký, đóng dấu của lãnh đạo đơn vị; đề nghị bổ sung đầy đủ rồi gửi lại.";
const NOTICE: ReturnNoticeContent = {
  authority: AUTHORITY,
  unitName: REMINDER.unitName,
  title: REMINDER.title,
  period: REMINDER.period,
  dueAt: REMINDER.dueAt,
  kind: "deliverable",
  receipt: "HC-7Q2M-K4XP",
  submittedAt: "2025-03-20T02:15:00Z",
  reason: REASON,
  link: LINK,
  contact: REMINDER.contact,
  personalData: false,
  planTitle: REMINDER.planTitle,
};
const BEFORE_DUE = Date.parse("2025-03-21T03:00:00Z");
const AFTER_DUE = Date.parse("2025-03-26T03:00:00Z");

describe("the return notice email", () => {
  it("says which version was returned, why, until when a new one is on time, and gives the link", () => {
    const email = returnNoticeEmail(NOTICE, BEFORE_DUE);
    expect(email.fromName).toBe("Phòng Y tế quận Long Biên");
    expect(email.subject).toMatch(
      /^\[Phòng Y tế quận Long Biên — KH số …\/KH-UBND\] Trả lại báo cáo: .* — cần gửi bản mới$/,
    );
    for (const text of [email.text, visibleText(email.html)]) {
      expect(text).toContain("gửi lúc 09:15 ngày 20/03/2025 (mã tiếp nhận HC-7Q2M-K4XP)");
      expect(text).toContain(REASON);
      expect(text).toContain("Báo cáo mới gửi đến 23:59 thứ Hai 24/03/2025 được tính là đúng hạn");
      expect(text).toContain(LINK);
    }
    expect(email.html).toContain(`href="${LINK}"`);
  });

  it("says a new version is late once the cut-off has passed", () => {
    const email = returnNoticeEmail(NOTICE, AFTER_DUE);
    expect(email.text).toContain(
      "Hạn chót (23:59 thứ Hai 24/03/2025) đã qua: báo cáo mới được ghi là nộp muộn.",
    );
  });

  it("escapes the reason and keeps its line breaks", () => {
    const email = returnNoticeEmail({ ...NOTICE, reason: "Dòng 1 <b>đậm</b>\nDòng 2" }, BEFORE_DUE);
    expect(email.html).toContain("Dòng 1 &lt;b&gt;đậm&lt;/b&gt;<br>Dòng 2");
    expect(email.text).toContain("Dòng 1 <b>đậm</b>\nDòng 2");
  });

  it("refuses a link that is not http(s)", () => {
    expect(() => returnNoticeEmail({ ...NOTICE, link: "javascript:alert(1)" }, BEFORE_DUE)).toThrow(
      RangeError,
    );
  });
});

describe("the return notice SMS", () => {
  it("opens with the brand, says the report was returned and why, ends with the short link, in one GSM-7 segment", () => {
    const sms = returnNoticeSms({
      ...NOTICE,
      reason: "Thiếu chữ ký",
      title: "Báo cáo quý I",
      shortLink: SHORT_LINK,
      brand: BRAND,
    });
    expect(sms).toBe(
      `${BRAND}: UBND phuong Bo De - Bao cao bi tra lai: Bao cao quy I. Ly do: Thieu chu ky. Nop lai tai: ${SHORT_LINK}`,
    );
    expect(smsSegments(sms)).toMatchObject({ encoding: "GSM-7", segments: 1 });
  });

  it("shortens a long reason with an ellipsis before dropping it, and keeps the link whole", () => {
    const sms = returnNoticeSms({ ...NOTICE, shortLink: SHORT_LINK, brand: BRAND });
    expect(sms).toMatch(/Ly do: Bieu mau thieu so lieu thang 2[^.]*\.\.\. Nop lai tai: /);
    expect(sms.endsWith(SHORT_LINK)).toBe(true);
    expect(sms).toBe(toUnaccented(sms));
    expect(smsSegments(sms)).toMatchObject({ encoding: "GSM-7", segments: 1 });
  });

  it("points to the email for the reason when a very long link leaves no room", () => {
    const longLink = `http://127.0.0.1:3000/s/${"x".repeat(110)}`;
    const sms = returnNoticeSms({ ...NOTICE, shortLink: longLink, brand: BRAND });
    expect(sms).toContain("Ly do: xem email.");
    expect(sms.endsWith(longLink)).toBe(true);
  });
});

describe("reminders of a returned report, and after the cut-off", () => {
  it("the email says the report was returned and why, and asks for a new version", () => {
    const email = reminderEmail({ ...REMINDER, returned: { reason: REASON } });
    expect(email.subject).toContain("] Nhắc nộp lại: ");
    expect(email.text).toContain(
      `Phòng Y tế quận Long Biên đã trả lại báo cáo đơn vị gửi cho nội dung dưới đây theo Kế hoạch số …/KH-UBND tháng 01/2025 của UBND quận Long Biên, lý do: “${REASON}”. Đề nghị đơn vị gửi bản mới (còn 3 ngày).`,
    );
  });

  it("a reminder sent from the console after the cut-off says it is overdue, not how many days are left", () => {
    const email = reminderEmail({ ...REMINDER, stage: "overdue", daysLeft: 0 });
    expect(email.subject).toContain("] Quá hạn: ");
    expect(email.text).toContain("đã quá hạn chót; đề nghị đơn vị nộp ngay.");
    expect(email.text).not.toContain("hôm nay là ngày cuối");
    const sms = reminderSms({
      ...REMINDER,
      stage: "overdue",
      daysLeft: 0,
      shortLink: SHORT_LINK,
      brand: BRAND,
    });
    expect(sms).toContain(" - Qua han: ");
    expect(sms).not.toContain("(hom nay)");
  });

  it("the SMS of a returned report says so and asks for it again", () => {
    const sms = reminderSms({
      ...REMINDER,
      returned: { reason: REASON },
      shortLink: SHORT_LINK,
      brand: BRAND,
    });
    expect(sms).toBe(
      "PYTLONGBIEN: Bi tra lai: Dinh ky hang quy tong hop, bao cao tien... " +
        `Han chot: 23:59 T2 24/03/2025 (con 3 ngay). Nop lai tai: ${SHORT_LINK}`,
    );
    expect(smsSegments(sms)).toMatchObject({ encoding: "GSM-7", segments: 1 });
  });

  describe("for every dated deadline of the Long Biên 2025 plan", () => {
    let plan: PlanFile;
    let instances: DeadlineInstance[];
    beforeAll(async () => {
      plan = await loadPlan("plans/long-bien-2025.yaml");
      instances = expandPlan(plan, 2025);
    });

    it.each([SHORT_LINK, "https://hanchot.example.gov.vn/s/AbC123xyZ9"])(
      "the return notice and the returned and overdue reminders are one GSM-7 segment with the link %s",
      (shortLink) => {
        expect(instances.length).toBeGreaterThan(100);
        for (const i of instances) {
          const content = {
            ...REMINDER,
            unitName: i.unitName,
            title: i.title,
            period: i.period,
            timing: i.timing,
            dueAt: i.dueAt,
            kind: i.kind,
            shortLink,
            brand: BRAND,
          };
          const texts = [
            returnNoticeSms({ ...NOTICE, ...content }),
            reminderSms({ ...content, returned: { reason: REASON } }),
            reminderSms({ ...content, stage: "overdue" }),
          ];
          for (const sms of texts) {
            expect(smsSegments(sms), sms).toMatchObject({ encoding: "GSM-7", segments: 1 });
            expect(sms.startsWith(`${BRAND}: `), sms).toBe(true);
            expect(sms.endsWith(shortLink), sms).toBe(true);
          }
          expect(texts[0]).toMatch(/bi tra lai: .+\. Ly do: .{20,}/);
        }
      },
    );
  });
});

describe("the escalation email", () => {
  it("links to the deadline's page and says which units were returned", () => {
    const email = escalationEmail({
      authority: AUTHORITY,
      committeeName: "Ban Chỉ đạo quận",
      title: REMINDER.title,
      period: REMINDER.period,
      dueAt: REMINDER.dueAt,
      escalationNumber: 1,
      planTitle: REMINDER.planTitle,
      link: "https://hanchot.example.gov.vn/console/plans/long-bien-2025/deadlines/bao-cao-quy/2025-Q1",
      overdue: [
        { unitName: "UBND phường Bồ Đề", daysLate: 3, remindersSent: 3, failedSends: 0, returned: true },
        { unitName: "UBND phường Gia Thụy", daysLate: 3, remindersSent: 3, failedSends: 0 },
      ],
    });
    expect(email.text).toContain(
      "Xem tình hình từng đơn vị trên trang của hạn này (cần đăng nhập):\nhttps://hanchot.example.gov.vn/console/plans/long-bien-2025/deadlines/bao-cao-quy/2025-Q1",
    );
    expect(email.html).toContain(
      'href="https://hanchot.example.gov.vn/console/plans/long-bien-2025/deadlines/bao-cao-quy/2025-Q1"',
    );
    expect(email.text).toContain(
      "1. UBND phường Bồ Đề — trễ 3 ngày (bản đã nộp bị trả lại, chưa nộp bản mới);",
    );
    expect(email.text).toContain("2. UBND phường Gia Thụy — trễ 3 ngày;");
  });
});

describe("stage words", () => {
  it("names every stage a message or a mark is recorded under", () => {
    expect(
      [
        "remind@2025-03-17T08:00:00+07:00",
        "manual@2025-03-19",
        "returned@HC-7Q2M-K4XP",
        "escalation-2",
        "escalation-1@2025-04-10T00:00:00+07:00",
        "overdue",
        "overdue@2025-04-10T00:00:00+07:00",
        "overdue-unit@2025-04-05T00:00:00+07:00",
      ].map(stageWords),
    ).toEqual([
      "Nhắc hạn",
      "Nhắc ngay",
      "Trả lại",
      "Báo quá hạn lần 2",
      "Báo quá hạn lần 1",
      "Ghi quá hạn",
      "Ghi quá hạn",
      "Ghi quá hạn",
    ]);
  });
});
