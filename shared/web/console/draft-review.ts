/**
 * A draft's review: what the plan is and where it came from, what publishing would change in the
 * plan already running, plan:check's problems (publishing is refused while there is one), and one
 * row per obligation as the machine read it: the timing as written beside the rule read from it,
 * the dates it gives, the units, and how sure the reader was. Rows to review are marked, and a
 * link shows them alone without a script (the `:target` of the table's section: #chi-can-ra-soat).
 */
import { DROP_CONTACTS_FIELD, type DraftRow, type DraftView } from "../../console/model";
import { type Html, html } from "../html";
import {
  backLink,
  certaintyBadge,
  DRAFT_STYLE,
  datesList,
  issuedOnText,
  needsReview,
  originText,
  yearsText,
} from "./draft-parts";
import { count, instant } from "./format";
import { type ConsoleContext, consolePage, csrfField, scrollTable, urlsFor } from "./layout";
import type { ConsoleUrls } from "./urls";

/** The id of the table's section; its fragment shows only the rows to review. */
export const REVIEW_ONLY = "chi-can-ra-soat";

const names = (units: DraftRow["lead"]) => units.map((u) => u.name).join(", ");

function rowHtml(view: DraftView, row: DraftRow, urls: ConsoleUrls): Html {
  const need = needsReview(row);
  const draftId = view.summary.draftId;
  return html`<tr class="${need ? "need" : "ok"}">
<th scope="row" data-label="Nội dung"><strong>${row.title}</strong><br><span class="fine">${row.source}</span>${
    need ? html`<br><span class="flag">cần rà soát</span>` : ""
  }${row.review.length > 0 ? html`<ul class="why">${row.review.map((r) => html`<li>${r}</li>`)}</ul>` : ""}</th>
<td class="c-time" data-label="Thời gian như văn bản">${row.timing || html`<span class="fine">văn bản không ghi</span>`}</td>
<td class="c-rule" data-label="Máy hiểu">${row.ruleWords ?? html`<span class="unread">chưa đọc được</span>`}</td>
<td class="c-dates" data-label="Các hạn trong năm">${datesList(row.dates)}</td>
<td data-label="Chủ trì">${row.lead.length > 0 ? names(row.lead) : html`<span class="unread">chưa rõ</span>`}</td>
<td data-label="Phối hợp">${row.coordinating.length > 0 ? names(row.coordinating) : html`<span class="fine">—</span>`}</td>
<td class="c-to" data-label="Nơi nhận">${row.recipient ?? html`<span class="fine">không nộp (hoạt động)</span>`}${
    row.place ? html`<br><span class="fine">Địa điểm: ${row.place}</span>` : ""
  }</td>
<td data-label="Độ chắc chắn">${certaintyBadge(row.certainty)}</td>
<td data-label=""><a class="sua" href="${urls.draftObligation(draftId, row.obligationId)}">Sửa<span class="vh">: ${row.title}</span></a></td>
</tr>`;
}

function rowsSection(view: DraftView, urls: ConsoleUrls): Html {
  const toReview = view.rows.filter(needsReview).length;
  const table = html`<table class="rows">
<caption>${count(view.rows.length)} nhiệm vụ theo thứ tự trong văn bản; ${count(toReview)} nhiệm vụ cần rà soát</caption>
<thead><tr><th scope="col">Nội dung</th><th scope="col">Thời gian như văn bản</th><th scope="col">Máy hiểu</th><th scope="col">Các hạn trong năm</th><th scope="col">Chủ trì</th><th scope="col">Phối hợp</th><th scope="col">Nơi nhận</th><th scope="col">Độ chắc chắn</th><th scope="col"><span class="vh">Sửa</span></th></tr></thead>
<tbody>${view.rows.map((r) => rowHtml(view, r, urls))}</tbody>
</table>`;
  return html`<section id="${REVIEW_ONLY}" aria-labelledby="cac-nhiem-vu"><h2 id="cac-nhiem-vu">Các nhiệm vụ</h2>
<p class="filter"><a class="review" href="#${REVIEW_ONLY}">Chỉ hiện nhiệm vụ cần rà soát (${count(toReview)})</a> <a href="#cac-nhiem-vu">Hiện tất cả (${count(
    view.rows.length,
  )})</a></p>
<p class="only-note notice ok">Đang chỉ hiện ${count(toReview)} nhiệm vụ cần rà soát.</p>
${view.rows.length === 0 ? html`<p class="card">Máy chưa đọc được nhiệm vụ nào từ văn bản.</p>` : scrollTable("Bảng các nhiệm vụ của bản nháp", table, "narrow")}
</section>`;
}

