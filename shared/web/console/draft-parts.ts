/**
 * What the plan-intake pages share: how a draft's origin, its reader's certainty and a row's need
 * of review are said, the dates of a row, and the draft pages' own CSS.
 */
import type { DraftDate, DraftOrigin, DraftRow, DraftSummary, DraftView } from "../../console/model";
import { type Html, html, raw } from "../html";
import { count } from "./format";

/** At or above this certainty the reader's reading is "chắc"; below DOUBT it is a guess. */
export const CERTAIN = 0.85;
export const DOUBT = 0.6;

export interface CertaintyLook {
  cls: "sure" | "check" | "guess" | "checked";
  /** "chắc", "cần xem", "đoán", "đã kiểm tra". */
  word: string;
  /** "92%"; absent once a person has corrected or confirmed the row. */
  percent?: string;
}

export function certaintyLook(certainty: number | undefined): CertaintyLook {
  if (certainty === undefined) return { cls: "checked", word: "đã kiểm tra" };
  const percent = `${Math.round(Math.min(Math.max(certainty, 0), 1) * 100)}%`;
  if (certainty >= CERTAIN) return { cls: "sure", word: "chắc", percent };
  if (certainty >= DOUBT) return { cls: "check", word: "cần xem", percent };
  return { cls: "guess", word: "đoán", percent };
}

/**
 * Whether a person should look at the row before publishing: its timing is unread, the reader
 * listed why it is unsure, or the row is a guess (a body sentence's lead or topic, below DOUBT). A
 * table row read column by column (0.7–0.8) is "cần xem" but not flagged, or every row would be.
 */
export function needsReview(row: DraftRow): boolean {
  if (row.ruleWords === undefined) return true;
  if (row.certainty === undefined) return false;
  return row.review.length > 0 || row.certainty < DOUBT;
}

/** The reader's certainty as a bar and words ("đoán · 42%"), or "đã kiểm tra". */
export function certaintyBadge(certainty: number | undefined): Html {
  const look = certaintyLook(certainty);
  if (look.percent === undefined)
    return html`<span class="cert checked"><span aria-hidden="true">✓</span> ${look.word}</span>`;
  return html`<span class="cert ${look.cls}"><span class="meter" aria-hidden="true"><span style="width:${look.percent}"></span></span> ${
    look.word
  } <span class="fine">(${look.percent})</span></span>`;
}

const ORIGIN_WORDS: Record<DraftOrigin, string> = {
  document: "Đọc từ văn bản",
  plan: "Chuyển từ kế hoạch",
  template: "Từ mẫu",
};

/** "Đọc từ văn bản: KH 45-2025.docx". */
export function originText(summary: Pick<DraftSummary, "origin" | "source">): string {
  return `${ORIGIN_WORDS[summary.origin]}: ${summary.source}`;
}

