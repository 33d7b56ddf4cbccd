/** Content objects as the lifecycle builds them, for the message tests. */
import type { Authority, ReminderContent } from "../../shared/notify/content";

export const LINK = "http://127.0.0.1:3000/f/eyJ1IjoicC1iby1kZSJ9.c2lnbmF0dXJl";
export const SHORT_LINK = "http://127.0.0.1:3000/s/AbC123xy";

export const AUTHORITY: Authority = {
  issuerName: "UBND quận Long Biên",
  standingBodyName: "Phòng Y tế quận Long Biên",
  planNumber: "…/KH-UBND",
  planIssuedOn: "2025-01",
};

/** A quarterly report due before the 25th: the last on-time day is Monday 24/03/2025. */
export const REMINDER: ReminderContent = {
  authority: AUTHORITY,
  unitName: "UBND phường Bồ Đề",
  title:
    "Định kỳ hàng quý tổng hợp, báo cáo tiến độ, kết quả thực hiện kế hoạch về Ban Chỉ đạo (qua Phòng Y tế)",
  period: "2025-Q1",
  timing: "trước ngày 25 của tháng cuối quý",
  dueAt: "2025-03-25T00:00:00+07:00",
  kind: "deliverable",
  stage: "before-due",
  daysLeft: 3,
  link: LINK,
  contact: { name: "Phòng Y tế quận Long Biên", email: "pyt@longbien.example.org", phone: "+84900000001" },
  personalData: false,
  planTitle: "Kế hoạch thực hiện chỉ tiêu y tế và CSSKBĐ quận Long Biên năm 2025",
};

/** Text of an HTML document without its tags, entities decoded (enough for these assertions). */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}
