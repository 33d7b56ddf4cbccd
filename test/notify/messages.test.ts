/**
 * The texts sent to people: reminder and escalation emails (Vietnamese, escaped HTML, the exact
 * cut-off, the personal link, no personal data) and reminder SMS (unaccented GSM-7, one segment
 * for every dated deadline of the real Long Biên 2025 plan).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type DeadlineInstance, expandPlan } from "../../shared/calendar/expand";
import {
  escalationEmail,
  isGsm7,
  periodText,
  type ReminderContent,
  reminderEmail,
  reminderSms,
  shortenTitle,
  smsSegments,
  toGsm7,
  toUnaccented,
} from "../../shared/notify/messages";
import { loadPlan } from "../../shared/plan/load";
import type { PlanFile } from "../../shared/plan/schema";

const LINK = "http://127.0.0.1:3000/f/eyJ1IjoicC1iby1kZSJ9.c2lnbmF0dXJl";
const SHORT_LINK = "http://127.0.0.1:3000/s/AbC123xy";

const base: ReminderContent = {
  unitName: "UBND phường Bồ Đề",
  title:
    "Định kỳ hàng quý tổng hợp, báo cáo tiến độ, kết quả thực hiện kế hoạch về Ban Chỉ đạo (qua Phòng Y tế)",
  period: "2025-Q1",
  timing: "trước ngày 25 của tháng cuối quý",
  dueText: "hạn chót: 23:59 ngày 24/03/2025",
  kind: "deliverable",
  stage: "before-due",
  daysLeft: 3,
  link: LINK,
  contact: { name: "Phòng Y tế quận Long Biên", email: "pyt@longbien.example.org", phone: "+84900000001" },
  personalData: false,
  planTitle: "Kế hoạch thực hiện chỉ tiêu y tế và CSSKBĐ quận Long Biên năm 2025",
};

/** Text of an HTML document without its tags, entities decoded (enough for these assertions). */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

describe("reminderEmail", () => {
  it("puts the deadline in the subject, with the title shortened", () => {
    const { subject } = reminderEmail(base);
    expect(subject).toMatch(/^\[hanchot\] Nhắc hạn: Định kỳ hàng quý tổng hợp/);
    expect(subject).toMatch(/— hạn chót 23:59 ngày 24\/03\/2025$/);
    expect(subject).not.toContain("(qua Phòng Y tế)");
    expect(subject).not.toMatch(/[\r\n]/);
  });

  it.each([
    ["window-open", "[hanchot] Bắt đầu thực hiện:"],
    ["before-due", "[hanchot] Nhắc hạn:"],
    ["overdue", "[hanchot] Quá hạn:"],
  ] as const)("names the stage %s in the subject", (stage, prefix) => {
    expect(reminderEmail({ ...base, stage }).subject.startsWith(prefix)).toBe(true);
  });

  it("greets the unit, says what is due, the exact cut-off in words, the link and whom to ask, in HTML and text", () => {
    const { html, text } = reminderEmail(base);
    for (const body of [visibleText(html), text]) {
      expect(body).toContain("Kính gửi: UBND phường Bồ Đề");
      expect(body).toContain(base.title);
      expect(body).toContain("quý I/2025");
      expect(body).toContain("trước ngày 25 của tháng cuối quý");
      expect(body).toContain("23:59 ngày 24/03/2025 (giờ Việt Nam)");
      expect(body).toContain("từ 00:00 ngày 25/03/2025 được ghi là nộp muộn");
      expect(body).toContain("còn 3 ngày");
      expect(body).toContain(LINK);
      expect(body).toContain("Phòng Y tế quận Long Biên");
      expect(body).toContain("pyt@longbien.example.org");
      expect(body).toContain("+84900000001");
      expect(body).not.toContain("dữ liệu cá nhân");
    }
    expect(html).toContain(`href="${LINK}"`);
    expect(html).toContain('href="mailto:pyt@longbien.example.org"');
    expect(html).toContain('href="tel:+84900000001"');
    expect(html).toMatch(/^<!doctype html>\n<html lang="vi">/);
  });

  it("rolls the late-from day over month and year ends", () => {
    const { text } = reminderEmail({ ...base, dueText: "hạn chót: 23:59 ngày 31/12/2025" });
    expect(text).toContain("từ 00:00 ngày 01/01/2026 được ghi là nộp muộn");
  });

  it("words an overdue reminder with the days late, and an activity as a confirmation", () => {
    const { text } = reminderEmail({ ...base, stage: "overdue", daysLeft: -4, kind: "activity" });
    expect(text).toContain("đã quá hạn 4 ngày");
    expect(text).toContain("chưa nhận được xác nhận kết quả");
    expect(text).toContain("Xác nhận gửi bây giờ vẫn được nhận và được ghi là nộp muộn.");
    expect(text).toContain("xác nhận kết quả qua đường link riêng");
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
    expect(html).toContain("UBND &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co");
    expect(html).toContain('href="http://127.0.0.1:3000/f/a&quot;&gt;&lt;script&gt;b&lt;/script&gt;"');
    // The text part and the subject are plain text: kept as written.
    expect(text).toContain(evil.unitName);
    expect(subject).toContain("<img src=x onerror=alert(1)>");
  });

  it("refuses a link that is not http(s)", () => {
    expect(() => reminderEmail({ ...base, link: "javascript:alert(1)" })).toThrow(RangeError);
  });

  it("keeps subjects on one line whatever the title holds", () => {
    const { subject } = reminderEmail({ ...base, title: "Báo cáo\r\nBcc: someone@example.org" });
    expect(subject).not.toMatch(/[\r\n]/);
  });
});

