/**
 * The web form a unit opens from its personal link: Vietnamese, mobile-first, plain HTML that
 * works without JavaScript on a cheap Android phone, with labels, described errors and an error
 * summary announced to screen readers. Every value is escaped by the `html` tag.
 */
import { dayNumber, formatVietnameseInstant } from "../calendar/civil-date";
import { dayText, deadlineWords } from "../calendar/deadline-text";
import { coversText, periodText } from "../calendar/period-text";
import { planReference } from "../notify/authority";
import type { Authority } from "../notify/content";
import type { FormField } from "../plan/schema";
import { type ExpectationStatus, type SentAs, statusText } from "../submission/status";
import { type Html, html, raw } from "./html";
import { UPLOAD_HOOKS, UPLOAD_SCRIPT } from "./upload-script";

const STYLE = raw(`
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1b;background:#f4f6f8}
header{background:#0b5394;color:#fff;padding:.75rem 1rem}
header p{margin:0;font-weight:600}header p.ref{font-weight:400;font-size:.85rem}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.3rem;line-height:1.3;margin:.25rem 0 .75rem}
p.lead{margin:0 0 .75rem}
.card{background:#fff;border:1px solid #d0d7de;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
dl{margin:0}dt{font-weight:600;margin-top:.5rem}dd{margin:0}
.deadline{font-size:1.1rem;font-weight:700;color:#a61b1b}
.held-on{font-weight:700}
.status{display:inline-block;padding:.1rem .5rem;border-radius:1rem;background:#eef;font-weight:600}
.status.late,.status.overdue{background:#fde2e1;color:#8a1c1c}.status.submitted{background:#dff3e4;color:#1a5e2a}
label{display:block;font-weight:600;margin:1rem 0 .25rem}
.hint{color:#555;font-size:.9rem;margin:.1rem 0 .25rem}
input[type=text],input[type=tel],input[type=email],input[type=number],input[type=date],select,textarea{width:100%;padding:.6rem;font:inherit;border:1px solid #8c959f;border-radius:.35rem;background:#fff}
textarea{min-height:6rem}
input[type=checkbox]{width:1.4rem;height:1.4rem;vertical-align:middle;margin-right:.5rem}
.check label{display:inline;font-weight:600}
main [aria-invalid=true]{border:2px solid #c62828;background:#fff5f5}
.error{color:#c62828;font-weight:600;margin:.25rem 0 0}
.summary{border:2px solid #c62828;background:#fff5f5}
.summary:focus{outline:3px solid #0b5394;outline-offset:2px}
p.label{font-weight:600;margin:1rem 0 .25rem}
.success{border:2px solid #1a7f37;background:#e9f7ee;color:#124d23;border-radius:.35rem;padding:.5rem .75rem;margin:.25rem 0 .5rem;font-weight:600}
.step{font-size:1.05rem;margin:0}
.summary h2{font-size:1.1rem;margin:0 0 .5rem;color:#8a1c1c}
button{display:block;width:100%;margin-top:1.5rem;padding:.85rem;font:inherit;font-weight:700;color:#fff;background:#0b5394;border:0;border-radius:.4rem}
.receipt{font-size:1.6rem;font-weight:800;letter-spacing:.05em}
.fine{color:#555;font-size:.85rem}
[hidden]{display:none!important}
.js-upload{margin:.5rem 0}.js-upload p{margin:.25rem 0}
.js-upload.error p{color:#c62828;font-weight:600}
progress{display:block;width:100%;height:1rem}
button.secondary{display:inline-block;width:auto;margin:.25rem 0 0;padding:.45rem .9rem;color:#0b5394;background:#fff;border:2px solid #0b5394}
`);

/** The page header names the authority the unit reports to, when the page is about its plan. */
function pageHeader(authority: AuthorityView | undefined): Html {
  if (!authority) return html`<header><p>Nộp báo cáo kế hoạch y tế</p></header>`;
  return html`<header><p>${authority.issuerName} · ${authority.standingBodyName}</p><p class="ref">${planReference(
    authority,
    authority.planTitle,
  )}</p></header>`;
}