function header(view: DraftView): Html {
  const s = view.summary;
  const c = view.comparison;
  return html`<section class="card" aria-labelledby="thong-tin"><h2 id="thong-tin" class="vh">Thông tin bản nháp</h2>
<dl class="facts">
<dt>Cơ quan ban hành</dt><dd>${view.issuer || "—"}</dd>
<dt>Số văn bản</dt><dd>${view.number || "—"}</dd>
<dt>Ngày ban hành</dt><dd>${view.issuedOn ? issuedOnText(view.issuedOn) : "—"}</dd>
<dt>Năm</dt><dd>${yearsText(view)}</dd>
<dt>Mã kế hoạch</dt><dd>${s.planId}${s.amends ? html` <span class="flag">sửa đổi kế hoạch đang chạy</span>` : html` <span class="flag ok">kế hoạch mới</span>`}</dd>
<dt>Nguồn</dt><dd class="brk">${originText(s)}</dd>
<dt>Bản nháp</dt><dd>tạo bởi ${s.createdBy} lúc ${instant(s.createdAt)}; sửa lần cuối ${instant(s.updatedAt)}</dd>
${
  c
    ? html`<dt>So với kế hoạch đang chạy</dt><dd><strong>lịch: ${count(c.same)} hạn trùng, ${count(c.added)} hạn mới, ${count(
        c.removed,
      )} hạn không còn</strong>${
        c.kept !== undefined && c.cancelled !== undefined
          ? html`<br>khi công bố: giữ ${count(c.kept)} hạn của các đơn vị (cùng bài đã nộp và gia hạn), hủy ${count(c.cancelled)}`
          : ""
      }${(c.cancelled ?? c.removed) > 0 ? html`<br><span class="fine">Các hạn bị hủy thôi được nhắc; bài đã nộp cho chúng vẫn được lưu.</span>` : ""}</dd>`
    : ""
}
</dl></section>`;
}

function problemsSection(view: DraftView): Html {
  if (view.problems.length === 0) return html``;
  return html`<section class="card problems" aria-labelledby="loi-ban-nhap"><h2 id="loi-ban-nhap">Còn ${count(
    view.problems.length,
  )} lỗi phải sửa trước khi công bố</h2>
<ul>${view.problems.map((p) => html`<li>${p}</li>`)}</ul></section>`;
}

function otherReview(view: DraftView): Html {
  if (view.review.length === 0) return html``;
  return html`<section aria-labelledby="ra-soat-khac"><h2 id="ra-soat-khac">Các điểm khác cần rà soát (${count(view.review.length)})</h2>
<p class="lead">Những chỗ trong văn bản máy chưa gắn được vào nhiệm vụ nào: đơn vị, chỉ tiêu, câu không rõ việc.</p>
<div class="card"><ul class="plain spaced">${view.review.map(
    (r) => html`<li><strong>${r.what}</strong> <span class="fine">(${r.where})</span><br>${r.why}</li>`,
  )}</ul></div></section>`;
}

function unitsNote(view: DraftView, urls: ConsoleUrls): Html {
  const unreachable = view.units.filter((u) => u.unreachable);
  const href = urls.draftUnits(view.summary.draftId);
  if (unreachable.length === 0)
    return html`<p class="card">${count(view.units.length)} đơn vị, đơn vị nào cũng có email hoặc số điện thoại. <a href="${href}">Xem liên hệ các đơn vị</a></p>`;
  return html`<section class="card warn" aria-labelledby="thieu-lien-he"><h2 id="thieu-lien-he">${count(
    unreachable.length,
  )} đơn vị chưa có email hay số điện thoại</h2>
<p>Các đơn vị này có việc phải làm nhưng sẽ không được nhắc hạn: ${unreachable.map((u) => u.name).join(", ")}.</p>
<p><a href="${href}">Bổ sung liên hệ các đơn vị</a></p></section>`;
}

function targetsSection(view: DraftView): Html {
  if (view.targets.length === 0) return html``;
  return html`<details class="card"><summary>Các chỉ tiêu đọc được (${count(view.targets.length)})</summary>
<ul class="plain">${view.targets.map(
    (t) => html`<li><strong>${t.title}</strong>: ${t.asWritten} <span class="fine">(${t.source})</span></li>`,
  )}</ul></details>`;
}

