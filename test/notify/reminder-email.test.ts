/**
 * The reminder email: from the authority (standing body, plan number and date), Vietnamese,
 * escaped HTML, the exact cut-off with its weekday, the personal link, no personal data.
 */
import { describe, expect, it } from "vitest";
import { reminderEmail } from "../../shared/notify/reminder-email";
import { AUTHORITY, REMINDER as base, LINK, visibleText } from "../support/notify-content";

describe("reminderEmail", () => {
  it("puts the authority, the stage and the deadline in the subject, with the title shortened", () => {
    const { subject } = reminderEmail(base);
    expect(subject).toMatch(
      /^\[Phòng Y tế quận Long Biên — KH số …\/KH-UBND\] Nhắc hạn: Định kỳ hàng quý tổng hợp/,
    );
    expect(subject).toMatch(/— hạn chót 23:59 thứ Hai 24\/03\/2025$/);
    expect(subject).not.toContain("(qua Phòng Y tế)");
    expect(subject).not.toContain("hanchot");
  });

  it("comes from the standing body, and names the product only in the footer", () => {
    const { fromName, html, text } = reminderEmail(base);
    expect(fromName).toBe("Phòng Y tế quận Long Biên");
    const footer = "Gửi tự động qua hệ thống nhắc hạn hanchot.";
    for (const body of [visibleText(html), text]) {
      expect(body.split("hanchot")).toHaveLength(2);
      expect(body).toContain(footer);
      expect(body).not.toContain("hanchot xin nhắc");
      expect(body).toContain("Phòng Y tế quận Long Biên xin nhắc");
      expect(body).toContain("Kế hoạch số …/KH-UBND tháng 01/2025 của UBND quận Long Biên");
    }
    expect(text.trimEnd().endsWith(footer)).toBe(true);
  });

  it("cites a numbered plan by its day of issue", () => {
    const { text } = reminderEmail({
      ...base,
      authority: { ...AUTHORITY, planNumber: "379/KH-UBND", planIssuedOn: "2023-12-20" },
    });
    expect(text).toContain("Kế hoạch số 379/KH-UBND ngày 20/12/2023 của UBND quận Long Biên");
  });

  it("falls back to the plan's title and the standing body alone when the number is unknown", () => {
    const { subject, text } = reminderEmail({
      ...base,
      authority: { issuerName: "UBND quận Long Biên", standingBodyName: "Phòng Y tế quận Long Biên" },
    });
    expect(subject.startsWith("[Phòng Y tế quận Long Biên] Nhắc hạn: ")).toBe(true);
    expect(text).toContain(`nội dung dưới đây theo ${base.planTitle} sắp đến hạn`);
    expect(text).not.toContain("Kế hoạch số");
  });

  it.each([
    ["window-open", "Bắt đầu thực hiện:"],
    ["before-due", "Nhắc hạn:"],
  ] as const)("names the stage %s in the subject", (stage, word) => {
    expect(reminderEmail({ ...base, stage }).subject).toContain(`] ${word} `);
  });

  it("greets the unit, says what is due, the cut-off with its weekday, the link and whom to ask, in HTML and text", () => {
    const { html, text } = reminderEmail(base);
    for (const body of [visibleText(html), text]) {
      expect(body).toContain("Kính gửi: UBND phường Bồ Đề");
      expect(body).toContain(base.title);
      expect(body).toContain("quý I/2025");
      expect(body).toContain("trước ngày 25 của tháng cuối quý");
      expect(body).toContain("23:59 thứ Hai 24/03/2025 (giờ Việt Nam)");
      expect(body).toContain("từ 00:00 thứ Ba 25/03/2025 được ghi là nộp muộn");
      expect(body).toContain("còn 3 ngày");
      expect(body).toContain(LINK);
      expect(body).toContain("pyt@longbien.example.org");
      expect(body).toContain("+84900000001");
      expect(body).not.toContain("dữ liệu cá nhân");
      // A working day: nothing to warn about.
      expect(body).not.toContain("Ngày làm việc cuối");
    }
    expect(html).toContain(`href="${LINK}"`);
    expect(html).toContain('href="mailto:pyt@longbien.example.org"');
    expect(html).toContain('href="tel:+84900000001"');
    expect(html).toMatch(/^<!doctype html>\n<html lang="vi">/);
  });

  it("names the last working day when the last on-time day is a Sunday", () => {
    const { html, text } = reminderEmail({ ...base, dueAt: "2021-03-15T00:00:00+07:00" });
    for (const body of [visibleText(html), text]) {
      expect(body).toContain("23:59 Chủ nhật 14/03/2021 (giờ Việt Nam)");
      expect(body).toMatch(/Ngày làm việc cuối:? thứ Sáu 12\/03 \(ngày 14\/03 là Chủ nhật\)/);
    }
  });

  it("names the holiday and the working day before Tết", () => {
    const { text } = reminderEmail({ ...base, dueAt: "2026-02-19T00:00:00+07:00" });
    expect(text).toContain("Hạn chót: 23:59 thứ Tư 18/02/2026 (giờ Việt Nam)");
    expect(text).toContain("Ngày làm việc cuối: thứ Sáu 13/02 (ngày 18/02 nghỉ Tết Nguyên đán)");
  });

  it("rolls the late-from day over month and year ends", () => {
    const { text } = reminderEmail({ ...base, dueAt: "2026-01-01T00:00:00+07:00" });
    expect(text).toContain("từ 00:00 thứ Năm 01/01/2026 được ghi là nộp muộn");
  });

  it("words an activity as a confirmation", () => {
    const { text } = reminderEmail({ ...base, kind: "activity" });
    expect(text).toContain("Xác nhận gửi từ 00:00 thứ Ba 25/03/2025 được ghi là nộp muộn.");
    expect(text).toContain("xác nhận kết quả qua đường link riêng");
  });

  it("says which figures a quarterly report covers when they stop at the 14th of the quarter's last month", () => {
    const { html, text } = reminderEmail({ ...base, covers: { from: "2024-12-15", to: "2025-03-14" } });
    for (const body of [visibleText(html), text])
      expect(body).toMatch(/Số liệu:? từ 15\/12\/2024 đến 14\/03\/2025/);
    const calendarQuarter = reminderEmail({ ...base, covers: { from: "2025-01-01", to: "2025-03-31" } });
    expect(calendarQuarter.text).not.toContain("Số liệu");
  });

  describe("an activity held on a fixed day (Dân số thế giới, Saturday 11/07/2026; confirm by Wednesday 15/07)", () => {
    const held = {
      ...base,
      kind: "activity" as const,
      title: "Truyền thông nhân kỷ niệm ngày Dân số thế giới",
      timing: "nhân kỷ niệm ngày Dân số thế giới 11/7",
      period: "2026",
      dueAt: "2026-07-16T00:00:00+07:00",
    };

    it("before the day: says when it takes place, with no hạn chót", () => {
      const { subject, html, text } = reminderEmail({ ...held, held: { on: "2026-07-11", daysUntil: 3 } });
      expect(subject).toMatch(
        /\] Nhắc lịch: Truyền thông nhân kỷ niệm ngày Dân số thế giới — diễn ra thứ Bảy 11\/07\/2026$/,
      );
      for (const body of [visibleText(html), text]) {
        expect(body).toContain(
          "diễn ra thứ Bảy 11/07/2026 (còn 3 ngày). Sau khi thực hiện, đơn vị xác nhận kết quả.",
        );
        expect(body).toMatch(/Ngày diễn ra:? thứ Bảy 11\/07\/2026/);
        expect(body).toMatch(/Xác nhận trước:? 23:59 thứ Tư 15\/07\/2026 \(giờ Việt Nam\)/);
        expect(body.toLowerCase()).not.toContain("hạn chót");
      }
    });

    it("after the day: asks the unit to confirm it", () => {
      const { subject, text } = reminderEmail({ ...held, held: { on: "2026-07-11", daysUntil: -2 } });
      expect(subject).toMatch(/\] Đề nghị xác nhận: .* — xác nhận trước 23:59 thứ Tư 15\/07\/2026$/);
      expect(text).toContain(
        "Hoạt động dưới đây theo Kế hoạch số …/KH-UBND tháng 01/2025 của UBND quận Long Biên đã diễn ra thứ Bảy 11/07/2026; Phòng Y tế quận Long Biên đề nghị đơn vị xác nhận kết quả thực hiện.",
      );
      expect(text.toLowerCase()).not.toContain("hạn chót");
    });

    it("past the time to confirm: says so, without a hạn chót", () => {
      const { text } = reminderEmail({
        ...held,
        stage: "overdue",
        held: { on: "2026-07-11", daysUntil: -6 },
      });
      expect(text).toContain(
        "đã diễn ra thứ Bảy 11/07/2026 và đã quá thời hạn xác nhận; đề nghị đơn vị xác nhận ngay.",
      );
      expect(text.toLowerCase()).not.toContain("hạn chót");
    });
  });

  it("tells units owing personal data to send it only as an attachment through the link", () => {
    const { html, text } = reminderEmail({ ...base, personalData: true });
    for (const body of [visibleText(html), text]) {
      expect(body).toContain("dữ liệu cá nhân");
      expect(body).toContain("Chỉ gửi dữ liệu đó dưới dạng tệp đính kèm qua đường link riêng");
    }
  });

  it("escapes every interpolated value in the HTML", () => {
    const evil = {
      ...base,
      authority: { ...AUTHORITY, issuerName: "UBND <u>quận</u>" },
      unitName: 'UBND <script>alert("x")</script> & co',
      title: "Báo cáo <img src=x onerror=alert(1)>",
      link: 'http://127.0.0.1:3000/f/a"><script>b</script>',
      contact: { name: "<b>PYT</b>", email: 'x"@example.org' },
      planTitle: "KH <i>2025</i>",
    };
    const { html, text, subject } = reminderEmail(evil);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>PYT");
    expect(html).not.toContain("<i>2025");
    expect(html).not.toContain("<u>quận");
    expect(html).toContain("UBND &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co");
    expect(html).toContain('href="http://127.0.0.1:3000/f/a&quot;&gt;&lt;script&gt;b&lt;/script&gt;"');
    // The text part and the subject are plain text: kept as written.
    expect(text).toContain(evil.unitName);
    expect(subject).toContain("<img src=x onerror=alert(1)>");
  });

  it("refuses a link that is not http(s)", () => {
    expect(() => reminderEmail({ ...base, link: "javascript:alert(1)" })).toThrow(RangeError);
  });

  it("keeps the subject and the sender's name on one line whatever the data holds", () => {
    const { subject, fromName } = reminderEmail({
      ...base,
      title: "Báo cáo\r\nBcc: someone@example.org",
      authority: { ...AUTHORITY, standingBodyName: "Phòng Y tế\r\nBcc: x@example.org" },
    });
    expect(subject).not.toMatch(/[\r\n]/);
    expect(fromName).not.toMatch(/[\r\n]/);
  });
});
