/**
 * The start page of the local stack (GET /): what to open, as the start banner prints it — a few
 * units' personal form links with what each owes, the mail page, the SMS page, the console and its
 * demo users — and what the clock is doing (a replay of the plan's year, or real time).
 */

import { formatVietnameseInstant } from "../shared/calendar/civil-date";
import { periodText } from "../shared/calendar/period-text";
import { canRead, ROLE_NAMES, type Role } from "../shared/console/access";
import { html } from "../shared/web/html";
import { page } from "./mail-outbox";

export interface SampleLink {
  unitName: string;
  title: string;
  period: string;
  dueText: string;
  url: string;
}

/** A demo user of the console as the banner and the start page show them (local only: with the password). */
export interface DemoLogin {
  email: string;
  password: string;
  /** "Cơ quan thường trực", … */
  roleName: string;
  /** "kế hoạch long-bien-2025" or "theo dõi so-y-te-ha-noi". */
  scope: string;
  /** Whether the user can read the plan that is running (their scope may name other plans). */
  readsPlan: boolean;
}

export function demoLogins(
  users: ReadonlyArray<{ email: string; password: string; role: Role; plans: string[]; oversight: string[] }>,
  plan: { id: string; oversight?: { id: string } },
): DemoLogin[] {
  return users.map((u) => ({
    email: u.email,
    password: u.password,
    roleName: ROLE_NAMES[u.role],
    scope: u.role === "viewer" ? `theo dõi ${u.oversight.join(", ")}` : `kế hoạch ${u.plans.join(", ")}`,
    readsPlan: canRead(
      { id: u.email, email: u.email, role: u.role, plans: u.plans, oversight: u.oversight },
      { planId: plan.id, ...(plan.oversight && { oversightId: plan.oversight.id }) },
    ),
  }));
}

/** One line per demo user, for the terminal. */
export function demoLoginLines(logins: readonly DemoLogin[]): string[] {
  return logins.map(
    (l) =>
      `${l.email} / mật khẩu ${l.password} (${l.roleName}, ${l.scope})${l.readsPlan ? "" : " — không xem được kế hoạch đang chạy"}`,
  );
}

export interface StartPageInput {
  planTitle: string;
  /** The clock, in one Vietnamese sentence ("đang phát lại năm 2025, 1 giây = 6 giờ…"). */
  clockText: string;
  now: () => Date;
  links: readonly SampleLink[];
  /** The console's address and its demo users. */
  console?: { url: string; logins: readonly DemoLogin[] };
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
    html`<li style="margin-bottom:.5rem"><a href="${l.url}">${l.unitName}</a> — ${l.title}<br><small>kỳ ${periodText(l.period)}, ${l.dueText}</small></li>`,
)}
</ul>`
}
<p>Mở một đường dẫn, điền biểu mẫu và nộp: đơn vị đó không bị nhắc lại ở các lần nhắc sau.</p>
${
  input.console
    ? html`<h2 style="font-size:1.1rem">Bảng điều khiển</h2>
<p><a href="${input.console.url}">${input.console.url}</a> — đăng nhập bằng một người dùng mẫu (chỉ trên máy này):</p>
<table>
<thead><tr><th scope="col">Email</th><th scope="col">Mật khẩu</th><th scope="col">Vai trò</th><th scope="col">Phạm vi</th></tr></thead>
<tbody>
${input.console.logins.map(
  (l) =>
    html`<tr><td>${l.email}</td><td><code>${l.password}</code></td><td>${l.roleName}</td><td>${l.scope}${l.readsPlan ? "" : " (không xem được kế hoạch đang chạy)"}</td></tr>`,
)}
</tbody>
</table>
<p><small>Thêm người dùng: <code>npm run -s users -- add --email … --role standing-body|committee|viewer --plans …</code></small></p>`
    : ""
}`,
  );
}
