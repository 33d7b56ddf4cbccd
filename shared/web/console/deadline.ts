/**
 * One deadline (an obligation in one period): every expected unit with its status, its versions
 * and their lateness and receipts; the reminders and escalations sent (channel, time, result);
 * and, for the standing body, the actions: extend, waive a unit, remind now.
 */

import { dayText } from "../../calendar/deadline-text";
import { coversText } from "../../calendar/period-text";
import type { DeadlineView, MessageSent, VersionSummary } from "../../console/model";
import { type Html, html } from "../html";
import { count, dueText, instant } from "./format";
import {
  actionForm,
  type ConsoleContext,
  consolePage,
  contactLinks,
  figureTiles,
  reasonField,
  scrollTable,
  statusBadge,
  unitAnchor,
  urlsFor,
} from "./layout";
import type { ConsoleUrls } from "./urls";

type UnitRow = DeadlineView["units"][number];

/** Units an action can still change: not excused, not cancelled, nothing accepted in. */
const OPEN = new Set(["pending", "missing", "returned"]);

/** One version as a line: its receipt (a link), when, on time or how late, and the office's decision. */
export function versionLine(v: VersionSummary, href: string): Html {
  return html`<a class="nowrap" href="${href}">${v.receipt}</a> · ${instant(v.submittedAt)} · ${
    v.late ? `muộn ${v.lateDays} ngày` : "đúng hạn"
  }${v.decision === "accepted" ? html` · <strong>đã chấp nhận</strong>` : ""}${
    v.decision === "returned"
      ? html` · <strong>đã trả lại</strong>${v.reason ? html`: ${v.reason}` : ""}`
      : ""
  }`;
}

function unitsTable(view: DeadlineView, urls: ConsoleUrls): Html {
  const planId = view.plan.planId;
  const row = (u: UnitRow) => html`<tr id="${unitAnchor(u.unitId)}">
<th scope="row"><a href="${urls.unit(planId, u.unitId)}">${u.unitName}</a></th>
<td>${statusBadge(u.status, u.lateDays)}</td>
<td>${dueText(u.extendedTo ?? u.dueAt)}${u.extendedTo ? html`<br><span class="fine">đã gia hạn riêng</span>` : ""}</td>
<td class="text">${
    u.versionsList.length === 0
      ? html`<span class="fine">chưa nộp</span>`
      : html`<ol class="compact">${u.versionsList.map(
          (v) => html`<li>${versionLine(v, urls.submission(planId, u.instanceId, v.receipt))}</li>`,
        )}</ol>`
  }</td>
<td>${contactLinks(u.contacts)}</td>
<td class="num">${count(u.messages.length)}</td>
</tr>`;
  return scrollTable(
    "Bảng các đơn vị phải nộp",
    html`<table>
<caption>${count(view.units.length)} đơn vị phải nộp</caption>
<thead><tr><th scope="col">Đơn vị</th><th scope="col">Tình trạng</th><th scope="col">${
      view.deadline.heldOn === undefined ? "Hạn của đơn vị" : "Hạn xác nhận của đơn vị"
    }</th><th scope="col">Các bản đã nộp (biên nhận)</th><th scope="col">Liên hệ</th><th scope="col" class="num">Tin đã gửi</th></tr></thead>
<tbody>${view.units.map(row)}</tbody>
</table>`,
  );
}

const CHANNELS: Record<MessageSent["channel"], string> = { email: "Email", sms: "SMS" };

function resultBadge(m: MessageSent): Html {
  switch (m.status) {
    case "sent":
      return html`<span class="badge s-on-time"><span aria-hidden="true">✓</span> đã gửi</span>`;
    case "sending":
      return html`<span class="badge s-pending"><span aria-hidden="true">…</span> đang gửi</span>`;
    case "failed":
      return html`<span class="badge s-missing"><span aria-hidden="true">✗</span> gửi lỗi</span>${
        m.error ? html`<br><span class="fine">${m.error}</span>` : ""
      }`;
  }
}

