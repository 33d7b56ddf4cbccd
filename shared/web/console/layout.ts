/**
 * The frame of every console page: Vietnamese, mobile-first, plain server-rendered HTML that needs
 * no script (the handler's CSP allows none; a draft row's live preview, draft-row.ts, is the one
 * script, allowed on that page alone by its hash) and no external asset. A skip link, landmarks (banner,
 * navigation, main, contentinfo), one h1 per page, visible focus, and wide tables that scroll
 * sideways inside a focusable, named region on a phone. Every value is escaped by the `html` tag.
 */
import { ROLE_NAMES } from "../../console/access";
import type { CellStatus, Figures, PlanHeader, SessionView } from "../../console/model";
import { type Html, html, raw } from "../html";
import { count, percent, STATUS_COLOURS, statusLook } from "./format";
import { type ConsoleUrls, consoleUrls } from "./urls";

/** What every page of a signed-in user knows besides its view model. */
export interface ConsoleContext {
  session: SessionView;
  /** Whether the user may act on this plan (standing body): action forms are shown only then. */
  canAct: boolean;
  /** The outcome of the action just taken (after a redirect), shown at the top. */
  notice?: { kind: "ok" | "error"; text: string };
  /** A prefix the deployment adds before /console (an API stage). */
  basePath?: string;
}

export type NavKey = "overview" | "heatmap" | "targets" | "audit" | "exports" | "drafts";

const STATUS_CSS = Object.entries(STATUS_COLOURS)
  .map(([s, c]) => `.s-${s}{background:${c.bg};color:${c.fg}}`)
  .join("\n");