/** `script`: the page's one script, inline (its hash goes in the response's script-src). */
function page(title: string, body: Html, authority?: AuthorityView, script?: string): string {
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
${pageHeader(authority)}
<main>
${body}
<p class="fine">Hệ thống nhắc hạn hanchot</p>
</main>
${script === undefined ? "" : raw(`<script>${script}</script>`)}
</body>
</html>
`.value;
}

/** The authority a deadline belongs to, with the plan's title (for the page header). */
export interface AuthorityView extends Authority {
  planTitle: string;
}

export interface DeadlineView {
  title: string;
  unitName: string;
  period: string;
  timing: string;
  /** The instant from which a submission is late, ISO 8601. */
  dueAt: string;
  authority?: AuthorityView;
  kind: "deliverable" | "activity";
  /**
   * An activity held on a fixed day (YYYY-MM-DD): the page asks to confirm it took place, and
   * `dueAt` is the last moment to confirm it (never called "hạn chót").
   */
  heldOn?: string;
  /** The figures the report covers (YYYY-MM-DD), shown when not the period's own calendar span. */
  covers?: { from: string; to: string };
  /** The Vietnam date the page is shown: words a day held as still to come or already past. */
  today?: string;
  status: ExpectationStatus;
  late?: boolean;
  lateDays?: number;
  personalData: boolean;
  form: FormField[];
  /** Each version sent, with its files by name (or kind) and size. */
  versions: Array<{
    receipt: string;
    submittedAt: string;
    late: boolean;
    lateDays: number;
    files?: string[];
  }>;
}

/** A report is sent ("nộp"); an activity held on a fixed day is confirmed ("xác nhận"). */
const sentAs = (d: Pick<DeadlineView, "heldOn">): SentAs =>
  d.heldOn === undefined ? "report" : "confirmation";

function statusBadge(d: Pick<DeadlineView, "status" | "late" | "lateDays" | "heldOn">): Html {
  const cls = d.status === "submitted" ? (d.late ? "late" : "submitted") : d.status;
  const text = statusText(
    d.status,
    d.late === undefined ? undefined : { late: d.late, lateByMs: 0, lateDays: d.lateDays ?? 0 },
    sentAs(d),
  );
  return html`<span class="status ${cls}">${text}</span>`;
}

/**
 * The form's opening sentence for an activity held on a fixed day: when it takes place (or that it
 * took place), and that the unit confirms it here afterwards; worded as the reminder email words it.
 */
function heldLead(d: DeadlineView, heldOn: string): Html {
  const day = dayText(heldOn);
  const daysUntil = d.today === undefined ? undefined : dayNumber(heldOn) - dayNumber(d.today);
  const after = "Sau khi thực hiện, đơn vị xác nhận kết quả qua biểu mẫu dưới đây.";
  let text: string;
  if (daysUntil === undefined) text = `Hoạt động này diễn ra ${day}. ${after}`;
  else if (daysUntil > 0) text = `Hoạt động này diễn ra ${day} (còn ${daysUntil} ngày). ${after}`;
  else if (daysUntil === 0) text = `Hoạt động này diễn ra hôm nay, ${day}. ${after}`;
  else if (d.status === "submitted")
    text = `Hoạt động này đã diễn ra ${day}; đơn vị đã xác nhận. Khi cần sửa, gửi xác nhận cập nhật qua biểu mẫu dưới đây.`;
  else
    text = `Hoạt động này đã diễn ra ${day}. Đề nghị đơn vị xác nhận kết quả thực hiện qua biểu mẫu dưới đây.`;
  return html`<p class="lead" id="dien-ra">${text}</p>`;
}

/** The deadline card; `lead` adds the form's opening sentence (a day held only). */
function deadlineCard(d: DeadlineView, lead = false): Html {
  const w = deadlineWords(d.dueAt);
  const figures = coversText(d.period, d.covers);
  return html`<section class="card" aria-labelledby="nhiem-vu">
<h1 id="nhiem-vu">${d.title}</h1>
${lead && d.heldOn !== undefined ? heldLead(d, d.heldOn) : ""}
<dl>
<dt>Đơn vị</dt><dd>${d.unitName}</dd>
<dt>Kỳ</dt><dd>${periodText(d.period)}</dd>
${figures ? html`<dt>Số liệu</dt><dd class="covers">${figures}</dd>` : ""}
<dt>Thời hạn theo kế hoạch</dt><dd>${d.timing}</dd>
${
  d.heldOn === undefined
    ? html`<dt>Hạn chót</dt><dd class="deadline">${w.at}</dd>`
    : html`<dt>Ngày diễn ra</dt><dd class="held-on">${dayText(d.heldOn)}</dd>
<dt>Xác nhận trước</dt><dd class="deadline">${w.at}</dd>`
}
${w.dayOff ? html`<dt>Ngày làm việc cuối</dt><dd class="working-day">${w.dayOff.lastWorkingDayText} (${w.dayOff.reason})</dd>` : ""}
<dt>Tình trạng</dt><dd>${statusBadge(d)}</dd>
</dl>
</section>`;
}

export type FormValues = Record<string, string | string[] | undefined>;

/** A file uploaded for a field, as the unit sees it (its name or kind, and size), with the key the form posts. */
export interface UploadedFile {
  key: string;
  text: string;
}

/** The upload field's id in step 1 (the file input a file field's label and errors point to). */
const uploadInputId = (fieldId: string) => `tai-len-${fieldId}`;

function fieldControl(
  name: string,
  field: FormField,
  values: FormValues,
  error: string | undefined,
  files: readonly UploadedFile[] = [],
): Html {
  const id = name.replace(/\./g, "-");
  const value = values[name];
  const text = Array.isArray(value) ? value.join(", ") : (value ?? "");
  const described = [field.help ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  const common = html`id="${id}" name="${name}" ${field.required ? raw("required") : ""} ${
    error ? raw('aria-invalid="true"') : ""
  } ${described ? html`aria-describedby="${described}"` : ""}`;
  const hint = field.help ? html`<p class="hint" id="${id}-hint">${field.help}</p>` : "";
  const err = error ? html`<p class="error" id="${id}-error">${error}</p>` : "";
  const label = html`<label for="${id}">${field.label}${field.required ? " *" : ""}</label>`;
  switch (field.type) {
    case "textarea":
      return html`${label}${hint}<textarea ${common}>${text}</textarea>${err}`;
    case "number":
    case "percent":
      // Counts get the digits-only keypad; others need the comma for decimals.
      return html`${label}${hint}<input type="text" inputmode="${
        field.integer ? "numeric" : "decimal"
      }" ${common} value="${text}">${err}`;
    case "date":
      return html`${label}${hint}<input type="date" ${common} value="${text}">${err}`;
    case "select":
      return html`${label}${hint}<select ${common}><option value="">— chọn —</option>${(
        field.options ?? []
      ).map((o) => html`<option ${o === text ? raw("selected") : ""}>${o}</option>`)}</select>${err}`;
    case "checkbox":
      return html`<div class="check"><input type="checkbox" ${common} ${text ? raw("checked") : ""}><label for="${id}">${
        field.label
      }${field.required ? " *" : ""}</label></div>${hint}${err}`;
    case "file":
      // The file input is in step 1 (its own form); here the files sent so far, posted by key.
      return html`<p class="label" id="${id}">${field.label}${field.required ? " *" : ""}</p><p class="hint" id="${id}-hint" ${raw(
        UPLOAD_HOOKS.files,
      )}="${JSON.stringify(files.map((f) => f.text))}">${
        files.length > 0
          ? `Đã tải lên: ${files.map((f) => f.text).join("; ")}.`
          : html`Chưa có tệp: <a href="#${uploadInputId(field.id)}">tải lên ở Bước 1</a> phía trên.`
      }</p>${files.map((f) => html`<input type="hidden" name="${name}" value="${f.key}">`)}${err}`;
    default:
      return html`${label}${hint}<input type="text" ${common} value="${text}" maxlength="${field.maxLength ?? 500}">${err}`;
  }
}