/** Messages newest first, with the unit each went to when `unitNames` is given. */
export function messagesTable(
  caption: string,
  messages: readonly MessageSent[],
  unitNames?: ReadonlyMap<string, string>,
): Html {
  const sorted = [...messages].sort((a, b) => (a.at < b.at ? 1 : -1));
  return scrollTable(
    caption,
    html`<table>
<caption>${caption} (${count(messages.length)})</caption>
<thead><tr><th scope="col">Thời điểm</th>${unitNames ? html`<th scope="col">Đơn vị</th>` : ""}<th scope="col">Loại tin</th><th scope="col">Kênh</th><th scope="col">Người nhận</th><th scope="col">Kết quả</th></tr></thead>
<tbody>${sorted.map(
      (m) =>
        html`<tr><td class="nowrap">${instant(m.at)}</td>${
          unitNames ? html`<td>${unitNames.get(m.unitId) ?? m.unitId}</td>` : ""
        }<td>${m.stageText}</td><td>${CHANNELS[m.channel]}</td><td class="wrap">${m.recipient}</td><td>${resultBadge(m)}</td></tr>`,
    )}</tbody>
</table>`,
  );
}

/** The reminders sent to the units: a long list is folded, its failures counted in the summary. */
function sendsSection(sends: readonly MessageSent[], unitNames: ReadonlyMap<string, string>): Html {
  if (sends.length === 0) return html`<p class="card">Chưa gửi tin nhắc nào.</p>`;
  const table = messagesTable("Tin nhắc gửi các đơn vị", sends, unitNames);
  if (sends.length <= 12) return table;
  const failed = sends.filter((m) => m.status === "failed").length;
  return html`<details class="card"><summary>Xem ${count(sends.length)} tin đã gửi${
    failed > 0 ? html` (<strong>${count(failed)} tin gửi lỗi</strong>)` : ""
  }</summary>${table}</details>`;
}

function unitOptions(units: readonly UnitRow[]): Html {
  return html`${units.map((u) => html`<option value="${u.unitId}">${u.unitName}</option>`)}`;
}

function actions(view: DeadlineView, ctx: ConsoleContext, urls: ConsoleUrls): Html {
  const { planId } = view.plan;
  const { obligationId, period } = view.deadline;
  const open = view.units.filter((u) => OPEN.has(u.status));
  // A day held is confirmed afterwards: its cut-off is the last day to confirm, not a "hạn chót".
  const cutOff = view.deadline.heldOn === undefined ? "Hạn chót" : "Hạn xác nhận";
  const extend = actionForm({
    ctx,
    id: "gia-han",
    title: "Gia hạn",
    action: urls.extend(planId, obligationId, period),
    intro: `${cutOff} hiện nay: ${dueText(view.deadline.dueAt)}. Các bước nhắc và báo cáo vượt cấp sẽ theo hạn mới.`,
    // A day, not a time: the cut-off is the end of the last on-time day, as every cut-off of the plan.
    fields: html`<label for="gia-han-ngay">Gia hạn đến ngày *</label>
<p class="hint" id="gia-han-ngay-hint">${cutOff} mới là 23:59 của ngày này (giờ Việt Nam).</p>
<input type="date" id="gia-han-ngay" name="until" required aria-describedby="gia-han-ngay-hint">
<label for="gia-han-don-vi">Áp dụng cho</label>
<select id="gia-han-don-vi" name="unitId"><option value="">Tất cả đơn vị</option>${unitOptions(view.units)}</select>
${reasonField("gia-han-ly-do", true)}`,
    submit: "Gia hạn",
  });
  const nothingOpen = (id: string, title: string) =>
    html`<section class="card" aria-labelledby="${id}"><h3 id="${id}">${title}</h3><p>Không còn đơn vị nào chưa nộp.</p></section>`;
  const waive =
    open.length === 0
      ? nothingOpen("mien", "Miễn cho một đơn vị")
      : actionForm({
          ctx,
          id: "mien",
          title: "Miễn cho một đơn vị",
          action: urls.waive(planId, obligationId, period),
          intro: "Đơn vị được miễn không còn bị nhắc và không tính vào tỷ lệ.",
          fields: html`<label for="mien-don-vi">Đơn vị *</label>
<select id="mien-don-vi" name="unitId" required><option value="">— chọn đơn vị —</option>${unitOptions(open)}</select>
${reasonField("mien-ly-do", true)}`,
          submit: "Miễn",
        });
  const remind =
    open.length === 0
      ? nothingOpen("nhac-ngay", "Nhắc ngay")
      : actionForm({
          ctx,
          id: "nhac-ngay",
          title: "Nhắc ngay",
          action: urls.remind(planId, obligationId, period),
          intro: "Gửi email và SMS nhắc ngay; mỗi đơn vị nhận nhiều nhất một tin nhắc ngay mỗi ngày.",
          fields: html`<label for="nhac-don-vi">Gửi cho *</label>
<select id="nhac-don-vi" name="unitId" required><option value="all">Tất cả đơn vị chưa nộp (${count(
            open.length,
          )})</option>${unitOptions(open)}</select>
${reasonField("nhac-ly-do", true)}`,
          submit: "Gửi tin nhắc",
        });
  return html`<section aria-labelledby="thao-tac"><h2 id="thao-tac">Thao tác</h2><div class="actions">${extend}${waive}${remind}</div></section>`;
}

