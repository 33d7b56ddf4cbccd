/**
 * Small charts as inline SVG: no script, no external asset (the CSP allows neither), sized by a
 * viewBox so they scale from a phone to a desktop. Each is an image with a title and a
 * description, followed by the same figures as a table, so nothing is only in the picture.
 */
import type { RatePoint } from "../../console/model";
import { type Html, html } from "../html";
import { count, percent } from "./format";
import { scrollTable } from "./layout";

const AXIS = "#3d4751";
const GRID = "#d0d7de";
const BAR = "#0b5394";

/** A number rounded for an SVG attribute. */
const n = (x: number): string => String(Math.round(x * 10) / 10);

/** "T3" for "2025-03": the x-axis tick (the table below gives the full label). */
function monthTick(month: string): string {
  const m = Number(month.slice(5, 7));
  return Number.isFinite(m) && m > 0 ? `T${m}` : month;
}

/**
 * Columns of the on-time rate of the deadlines due in each month (0–100 %); a month with nothing
 * due yet has no column and a dash.
 */
export function onTimeRateChart(points: readonly RatePoint[], id: string): Html {
  const width = 360;
  const height = 200;
  const left = 34;
  const right = 6;
  const top = 16;
  const bottom = 24;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const slot = plotW / Math.max(points.length, 1);
  const barW = Math.min(28, slot * 0.62);
  const y = (rate: number) => top + plotH - (rate / 100) * plotH;
  const grid = [0, 25, 50, 75, 100].map(
    (v) =>
      html`<line x1="${left}" x2="${width - right}" y1="${n(y(v))}" y2="${n(y(v))}" stroke="${GRID}" stroke-width="1"/><text x="${left - 4}" y="${n(y(v) + 3.5)}" text-anchor="end" font-size="10" fill="${AXIS}">${v}%</text>`,
  );
  const bars = points.map((p, i) => {
    const cx = left + slot * i + slot / 2;
    const tick = html`<text x="${n(cx)}" y="${height - 8}" text-anchor="middle" font-size="10" fill="${AXIS}">${monthTick(
      p.month,
    )}</text>`;
    if (p.onTimeRate === null)
      return html`${tick}<text x="${n(cx)}" y="${n(y(0) - 4)}" text-anchor="middle" font-size="10" fill="${AXIS}">–</text>`;
    const top0 = y(p.onTimeRate);
    return html`${tick}<rect x="${n(cx - barW / 2)}" y="${n(top0)}" width="${n(barW)}" height="${n(
      y(0) - top0,
    )}" fill="${BAR}"/><text x="${n(cx)}" y="${n(top0 - 3)}" text-anchor="middle" font-size="9" fill="#1b1b1b">${Math.round(
      p.onTimeRate,
    )}</text>`;
  });
  const described = points
    .map((p) => `${p.label}: ${p.onTimeRate === null ? "chưa có hạn nào đến" : percent(p.onTimeRate)}`)
    .join("; ");
  return html`<figure>
<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" style="max-width:44rem">
<title id="${id}-title">Tỷ lệ nộp đúng hạn theo tháng của hạn chót</title>
<desc id="${id}-desc">${described || "Chưa có số liệu."}</desc>
${grid}
${bars}
</svg>
<figcaption>Tỷ lệ nộp đúng hạn (%) của các hạn chót rơi vào từng tháng; tháng chưa có hạn nào đến để trống.</figcaption>
</figure>
<details><summary>Xem số liệu của biểu đồ dạng bảng</summary>
${scrollTable(
  "Số liệu biểu đồ tỷ lệ đúng hạn theo tháng",
  html`<table><caption>Tỷ lệ theo tháng của hạn chót</caption>
<thead><tr><th scope="col">Tháng</th><th scope="col" class="num">Phải nộp</th><th scope="col" class="num">Đã nộp</th><th scope="col" class="num">Nộp đúng hạn</th><th scope="col" class="num">Tỷ lệ đúng hạn</th></tr></thead>
<tbody>${points.map(
    (p) =>
      html`<tr><th scope="row">${p.label}</th><td class="num">${count(p.expected)}</td><td class="num">${count(
        p.actual,
      )}</td><td class="num">${count(p.actualOnTime)}</td><td class="num">${percent(p.onTimeRate)}</td></tr>`,
  )}</tbody></table>`,
  "narrow",
)}
</details>`;
}