const SUBMITTER_FIELDS: FormField[] = [
  { id: "name", label: "Họ và tên người nộp", type: "text", required: true, maxLength: 100 },
  {
    id: "phone",
    label: "Số điện thoại",
    type: "text",
    required: true,
    help: "Ví dụ: 0912 345 678",
    maxLength: 20,
  },
  { id: "email", label: "Email (không bắt buộc)", type: "text", required: false, maxLength: 254 },
];

export function formPage(input: {
  deadline: DeadlineView;
  action: string;
  idempotencyKey: string;
  values?: FormValues;
  errors?: Record<string, string>;
  uploadSection?: Html;
  /** Per file field id, the files uploaded so far. */
  uploaded?: Record<string, readonly UploadedFile[]>;
  /**
   * Add the upload script (upload-script.ts) to an upload section made with its `enhance` option;
   * the response must then allow UPLOAD_SCRIPT_HASH in its script-src.
   */
  uploadScript?: boolean;
}): string {
  const { deadline: d, values = {}, errors = {}, uploaded = {} } = input;
  const errorList = Object.entries(errors);
  const fileIds = new Set(d.form.filter((f) => f.type === "file").map((f) => `fields.${f.id}`));
  // A missing file is fixed in step 1: its link goes to the file input there.
  const target = (name: string) =>
    fileIds.has(name) && input.uploadSection
      ? uploadInputId(name.slice("fields.".length))
      : name.replace(/\./g, "-");
  // Focus lands on the summary without JavaScript (autofocus), so a screen reader starts with it.
  const summary =
    errorList.length > 0
      ? html`<section class="card summary" role="alert" aria-labelledby="loi" tabindex="-1" autofocus>
<h2 id="loi">Chưa nộp được: ${errorList.length} lỗi cần sửa</h2>
<ul>${errorList.map(([name, message]) => html`<li><a href="#${target(name)}">${message}</a></li>`)}</ul>
</section>`
      : "";
  const control = (prefix: string, f: FormField) => {
    const name = `${prefix}.${f.id}`;
    return fieldControl(name, f, values, errors[name], uploaded[f.id]);
  };
  const confirm = sentAs(d) === "confirmation";
  const submit = confirm
    ? d.versions.length > 0
      ? "Gửi xác nhận cập nhật"
      : "Gửi xác nhận"
    : d.versions.length > 0
      ? "Nộp bản cập nhật"
      : "Nộp báo cáo";
  return page(
    confirm ? `Xác nhận: ${d.title}` : d.title,
    html`${summary}${deadlineCard(d, true)}
${
  d.personalData
    ? html`<p class="card fine">Báo cáo này có dữ liệu cá nhân về sức khỏe: chỉ gửi qua tệp đính kèm, không chép danh sách vào các ô văn bản.</p>`
    : ""
}
${input.uploadSection ?? ""}
<form class="card" method="post" action="${input.action}" accept-charset="utf-8" novalidate id="${UPLOAD_HOOKS.report}">
<input type="hidden" name="idempotencyKey" value="${input.idempotencyKey}">
${input.uploadSection ? html`<h2 class="step">Bước 2: điền và nộp</h2>` : ""}
<fieldset style="border:0;padding:0;margin:0"><legend><strong>Người nộp</strong></legend>
${SUBMITTER_FIELDS.map((f) => control("submitter", f))}
</fieldset>
<fieldset style="border:0;padding:0;margin:1rem 0 0"><legend><strong>${d.kind === "deliverable" ? "Nội dung báo cáo" : "Xác nhận thực hiện"}</strong></legend>
${d.form.map((f) => control("fields", f))}
</fieldset>
<button type="submit">${submit}</button>
<p class="fine">Các ô có dấu * là bắt buộc.</p>
</form>
${
  d.versions.length > 0
    ? html`<section class="card"><h2 style="font-size:1.05rem;margin:0">${
        confirm ? "Các lần đã xác nhận" : "Các lần đã nộp"
      }</h2><ul>${d.versions.map(
        (v) =>
          html`<li>${v.receipt}: ${formatVietnameseInstant(Date.parse(v.submittedAt))} — ${
            v.late ? `muộn ${v.lateDays} ngày` : "đúng hạn"
          }${v.files && v.files.length > 0 ? ` — ${v.files.join("; ")}` : ""}</li>`,
      )}</ul></section>`
    : ""
}`,
    d.authority,
    input.uploadScript && input.uploadSection ? UPLOAD_SCRIPT : undefined,
  );
}

