/**
 * Correcting one row of a draft: its title, its timing as the document words it, the units that
 * lead and coordinate, the recipient and the place. Beside the timing, the dates it gives: drawn
 * on the server from what is saved, and, in a browser that runs scripts, redrawn while the clerk
 * types (a small inline script asks the preview JSON; the page still works without it).
 *
 * The console's CSP allows no script: this page's response must allow exactly this one, by its
 * hash, and the preview's fetch to our own origin — `DRAFT_PREVIEW_SCRIPTS`, given to `htmlResponse`, says how.
 */
import { createHash } from "node:crypto";
import type { DraftDate, DraftRow, DraftUnitRow, DraftView } from "../../console/model";
import { type Html, html, raw } from "../html";
import { backLink, certaintyBadge, DRAFT_STYLE } from "./draft-parts";
import { count } from "./format";
import { type ConsoleContext, consolePage, csrfField, urlsFor } from "./layout";

/** A correction the server refused: a message per field, and the values as they were posted. */
export interface RowProblem {
  fields: Record<string, string>;
  /** As posted; `lead` and `coordinating` are unit ids joined by commas. */
  values: Record<string, string>;
}

/** The form's field names, with the id of the control an error message links to. */
export const ROW_FIELDS = {
  title: "sua-noi-dung",
  timing: "thoi-gian",
  lead: "chu-tri",
  coordinating: "phoi-hop",
  recipient: "noi-nhan",
  place: "dia-diem",
} as const;
type RowField = keyof typeof ROW_FIELDS;

const FIELD_NAMES: Record<RowField, string> = {
  title: "Nội dung",
  timing: "Thời gian thực hiện",
  lead: "Đơn vị chủ trì",
  coordinating: "Đơn vị phối hợp",
  recipient: "Nơi nhận",
  place: "Địa điểm",
};

/**
 * The live preview: after 300 ms without typing in the timing field, it asks the preview JSON
 * (the URL is the field's data-preview attribute, ending in "timing=") and writes the rule and the
 * dates, or why there is none, into the polite live region. Text only (textContent), never markup.
 * Its bytes are hashed for the CSP: change it and the hash follows.
 */
export const DRAFT_PREVIEW_SCRIPT = `(function () {
  var input = document.getElementById("thoi-gian");
  var out = document.getElementById("xem-truoc");
  if (!input || !out || !window.fetch) return;
  var base = input.getAttribute("data-preview");
  var timer = 0;
  var asked = 0;
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function show(nodes) {
    while (out.firstChild) out.removeChild(out.firstChild);
    nodes.forEach(function (n) { out.appendChild(n); });
  }
  function render(p) {
    var head = el("p", "Xem trước theo nội dung đang nhập:", "fine");
    if (p.problem) return show([head, el("p", p.problem, "error")]);
    var words = el("p");
    words.appendChild(el("strong", "Máy hiểu: "));
    words.appendChild(p.ruleWords ? document.createTextNode(p.ruleWords) : el("span", "chưa đọc được", "unread"));
    var dates = p.dates || [];
    if (dates.length === 0) return show([head, words, el("p", "Không có hạn trong năm.", "fine")]);
    var list = el("ul", "", "plain dates");
    dates.forEach(function (d) {
      var li = el("li");
      li.appendChild(el("span", d.periodText + ":", "per"));
      li.appendChild(document.createTextNode(" " + d.dueText));
      list.appendChild(li);
    });
    show([head, words, el("p", dates.length + " hạn trong năm:"), list]);
  }
  function ask() {
    var mine = ++asked;
    fetch(base + encodeURIComponent(input.value), { credentials: "same-origin", headers: { accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (p) { if (mine === asked) render(p); })
      .catch(function () {
        if (mine === asked) show([el("p", "Chưa xem trước được. Hãy lưu để máy đọc lại thời gian.", "error")]);
      });
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 300);
  });
})();`;

/** The CSP source of the preview script: "sha256-…" (base64 of the SHA-256 of its exact text). */
export const DRAFT_PREVIEW_SCRIPT_HASH = `sha256-${createHash("sha256").update(DRAFT_PREVIEW_SCRIPT, "utf8").digest("base64")}`;

/**
 * The scripts the draft-row page alone may run (`htmlResponse`'s `scripts`): its one script by hash;
 * it fetches the preview JSON on our own origin only.
 */
export const DRAFT_PREVIEW_SCRIPTS = { hashes: [`'${DRAFT_PREVIEW_SCRIPT_HASH}'`], connect: [] as string[] };

