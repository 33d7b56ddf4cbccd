/**
 * One unit in a plan's year: whom to reach (editable by the standing body; the next message uses
 * it), its deadlines with their status, and its own five figures.
 */
import type { UnitView } from "../../console/model";
import { type Html, html } from "../html";
import { cutOffText, instant, percent } from "./format";
import {
  actionForm,
  type ConsoleContext,
  consolePage,
  contactLinks,
  figureTiles,
  reasonField,
  scrollTable,
  statusBadge,
  urlsFor,
} from "./layout";
import type { ConsoleUrls } from "./urls";

function deadlinesTable(view: UnitView, urls: ConsoleUrls): Html {
  const { planId } = view.plan;
  return scrollTable(
    "Bảng các hạn nộp của đơn vị",
    html`<table>
<caption>Các hạn nộp của đơn vị trong năm ${view.plan.year}, theo thứ tự hạn chót</caption>
<thead><tr><th scope="col">Nhiệm vụ, kỳ</th><th scope="col">Tình trạng</th><th scope="col">Hạn chót</th><th scope="col">Nộp lúc</th><th scope="col">Bản mới nhất</th></tr></thead>
<tbody>${view.deadlines.map(
      (d) => html`<tr>
<th scope="row" class="mid"><a href="${urls.deadline(planId, d.obligationId, d.period)}">${d.title}</a><br><span class="fine">${d.periodText}</span></th>
<td>${statusBadge(d.status, d.lateDays)}</td>
<td>${cutOffText(d, d.extendedTo ?? d.dueAt)}${d.extendedTo ? html`<br><span class="fine">đã gia hạn</span>` : ""}</td>
<td>${d.submittedAt ? instant(d.submittedAt) : "—"}</td>
<td>${
        d.latestReceipt
          ? html`<a class="nowrap" href="${urls.submission(planId, d.instanceId, d.latestReceipt)}">${d.latestReceipt}</a>${
              d.versions > 1 ? html` <span class="fine">(${d.versions} bản)</span>` : ""
            }`
          : "—"
      }</td>
</tr>`,
    )}</tbody>
</table>`,
  );
}

function contactsForm(view: UnitView, ctx: ConsoleContext, urls: ConsoleUrls): Html {
  const c = view.unit.contacts;
  return actionForm({
    ctx,
    id: "sua-lien-he",
    title: "Sửa thông tin liên hệ",
    action: urls.contacts(view.plan.planId, view.unit.unitId),
    intro: "Tin nhắc tiếp theo sẽ gửi theo thông tin mới.",
    fields: html`<label for="lien-he-nguoi">Người liên hệ</label>
<input type="text" id="lien-he-nguoi" name="person" value="${c.person ?? ""}" maxlength="200" autocomplete="off">
<label for="lien-he-email">Email (mỗi dòng một địa chỉ)</label>
<textarea id="lien-he-email" name="emails" rows="3" spellcheck="false">${c.emails.join("\n")}</textarea>
<label for="lien-he-dien-thoai">Số điện thoại (mỗi dòng một số)</label>
<p class="hint" id="lien-he-dien-thoai-hint">Viết dạng quốc tế, ví dụ +84912345678.</p>
<textarea id="lien-he-dien-thoai" name="phones" rows="3" spellcheck="false" aria-describedby="lien-he-dien-thoai-hint">${c.phones.join(
      "\n",
    )}</textarea>
${reasonField("lien-he-ly-do", true)}`,
    submit: "Lưu liên hệ",
  });
}

export function unitPage(view: UnitView, ctx: ConsoleContext): string {
  const urls = urlsFor(ctx);
  const { plan, unit } = view;
  const body = html`<h1>${unit.name}</h1>
<p class="lead">Năm ${plan.year}: ${view.deadlines.length} hạn nộp, tỷ lệ đúng hạn ${percent(view.figures.onTimeRate)}.</p>
${figureTiles(view.figures, "Số liệu của đơn vị")}
<section aria-labelledby="lien-he"><h2 id="lien-he">Liên hệ</h2>
<p class="card">${contactLinks(unit.contacts)}</p>
${ctx.canAct ? contactsForm(view, ctx, urls) : ""}
</section>
<section aria-labelledby="han-nop"><h2 id="han-nop">Các hạn nộp</h2>
${view.deadlines.length > 0 ? deadlinesTable(view, urls) : html`<p class="card">Đơn vị không có hạn nộp nào trong năm.</p>`}
</section>`;
  return consolePage({ title: unit.name, body, ctx, plan });
}
