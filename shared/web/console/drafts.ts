/**
 * PLACEHOLDER of the plan-intake pages, so that the console's handler compiles and answers: the
 * pages helper replaces this file with the real pages (same four functions, same signatures).
 */
import type { DraftRow, DraftsView, DraftView } from "../../console/model";
import { html } from "../html";
import type { ConsoleContext } from "./layout";

function page(title: string, value: unknown, ctx: ConsoleContext): string {
  const notice = ctx.notice ? html`<p role="status">${ctx.notice.text}</p>` : "";
  return html`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${title}</title></head>
<body><main><h1>${title}</h1>${notice}<pre>${JSON.stringify(value, null, 2)}</pre></main></body></html>`.toString();
}

export function draftsPage(view: DraftsView, ctx: ConsoleContext): string {
  return page("Bản nháp kế hoạch", view, ctx);
}

export function draftPage(view: DraftView, ctx: ConsoleContext): string {
  return page(`Bản nháp: ${view.summary.title}`, view, ctx);
}

export function draftObligationPage(
  view: DraftView,
  row: DraftRow,
  ctx: ConsoleContext,
  problem?: { fields: Record<string, string>; values: Record<string, string> },
): string {
  return page(`Sửa nhiệm vụ: ${row.title}`, { draftId: view.summary.draftId, row, problem }, ctx);
}

export function draftUnitsPage(view: DraftView, ctx: ConsoleContext): string {
  return page("Đơn vị của bản nháp", { draftId: view.summary.draftId, units: view.units }, ctx);
}
