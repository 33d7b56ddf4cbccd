/**
 * A plan's year at a glance: who is late right now (at the top, with how to reach them), the
 * on-time rate month by month, and DHIS2's five figures for every deadline with their totals.
 */
import { type LateUnitGroup, lateUnitGroups } from "../../console/late-units";
import type { LateUnit, PlanOverviewView, TimelinessRow } from "../../console/model";
import { type Html, html, raw } from "../html";
import { onTimeRateChart } from "./chart";
import { count, cutOffText, instant, percent } from "./format";
import {
  type ConsoleContext,
  consolePage,
  contactLinks,
  FIGURE_HEADERS,
  figureCells,
  figureTiles,
  scrollTable,
  statusBadge,
  urlsFor,
  yearLinks,
} from "./layout";
import type { ConsoleUrls } from "./urls";

/** The first items of a late unit shown at once; the rest fold under "và N việc khác". */
const ITEMS_SHOWN = 2;

/**
 * Who is late right now, one card per unit (most days late first, then most items): the unit and
 * a link to its page, how many items it owes and the longest lateness, its contact once, the
 * reminders sent and the failed sends summed, then its late items, each linking to its deadline.
 *
 * A list of units with a heading each rather than a table: the office handles a unit at a time
 * (one call about everything it owes), and heading navigation, a screen reader's most used, jumps
 * from unit to unit with the unit's name read first; inside, every figure has its own label (a
 * description list), so nothing depends on column headers. A table would put a list and a
 * disclosure inside one cell, read as one blob in table mode, and on a phone it would have to be
 * restyled into cards, which in some screen readers (VoiceOver on iOS) drops its table semantics
 * anyway. The comparison a table's columns offer is the sort order. Same markup at every width:
 * one column on a phone, the unit beside its items on a wide screen; nothing scrolls sideways.
 */
function lateNowList(view: PlanOverviewView, urls: ConsoleUrls): Html {
  const planId = view.plan.planId;
  if (view.lateNow.length === 0)
    return html`<p class="card">Không có đơn vị nào đang chậm nộp tại thời điểm này.</p>`;
  const groups = lateUnitGroups(view.lateNow);
  const item = (l: LateUnit) =>
    html`<li><a href="${urls.deadline(planId, l.obligationId, l.period)}">${l.title}</a><br><span class="nowrap">${l.periodText} ·</span> <strong class="nowrap">chậm ${count(
      l.daysLate,
    )} ngày</strong> ${statusBadge(l.status)}</li>`;
  const unit = (g: LateUnitGroup) => {
    const shown = g.items.slice(0, ITEMS_SHOWN);
    const folded = g.items.slice(ITEMS_SHOWN);
    return html`<li class="late-unit">
<div class="late-who">
<h3><a href="${urls.unit(planId, g.unitId)}">${g.unitName}</a></h3>
<dl class="late-facts">
<div><dt>Số việc chậm</dt><dd>${count(g.items.length)}</dd></div>
<div><dt>Chậm lâu nhất</dt><dd>${count(g.maxDaysLate)} ngày</dd></div>
<div><dt>Đã nhắc</dt><dd>${count(g.remindersSent)} lần</dd></div>
<div><dt>Gửi lỗi</dt><dd>${g.failedSends > 0 ? html`<strong class="badge s-missing">${count(g.failedSends)} lần</strong>` : "0 lần"}</dd></div>
<div class="late-contact"><dt>Liên hệ</dt><dd>${contactLinks({
      person: g.contact.person,
      emails: g.contact.email ? [g.contact.email] : [],
      phones: g.contact.phone ? [g.contact.phone] : [],
    })}</dd></div>
</dl>
</div>
<div class="late-what">
<ul class="late-items" aria-label="Việc đang chậm của ${g.unitName}">${shown.map(item)}</ul>
${
  folded.length > 0
    ? html`<details><summary>và ${count(folded.length)} việc khác</summary><ul class="late-items" aria-label="Các việc chậm khác của ${g.unitName}">${folded.map(item)}</ul></details>`
    : ""
}
</div>
</li>`;
  };
  return html`<p class="late-count" id="dang-cham-so-luong">${count(groups.length)} đơn vị đang chậm nộp, ${count(
    view.lateNow.length,
  )} việc; chậm lâu nhất trước.</p>
<ol class="late-units" aria-labelledby="dang-cham-so-luong">${groups.map(unit)}</ol>`;
}

/** The late list's look: cards in one column, the unit beside its items from 60rem. */
const LATE_STYLE = raw(`
.late-count{font-weight:700;margin:0 0 .5rem}
ol.late-units{list-style:none;margin:0 0 1rem;padding:0}
.late-unit{background:#fff;border:1px solid #d0d7de;border-left:5px solid #8a1c1c;border-radius:.5rem;padding:.75rem 1rem;overflow-wrap:anywhere}
.late-unit+.late-unit{margin-top:.5rem}
.late-unit h3{font-size:1.05rem;margin:0 0 .4rem}
dl.late-facts{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:.35rem 1rem;margin:0 0 .5rem}
dl.late-facts dt{font-size:.8rem;color:#3d4751}
dl.late-facts dd{margin:0;font-weight:700;font-variant-numeric:tabular-nums}
dl.late-facts .late-contact{grid-column:1/-1}
@media (min-width:30rem){dl.late-facts{grid-template-columns:repeat(4,minmax(0,max-content))}}
dl.late-facts .late-contact dd{font-weight:400}
ul.late-items{list-style:none;margin:0;padding:0}
ul.late-items li{padding:.4rem 0;border-top:1px solid #d0d7de}
ul.late-items .badge{font-size:.85rem;white-space:normal}
.late-what details{margin:0}
.late-what summary{padding:.4rem 0;border-top:1px solid #d0d7de}
@media (min-width:60rem){
  .late-unit{display:grid;grid-template-columns:minmax(16rem,24rem) 1fr;gap:0 1.5rem}
  dl.late-facts{margin:0}
  ul.late-items>li:first-child{border-top:0;padding-top:0}
}
`);

