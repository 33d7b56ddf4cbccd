/**
 * "Nhập kế hoạch": the office's drafts, each with what it holds and what still needs a person, and
 * the three ways to start one (read a document, carry a published plan into a new year, or a
 * template). Each way is a form posting to the drafts address; none needs a script.
 */
import type { DraftSummary, DraftsView } from "../../console/model";
import { type Html, html, raw } from "../html";
import { DRAFT_STYLE, originText } from "./draft-parts";
import { count, instant } from "./format";
import { type ConsoleContext, consolePage, csrfField, urlsFor } from "./layout";
import type { ConsoleUrls } from "./urls";

/** What the upload accepts: the reader understands Word, PDF with text, and plain text. */
export const DOCUMENT_ACCEPT =
  ".docx,.pdf,.txt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/pdf,text/plain";

/** "10 MB", "512 KB": a size as a clerk reads it. */
export function sizeText(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${mb.toLocaleString("vi-VN", { maximumFractionDigits: 1 })} MB`;
  return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString("vi-VN")} KB`;
}

function draftCard(d: DraftSummary, urls: ConsoleUrls): Html {
  const id = `nhap-${d.draftId}`;
  return html`<li class="card">
<h3 id="${id}"><a href="${urls.draft(d.draftId)}">${d.title}</a></h3>
<p class="fine">Mã kế hoạch <strong>${d.planId}</strong> · năm ${d.year} · ${
    d.amends
      ? html`<span class="flag">sửa đổi kế hoạch đang chạy</span>`
      : html`<span class="flag ok">kế hoạch mới</span>`
  }</p>
<p class="fine">${originText(d)}<br>Tạo bởi ${d.createdBy} lúc ${instant(d.createdAt)}${
    d.updatedAt !== d.createdAt ? html` · sửa lần cuối ${instant(d.updatedAt)}` : ""
  }</p>
<dl class="figures" aria-label="Số liệu của bản nháp">
<div><dt>Nhiệm vụ</dt><dd>${count(d.obligations)}</dd></div>
<div><dt>Có thời hạn</dt><dd>${count(d.dated)}</dd></div>
<div${d.toReview > 0 ? raw(' class="warn"') : ""}><dt>Cần rà soát</dt><dd>${count(d.toReview)}</dd></div>
<div${d.problems > 0 ? raw(' class="problems"') : ""}><dt>Lỗi</dt><dd>${count(d.problems)}</dd></div>
</dl>
<p>${
    d.problems > 0
      ? html`<span class="flag bad">chưa công bố được: còn ${count(d.problems)} lỗi</span>`
      : d.toReview > 0
        ? html`<span class="flag">còn ${count(d.toReview)} mục cần rà soát</span>`
        : html`<span class="flag ok">sẵn sàng công bố</span>`
  } <a href="${urls.draft(d.draftId)}">Rà soát bản nháp<span class="vh"> ${d.title}</span></a></p>
</li>`;
}

type PlanChoice = DraftsView["plans"][number];

const planLabel = (p: PlanChoice) =>
  [p.title ?? p.planId, p.title ? `(${p.planId})` : "", p.year ? `năm ${p.year}` : ""]
    .filter(Boolean)
    .join(" ");

function planSelect(
  id: string,
  name: string,
  plans: readonly PlanChoice[],
  label: string,
  hint: string,
): Html {
  return html`<label for="${id}">${label} *</label>
<p class="hint" id="${id}-hint">${hint}</p>
<select id="${id}" name="${name}" required aria-describedby="${id}-hint">${
    plans.length > 1 ? html`<option value="">— chọn kế hoạch —</option>` : ""
  }${plans.map((p) => html`<option value="${p.planId}">${planLabel(p)}</option>`)}</select>`;
}

const TARGET_HINT = "Bản nháp sẽ được công bố thành kế hoạch này.";

/** The year a plan carried forward goes to by default: the year after the latest one. */
function nextYear(plans: readonly PlanChoice[]): number | undefined {
  const years = plans.flatMap((p) => (p.year ? [p.year] : []));
  return years.length > 0 ? Math.max(...years) + 1 : undefined;
}

function yearField(id: string, value: number | undefined): Html {
  return html`<label for="${id}">Năm của kế hoạch *</label>
<input type="number" id="${id}" name="year" required min="2000" max="2100" step="1" inputmode="numeric"${
    value ? html` value="${value}"` : ""
  }>`;
}

function startForm(input: {
  ctx: ConsoleContext;
  id: string;
  title: string;
  intro: string;
  source: "document" | "plan" | "template";
  fields: Html;
  submit: string;
  multipart?: boolean;
  action: string;
}): Html {
  return html`<form class="card" method="post" action="${input.action}" accept-charset="utf-8"${
    input.multipart ? raw(' enctype="multipart/form-data"') : ""
  } aria-labelledby="${input.id}">
<h3 id="${input.id}">${input.title}</h3>
<p class="hint">${input.intro}</p>
${csrfField(input.ctx)}
<input type="hidden" name="source" value="${input.source}">
${input.fields}
<button type="submit" class="act">${input.submit}</button>
</form>`;
}