const STYLE = raw(`
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1b;background:#f4f6f8}
a{color:#0b5394}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible,.scroll:focus-visible{outline:3px solid #0b5394;outline-offset:2px}
.skip{position:absolute;left:.5rem;top:-3rem;background:#fff;color:#0b5394;padding:.5rem .75rem;border-radius:.35rem;font-weight:700;z-index:10}
.skip:focus{top:.5rem;outline:3px solid #1b1b1b}
.vh{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;border:0}
header.top{background:#0b5394;color:#fff;padding:.6rem 1rem}
header.top a{color:#fff}
header.top a:focus-visible,header.top button:focus-visible{outline-color:#fff}
.bar{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center;justify-content:space-between}
.app{margin:0;font-weight:700}
.who{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:center;font-size:.9rem}
.who form{margin:0}
.role{background:rgba(255,255,255,.18);border-radius:1rem;padding:0 .5rem}
button.link{background:none;border:1px solid #fff;color:#fff;border-radius:.35rem;padding:.2rem .6rem;font:inherit;cursor:pointer}
.plan{margin:.4rem 0 0;font-weight:600;line-height:1.35;font-size:.95rem}
.ref{margin:0;font-size:.85rem}
nav.sections{background:#fff;border-bottom:1px solid #d0d7de}
nav.sections ul{display:flex;flex-wrap:wrap;gap:0;margin:0 auto;padding:0 .5rem;list-style:none;max-width:80rem}
nav.sections a{display:block;padding:.6rem .6rem;text-decoration:none;white-space:nowrap;font-weight:600}
nav.sections a[aria-current=page]{box-shadow:inset 0 -3px 0 #0b5394;color:#1b1b1b}
main{max-width:80rem;margin:0 auto;padding:1rem}
main:focus{outline:none}
h1{font-size:1.35rem;line-height:1.3;margin:.25rem 0 .5rem}
h2{font-size:1.15rem;line-height:1.3;margin:0 0 .5rem}
h3{font-size:1rem;margin:0 0 .5rem}
.lead{margin:0 0 1rem;color:#3d4751}
.card{background:#fff;border:1px solid #d0d7de;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
.fine{color:#4f5a65;font-size:.85rem}
footer{max-width:80rem;margin:0 auto;padding:0 1rem 2rem;color:#4f5a65;font-size:.85rem}
dl.facts{margin:0;display:grid;grid-template-columns:1fr;gap:.1rem .75rem}
dl.facts dt{font-weight:600;margin-top:.4rem}dl.facts dd{margin:0}
@media (min-width:40rem){dl.facts{grid-template-columns:max-content 1fr}dl.facts dt{margin-top:0}}
dl.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.5rem;margin:0 0 1rem}
dl.figures div{background:#fff;border:1px solid #d0d7de;border-radius:.5rem;padding:.5rem .75rem}
dl.figures dt{font-size:.85rem;color:#3d4751}
dl.figures dd{margin:0;font-size:1.4rem;font-weight:700}
.notice{border-radius:.4rem;padding:.6rem .8rem;margin:0 0 1rem;font-weight:600}
.notice.ok{border:2px solid #1a7f37;background:#e9f7ee;color:#124d23}
.notice.error{border:2px solid #c62828;background:#fff5f5;color:#8a1c1c}
.scroll{position:relative;overflow-x:auto;max-width:100%;background:#fff;border:1px solid #d0d7de;border-radius:.5rem;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;font-size:.95rem}
.scroll>table{min-width:46rem}
.scroll.narrow>table{min-width:0}
.scroll th[scope=row]{min-width:9rem}
.scroll .text,.scroll th.text{min-width:18rem}
.scroll .mid,.scroll th.mid{min-width:12rem}
caption{text-align:left;font-weight:700;padding:.6rem .75rem;caption-side:top;position:sticky;left:0;max-width:calc(100vw - 2rem)}
th,td{padding:.45rem .6rem;border-top:1px solid #d0d7de;text-align:left;vertical-align:top}
thead th{background:#f6f8fa;font-size:.85rem}
tfoot th,tfoot td{background:#f6f8fa;font-weight:700}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
thead th.num{white-space:normal}
.nowrap{white-space:nowrap}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:1rem;font-weight:600;white-space:nowrap}
.sym{display:inline-block;min-width:1em;text-align:center}
ul.plain{list-style:none;margin:0;padding:0}
ul.plain li+li{margin-top:.25rem}
ol.compact{margin:0;padding-left:1.3rem}
.legend{display:flex;flex-wrap:wrap;gap:.4rem .9rem;list-style:none;margin:0 0 1rem;padding:0;font-size:.9rem}
.legend .badge{min-width:2rem;text-align:center}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
.hint{color:#4f5a65;font-size:.9rem;margin:.1rem 0 .25rem}
input[type=text],input[type=email],input[type=password],input[type=date],input[type=time],select,textarea{display:block;width:100%;max-width:32rem;padding:.55rem;font:inherit;border:1px solid #6e7781;border-radius:.35rem;background:#fff;color:#1b1b1b}
textarea{min-height:5rem}
.row{display:flex;flex-wrap:wrap;gap:0 1rem}.row>div{flex:1 1 12rem}
button.act{display:block;margin-top:1rem;padding:.7rem 1.2rem;font:inherit;font-weight:700;color:#fff;background:#0b5394;border:0;border-radius:.4rem;cursor:pointer}
button.act.danger{background:#a61b1b}
.actions{display:grid;grid-template-columns:1fr;gap:0 1rem}
@media (min-width:60rem){.actions{grid-template-columns:repeat(auto-fit,minmax(22rem,1fr))}}
.actions .card{margin-bottom:1rem}
figure{margin:0 0 1rem}
figure svg{display:block;width:100%;height:auto}
figcaption{font-size:.9rem;color:#3d4751;margin-top:.25rem}
details{margin:.25rem 0 1rem}
summary{cursor:pointer;color:#0b5394;font-weight:600}
.years{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:0 0 1rem}
.years a{display:inline-block;padding:.2rem .6rem;border:1px solid #0b5394;border-radius:1rem;text-decoration:none}
.years a[aria-current=page]{background:#0b5394;color:#fff}
.pre{white-space:pre-wrap;overflow-wrap:anywhere}
.wrap{overflow-wrap:break-word}
.brk{overflow-wrap:anywhere}
${STATUS_CSS}
`);

/** The sign-out form in the header (POST, with the CSRF token). */
function signOut(ctx: ConsoleContext, urls: ConsoleUrls): Html {
  return html`<form method="post" action="${urls.signOut()}">${csrfField(ctx)}<button type="submit" class="link">Đăng xuất</button></form>`;
}

