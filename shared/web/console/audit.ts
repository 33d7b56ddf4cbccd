/**
 * The audit log: every action of every user (who, when, what, on what, before and after, why),
 * newest first. The log is append-only; this page and its exports only read it.
 */

import { formatVietnameseDate } from "../../calendar/civil-date";
import { periodText } from "../../calendar/period-text";
import { ROLE_NAMES, type Role } from "../../console/access";
import type { AuditEntryView, AuditView } from "../../console/model";
import { type Html, html } from "../html";
import { count, dueText, instant, looseText } from "./format";
import { type ConsoleContext, consolePage, scrollTable, urlsFor } from "./layout";
import type { ConsoleUrls } from "./urls";

/** How the fields of an entry's target and of its before/after read (unknown keys as written). */
export const AUDIT_KEY_NAMES: Record<string, string> = {
  title: "Nhiệm vụ",
  obligationId: "Mã nhiệm vụ",
  period: "Kỳ",
  unitName: "Đơn vị",
  unitId: "Mã đơn vị",
  receipt: "Biên nhận",
  instanceId: "Mã hạn nộp",
  person: "Người liên hệ",
  emails: "Email",
  phones: "Điện thoại",
  dueAt: "Hạn chót",
  extendedTo: "Gia hạn đến",
  until: "Gia hạn đến",
  status: "Tình trạng",
  state: "Trạng thái",
  decision: "Quyết định",
  recipients: "Người nhận",
  deadline: "Hạn nộp",
  stage: "Đợt nhắc",
  units: "Đơn vị được nhắc",
  remindAt: "Các lần nhắc",
};

/** Enumerations the actions record (statuses, states, decisions) in the words the pages use. */
const AUDIT_VALUE_WORDS: Record<string, Record<string, string>> = {
  status: {
    pending: "chưa nộp",
    overdue: "quá hạn, chưa nộp",
    submitted: "đã nộp",
    returned: "bị trả lại",
    waived: "được miễn",
    cancelled: "đã hủy",
  },
  state: { expected: "đang chờ nộp", overdue: "quá hạn", waived: "được miễn", cancelled: "đã hủy" },
  decision: { accepted: "chấp nhận", returned: "trả lại" },
};

/** Keys of a before/after not shown: the same cut-off again, in words made at the time. */
const REDUNDANT_KEYS = new Set(["dueText"]);

/** Cut-offs are stored as the instant after the last on-time day: said as the pages say them. */
const CUT_OFF_KEYS = new Set(["dueAt", "extendedTo"]);

/** "bao-cao-quy-ttyt:2025-Q1", as the actions name a deadline, split; undefined for anything else. */
function deadlineKey(value: string): { obligationId: string; period: string } | undefined {
  const at = value.indexOf(":");
  return at > 0 && at < value.length - 1
    ? { obligationId: value.slice(0, at), period: value.slice(at + 1) }
    : undefined;
}

export function roleName(role: string): string {
  return ROLE_NAMES[role as Role] ?? role;
}

/** An id is left out where the entry also names what it identifies. */
function hiddenKey(key: string, target: Record<string, string>): boolean {
  if (key === "instanceId") return true;
  if (key === "unitId") return target.unitName !== undefined;
  if (key === "obligationId") return target.title !== undefined;
  return false;
}

/** A target field's value as it reads (a period in words, "all" units in words). */
export function auditValue(key: string, value: unknown): string {
  if (key === "period" && typeof value === "string") return periodText(value);
  if (key === "unitId" && value === "all") return "tất cả đơn vị";
  if (typeof value === "string") {
    const word = AUDIT_VALUE_WORDS[key]?.[value];
    if (word) return word;
    if (CUT_OFF_KEYS.has(key) && !Number.isNaN(Date.parse(value))) return dueText(value);
    const d = key === "deadline" ? deadlineKey(value) : undefined;
    if (d) return `${d.obligationId}, ${periodText(d.period)}`;
    const manual = key === "stage" ? /^manual@(\d{4}-\d{2}-\d{2})$/.exec(value) : null;
    if (manual?.[1]) return `nhắc ngay ngày ${formatVietnameseDate(manual[1])}`;
  }
  return looseText(value);
}