export function receiptPage(input: {
  deadline: DeadlineView;
  receipt: string;
  submittedAt: string;
  late: boolean;
  lateDays: number;
  duplicate: boolean;
  formUrl: string;
  submitterName: string;
  fields: Array<{ label: string; value: string }>;
}): string {
  const d = input.deadline;
  const confirm = sentAs(d) === "confirmation";
  const what = confirm ? "xác nhận" : "báo cáo";
  const received = `Đã nhận ${what}`;
  return page(
    received,
    html`<section class="card" role="status" aria-labelledby="da-nhan">
<h1 id="da-nhan">${input.duplicate ? `${confirm ? "Xác nhận" : "Báo cáo"} này đã được nhận trước đó` : received}</h1>
<p>Số biên nhận</p>
<p class="receipt" id="so-bien-nhan">${input.receipt}</p>
<p>Nhận lúc ${formatVietnameseInstant(Date.parse(input.submittedAt))} — ${
      input.late
        ? html`<span class="status late">${confirm ? "xác nhận" : "nộp"} muộn ${input.lateDays} ngày</span>`
        : html`<span class="status submitted">đúng hạn</span>`
    }</p>
<p class="fine">Hãy ghi lại số biên nhận. Người nộp: ${input.submitterName}.</p>
</section>
${deadlineCard(d)}
<section class="card"><h2 style="font-size:1.05rem;margin:0">${confirm ? "Nội dung đã xác nhận" : "Nội dung đã nộp"}</h2><dl>${input.fields.map(
      (f) => html`<dt>${f.label}</dt><dd style="white-space:pre-wrap">${f.value}</dd>`,
    )}</dl></section>
<p><a href="${input.formUrl}">${confirm ? "Gửi xác nhận cập nhật" : "Nộp bản cập nhật"}</a></p>`,
    d.authority,
  );
}