function header(ctx: ConsoleContext | undefined, plan: PlanHeader | undefined, urls: ConsoleUrls): Html {
  const who = ctx
    ? html`<div class="who"><span>Đang đăng nhập: <strong>${ctx.session.name ?? ctx.session.email}</strong></span><span class="role">${
        ROLE_NAMES[ctx.session.role]
      }</span>${signOut(ctx, urls)}</div>`
    : "";
  const about = plan
    ? html`<p class="plan">${plan.title}</p><p class="ref">${[
        plan.number ? `Số ${plan.number}` : "",
        plan.issuerName,
        `Cơ quan thường trực: ${plan.standingBodyName}`,
      ]
        .filter(Boolean)
        .join(" · ")}</p>`
    : "";
  return html`<header class="top"><div class="bar"><p class="app"><a href="${urls.home()}">hạn chót · Bảng điều hành</a></p>${who}</div>${about}</header>`;
}

/**
 * The plan's pages, and "Nhập kế hoạch" (plan intake) for the standing body, which drafts and
 * publishes plans: on a page with no plan (the drafts' pages) that entry alone.
 */
function nav(
  plan: PlanHeader | undefined,
  ctx: ConsoleContext | undefined,
  current: NavKey | undefined,
  urls: ConsoleUrls,
): Html {
  const items: Array<[NavKey, string, string]> = plan
    ? [
        ["overview", "Tổng quan", urls.overview(plan.planId, plan.year)],
        ["heatmap", "Bảng theo dõi", urls.heatmap(plan.planId, plan.year)],
        ["targets", "Chỉ tiêu", urls.targets(plan.planId, plan.year)],
        ["audit", "Nhật ký thao tác", urls.audit(plan.planId)],
        ["exports", "Xuất dữ liệu", `${urls.overview(plan.planId, plan.year)}#xuat-du-lieu`],
      ]
    : [];
  if (ctx?.session.role === "standing-body") items.push(["drafts", "Nhập kế hoạch", urls.drafts()]);
  if (items.length === 0) return html``;
  return html`<nav class="sections" aria-label="${plan ? "Các trang của kế hoạch" : "Các trang của bảng điều hành"}"><ul>${items.map(
    ([key, text, href]) =>
      html`<li><a href="${href}"${key === current ? raw(' aria-current="page"') : ""}>${text}</a></li>`,
  )}</ul></nav>`;
}

export interface PageInput {
  title: string;
  body: Html;
  ctx?: ConsoleContext | undefined;
  /** The plan the page is about: its header and navigation. */
  plan?: PlanHeader | undefined;
  current?: NavKey | undefined;
  /** Set on pages whose figures are "as of" an instant. */
  footnote?: string | undefined;
  /** CSS of this page alone. */
  style?: Html | undefined;
}