/** "15/01/2025" from "2025-01-15", "tháng 1/2025" from "2025-01"; anything else as written. */
export function issuedOnText(issuedOn: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(issuedOn);
  if (day) return `${day[3]}/${day[2]}/${day[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(issuedOn);
  if (month) return `tháng ${Number(month[2])}/${month[1]}`;
  return issuedOn;
}

/** "2025" or "2025–2030". */
export function yearsText(
  view: Pick<DraftView, "untilYear"> & { summary: Pick<DraftSummary, "year"> },
): string {
  const { year } = view.summary;
  return view.untilYear && view.untilYear > year ? `${year}–${view.untilYear}` : String(year);
}

/** The first few dates of a row, each with its period, then how many more. */
export function datesList(dates: readonly DraftDate[], first = 3): Html {
  if (dates.length === 0) return html`<span class="fine">không có hạn trong năm</span>`;
  const shown = dates.slice(0, first);
  const more = dates.length - shown.length;
  return html`<ul class="plain dates">${shown.map(
    (d) => html`<li><span class="per">${d.periodText}:</span> ${d.dueText}</li>`,
  )}${more > 0 ? html`<li class="fine">và ${count(more)} hạn khác</li>` : ""}</ul>`;
}

/** A back link above a page's title. */
export function backLink(href: string, text: string): Html {
  return html`<p class="back"><a href="${href}"><span aria-hidden="true">←</span> ${text}</a></p>`;
}

/** The draft pages' CSS: the review table turns into one card per row on a phone. */
export const DRAFT_STYLE = raw(`
.back{margin:0 0 .25rem;font-size:.95rem}
.cert{display:inline-flex;align-items:center;gap:.35rem;font-weight:600;white-space:nowrap}
.cert .meter{display:inline-block;width:3rem;height:.55rem;border:1px solid #6e7781;border-radius:.3rem;background:#fff;overflow:hidden}
.cert .meter span{display:block;height:100%;background:currentColor}
.cert.sure{color:#124d23}.cert.check{color:#5c3d00}.cert.guess{color:#8a1c1c}.cert.checked{color:#0b4478}
.unread{display:inline-block;background:#fde2e1;color:#8a1c1c;border-radius:.3rem;padding:0 .35rem;font-weight:700}
.flag{display:inline-block;background:#fff0c2;color:#5c3d00;border-radius:1rem;padding:0 .5rem;font-size:.85rem;font-weight:700;white-space:nowrap}
.flag.bad{background:#fde2e1;color:#8a1c1c}
.flag.ok{background:#dff3e4;color:#124d23}
.problems{border:2px solid #c62828;background:#fff5f5}
.problems h2{color:#8a1c1c}
.problems ul{margin:0;padding-left:1.2rem}
.warn{border:2px solid #9a6700;background:#fff8e1}
ul.dates li+li{margin-top:.1rem}
.per{font-weight:600}
.why{margin:.25rem 0 0;padding-left:1.1rem;color:#5c3d00;font-size:.9rem}
.filter{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:0 0 .75rem}
.filter a{display:inline-block;padding:.35rem .75rem;border:1px solid #0b5394;border-radius:1rem;text-decoration:none;font-weight:600}
.only-note{display:none}
#chi-can-ra-soat:target .only-note{display:block}
#chi-can-ra-soat:target tbody tr.ok{display:none}
#chi-can-ra-soat:target .filter a.review{background:#0b5394;color:#fff}
table.rows{min-width:0;font-size:.9rem}
table.rows tr.need>*{background:#fffaf0}
table.rows th[scope=row]{font-weight:400}
ul.spaced li+li{margin-top:.6rem}
table.rows .sua{display:inline-block;padding:.3rem .7rem;border:1px solid #0b5394;border-radius:.35rem;text-decoration:none;font-weight:700;white-space:nowrap}
@media (max-width:59.99rem){
  table.rows,table.rows tbody,table.rows tr,table.rows td,table.rows th[scope=row]{display:block;width:100%}
  table.rows thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%)}
  table.rows caption{display:block;max-width:none;position:static}
  table.rows tr{border-top:2px solid #8c959f;padding:.25rem 0}
  table.rows tr.need{box-shadow:inset 5px 0 0 #9a6700;background:#fffaf0}
  table.rows td,table.rows th[scope=row]{border-top:0;padding:.3rem .75rem;min-width:0}
  table.rows td::before{content:attr(data-label);display:block;font-size:.8rem;font-weight:700;color:#3d4751}
}
@media (min-width:60rem){
  table.rows th[scope=row]{min-width:14rem}
  table.rows tr.need>th{box-shadow:inset 4px 0 0 #9a6700}
  table.rows .c-time,table.rows .c-rule{min-width:8rem}
  table.rows .c-dates{min-width:12.5rem}
  table.rows .c-to{min-width:7rem}
  table.rows .cert{flex-wrap:wrap;white-space:normal}
}
.units-list{list-style:none;margin:0;padding:0}
.checks{border:1px solid #d0d7de;border-radius:.4rem;padding:.5rem .75rem;margin:.75rem 0 0;max-width:40rem}
.checks legend{font-weight:600;padding:0 .25rem}
.checks label{display:flex;gap:.5rem;align-items:flex-start;font-weight:400;margin:.35rem 0}
.checks input{width:1.25rem;height:1.25rem;flex:none;margin-top:.15rem}
.checks details{margin:.25rem 0 0}
.error{color:#c62828;font-weight:600;margin:.25rem 0 0}
main [aria-invalid=true]{border:2px solid #c62828;background:#fff5f5}
.summary{border:2px solid #c62828;background:#fff5f5}
.summary:focus{outline:3px solid #0b5394;outline-offset:2px}
.summary h2{color:#8a1c1c}
.confirm{display:flex;gap:.5rem;align-items:flex-start;font-weight:400;margin:.75rem 0 0}
.confirm input{width:1.25rem;height:1.25rem;flex:none;margin-top:.15rem}
button.act[disabled]{background:#8c959f;cursor:not-allowed}
.preview{border-left:4px solid #0b5394;padding:.25rem .75rem;margin:.5rem 0}
.starts{display:grid;grid-template-columns:1fr;gap:0 1rem}
@media (min-width:60rem){.starts{grid-template-columns:repeat(3,1fr)}}
input[type=file]{display:block;max-width:100%;margin:.25rem 0}
input[type=number]{display:block;width:8rem;padding:.55rem;font:inherit;border:1px solid #6e7781;border-radius:.35rem}
.drafts{list-style:none;margin:0 0 1rem;padding:0}
.drafts dl.figures{margin:.5rem 0}
.drafts dl.figures dd{font-size:1.15rem}
.drafts dl.figures div.warn{border:2px solid #9a6700;background:#fff8e1}
.drafts dl.figures div.problems{border:2px solid #c62828;background:#fff5f5}
`);