describe("escalationEmail", () => {
  const input = {
    committeeName: "Ban Chỉ đạo công tác CSSKBĐ, Dân số & Phát triển quận",
    standingBodyName: "Phòng Y tế quận Long Biên",
    title: base.title,
    period: "2025-Q1",
    dueText: base.dueText,
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
    expect(subject).toMatch(/^\[hanchot\] Quá hạn \(thông báo lần 2\): Định kỳ hàng quý/);
    expect(subject).toContain("3 đơn vị chưa nộp");
    expect(subject).toContain("hạn chót 23:59 ngày 24/03/2025");
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

  it("still makes sense with no unit left", () => {
    const { subject, text } = escalationEmail({ ...input, overdue: [] });
    expect(subject).toContain("0 đơn vị chưa nộp");
    expect(text).toContain("Tất cả đơn vị đã nộp");
  });
});

describe("periodText", () => {
  it.each([
    ["2025", "năm 2025"],
    ["2025-Q1", "quý I/2025"],
    ["2025-Q4", "quý IV/2025"],
    ["2025-03", "tháng 03/2025"],
    ["2025-03/2025-07", "tháng 03/2025 – tháng 07/2025"],
    ["đột xuất", "đột xuất"],
  ])("%s → %s", (period, expected) => {
    expect(periodText(period)).toBe(expected);
  });
});

describe("smsSegments", () => {
  const gsm160 = "a".repeat(160);
  it.each([
    ["", "GSM-7", 0, 0],
    ["hanchot", "GSM-7", 7, 1],
    [gsm160, "GSM-7", 160, 1],
    [`${gsm160}a`, "GSM-7", 161, 2],
    ["a".repeat(306), "GSM-7", 306, 2],
    ["a".repeat(307), "GSM-7", 307, 3],
    ["@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà", "GSM-7", 42, 1],
    ["€[]", "GSM-7", 6, 1],
    ["^{}\\~|", "GSM-7", 12, 1],
    [`${"a".repeat(158)}€`, "GSM-7", 160, 1],
    [`${"a".repeat(159)}€`, "GSM-7", 161, 2],
    // An escape sequence is never split: 152 + € does not fit the first 153.
    [`${"a".repeat(152)}€${"a".repeat(152)}`, "GSM-7", 306, 3],
    ["Hạn chót", "UCS-2", 8, 1],
    ["ç", "UCS-2", 1, 1],
    [`${"a".repeat(69)}đ`, "UCS-2", 70, 1],
    [`${"a".repeat(70)}đ`, "UCS-2", 71, 2],
    ["đ".repeat(134), "UCS-2", 134, 2],
    ["đ".repeat(135), "UCS-2", 135, 3],
    // A surrogate pair counts 2 and is never split: 66 + 😀 does not fit the first 67.
    [`${"đ".repeat(66)}😀${"đ".repeat(66)}`, "UCS-2", 134, 3],
  ])("%j → %s, %i units, %i segments", (text, encoding, length, segments) => {
    expect(smsSegments(text)).toEqual({ encoding, length, segments });
  });
});

describe("toUnaccented and toGsm7", () => {
  it.each([
    ["Hạn chót ngày 24/03/2025", "Han chot ngay 24/03/2025"],
    ["Đức Giang, đảm bảo", "Duc Giang, dam bao"],
    ["Thượng Thanh, Thạch Bàn, Sài Đồng", "Thuong Thanh, Thach Ban, Sai Dong"],
    ["ẮẰẲẴẶ ắằẳẵặ ỨỪỬỮỰ ứừửữự Ơơ Ưư", "AAAAA aaaaa UUUUU uuuuu Oo Uu"],
    ["Ðông", "Dong"],
  ])("%s → %s", (text, expected) => {
    expect(toUnaccented(text)).toBe(expected);
    expect(isGsm7(toGsm7(text))).toBe(true);
  });

  it("replaces typographic punctuation and anything else outside GSM-7", () => {
    expect(toGsm7("“Tuần lễ” — 2025… ✓")).toBe('"Tuan le" - 2025... ?');
  });
});

describe("shortenTitle", () => {
  it("drops parentheses first, then cuts at a word boundary", () => {
    const title = "Xây dựng kế hoạch chỉ đạo của quận (khám sức khỏe đối tượng chính sách)";
    expect(shortenTitle(title, 100)).toBe(title);
    expect(shortenTitle(title, 40)).toBe("Xây dựng kế hoạch chỉ đạo của quận");
    expect(shortenTitle(title, 25, "...")).toBe("Xây dựng kế hoạch chỉ...");
  });
});

describe("reminderSms", () => {
  it("is brand-named, unaccented, with the cut-off and the short link", () => {
    const sms = reminderSms({ ...base, shortLink: SHORT_LINK });
    expect(sms.startsWith("hanchot: ")).toBe(true);
    expect(sms).toContain("Han chot: 23:59 ngay 24/03/2025 (con 3 ngay)");
    expect(sms.endsWith(SHORT_LINK)).toBe(true);
    expect(sms).toBe(toUnaccented(sms));
    expect(smsSegments(sms)).toMatchObject({ encoding: "GSM-7", segments: 1 });
  });

  it("keeps a short title whole, with the unit's name", () => {
    const sms = reminderSms({
      ...base,
      title: "Họp Ban Chỉ đạo quận",
      kind: "activity",
      shortLink: SHORT_LINK,
    });
    expect(sms).toBe(
      "hanchot: UBND phuong Bo De - Nhac han: Hop Ban Chi dao quan. Han chot: 23:59 ngay 24/03/2025 (con 3 ngay). " +
        `Xac nhan tai: ${SHORT_LINK}`,
    );
  });

  it("says overdue, and how late", () => {
    const sms = reminderSms({ ...base, stage: "overdue", daysLeft: -2, shortLink: SHORT_LINK });
    expect(sms).toContain("QUA HAN: ");
    expect(sms).toContain("(tre 2 ngay)");
    expect(sms).toContain(`Nop ngay tai: ${SHORT_LINK}`);
  });

  it("adds the personal-data line when there is room for it", () => {
    const sms = reminderSms({ ...base, title: "Danh sách NCT", personalData: true, shortLink: SHORT_LINK });
    expect(sms).toContain("Du lieu ca nhan: chi gui tep qua link.");
    expect(smsSegments(sms).segments).toBe(1);
  });

  it("keeps the date and the link whole even with a very long link (then in two segments)", () => {
    const longLink = `http://127.0.0.1:3000/s/${"x".repeat(120)}`;
    const sms = reminderSms({ ...base, shortLink: longLink });
    expect(sms).toContain("23:59 ngay 24/03/2025");
    expect(sms.endsWith(longLink)).toBe(true);
    expect(smsSegments(sms).encoding).toBe("GSM-7");
  });

  describe("for every dated deadline of the Long Biên 2025 plan", () => {
    let plan: PlanFile;
    let instances: DeadlineInstance[];
    beforeAll(async () => {
      plan = await loadPlan("plans/long-bien-2025.yaml");
      instances = expandPlan(plan, 2025);
    });

    // The brief's 30-character link, the lifecycle's (10-character id on the local base URL) and a
    // longer production host.
    it.each([
      "http://127.0.0.1:3000/s/AbC123",
      SHORT_LINK,
      "http://127.0.0.1:3000/s/AbC123xyZ9",
      "https://hanchot.example.gov.vn/s/AbC123xyZ9",
    ])("is one GSM-7 segment at every stage, with the date and the short link %s", (shortLink) => {
      expect(instances.length).toBeGreaterThan(100);
      const personal = new Map(plan.obligations.map((o) => [o.id, o.deliverable?.personalData ?? false]));
      const standingBody = plan.units.find((u) => u.id === plan.steeringCommittee.standingBody);
      const stages = [
        ["window-open", undefined],
        ["before-due", 7],
        ["before-due", 0],
        ["overdue", -30],
      ] as const;
      for (const i of instances) {
        for (const [stage, daysLeft] of stages) {
          const sms = reminderSms({
            unitName: i.unitName,
            title: i.title,
            period: i.period,
            timing: i.timing,
            dueText: i.dueText,
            kind: i.kind,
            stage,
            ...(daysLeft !== undefined && { daysLeft }),
            link: LINK,
            contact: { name: standingBody?.name ?? "Phòng Y tế" },
            personalData: personal.get(i.obligationId) ?? false,
            planTitle: plan.title,
            shortLink,
          });
          const date = /\d{2}\/\d{2}\/\d{4}/.exec(i.dueText)?.[0] ?? "?";
          expect(smsSegments(sms), sms).toMatchObject({ encoding: "GSM-7", segments: 1 });
          expect(sms.length, sms).toBeLessThanOrEqual(160);
          expect(sms, i.id).toContain(`23:59 ngay ${date}`);
          expect(sms.endsWith(shortLink), i.id).toBe(true);
          expect(sms.startsWith("hanchot"), i.id).toBe(true);
        }
      }
    });
  });
});
