/**
 * One version a unit submitted: its fields in the form's order, its files (opened through
 * short-lived presigned links to the accepted, pinned copy), every version with the office's
 * decisions; and, for the standing body, accept or return it with a reason.
 */

import { dayText } from "../../calendar/deadline-text";
import type { AttachmentView, SubmissionView, VersionSummary } from "../../console/model";
import { displayValue, fileSize } from "../form-view";
import { type Html, html, raw } from "../html";
import { dueText, instant } from "./format";
import {
  actionForm,
  type ConsoleContext,
  consolePage,
  contactLinks,
  reasonField,
  scrollTable,
  statusBadge,
  urlsFor,
} from "./layout";
import type { ConsoleUrls } from "./urls";

/** Only web links: a value that is not one (a "javascript:" URL) is never made a link. */
function safeHref(url: string): string | undefined {
  return /^https?:\/\//i.test(url) ? url : undefined;
}

function attachmentLink(a: AttachmentView): Html {
  const text = html`${a.fileName} <span class="fine">(${fileSize(a.size)})</span>`;
  const href = safeHref(a.url);
  return href
    ? html`<a href="${href}" rel="noreferrer" target="_blank">${text}<span class="vh"> (mở trong thẻ mới)</span></a>`
    : html`${text} <span class="fine">(không có đường dẫn tải)</span>`;
}

function fieldsList(view: SubmissionView): Html {
  const used = new Set<string>();
  const rows = view.fields.map(({ field, value }) => {
    if (field.type === "file") {
      const files = view.attachments.filter((a) => a.field === field.id);
      for (const f of files) used.add(f.url);
      return html`<dt>${field.label}</dt><dd>${
        files.length > 0
          ? html`<ul class="plain">${files.map((f) => html`<li>${attachmentLink(f)}</li>`)}</ul>`
          : "—"
      }</dd>`;
    }
    return html`<dt>${field.label}</dt><dd class="pre">${displayValue(field, value, [])}</dd>`;
  });
  const others = view.attachments.filter((a) => !used.has(a.url));
  return html`<dl class="facts">${rows}${
    others.length > 0
      ? html`<dt>Tệp khác</dt><dd><ul class="plain">${others.map((f) => html`<li>${attachmentLink(f)}</li>`)}</ul></dd>`
      : ""
  }</dl>${
    view.attachments.length > 0
      ? html`<p class="fine">Đường dẫn tải tệp chỉ dùng được trong ít phút; nếu đã hết hạn, hãy tải lại trang này.</p>`
      : ""
  }`;
}

/** The office's latest decision on a version. */
export function decisionBadge(decision: VersionSummary["decision"]): Html {
  if (decision === "accepted")
    return html`<span class="badge s-on-time"><span aria-hidden="true">✓</span> đã chấp nhận</span>`;
  if (decision === "returned")
    return html`<span class="badge s-returned"><span aria-hidden="true">↩</span> đã trả lại</span>`;
  return html`<span class="fine">chưa xem xét</span>`;
}

function historyTable(view: SubmissionView, urls: ConsoleUrls): Html {
  const { planId } = view.plan;
  return scrollTable(
    "Bảng các bản đã nộp",
    html`<table>
<caption>Các bản đơn vị đã nộp, cũ nhất trước</caption>
<thead><tr><th scope="col">Biên nhận</th><th scope="col">Nộp lúc</th><th scope="col">Đúng hạn?</th><th scope="col">Quyết định</th><th scope="col">Lý do</th></tr></thead>
<tbody>${view.history.map(
      (v) => html`<tr>
<th scope="row">${
        v.receipt === view.receipt
          ? html`<a href="${urls.submission(planId, view.instanceId, v.receipt)}" aria-current="page">${v.receipt}</a> <span class="fine">(bản đang xem)</span>`
          : html`<a href="${urls.submission(planId, view.instanceId, v.receipt)}">${v.receipt}</a>`
      }</th>
<td class="nowrap">${instant(v.submittedAt)}</td>
<td>${v.late ? statusBadge("late", v.lateDays) : statusBadge("on-time")}</td>
<td>${decisionBadge(v.decision)}</td>
<td class="pre text">${v.reason ?? ""}</td>
</tr>`,
    )}</tbody>
</table>`,
  );
}

/** A decision already taken on this version: said in place of its form (the action would refuse it). */
function decided(id: string, title: string, text: string): Html {
  return html`<section class="card" aria-labelledby="${id}"><h3 id="${id}">${title}</h3><p>${text}</p></section>`;
}