export function consolePage(input: PageInput): string {
  const urls = consoleUrls(input.ctx?.basePath);
  const notice = input.ctx?.notice;
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${input.title} — hạn chót</title>
<style>${STYLE}${input.style ?? ""}</style>
</head>
<body>
<a class="skip" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
${header(input.ctx, input.plan, urls)}
${nav(input.plan, input.ctx, input.current, urls)}
<main id="noi-dung" tabindex="-1">
${
  notice
    ? html`<p class="notice ${notice.kind}" role="${notice.kind === "error" ? "alert" : "status"}">${notice.text}</p>`
    : ""
}
${input.body}
</main>
<footer><p>${input.footnote ? html`${input.footnote} · ` : ""}Giờ Việt Nam (UTC+7) · Hệ thống nhắc hạn hạn chót</p></footer>
</body>
</html>
`.value;
}

/** The id of a unit's row on a deadline's page (the heatmap's cells link to it). */
export function unitAnchor(unitId: string): string {
  return `don-vi-${unitId}`;
}

/** The URL helpers for a page's context. */
export function urlsFor(ctx: ConsoleContext | undefined): ConsoleUrls {
  return consoleUrls(ctx?.basePath);
}

/** The hidden CSRF token every form that changes something posts back. */
export function csrfField(ctx: ConsoleContext): Html {
  return html`<input type="hidden" name="csrf" value="${ctx.session.csrfToken}">`;
}

/** The reason every action asks for (and the audit log keeps). */
export function reasonField(id: string, required: boolean, hint?: string): Html {
  return html`<label for="${id}">Lý do${required ? " *" : " (không bắt buộc)"}</label>${
    hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ""
  }<textarea id="${id}" name="reason" maxlength="1000"${required ? raw(" required") : ""}${
    hint ? html` aria-describedby="${id}-hint"` : ""
  }></textarea>`;
}

/** One action: a card with its heading, the CSRF token, its fields and a submit button. */
export function actionForm(input: {
  ctx: ConsoleContext;
  id: string;
  title: string;
  action: string;
  fields: Html;
  submit: string;
  danger?: boolean;
  intro?: string;
}): Html {
  return html`<form class="card" method="post" action="${input.action}" accept-charset="utf-8" aria-labelledby="${input.id}">
<h3 id="${input.id}">${input.title}</h3>
${input.intro ? html`<p class="hint">${input.intro}</p>` : ""}
${csrfField(input.ctx)}
${input.fields}
<button type="submit" class="act${input.danger ? " danger" : ""}">${input.submit}</button>
</form>`;
}

/** A status as a badge: its colour, symbol and words. */
export function statusBadge(status: CellStatus, lateDays?: number): Html {
  const look = statusLook(status, lateDays);
  return html`<span class="badge ${look.cls}"><span class="sym" aria-hidden="true">${look.symbol}</span> ${look.text}</span>`;
}

/** DHIS2's five figures as a row of tiles. */
export function figureTiles(f: Figures, label: string): Html {
  return html`<dl class="figures" aria-label="${label}">
<div><dt>Tỷ lệ đúng hạn</dt><dd>${percent(f.onTimeRate)}</dd></div>
<div><dt>Tỷ lệ đã nộp</dt><dd>${percent(f.reportingRate)}</dd></div>
<div><dt>Số phải nộp</dt><dd>${count(f.expected)}</dd></div>
<div><dt>Số đã nộp</dt><dd>${count(f.actual)}</dd></div>
<div><dt>Số nộp đúng hạn</dt><dd>${count(f.actualOnTime)}</dd></div>
</dl>`;
}

/** The five figures' column headers, in DHIS2's order. */
export const FIGURE_HEADERS = ["Phải nộp", "Đã nộp", "Tỷ lệ đã nộp", "Nộp đúng hạn", "Tỷ lệ đúng hạn"];

export function figureCells(f: Figures, cell: "td" | "th" = "td"): Html {
  const values = [
    count(f.expected),
    count(f.actual),
    percent(f.reportingRate),
    count(f.actualOnTime),
    percent(f.onTimeRate),
  ];
  return html`${values.map((v) => (cell === "td" ? html`<td class="num">${v}</td>` : html`<th class="num">${v}</th>`))}`;
}

/** A wide table inside a region that scrolls sideways on a phone (focusable, so a keyboard can scroll it). */
export function scrollTable(label: string, table: Html, extraClass = ""): Html {
  return html`<div class="scroll${extraClass ? ` ${extraClass}` : ""}" role="region" tabindex="0" aria-label="${label}">${table}</div>`;
}

/** Links to a plan's other years, the current one marked. */
export function yearLinks(plan: PlanHeader, href: (year: number) => string): Html {
  if (plan.years.length < 2) return html``;
  return html`<nav aria-label="Chọn năm"><ul class="years">${plan.years.map(
    (y) =>
      html`<li><a href="${href(y)}"${y === plan.year ? raw(' aria-current="page"') : ""}>Năm ${y}</a></li>`,
  )}</ul></nav>`;
}

/** A contact's ways to be reached, one per line, as links a phone opens. */
export function contactLinks(c: {
  person?: string | undefined;
  emails?: readonly string[] | undefined;
  phones?: readonly string[] | undefined;
}): Html {
  const lines: Html[] = [
    ...(c.person ? [html`<span>${c.person}</span>`] : []),
    ...(c.emails ?? []).map((e) => html`<a class="brk" href="mailto:${e}">${e}</a>`),
    ...(c.phones ?? []).map((p) => html`<a class="nowrap" href="tel:${p}">${p}</a>`),
  ];
  if (lines.length === 0) return html`<span class="fine">chưa có liên hệ</span>`;
  return html`${lines.map((line, i) => html`${i > 0 ? raw("<br>") : ""}${line}`)}`;
}