export function deadlinePage(view: DeadlineView, ctx: ConsoleContext): string {
  const urls = urlsFor(ctx);
  const { plan, deadline } = view;
  const unitNames = new Map(view.units.map((u) => [u.unitId, u.unitName]));
  const sends = view.units.flatMap((u) => u.messages);
  const figures = coversText(deadline.period, deadline.covers);
  const body = html`<h1>${deadline.title}</h1>
<p class="lead">${deadline.periodText} · số liệu tính đến ${instant(view.asOf)}</p>
<section class="card" aria-labelledby="thong-tin"><h2 id="thong-tin" class="vh">Thông tin hạn nộp</h2>
<dl class="facts">
<dt>Kỳ</dt><dd>${deadline.periodText}</dd>
${figures ? html`<dt>Số liệu báo cáo</dt><dd>${figures}</dd>` : ""}
<dt>Thời hạn theo kế hoạch</dt><dd>${deadline.timing}</dd>
${deadline.heldOn === undefined ? "" : html`<dt>Ngày diễn ra</dt><dd><strong>${dayText(deadline.heldOn)}</strong></dd>`}
<dt>${deadline.heldOn === undefined ? "Hạn chót" : "Xác nhận trước"}</dt><dd><strong>${dueText(deadline.dueAt)}</strong>${
    deadline.originalDueAt ? html` (đã gia hạn; hạn ban đầu ${dueText(deadline.originalDueAt)})` : ""
  }</dd>
<dt>Loại</dt><dd>${deadline.kind === "deliverable" ? "Báo cáo, sản phẩm phải nộp" : "Hoạt động, đơn vị xác nhận đã thực hiện"}</dd>
${deadline.state === "cancelled" ? html`<dt>Trạng thái</dt><dd>${statusBadge("cancelled")}</dd>` : ""}
</dl></section>
${figureTiles(view.figures, "Số liệu của hạn nộp")}
<section aria-labelledby="cac-don-vi"><h2 id="cac-don-vi">Các đơn vị</h2>
${unitsTable(view, urls)}
</section>
${ctx.canAct && deadline.state !== "cancelled" ? actions(view, ctx, urls) : ""}
<section aria-labelledby="vuot-cap"><h2 id="vuot-cap">Báo cáo vượt cấp lên Ban Chỉ đạo</h2>
${
  view.escalations.length > 0
    ? messagesTable("Tin báo cáo vượt cấp", view.escalations)
    : html`<p class="card">Chưa có báo cáo vượt cấp nào.</p>`
}
</section>
<section aria-labelledby="tin-nhac"><h2 id="tin-nhac">Tin nhắc đã gửi</h2>
${sendsSection(sends, unitNames)}
</section>
<section class="card" aria-labelledby="xuat"><h2 id="xuat">Xuất dữ liệu</h2>
<p>Nội dung các báo cáo đã nộp, mỗi trường của biểu mẫu một cột: <a href="${urls.submissionsExport(
    plan.planId,
    deadline.obligationId,
    deadline.period,
    "xlsx",
  )}" download>Excel (.xlsx)</a> · <a href="${urls.submissionsExport(plan.planId, deadline.obligationId, deadline.period, "csv")}" download>CSV</a></p>
</section>
`;
  return consolePage({
    title: `${deadline.title} — ${deadline.periodText}`,
    body,
    ctx,
    plan,
    footnote: `Số liệu tính đến ${instant(view.asOf)}`,
  });
}
