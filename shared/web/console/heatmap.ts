/**
 * Units × deadlines in cut-off order: each cell a status shown by its colour and its symbol (and
 * in words for screen readers), each a link to the submission it stands for, or to the unit's
 * row on the deadline's page when nothing counts yet. The unit column stays in view while the
 * table scrolls sideways on a phone.
 */
import type { CellStatus, DeadlineSummary, HeatmapView, UnitCell } from "../../console/model";
import { type Html, html, raw } from "../html";
import { count, dayShort, dueShort, instant, STATUS_LEGEND, STATUS_ORDER, statusLook } from "./format";
import { type ConsoleContext, consolePage, scrollTable, unitAnchor, urlsFor, yearLinks } from "./layout";

const HEAT_STYLE = raw(`
.heat table{width:auto;font-size:.85rem}
.heat thead th{vertical-align:bottom;min-width:5.5rem;max-width:7.5rem;font-weight:600}
.heat thead th a{display:block;text-decoration:none}
.heat thead th .t{display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden;text-decoration:underline}
.heat thead th .p{display:block;color:#1b1b1b}
.heat thead th .d{display:block;color:#4f5a65;font-weight:400}
.heat th[scope=row]{position:sticky;left:0;z-index:1;background:#fff;min-width:9rem;max-width:13rem;font-weight:600;box-shadow:1px 0 0 #d0d7de}
.heat thead th.corner{position:sticky;left:0;z-index:2;background:#f6f8fa}
.heat td{padding:2px;text-align:center;vertical-align:middle}
.heat a.cell{display:block;min-width:2.75rem;min-height:2.75rem;line-height:2.75rem;border-radius:.3rem;text-decoration:none;font-weight:700;font-size:1.05rem;white-space:nowrap}
.heat a.cell:hover{box-shadow:inset 0 0 0 2px currentColor}
.heat td.na{color:#6e7781}
`);

function cellLink(
  planId: string,
  deadline: DeadlineSummary,
  cell: UnitCell,
  urls: ReturnType<typeof urlsFor>,
): Html {
  const look = statusLook(cell.status, cell.lateDays);
  const href = cell.latestReceipt
    ? urls.submission(planId, cell.instanceId, cell.latestReceipt)
    : `${urls.deadline(planId, deadline.obligationId, deadline.period)}#${unitAnchor(cell.unitId)}`;
  return html`<a class="cell ${look.cls}" href="${href}" title="${look.text}"><span aria-hidden="true">${look.symbol}${
    look.short
  }</span><span class="vh">${look.text}: ${cell.unitName}, ${deadline.title}, ${deadline.periodText}</span></a>`;
}

function legend(tally: Map<CellStatus, number>): Html {
  return html`<ul class="legend" aria-label="Chú giải">${STATUS_ORDER.map((s) => {
    const look = statusLook(s);
    return html`<li><span class="badge ${look.cls}" aria-hidden="true">${look.symbol}</span> ${STATUS_LEGEND[s]} (${count(
      tally.get(s) ?? 0,
    )})</li>`;
  })}<li><span class="badge" aria-hidden="true">·</span> Không phải nộp</li></ul>`;
}

export function heatmapPage(view: HeatmapView, ctx: ConsoleContext): string {
  const urls = urlsFor(ctx);
  const { plan } = view;
  const tally = new Map<CellStatus, number>();
  for (const row of view.cells)
    for (const cell of row) if (cell) tally.set(cell.status, (tally.get(cell.status) ?? 0) + 1);
  const table = html`<table>
<caption>Tình trạng nộp của ${count(view.units.length)} đơn vị cho ${count(view.deadlines.length)} hạn nộp, theo thứ tự hạn chót</caption>
<thead><tr><th scope="col" class="corner">Đơn vị</th>${view.deadlines.map(
    (d) =>
      html`<th scope="col"><a href="${urls.deadline(plan.planId, d.obligationId, d.period)}"><span class="t">${d.title}</span><span class="p">${
        d.periodText
      }</span>${
        d.heldOn === undefined
          ? html`<span class="d">hạn ${dueShort(d.dueAt)}</span>`
          : html`<span class="d">diễn ra ${dayShort(d.heldOn)}</span><span class="d">xác nhận trước ${dueShort(d.dueAt)}</span>`
      }</a></th>`,
  )}</tr></thead>
<tbody>${view.units.map(
    (u, i) =>
      html`<tr><th scope="row"><a href="${urls.unit(plan.planId, u.unitId)}">${u.unitName}</a></th>${view.deadlines.map(
        (d, j) => {
          const cell = view.cells[i]?.[j];
          return cell
            ? html`<td>${cellLink(plan.planId, d, cell, urls)}</td>`
            : html`<td class="na"><span aria-hidden="true">·</span><span class="vh">không phải nộp</span></td>`;
        },
      )}</tr>`,
  )}</tbody>
</table>`;
  const body = html`<h1>Bảng theo dõi năm ${plan.year}</h1>
<p class="lead">Mỗi ô là tình trạng của một đơn vị với một hạn nộp, tính đến ${instant(
    view.asOf,
  )}. Chọn một ô để mở báo cáo đã nộp (hoặc dòng của đơn vị trong trang hạn nộp khi chưa có báo cáo).</p>
${yearLinks(plan, (y) => urls.heatmap(plan.planId, y))}
${legend(tally)}
${
  view.units.length === 0 || view.deadlines.length === 0
    ? html`<p class="card">Năm này chưa có hạn nộp nào.</p>`
    : scrollTable("Bảng theo dõi đơn vị và hạn nộp, cuộn ngang để xem thêm", table, "heat")
}`;
  return consolePage({
    title: `Bảng theo dõi năm ${plan.year}`,
    body,
    ctx,
    plan,
    current: "heatmap",
    style: HEAT_STYLE,
    footnote: `Số liệu tính đến ${instant(view.asOf)}`,
  });
}