export interface ContactView {
  name: string;
  email?: string;
  phone?: string;
}

/** Whom to ask for a new link, with a way to reach them (mailto:, tel: open on a phone). */
function contactLine(c: ContactView): Html {
  const ways = [
    c.email ? html`email <a href="mailto:${c.email}">${c.email}</a>` : "",
    c.phone ? html`điện thoại <a href="tel:${c.phone}">${c.phone}</a>` : "",
  ].filter((w) => w !== "");
  return html`<p>Để nhận đường dẫn mới, hãy liên hệ <strong>${c.name}</strong>${
    ways.length > 0 ? html`: ${ways.map((w, i) => html`${i > 0 ? ", " : ""}${w}`)}` : ""
  }.</p>`;
}

export function errorPage(input: { title: string; message: string; contact?: ContactView }): string {
  return page(
    input.title,
    html`<section class="card summary" role="alert"><h1>${input.title}</h1><p>${input.message}</p>${
      input.contact ? contactLine(input.contact) : ""
    }</section>`,
  );
}

/** Why a personal link no longer opens its form, though it was one of ours (or claims to be). */
export type LinkRefusal = "expired" | "revoked" | "wrong-unit";

const REFUSAL_TITLES: Record<LinkRefusal, string> = {
  expired: "Đường dẫn đã hết hạn",
  revoked: "Đường dẫn đã bị thu hồi",
  "wrong-unit": "Không được phép",
};

