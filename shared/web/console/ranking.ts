/**
 * For a viewer (an oversight body, e.g. a provincial health department): every plan under it,
 * ranked by on-time rate, each linking to its overview. Plans with nothing due yet come last,
 * unranked. Each plan's figures are reused for a few minutes (shared/console/ranking.ts), so each
 * says when it was computed.
 */
import { toVietnamIso } from "../../calendar/civil-date";
import type { RankedPlan, RankingView } from "../../console/model";
import { type Html, html, raw } from "../html";
import { count, instant, percent } from "./format";
import { type ConsoleContext, consolePage, scrollTable, urlsFor } from "./layout";

const RANKING_STYLE = raw(`
.meter{display:inline-block;vertical-align:middle;width:5rem;height:.6rem;background:#eef1f4;border:1px solid #6e7781;border-radius:.3rem;overflow:hidden;margin-left:.4rem}
.meter span{display:block;height:100%;background:#0b5394}
`);

function meter(rate: number | null): Html {
  if (rate === null) return html``;
  const width = Math.max(0, Math.min(100, rate));
  return html`<span class="meter" aria-hidden="true"><span style="width:${width}%"></span></span>`;
}

/** "09:05 12/05": when a plan's figures were computed, Vietnam time, short for a table cell. */
export function computedTime(iso: string): string {
  const local = toVietnamIso(Date.parse(iso));
  return `${local.slice(11, 16)} ${local.slice(8, 10)}/${local.slice(5, 7)}`;
}

export function rankingPage(view: RankingView, ctx: ConsoleContext): string {
  const urls = urlsFor(ctx);
  let rank = 0;
  const row = (p: RankedPlan) => {
    const ranked = p.onTimeRate !== null;
    if (ranked) rank += 1;
    return html`<tr>
<td class="num">${ranked ? rank : "—"}</td>
<th scope="row" class="mid"><a href="${urls.overview(p.planId, p.year)}">${p.title}</a><br><span class="fine">${p.issuerName}</span><br><span class="fine">số liệu tính lúc <time datetime="${p.computedAt}">${computedTime(p.computedAt)}</time></span></th>
<td class="num">${percent(p.onTimeRate)}${meter(p.onTimeRate)}</td>
<td class="num">${percent(p.reportingRate)}</td>
<td class="num">${count(p.expected)}</td>
<td class="num">${count(p.actual)}</td>
<td class="num">${count(p.actualOnTime)}</td>
<td class="num">${p.lateNow > 0 ? html`<strong>${count(p.lateNow)}</strong>` : "0"}</td>
</tr>`;
  };
  const body = html`<h1>Xếp hạng các kế hoạch năm ${view.year}</h1>
<p class="lead">${view.oversight.name}: ${count(view.plans.length)} kế hoạch, xếp theo tỷ lệ nộp đúng hạn (cao nhất trước). Số liệu của mỗi kế hoạch được tính lại sau vài phút; giờ tính ghi dưới tên kế hoạch. Kế hoạch chưa có hạn nào đến không được xếp hạng.</p>
${
  view.plans.length === 0
    ? html`<p class="card">Chưa có kế hoạch nào.</p>`
    : scrollTable(
        "Bảng xếp hạng các kế hoạch",
        html`<table>
<caption>Các kế hoạch theo tỷ lệ nộp đúng hạn</caption>
<thead><tr><th scope="col" class="num">Hạng</th><th scope="col">Kế hoạch</th><th scope="col" class="num">Tỷ lệ đúng hạn</th><th scope="col" class="num">Tỷ lệ đã nộp</th><th scope="col" class="num">Phải nộp</th><th scope="col" class="num">Đã nộp</th><th scope="col" class="num">Nộp đúng hạn</th><th scope="col" class="num">Đang chậm</th></tr></thead>
<tbody>${view.plans.map(row)}</tbody>
</table>`,
      )
}`;
  return consolePage({
    title: `Xếp hạng các kế hoạch — ${view.oversight.name}`,
    body,
    ctx,
    style: RANKING_STYLE,
    footnote: `Trang tạo lúc ${instant(view.asOf)}`,
  });
}