function timelinessTable(view: PlanOverviewView, urls: ConsoleUrls): Html {
  const { report, plan } = view;
  const row = (r: TimelinessRow) => html`<tr>
<th scope="row" class="mid"><a href="${urls.deadline(plan.planId, r.obligationId, r.period)}">${r.title}</a>${
    r.state === "cancelled" ? html` ${statusBadge("cancelled")}` : ""
  }</th>
<td class="nowrap">${r.periodText}</td>
<td>${cutOffText(r)}</td>
${figureCells(r)}
</tr>`;
  return scrollTable(
    "Bảng số liệu theo nhiệm vụ và kỳ",
    html`<table>
<caption>Số liệu theo nhiệm vụ và kỳ, năm ${report.year}</caption>
<thead><tr><th scope="col">Nhiệm vụ</th><th scope="col">Kỳ</th><th scope="col">Hạn chót</th>${FIGURE_HEADERS.map(
      (h) => html`<th scope="col" class="num">${h}</th>`,
    )}</tr></thead>
<tbody>${report.rows.length > 0 ? report.rows.map(row) : html`<tr><td colspan="8">Năm này chưa có hạn nộp nào.</td></tr>`}</tbody>
<tfoot><tr><th scope="row" colspan="3">Tổng các hạn đã đến (tính đến ${instant(report.asOf)})</th>${figureCells(
      report.totals,
      "td",
    )}</tr></tfoot>
</table>`,
  );
}

function exportsSection(view: PlanOverviewView, urls: ConsoleUrls): Html {
  const { planId, year } = view.plan;
  return html`<section class="card" aria-labelledby="xuat-du-lieu">
<h2 id="xuat-du-lieu" tabindex="-1">Xuất dữ liệu</h2>
<ul>
<li>Bảng tiến độ năm ${year}: <a href="${urls.timelinessExport(planId, year, "xlsx")}" download>Excel (.xlsx)</a> · <a href="${urls.timelinessExport(
    planId,
    year,
    "csv",
  )}" download>CSV</a></li>
<li>Nhật ký thao tác: <a href="${urls.auditExport(planId, "xlsx")}" download>Excel (.xlsx)</a> · <a href="${urls.auditExport(
    planId,
    "csv",
  )}" download>CSV</a></li>
<li>Nội dung các báo cáo đã nộp: mở trang của từng hạn nộp trong bảng trên, mục “Xuất dữ liệu”.</li>
</ul>
<p class="fine">Tệp CSV dùng mã UTF-8 (có BOM) để Excel hiển thị đúng tiếng Việt; số thập phân viết bằng dấu chấm.</p>
</section>`;
}

export function overviewPage(view: PlanOverviewView, ctx: ConsoleContext): string {
  const urls = urlsFor(ctx);
  const { plan, report } = view;
  const body = html`<h1>Tổng quan năm ${report.year}</h1>
<p class="lead">Số liệu tính đến ${instant(report.asOf)}. Tỷ lệ tổng chỉ tính các hạn chót đã qua.</p>
${yearLinks(plan, (y) => urls.overview(plan.planId, y))}
<section aria-labelledby="dang-cham">
<h2 id="dang-cham">Đang chậm nộp</h2>
${lateNowList(view, urls)}
</section>
<section aria-labelledby="so-lieu-nam">
<h2 id="so-lieu-nam">Số liệu cả năm</h2>
${figureTiles(report.totals, "Số liệu tổng của năm")}
</section>
<section class="card" aria-labelledby="bieu-do">
<h2 id="bieu-do">Tỷ lệ đúng hạn theo tháng</h2>
${view.series.length > 0 ? onTimeRateChart(view.series, "bieu-do-ty-le") : html`<p>Chưa có số liệu.</p>`}
</section>
<section aria-labelledby="theo-nhiem-vu">
<h2 id="theo-nhiem-vu">Theo nhiệm vụ và kỳ</h2>
<p class="fine">Năm chỉ số của DHIS2: số phải nộp, số đã nộp, tỷ lệ đã nộp, số nộp đúng hạn, tỷ lệ đúng hạn (${percent(
    report.totals.onTimeRate,
  )} cả năm đến nay).</p>
${timelinessTable(view, urls)}
</section>
${exportsSection(view, urls)}`;
  return consolePage({
    title: `Tổng quan năm ${report.year}`,
    body,
    ctx,
    plan,
    current: "overview",
    footnote: `Số liệu tính đến ${instant(report.asOf)}`,
    style: LATE_STYLE,
  });
}
