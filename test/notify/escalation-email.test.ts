/**
 * The escalation email to the standing body: every overdue unit with days late, its lead contact,
 * reminders sent and failed, from the plan's issuer.
 */
import { describe, expect, it } from "vitest";
import { escalationEmail } from "../../shared/notify/escalation-email";
import { AUTHORITY, REMINDER as base, visibleText } from "../support/notify-content";

describe("escalationEmail", () => {
  const input = {
    authority: AUTHORITY,
    committeeName: "Ban Chỉ đạo công tác CSSKBĐ, Dân số & Phát triển quận",
    title: base.title,
    period: "2025-Q1",
    dueAt: base.dueAt,
    escalationNumber: 2,
    planTitle: base.planTitle,
    overdue: [
      {
        unitName: "UBND phường Bồ Đề",
        daysLate: 9,
        leadContact: { name: "Nguyễn Văn An", email: "an@bode.example.org", phone: "+84900000012" },
        remindersSent: 3,
        failedSends: 0,
      },
      {
        unitName: "UBND phường <Cự Khối>",
        daysLate: 9,
        leadContact: { phone: "+84900000013" },
        remindersSent: 1,
        failedSends: 2,
      },
      { unitName: "UBND phường Đức Giang", daysLate: 2, remindersSent: 0, failedSends: 0 },
    ],
  };

  it("says how many units, which escalation, and the deadline in the subject", () => {
    const { subject } = escalationEmail(input);
    expect(subject).toMatch(
      /^\[Phòng Y tế quận Long Biên — KH số …\/KH-UBND\] Quá hạn \(thông báo lần 2\): Định kỳ hàng quý/,
    );
    expect(subject).toContain("3 đơn vị chưa nộp");
    expect(subject).toContain("hạn chót 23:59 thứ Hai 24/03/2025");
  });

  it("lists every overdue unit with days late, lead contact, reminders sent and failed sends", () => {
    const { html, text } = escalationEmail(input);
    expect(text).toContain("Kính gửi: Phòng Y tế quận Long Biên — cơ quan thường trực Ban Chỉ đạo");
    expect(text).toContain(
      "1. UBND phường Bồ Đề — trễ 9 ngày; người phụ trách: Nguyễn Văn An: email an@bode.example.org, " +
        "điện thoại +84900000012; đã nhắc 3 lần; gửi lỗi 0 lần",
    );
    expect(text).toContain("2. UBND phường <Cự Khối> — trễ 9 ngày; người phụ trách: điện thoại +84900000013");
    expect(text).toContain(
      "3. UBND phường Đức Giang — trễ 2 ngày; người phụ trách: chưa có thông tin liên hệ",
    );
    // Nothing silently dropped: failures and units never reminded are called out.
    expect(text).toContain("1 đơn vị có lần gửi nhắc không thành công (tổng 2 lần): UBND phường <Cự Khối>");
    expect(text).toContain("1 đơn vị chưa nhận được lần nhắc nào: UBND phường Đức Giang");
    const visible = visibleText(html);
    for (const u of input.overdue) expect(visible).toContain(u.unitName);
    expect(visible).toContain("trễ 9 ngày");
    expect(visible).toContain("an@bode.example.org");
    expect(html).toContain("UBND phường &lt;Cự Khối&gt;");
    expect(html).not.toContain("<Cự Khối>");
    expect((html.match(/<tr>/g) ?? []).length).toBe(1 + input.overdue.length);
  });

  it("comes from the issuer, not from the standing body it is addressed to, nor from the product", () => {
    const { fromName, subject, html, text } = escalationEmail(input);
    expect(fromName).toBe("UBND quận Long Biên");
    expect(subject).not.toContain("hanchot");
    for (const body of [visibleText(html), text]) {
      expect(body.split("hanchot")).toHaveLength(2);
      expect(body).toContain("Gửi tự động qua hệ thống nhắc hạn hanchot.");
    }
    expect(visibleText(html)).toContain("Kế hoạch số …/KH-UBND tháng 01/2025 của UBND quận Long Biên");
  });

  it("still makes sense with no unit left", () => {
    const { subject, text } = escalationEmail({ ...input, overdue: [] });
    expect(subject).toContain("0 đơn vị chưa nộp");
    expect(text).toContain("Tất cả đơn vị đã nộp");
  });
});
