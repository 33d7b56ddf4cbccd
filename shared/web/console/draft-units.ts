/**
 * Whom the draft's reminders would reach: one card per unit with its contacts and a form to set
 * them. Units that owe something but have neither an email nor a phone come first, marked: as
 * things stand no one there would be reminded.
 */
import type { DraftUnitRow, DraftView } from "../../console/model";
import { type Html, html } from "../html";
import { backLink, DRAFT_STYLE } from "./draft-parts";
import { count } from "./format";
import { type ConsoleContext, consolePage, contactLinks, csrfField, urlsFor } from "./layout";
import type { ConsoleUrls } from "./urls";

function contactsForm(view: DraftView, u: DraftUnitRow, ctx: ConsoleContext, urls: ConsoleUrls): Html {
  const id = (field: string) => `lh-${u.id}-${field}`;
  const c = u.contacts;
  return html`<form method="post" action="${urls.draftUnit(view.summary.draftId, u.id)}" accept-charset="utf-8">
${csrfField(ctx)}
<div class="row">
<div><label for="${id("nguoi")}">Người liên hệ</label>
<input type="text" id="${id("nguoi")}" name="person" value="${c.person ?? ""}" maxlength="200" autocomplete="off"></div>
<div><label for="${id("email")}">Email (mỗi dòng một địa chỉ)</label>
<textarea id="${id("email")}" name="emails" rows="2" spellcheck="false">${c.emails.join("\n")}</textarea></div>
<div><label for="${id("dt")}">Số điện thoại (mỗi dòng một số)</label>
<p class="hint" id="${id("dt")}-hint">Ví dụ +84912345678 hoặc 0912 345 678.</p>
<textarea id="${id("dt")}" name="phones" rows="2" spellcheck="false" aria-describedby="${id("dt")}-hint">${c.phones.join(
    "\n",
  )}</textarea></div>
</div>
<button type="submit" class="act">Lưu liên hệ<span class="vh"> của ${u.name}</span></button>
</form>`;
}

function unitCard(view: DraftView, u: DraftUnitRow, ctx: ConsoleContext, urls: ConsoleUrls): Html {
  const hid = `dv-${u.id}`;
  const none = u.contacts.emails.length === 0 && u.contacts.phones.length === 0;
  const form = ctx.canAct ? contactsForm(view, u, ctx, urls) : html``;
  return html`<li class="card${u.unreachable ? " problems" : ""}">
<h3 id="${hid}">${u.name}</h3>
<p>${
    u.unreachable
      ? html`<span class="flag bad">không nhắc được</span> Có việc phải làm nhưng chưa có email hay số điện thoại.`
      : none
        ? html`<span class="flag">chưa có liên hệ</span> <span class="fine">Không có việc nào phải nhắc.</span>`
        : html`<span class="flag ok">nhắc được</span>`
  }</p>
${none ? "" : html`<p>${contactLinks(u.contacts)}</p>`}
${
  // Units that can be reached keep their form folded, so the page reads as a list first.
  u.unreachable || !ctx.canAct
    ? form
    : html`<details><summary>Sửa liên hệ<span class="vh"> của ${u.name}</span></summary>${form}</details>`
}
</li>`;
}

export function draftUnitsPage(view: DraftView, ctx: ConsoleContext): string {
  const urls = urlsFor(ctx);
  const unreachable = view.units.filter((u) => u.unreachable);
  const others = view.units.filter((u) => !u.unreachable);
  const body = html`${backLink(urls.draft(view.summary.draftId), `Bản nháp: ${view.summary.title}`)}
<h1>Liên hệ các đơn vị</h1>
<p class="lead">Tin nhắc hạn gửi qua email và SMS: một đơn vị không có email và không có số điện thoại sẽ không được nhắc. Liên hệ lưu ở đây đi cùng bản nháp và được dùng khi công bố.</p>
${
  unreachable.length > 0
    ? html`<p class="notice error">${count(unreachable.length)} trong ${count(view.units.length)} đơn vị có việc phải làm nhưng chưa có email hay số điện thoại.</p>`
    : html`<p class="notice ok">Đơn vị nào có việc phải làm cũng có email hoặc số điện thoại.</p>`
}
${
  unreachable.length > 0
    ? html`<section aria-labelledby="khong-nhac-duoc"><h2 id="khong-nhac-duoc">Chưa nhắc được (${count(unreachable.length)})</h2>
<ul class="units-list">${unreachable.map((u) => unitCard(view, u, ctx, urls))}</ul></section>`
    : ""
}
<section aria-labelledby="cac-don-vi"><h2 id="cac-don-vi">${unreachable.length > 0 ? "Các đơn vị khác" : "Các đơn vị"} (${count(
    others.length,
  )})</h2>
${others.length > 0 ? html`<ul class="units-list">${others.map((u) => unitCard(view, u, ctx, urls))}</ul>` : html`<p class="card">Không còn đơn vị nào khác.</p>`}
</section>`;
  return consolePage({
    title: `Liên hệ các đơn vị — ${view.summary.title}`,
    body,
    ctx,
    current: "drafts",
    style: DRAFT_STYLE,
  });
}