const ids = (value: string | undefined) =>
  new Set(
    (value ?? "")
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  );

function errorSummary(problem: RowProblem | undefined): Html {
  const entries = Object.entries(problem?.fields ?? {});
  if (entries.length === 0) return html``;
  // Focus lands on the summary without a script (autofocus), as on the unit's submission form.
  return html`<section class="card summary" role="alert" aria-labelledby="loi" tabindex="-1" autofocus>
<h2 id="loi">Chưa lưu được: ${count(entries.length)} lỗi cần sửa</h2>
<ul>${entries.map(([name, message]) => {
    const target = (ROW_FIELDS as Record<string, string>)[name] ?? "sua-nhiem-vu";
    const label = (FIELD_NAMES as Record<string, string>)[name];
    return html`<li><a href="#${target}">${label ? `${label}: ` : ""}${message}</a></li>`;
  })}</ul>
</section>`;
}

function fieldError(
  name: RowField,
  problem: RowProblem | undefined,
): { attrs: Html; message: Html; open: Html } {
  const message = problem?.fields[name];
  const id = `${ROW_FIELDS[name]}-loi`;
  if (!message) return { attrs: html``, message: html``, open: html`` };
  return {
    attrs: html` aria-invalid="true"`,
    message: html`<p class="error" id="${id}">${message}</p>`,
    // A list of units with an error opens, so the choices are in sight.
    open: html` open`,
  };
}

/** aria-describedby of a control: its hint and its error, when there are. */
const described = (...parts: Array<string | false | undefined>) => {
  const list = parts.filter(Boolean).join(" ");
  return list ? html` aria-describedby="${list}"` : html``;
};

function unitChecks(
  name: "lead" | "coordinating",
  legend: string,
  hint: string,
  units: readonly DraftUnitRow[],
  chosen: ReadonlySet<string>,
  problem: RowProblem | undefined,
): Html {
  const id = ROW_FIELDS[name];
  const err = fieldError(name, problem);
  const box = (u: DraftUnitRow) =>
    html`<label><input type="checkbox" name="${name}" value="${u.id}"${chosen.has(u.id) ? raw(" checked") : ""}${err.attrs}> <span>${u.name}</span></label>`;
  const picked = units.filter((u) => chosen.has(u.id));
  const others = units.filter((u) => !chosen.has(u.id));
  return html`<fieldset class="checks" id="${id}"${described(`${id}-hint`, problem?.fields[name] && `${id}-loi`)}>
<legend>${legend}</legend>
<p class="hint" id="${id}-hint">${hint}</p>
${err.message}
${picked.length > 0 ? picked.map(box) : html`<p class="fine">Chưa chọn đơn vị nào.</p>`}
${
  others.length > 0
    ? html`<details${err.open}><summary>Chọn thêm đơn vị (${count(others.length)})</summary>${others.map(box)}</details>`
    : ""
}
</fieldset>`;
}

function savedDates(row: DraftRow): Html {
  const list = (dates: readonly DraftDate[]) =>
    html`<ul class="plain dates">${dates.map(
      (d) => html`<li><span class="per">${d.periodText}:</span> ${d.dueText}</li>`,
    )}</ul>`;
  return html`<p><strong>Máy hiểu:</strong> ${row.ruleWords ?? html`<span class="unread">chưa đọc được</span>`}</p>
${
  row.dates.length === 0
    ? html`<p class="fine">Không có hạn trong năm.</p>`
    : html`<p>${count(row.dates.length)} hạn trong năm:</p>${list(row.dates)}`
}`;
}

