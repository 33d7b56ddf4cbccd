/**
 * A plan's year at a glance: who is late right now (at the top, with how to reach them), the
 * on-time rate month by month, and DHIS2's five figures for every deadline with their totals.
 */
import type { LateUnit, PlanOverviewView, TimelinessRow } from "../../console/model";
import { type Html, html } from "../html";
import { onTimeRateChart } from "./chart";
import { count, cutOffText, dueText, instant, percent } from "./format";
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

function lateNowTable(view: PlanOverviewView, urls: ConsoleUrls): Html {
  const planId = view.plan.planId;
  if (view.lateNow.length === 0)
    return html`<p class="card">Không có đơn vị nào đang chậm nộp tại thời điểm này.</p>`;
  const row = (l: LateUnit) => html`<tr>
<th scope="row"><a href="${urls.unit(planId, l.unitId)}">${l.unitName}</a></th>
<td class="num">${count(l.daysLate)}</td>
<td>${statusBadge(l.status)}</td>
<td class="text"><a href="${urls.deadline(planId, l.obligationId, l.period)}">${l.title}</a><br><span class="fine">${l.periodText} · hạn chót ${dueText(
    l.dueAt,
  )}</span></td>
<td>${contactLinks({
    person: l.contact.person,
    emails: l.contact.email ? [l.contact.email] : [],
    phones: l.contact.phone ? [l.contact.phone] : [],
  })}</td>
<td class="num">${count(l.remindersSent)}</td>
<td class="num">${l.failedSends > 0 ? html`<strong class="badge s-missing">${count(l.failedSends)}</strong>` : "0"}</td>
</tr>`;
  return scrollTable(
    "Bảng các đơn vị đang chậm nộp",
    html`<table>
<caption>${count(view.lateNow.length)} lượt đơn vị đang chậm nộp, chậm lâu nhất trước</caption>
<thead><tr><th scope="col">Đơn vị</th><th scope="col" class="num">Số ngày chậm</th><th scope="col">Tình trạng</th><th scope="col">Nhiệm vụ, kỳ</th><th scope="col">Liên hệ</th><th scope="col" class="num">Đã nhắc</th><th scope="col" class="num">Gửi lỗi</th></tr></thead>
<tbody>${[...view.lateNow].sort((a, b) => b.daysLate - a.daysLate).map(row)}</tbody>
</table>`,
  );
}

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
${lateNowTable(view, urls)}
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
  });
}
