/**
 * The plan's targets (Biểu 6): each unit's own target against the latest value it reported
 * through a form field naming that target, per ward with a chart, and the table of the same.
 */
import { periodText } from "../../calendar/period-text";
import type { TargetProgress, TargetsView, TargetView } from "../../console/model";
import { type Html, html } from "../html";
import { progressChart } from "./chart";
import { count, instant } from "./format";
import { type ConsoleContext, consolePage, scrollTable, urlsFor } from "./layout";
import type { ConsoleUrls } from "./urls";

const COMPARATOR_TEXT: Record<NonNullable<TargetView["comparator"]>, string> = {
  "<=": "không quá",
  ">=": "ít nhất",
  "=": "bằng",
  "<": "dưới",
  ">": "trên",
};

function number(v: number): string {
  return v.toLocaleString("vi-VN", { maximumFractionDigits: 2 });
}

/** "95%", "13 phường": Vietnamese write a percent sign close up, other units after a space. */
function withUnit(value: string, unit: string | undefined): string {
  if (!unit) return value;
  return unit === "%" ? `${value}%` : `${value} ${unit}`;
}

function verdict(p: TargetProgress): Html {
  if (p.met === true) return html`<span class="badge s-on-time"><span aria-hidden="true">✓</span> đạt</span>`;
  if (p.met === false)
    return html`<span class="badge s-missing"><span aria-hidden="true">✗</span> chưa đạt</span>`;
  return html`<span class="badge s-pending"><span aria-hidden="true">–</span> chưa đánh giá</span>`;
}

const anchor = (t: TargetView) => `chi-tieu-${t.targetId}`;

/** "6/12 đơn vị đạt, 2 chưa đánh giá được": met over the units whose value and target are both known. */
export function resultText(t: TargetView): string {
  const met = t.units.filter((u) => u.met === true).length;
  const judged = t.units.filter((u) => u.met !== undefined).length;
  const unknown = t.units.length - judged;
  if (judged === 0) return t.units.length === 0 ? "chỉ tiêu chung" : "chưa đánh giá được";
  return `${count(met)}/${count(judged)} đơn vị đạt${unknown > 0 ? `, ${count(unknown)} chưa đánh giá được` : ""}`;
}

function targetSection(t: TargetView, planId: string, urls: ConsoleUrls, index: number): Html {
  const id = anchor(t);
  const bars = t.units.map((u) => ({
    label: u.unitName,
    value: u.reported?.value,
    target: typeof u.target?.value === "number" ? u.target.value : undefined,
    met: u.met,
  }));
  const anyReported = bars.some((b) => b.value !== undefined);
  return html`<section class="card" aria-labelledby="${id}">
<h2 id="${id}">${t.title}</h2>
<dl class="facts">
<dt>Chỉ tiêu</dt><dd>${t.asWritten}${t.unit && !t.asWritten.includes(t.unit) ? withUnit("", t.unit) : ""}${
    t.comparator && typeof t.value === "number"
      ? html` <span class="fine">(${COMPARATOR_TEXT[t.comparator]} ${withUnit(number(t.value), t.unit)})</span>`
      : ""
  }</dd>
<dt>Số liệu lấy từ</dt><dd>${
    t.reportedThrough.length > 0
      ? html`<ul class="plain">${t.reportedThrough.map((r) => html`<li>trường “${r.fieldLabel}”</li>`)}</ul>`
      : html`<span class="fine">chưa có biểu mẫu nào báo cáo chỉ tiêu này</span>`
  }</dd>
<dt>Kết quả</dt><dd>${resultText(t)}</dd>
</dl>
${anyReported ? progressChart(bars, `bieu-do-${index}`, `Kết quả từng đơn vị: ${t.title}`, t.unit) : ""}
${
  t.units.length > 0
    ? scrollTable(
        `Bảng kết quả từng đơn vị: ${t.title}`,
        html`<table>
<caption>Kết quả từng đơn vị</caption>
<thead><tr><th scope="col">Đơn vị</th><th scope="col">Chỉ tiêu của đơn vị</th><th scope="col" class="num">Số báo cáo</th><th scope="col">Báo cáo trong</th><th scope="col">Đánh giá</th></tr></thead>
<tbody>${t.units.map(
          (u) => html`<tr>
<th scope="row"><a href="${urls.unit(planId, u.unitId)}">${u.unitName}</a></th>
<td>${u.target?.asWritten ?? "—"}</td>
<td class="num">${u.reported ? number(u.reported.value) : "—"}</td>
<td>${
            u.reported
              ? html`<a href="${urls.deadline(planId, u.reported.obligationId, u.reported.period)}">${periodText(
                  u.reported.period,
                )}</a><br><span class="fine">${instant(u.reported.at)}</span>`
              : html`<span class="fine">chưa báo cáo</span>`
          }</td>
<td>${verdict(u)}</td>
</tr>`,
        )}</tbody>
</table>`,
      )
    : html`<p class="fine">Chỉ tiêu chung, không giao riêng cho đơn vị nào.</p>`
}
</section>`;
}

export function targetsPage(view: TargetsView, ctx: ConsoleContext): string {
  const urls = urlsFor(ctx);
  const { plan } = view;
  const body = html`<h1>Chỉ tiêu năm ${plan.year}</h1>
<p class="lead">Chỉ tiêu của từng đơn vị (Biểu 6) so với số liệu mới nhất đơn vị báo cáo qua biểu mẫu.</p>
${
  view.targets.length === 0
    ? html`<p class="card">Kế hoạch không có chỉ tiêu nào.</p>`
    : html`<nav class="card" aria-labelledby="muc-luc"><h2 id="muc-luc">Các chỉ tiêu</h2><ol>${view.targets.map(
        (t) =>
          html`<li><a href="#${anchor(t)}">${t.title}</a> <span class="fine">(${resultText(t)})</span></li>`,
      )}</ol></nav>
${view.targets.map((t, i) => targetSection(t, plan.planId, urls, i))}`
}`;
  return consolePage({ title: `Chỉ tiêu năm ${plan.year}`, body, ctx, plan, current: "targets" });
}
