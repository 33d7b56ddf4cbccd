/**
 * The start page of the local stack (GET /): what to open, as the start banner prints it — a few
 * units' personal form links with what each owes, the mail page, the SMS page — and what the clock
 * is doing (a replay of the plan's year, or real time).
 */
import { formatVietnameseInstant } from "../shared/calendar/civil-date";
import { html } from "../shared/web/html";
import { page } from "./mail-outbox";

export interface SampleLink {
  unitName: string;
  title: string;
  period: string;
  dueText: string;
  url: string;
}

export interface StartPageInput {
  planTitle: string;
  /** The clock, in one Vietnamese sentence ("đang phát lại năm 2025, 1 giây = 6 giờ…"). */
  clockText: string;
  now: () => Date;
  links: readonly SampleLink[];
}

export function renderStartPage(input: StartPageInput): string {
  return page(
    "hanchot — chạy trên máy này",
    html`<p><strong>Kế hoạch:</strong> ${input.planTitle}</p>
<p><strong>Đồng hồ:</strong> ${input.clockText}<br>Giờ hiện tại: ${formatVietnameseInstant(input.now().getTime())} (tải lại trang để xem giờ mới).</p>
<h2 style="font-size:1.1rem">Xem thư và tin nhắn đã gửi</h2>
<ul>
<li><a href="/local/mail">Hộp thư</a> — thư nhắc hạn và thư báo quá hạn (<a href="/local/mail.json">JSON</a>)</li>
<li><a href="/local/sms">Hộp thư SMS</a> — tin nhắn nhắc hạn (<a href="/local/sms.json">JSON</a>)</li>
</ul>
<h2 style="font-size:1.1rem">Đường dẫn nộp báo cáo của một số đơn vị</h2>
${
  input.links.length === 0
    ? html`<p>Không có hạn nào đang mở cho các đơn vị mẫu.</p>`
    : html`<ul>
${input.links.map(
  (l) =>
    html`<li style="margin-bottom:.5rem"><a href="${l.url}">${l.unitName}</a> — ${l.title}<br><small>kỳ ${l.period}, ${l.dueText}</small></li>`,
)}
</ul>`
}
<p>Mở một đường dẫn, điền biểu mẫu và nộp: đơn vị đó không bị nhắc lại ở các lần nhắc sau.</p>
<p><small>Bảng điều hành cho Phòng Y tế sẽ có trong các phiên bản sau.</small></p>`,
  );
}