export function draftObligationPage(
  view: DraftView,
  row: DraftRow,
  ctx: ConsoleContext,
  problem?: { fields: Record<string, string>; values: Record<string, string> },
): string {
  const urls = urlsFor(ctx);
  const draftId = view.summary.draftId;
  const value = (name: RowField, current: string | undefined) => problem?.values[name] ?? current ?? "";
  const lead =
    problem?.values.lead !== undefined ? ids(problem.values.lead) : new Set(row.lead.map((u) => u.id));
  const coordinating =
    problem?.values.coordinating !== undefined
      ? ids(problem.values.coordinating)
      : new Set(row.coordinating.map((u) => u.id));
  const title = fieldError("title", problem);
  const timing = fieldError("timing", problem);
  const recipient = fieldError("recipient", problem);
  const place = fieldError("place", problem);
  const err = (name: RowField) => problem?.fields[name] && `${ROW_FIELDS[name]}-loi`;

  const form = html`<form class="card" id="sua-nhiem-vu" method="post" action="${urls.draftObligation(
    draftId,
    row.obligationId,
  )}" accept-charset="utf-8" novalidate aria-labelledby="sua-tieu-de">
<h2 id="sua-tieu-de">Sửa nhiệm vụ</h2>
${csrfField(ctx)}
<label for="sua-noi-dung">Nội dung *</label>
<textarea id="sua-noi-dung" name="title" rows="3" required maxlength="1000"${title.attrs}${described(err("title"))}>${value(
    "title",
    row.title,
  )}</textarea>
${title.message}
<label for="thoi-gian">Thời gian thực hiện (như văn bản)</label>
<p class="hint" id="thoi-gian-hint">Chép đúng như văn bản, ví dụ “Trước ngày 25 của tháng cuối quý”, “Tháng 6, 11-12”, “Thường xuyên”.</p>
<input type="text" id="thoi-gian" name="timing" value="${value("timing", row.timing)}" maxlength="300" autocomplete="off" spellcheck="false" data-preview="${urls.draftPreview(
    draftId,
    "",
  )}"${timing.attrs}${described("thoi-gian-hint", err("timing"))}>
${timing.message}
<section class="preview" aria-labelledby="lich-tieu-de"><h3 id="lich-tieu-de">Lịch các hạn</h3>
<div id="xem-truoc" aria-live="polite">
<p class="fine">Theo thời gian đã lưu: “${row.timing}”.</p>
${savedDates(row)}
</div>
<p class="fine">Khi bạn sửa ô thời gian, lịch mới hiện ngay ở đây; nếu không thấy, hãy bấm “Lưu” để máy đọc lại.</p>
</section>
${unitChecks(
  "lead",
  "Đơn vị chủ trì",
  "Đơn vị chủ trì, tham mưu thực hiện (cột “Đơn vị chủ trì” của văn bản).",
  view.units,
  lead,
  problem,
)}
${unitChecks("coordinating", "Đơn vị phối hợp", "Các đơn vị cùng thực hiện (cột “Đơn vị phối hợp”).", view.units, coordinating, problem)}
<label for="noi-nhan">Nơi nhận</label>
<p class="hint" id="noi-nhan-hint">Nơi các đơn vị gửi sản phẩm, ví dụ “Phòng Y tế”; để trống nếu là hoạt động không phải nộp.</p>
<input type="text" id="noi-nhan" name="recipient" value="${value("recipient", row.recipient)}" maxlength="300"${recipient.attrs}${described(
    "noi-nhan-hint",
    err("recipient"),
  )}>
${recipient.message}
<label for="dia-diem">Địa điểm</label>
<input type="text" id="dia-diem" name="place" value="${value("place", row.place)}" maxlength="300"${place.attrs}${described(
    err("place"),
  )}>
${place.message}
<button type="submit" class="act">Lưu</button>
</form>`;

  const remove = html`<form class="card" method="post" action="${urls.draftObligationRemove(
    draftId,
    row.obligationId,
  )}" accept-charset="utf-8" aria-labelledby="bo-nhiem-vu">
<h2 id="bo-nhiem-vu">Bỏ nhiệm vụ này</h2>
<p>Dùng khi máy đọc nhầm một câu thành nhiệm vụ. Nhiệm vụ chỉ bị bỏ khỏi bản nháp; văn bản gốc không đổi.</p>
${csrfField(ctx)}
<label class="confirm"><input type="checkbox" required> <span>Tôi muốn bỏ nhiệm vụ này khỏi bản nháp.</span></label>
<button type="submit" class="act danger">Bỏ nhiệm vụ</button>
</form>`;

  const body = html`${backLink(urls.draft(draftId), `Bản nháp: ${view.summary.title}`)}
${errorSummary(problem)}
<h1>${row.title}</h1>
<p class="lead">${row.source} · ${certaintyBadge(row.certainty)}</p>
${
  row.review.length > 0
    ? html`<section class="card warn" aria-labelledby="vi-sao"><h2 id="vi-sao">Vì sao cần rà soát</h2><ul>${row.review.map(
        (r) => html`<li>${r}</li>`,
      )}</ul></section>`
    : ""
}
${ctx.canAct ? html`${form}${remove}<script>${raw(DRAFT_PREVIEW_SCRIPT)}</script>` : html`<section class="card">${savedDates(row)}</section>`}`;
  return consolePage({
    title: `${problem ? "Lỗi: " : ""}Sửa nhiệm vụ: ${row.title}`,
    body,
    ctx,
    current: "drafts",
    style: DRAFT_STYLE,
  });
}