export interface ProgressBar {
  label: string;
  /** The value reported, when a number. */
  value?: number | undefined;
  /** The unit's target, when a number. */
  target?: number | undefined;
  met?: boolean | undefined;
}

const MET = { yes: "#1a7f37", no: "#c62828", unknown: "#6e7781" };

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * One horizontal bar per unit: the value it reported, coloured by whether it meets its target,
 * with its own target as a black tick. The caller shows the table of the same figures.
 */
export function progressChart(rows: readonly ProgressBar[], id: string, title: string, unit?: string): Html {
  const width = 360;
  const rowH = 24;
  const labelW = 180;
  const valueW = 36;
  const top = 6;
  const barX = labelW + 6;
  const barMax = width - barX - valueW;
  const numbers = rows.flatMap((r) => [r.value, r.target]).filter((v): v is number => typeof v === "number");
  const highest = Math.max(0, ...numbers);
  // Bars start at zero; the scale leaves room above the highest value or target (a percentage stops at 100).
  const roomy = highest > 0 ? highest * 1.15 : 1;
  const scaleMax = unit === "%" && highest <= 100 ? Math.min(100, roomy) : roomy;
  const x = (v: number) => barX + (Math.max(0, v) / scaleMax) * barMax;
  const height = top + rows.length * rowH + 6;
  const shapes = rows.map((r, i) => {
    const y0 = top + i * rowH;
    const colour = r.met === true ? MET.yes : r.met === false ? MET.no : MET.unknown;
    // Drawn in this order: the bar, the target's tick over it, then the words (with a white halo).
    const bar =
      r.value === undefined
        ? ""
        : html`<rect x="${barX}" y="${y0 + 4}" width="${n(Math.max(1, x(r.value) - barX))}" height="${rowH - 8}" fill="${colour}"/>`;
    const tick =
      r.target === undefined
        ? ""
        : html`<line x1="${n(x(r.target))}" x2="${n(x(r.target))}" y1="${y0 + 1}" y2="${y0 + rowH - 1}" stroke="#1b1b1b" stroke-width="2"/>`;
    const words =
      r.value === undefined
        ? html`<text x="${barX + 4}" y="${y0 + 16}" font-size="11" fill="${AXIS}" stroke="#fff" stroke-width="4" paint-order="stroke">chưa báo cáo</text>`
        : html`<text x="${width - 2}" y="${y0 + 16}" text-anchor="end" font-size="11" fill="#1b1b1b">${r.value.toLocaleString(
            "vi-VN",
            { maximumFractionDigits: 2 },
          )}</text>`;
    return html`<text x="${labelW}" y="${y0 + 16}" text-anchor="end" font-size="11" fill="#1b1b1b">${shorten(
      r.label,
      30,
    )}</text>${bar}${tick}${words}`;
  });
  const described = rows
    .map(
      (r) =>
        `${r.label}: ${r.value === undefined ? "chưa báo cáo" : r.value.toLocaleString("vi-VN")}${
          r.target === undefined ? "" : ` (chỉ tiêu ${r.target.toLocaleString("vi-VN")})`
        }`,
    )
    .join("; ");
  return html`<figure>
<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" style="max-width:40rem">
<title id="${id}-title">${title}</title>
<desc id="${id}-desc">${described || "Chưa có đơn vị nào."}</desc>
<line x1="${barX}" x2="${barX}" y1="${top}" y2="${height - 4}" stroke="${AXIS}" stroke-width="1"/>
${shapes}
</svg>
<figcaption><span class="sym" aria-hidden="true" style="color:${MET.yes}">■</span> đạt chỉ tiêu · <span class="sym" aria-hidden="true" style="color:${MET.no}">■</span> chưa đạt · <span class="sym" aria-hidden="true" style="color:${MET.unknown}">■</span> chưa đánh giá được · <span class="sym" aria-hidden="true">|</span> vạch đen: chỉ tiêu của đơn vị${unit ? ` (đơn vị: ${unit})` : ""}. Số liệu đầy đủ ở bảng bên dưới.</figcaption>
</figure>`;
}