function startForms(view: DraftsView, ctx: ConsoleContext, urls: ConsoleUrls): Html {
  const action = urls.drafts();
  const published = view.plans.filter((p) => p.published);
  const none = (id: string, title: string, why: string) =>
    html`<section class="card" aria-labelledby="${id}"><h3 id="${id}">${title}</h3><p>${why}</p></section>`;
  if (view.plans.length === 0)
    return html`<p class="card">Tài khoản chưa được giao kế hoạch nào nên chưa tạo được bản nháp. Hãy liên hệ người quản trị của cơ quan.</p>`;
  const upload = startForm({
    ctx,
    id: "tu-van-ban",
    title: "1. Từ văn bản kế hoạch",
    intro:
      "Máy đọc văn bản, lập danh sách nhiệm vụ, đơn vị và thời hạn; những chỗ chưa chắc được đánh dấu để bạn rà soát.",
    source: "document",
    action,
    multipart: true,
    fields: html`${planSelect("van-ban-ke-hoach", "planId", view.plans, "Kế hoạch", TARGET_HINT)}
<label for="van-ban-tep">Tệp văn bản *</label>
<p class="hint" id="van-ban-tep-hint">Word (.docx), PDF có chữ (không phải bản chụp) hoặc .txt; tối đa ${sizeText(
      view.maxDocumentBytes,
    )}.</p>
<input type="file" id="van-ban-tep" name="file" required accept="${DOCUMENT_ACCEPT}" aria-describedby="van-ban-tep-hint">`,
    submit: "Tải lên và đọc",
  });
  const carry =
    published.length === 0
      ? none(
          "tu-ke-hoach",
          "2. Kế hoạch năm sau từ kế hoạch đã có",
          "Chưa có kế hoạch nào đã công bố để chuyển sang năm mới.",
        )
      : startForm({
          ctx,
          id: "tu-ke-hoach",
          title: "2. Kế hoạch năm sau từ kế hoạch đã có",
          intro:
            "Chép nhiệm vụ, đơn vị và liên hệ của một kế hoạch đã công bố sang năm mới; các ngày được tính lại cho năm đó.",
          source: "plan",
          action,
          fields: html`${planSelect(
            "chuyen-tu",
            "fromPlanId",
            published,
            "Chép từ kế hoạch",
            "Chỉ các kế hoạch đã công bố.",
          )}
${planSelect("chuyen-ke-hoach", "planId", view.plans, "Thành kế hoạch", TARGET_HINT)}
${yearField("chuyen-nam", nextYear(published))}`,
          submit: "Tạo bản nháp năm mới",
        });
  const template =
    view.templates.length === 0
      ? none("tu-mau", "3. Từ mẫu kế hoạch", "Chưa có mẫu kế hoạch nào.")
      : startForm({
          ctx,
          id: "tu-mau",
          title: "3. Từ mẫu kế hoạch",
          intro:
            "Bắt đầu từ một kế hoạch mẫu có sẵn nhiệm vụ và thời hạn thường gặp; bạn sửa lại cho đơn vị mình.",
          source: "template",
          action,
          fields: html`<fieldset class="checks"><legend>Mẫu *</legend>${view.templates.map(
            (t, i) =>
              html`<label><input type="radio" name="templateId" value="${t.id}" required${
                i === 0 ? raw(" checked") : ""
              }><span><strong>${t.title}</strong><br><span class="fine">${t.description}</span></span></label>`,
          )}</fieldset>
${planSelect("mau-ke-hoach", "planId", view.plans, "Kế hoạch", TARGET_HINT)}
${yearField("mau-nam", undefined)}
<label for="mau-co-quan">Cơ quan ban hành *</label>
<p class="hint" id="mau-co-quan-hint">Ví dụ: UBND phường Bồ Đề.</p>
<input type="text" id="mau-co-quan" name="issuerName" required maxlength="200" autocomplete="organization" aria-describedby="mau-co-quan-hint">`,
          submit: "Tạo bản nháp từ mẫu",
        });
  return html`<div class="starts">${upload}${carry}${template}</div>`;
}

/** The way back to the plans already running (this page has no plan of its own to navigate). */
function runningPlans(view: DraftsView, urls: ConsoleUrls): Html {
  const published = view.plans.filter((p) => p.published);
  if (published.length === 0) return html``;
  return html`<p>Kế hoạch đang chạy: ${published.map(
    (p, i) =>
      html`${i > 0 ? ", " : ""}<a href="${urls.overview(p.planId, p.year)}">${p.title ?? p.planId}</a>`,
  )}.</p>`;
}

export function draftsPage(view: DraftsView, ctx: ConsoleContext): string {
  const urls = urlsFor(ctx);
  const drafts = [...view.drafts].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
  const body = html`<h1>Nhập kế hoạch</h1>
<p class="lead">Một kế hoạch mới được lập thành bản nháp: bạn rà soát từng nhiệm vụ, sửa chỗ máy đọc chưa đúng, rồi công bố. Chỉ khi công bố, các đơn vị mới bắt đầu được nhắc hạn.</p>
${runningPlans(view, urls)}
<section aria-labelledby="ban-nhap"><h2 id="ban-nhap">Bản nháp đang rà soát (${count(drafts.length)})</h2>
${
  drafts.length === 0
    ? html`<p class="card">Chưa có bản nháp nào. Tạo một bản nháp theo một trong ba cách dưới đây.</p>`
    : html`<ul class="drafts">${drafts.map((d) => draftCard(d, urls))}</ul>`
}
</section>
${
  ctx.canAct
    ? html`<section aria-labelledby="tao-moi"><h2 id="tao-moi">Tạo bản nháp mới</h2>${startForms(view, ctx, urls)}</section>`
    : ""
}`;
  return consolePage({ title: "Nhập kế hoạch", body, ctx, current: "drafts", style: DRAFT_STYLE });
}