/** An entry's before or after, whatever its shape, as short lines. */
export function changeText(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== "object" || Array.isArray(value)) return [looseText(value)];
  return Object.entries(value as Record<string, unknown>)
    .filter(([k]) => !REDUNDANT_KEYS.has(k))
    .map(([k, v]) => `${AUDIT_KEY_NAMES[k] ?? k}: ${auditValue(k, v)}`);
}

function lines(items: readonly string[]): Html {
  if (items.length === 0) return html`<span class="fine">—</span>`;
  return html`<ul class="plain">${items.map((i) => html`<li>${i}</li>`)}</ul>`;
}

/** The page the entry is about, when its target names one. */
function targetLink(planId: string, t: Record<string, string>, urls: ConsoleUrls): string | undefined {
  if (t.instanceId && t.receipt) return urls.submission(planId, t.instanceId, t.receipt);
  if (t.obligationId && t.period) return urls.deadline(planId, t.obligationId, t.period);
  const d = t.deadline ? deadlineKey(t.deadline) : undefined;
  if (d) return urls.deadline(planId, d.obligationId, d.period);
  if (t.unitId) return urls.unit(planId, t.unitId);
  return undefined;
}

function entryRow(e: AuditEntryView, planId: string, urls: ConsoleUrls): Html {
  const about = Object.entries(e.target)
    .filter(([k]) => !hiddenKey(k, e.target))
    .map(([k, v]) => `${AUDIT_KEY_NAMES[k] ?? k}: ${auditValue(k, v)}`);
  const href = targetLink(planId, e.target, urls);
  return html`<tr>
<td>${instant(e.at)}</td>
<td class="mid brk">${e.actor.email}<br><span class="fine">${roleName(e.actor.role)}</span></td>
<th scope="row">${e.actionText}</th>
<td class="mid">${lines(about)}${href ? html`<a href="${href}">Mở trang<span class="vh"> của ${e.actionText.toLowerCase()} lúc ${instant(e.at)}</span></a>` : ""}</td>
<td class="mid brk">${lines(changeText(e.before))}</td>
<td class="mid brk">${lines(changeText(e.after))}</td>
<td class="pre mid">${e.reason}</td>
</tr>`;
}

export function auditPage(view: AuditView, ctx: ConsoleContext): string {
  const urls = urlsFor(ctx);
  const { plan } = view;
  const entries = [...view.entries].sort((a, b) => (a.at < b.at ? 1 : -1));
  const body = html`<h1>Nhật ký thao tác</h1>
<p class="lead">Mọi thao tác của mọi người dùng trên kế hoạch này, mới nhất trước. Nhật ký chỉ được ghi thêm, không sửa hay xóa được.</p>
<p>Xuất nhật ký: <a href="${urls.auditExport(plan.planId, "xlsx")}" download>Excel (.xlsx)</a> · <a href="${urls.auditExport(
    plan.planId,
    "csv",
  )}" download>CSV</a></p>
${
  entries.length === 0
    ? html`<p class="card">Chưa có thao tác nào.</p>`
    : scrollTable(
        "Bảng nhật ký thao tác",
        html`<table>
<caption>${count(entries.length)} thao tác</caption>
<thead><tr><th scope="col">Thời điểm</th><th scope="col">Người thực hiện</th><th scope="col">Thao tác</th><th scope="col">Đối tượng</th><th scope="col">Trước</th><th scope="col">Sau</th><th scope="col">Lý do</th></tr></thead>
<tbody>${entries.map((e) => entryRow(e, plan.planId, urls))}</tbody>
</table>`,
      )
}`;
  return consolePage({ title: "Nhật ký thao tác", body, ctx, plan, current: "audit" });
}