/** Units that would lose the contacts the running plan has: publishing needs their own confirmation. */
function dropsContacts(view: DraftView, urls: ConsoleUrls): Html {
  const dropped = view.contactsDropped ?? [];
  if (dropped.length === 0) return html``;
  return html`<p class="error" id="bo-lien-he">${count(dropped.length)} đơn vị đang có liên hệ trong kế hoạch đang chạy sẽ không còn email hay số điện thoại nào: ${dropped
    .map((u) => u.name)
    .join(
      ", ",
    )}. Nếu công bố, sẽ không ai ở đó được nhắc hạn. <a href="${urls.draftUnits(view.summary.draftId)}">Bổ sung liên hệ</a></p>
<label class="confirm"><input type="checkbox" name="${DROP_CONTACTS_FIELD}" value="yes" aria-describedby="bo-lien-he"> <span>Vẫn công bố khi các đơn vị này không còn liên hệ.</span></label>`;
}

function actions(view: DraftView, ctx: ConsoleContext, urls: ConsoleUrls): Html {
  const s = view.summary;
  const blocked = view.problems.length > 0;
  const dates = view.rows.reduce((n, r) => n + r.dates.length, 0);
  const consequence = s.amends
    ? html`Công bố sẽ thay kế hoạch <strong>${s.planId}</strong> đang chạy${
        view.comparison
          ? html`: ${count(view.comparison.cancelled ?? view.comparison.removed)} hạn sẽ bị hủy, ${count(view.comparison.added)} hạn mới`
          : ""
      }; các đơn vị được nhắc theo các hạn mới.`
    : html`Công bố sẽ tạo kế hoạch <strong>${s.planId}</strong> với ${count(dates)} hạn trong năm; các đơn vị bắt đầu được nhắc hạn theo lịch.`;
  const publish = html`<form class="card" method="post" action="${urls.draftPublish(s.draftId)}" accept-charset="utf-8" aria-labelledby="cong-bo">
<h3 id="cong-bo">Công bố</h3>
<p>${consequence}</p>
${csrfField(ctx)}
${
  blocked
    ? html`<p class="error" id="cong-bo-chan">Chưa công bố được: còn ${count(view.problems.length)} lỗi, <a href="#loi-ban-nhap">xem các lỗi phía trên</a>.</p>
<button type="submit" class="act" disabled aria-describedby="cong-bo-chan">Công bố kế hoạch</button>`
    : html`<label class="confirm"><input type="checkbox" required> <span>Tôi đã rà soát bản nháp và muốn công bố kế hoạch.</span></label>
${s.toReview > 0 ? html`<p class="hint">Còn ${count(s.toReview)} mục máy chưa chắc chưa ai sửa; vẫn công bố được.</p>` : ""}
${dropsContacts(view, urls)}
<button type="submit" class="act">Công bố kế hoạch</button>`
}
</form>`;
  const discard = html`<form class="card" method="post" action="${urls.draftDiscard(s.draftId)}" accept-charset="utf-8" aria-labelledby="bo-nhap">
<h3 id="bo-nhap">Bỏ bản nháp</h3>
<p>Bản nháp và mọi chỗ đã sửa sẽ bị xóa; kế hoạch đang chạy (nếu có) không thay đổi.</p>
${csrfField(ctx)}
<label class="confirm"><input type="checkbox" required> <span>Tôi muốn bỏ bản nháp này.</span></label>
<button type="submit" class="act danger">Bỏ bản nháp</button>
</form>`;
  return html`<section aria-labelledby="thao-tac"><h2 id="thao-tac">Thao tác</h2><div class="actions">${publish}${discard}</div></section>`;
}

export function draftPage(view: DraftView, ctx: ConsoleContext): string {
  const urls = urlsFor(ctx);
  const s = view.summary;
  const body = html`${backLink(urls.drafts(), "Nhập kế hoạch")}
<h1>${s.title}</h1>
<p class="lead">Bản nháp: ${count(s.obligations)} nhiệm vụ, ${count(s.dated)} có thời hạn, ${count(
    s.toReview,
  )} mục cần rà soát, ${count(view.problems.length)} lỗi. <a href="${urls.draftYaml(s.draftId)}" download>Tải YAML</a></p>
${header(view)}
${problemsSection(view)}
${unitsNote(view, urls)}
${rowsSection(view, urls)}
${otherReview(view)}
${targetsSection(view)}
${ctx.canAct ? actions(view, ctx, urls) : ""}`;
  return consolePage({ title: `Bản nháp: ${s.title}`, body, ctx, current: "drafts", style: DRAFT_STYLE });
}

/** The table's section id, for tests and links from elsewhere. */
export const reviewOnlyHref = (urls: ConsoleUrls, draftId: string): string =>
  `${urls.draft(draftId)}#${REVIEW_ONLY}`;