function actions(view: SubmissionView, ctx: ConsoleContext, urls: ConsoleUrls): Html {
  const { planId } = view.plan;
  const decision = view.history.find((v) => v.receipt === view.receipt)?.decision;
  const accept =
    decision === "accepted"
      ? decided("chap-nhan", "Chấp nhận báo cáo", "Bản này đã được chấp nhận.")
      : actionForm({
          ctx,
          id: "chap-nhan",
          title: "Chấp nhận báo cáo",
          action: urls.accept(planId, view.instanceId, view.receipt),
          intro: "Ghi nhận bản này là đạt; tệp đính kèm của bản được chấp nhận được giữ lại.",
          fields: reasonField("chap-nhan-ly-do", false),
          submit: "Chấp nhận",
        });
  const giveBack =
    decision === "returned"
      ? decided("tra-lai", "Trả lại báo cáo", "Bản này đã bị trả lại; đơn vị đã được báo và cần nộp bản mới.")
      : actionForm({
          ctx,
          id: "tra-lai",
          title: "Trả lại báo cáo",
          action: urls.return(planId, view.instanceId, view.receipt),
          intro:
            "Đơn vị nhận email và SMS kèm lý do và đường dẫn để nộp bản mới. Bản đầu tiên không bị trả lại là bản quyết định việc nộp đúng hạn.",
          fields: reasonField("tra-lai-ly-do", true, "Lý do được gửi cho đơn vị: nói rõ cần sửa gì."),
          submit: "Trả lại",
          danger: true,
        });
  return html`<section aria-labelledby="thao-tac"><h2 id="thao-tac">Thao tác</h2><div class="actions">${accept}${giveBack}</div></section>`;
}

export function submissionPage(view: SubmissionView, ctx: ConsoleContext): string {
  const urls = urlsFor(ctx);
  const { plan, deadline, unit, submitter } = view;
  const thisVersion = view.history.find((v) => v.receipt === view.receipt);
  const latest = view.history.at(-1);
  // The unit's timeliness is its first version not returned: how late that one was, if late.
  const counting = view.history.find((v) => v.decision !== "returned");
  const submitterText = [submitter.name, submitter.position].filter(Boolean).join(", ");
  const body = html`<h1>Báo cáo của ${unit.unitName}</h1>
<p class="lead"><a href="${urls.deadline(plan.planId, deadline.obligationId, deadline.period)}">${deadline.title}</a> · ${deadline.periodText}</p>
${
  !view.isLatest && latest
    ? html`<p class="notice error" role="note">Đây là một bản cũ. Bản mới nhất là <a href="${urls.submission(
        plan.planId,
        view.instanceId,
        latest.receipt,
      )}">${latest.receipt}</a>.</p>`
    : ""
}
<section class="card" aria-labelledby="thong-tin"><h2 id="thong-tin">Thông tin bản nộp</h2>
<dl class="facts">
<dt>Số biên nhận</dt><dd><strong>${view.receipt}</strong></dd>
<dt>Nộp lúc</dt><dd>${instant(view.submittedAt)}${
    thisVersion ? html` · ${thisVersion.late ? `muộn ${thisVersion.lateDays} ngày` : "đúng hạn"}` : ""
  }</dd>
${
  deadline.heldOn === undefined
    ? html`<dt>Hạn chót</dt><dd>${dueText(deadline.dueAt)}</dd>`
    : html`<dt>Ngày diễn ra</dt><dd>${dayText(deadline.heldOn)}</dd>
<dt>Xác nhận trước</dt><dd>${dueText(deadline.dueAt)}</dd>`
}
<dt>Tình trạng của đơn vị</dt><dd>${statusBadge(view.status, view.status === "late" ? counting?.lateDays : undefined)}</dd>
<dt>Đơn vị</dt><dd><a href="${urls.unit(plan.planId, unit.unitId)}">${unit.unitName}</a><br>${contactLinks(unit.contacts)}</dd>
<dt>Người nộp</dt><dd>${contactLinks({
    person: submitterText || undefined,
    emails: submitter.email ? [submitter.email] : [],
    phones: submitter.phone ? [submitter.phone] : [],
  })}</dd>
</dl></section>
<section class="card" aria-labelledby="noi-dung-bao-cao"><h2 id="noi-dung-bao-cao">Nội dung</h2>
${fieldsList(view)}
</section>
<section aria-labelledby="lich-su"><h2 id="lich-su">Lịch sử các bản</h2>
${historyTable(view, urls)}
</section>
${
  ctx.canAct && view.isLatest
    ? actions(view, ctx, urls)
    : ctx.canAct
      ? html`<p class="card">Chỉ bản mới nhất mới chấp nhận hoặc trả lại được.</p>`
      : raw("")
}`;
  return consolePage({ title: `Báo cáo ${view.receipt} — ${unit.unitName}`, body, ctx, plan });
}