/**
 * The page of a refused link: what happened to it and whom to ask for a new one (the plan's
 * standing body or the deadline's recipient, when known). Never a link.
 */
export function refusedLinkPage(input: {
  refusal: LinkRefusal;
  contact: ContactView;
  /** When an expired link expired (epoch ms), if known. */
  expiredAt?: number;
  /** The link came in a reminder SMS (a short link). */
  inSms?: boolean;
}): string {
  const link = input.inSms ? "Đường dẫn trong tin nhắn này" : "Đường dẫn này";
  const message = {
    expired: `${link} đã hết hạn${
      input.expiredAt === undefined ? "" : ` lúc ${formatVietnameseInstant(input.expiredAt)}`
    }, không dùng để nộp báo cáo được nữa.`,
    revoked: `${link} đã bị thu hồi, không dùng để nộp báo cáo được nữa.`,
    "wrong-unit": `${link} không dùng để nộp cho đơn vị hoặc nhiệm vụ khác.`,
  }[input.refusal];
  return errorPage({ title: REFUSAL_TITLES[input.refusal], message, contact: input.contact });
}

export interface UploadForm {
  fieldId: string;
  label: string;
  required: boolean;
  url: string;
  fields: Record<string, string>;
  uploaded: readonly UploadedFile[];
  /** Why files sent for this field cannot be used (each already left out of the form). */
  refused: readonly string[];
  /** The field's error on a refused submission (a missing file), shown next to its input. */
  error?: string | undefined;
}

/**
 * Step 1, before the report: one plain multipart form per file field, posting straight to storage,
 * which sends the browser back to the form; what was uploaded is then named, with its size.
 */
export function uploadSection(
  forms: readonly UploadForm[],
  /** With JavaScript, uploads go through this API address (upload-script.ts) instead. */
  enhance?: { api: string; maxBytes: number },
): Html {
  if (forms.length === 0) return html``;
  const hooks = enhance
    ? html` ${raw(UPLOAD_HOOKS.api)}="${enhance.api}" ${raw(UPLOAD_HOOKS.maxBytes)}="${enhance.maxBytes}"`
    : "";
  return html`<section class="card" aria-labelledby="tep-dinh-kem"${hooks}>
<h2 id="tep-dinh-kem" class="step">Bước 1: tải tệp lên</h2>
<p class="hint">Bước 1: tải tệp lên; Bước 2: điền và nộp. Hãy tải tệp lên trước khi điền, vì trang sẽ tải lại. Tối đa 10 MB mỗi tệp; nhận PDF, Word, Excel, OpenDocument, ảnh JPEG/PNG.</p>
${forms.map((f) => {
  const id = uploadInputId(f.fieldId);
  const described = [`${id}-da-tai`, f.error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return html`<form method="post" action="${f.url}" enctype="multipart/form-data">
${Object.entries(f.fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<label for="${id}">${f.label}${f.required ? " *" : ""}</label>
${
  f.uploaded.length === 0
    ? html`<p class="hint" id="${id}-da-tai">Chưa tải tệp nào.</p>`
    : html`<p class="success" role="status" id="${id}-da-tai">Đã tải lên: ${f.uploaded.map((u) => u.text).join("; ")}</p>`
}${f.refused.map((message) => html`<p class="error">${message}</p>`)}
<input type="file" id="${id}" name="file" required ${f.error ? raw('aria-invalid="true"') : ""} aria-describedby="${described}" accept=".pdf,.doc,.docx,.xls,.xlsx,.odt,.ods,.jpg,.jpeg,.png" ${raw(UPLOAD_HOOKS.field)}="${f.fieldId}">
${f.error ? html`<p class="error" id="${id}-error">${f.error}</p>` : ""}
<button type="submit">${f.uploaded.length > 0 ? "Tải thêm tệp" : "Tải tệp lên"}</button>
</form>`;
})}
</section>`;
}
