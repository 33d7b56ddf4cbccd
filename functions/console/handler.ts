/**
 * The operations console: pages, actions, exports and their JSON API, for signed-in users only.
 * Every route goes the same way: the session cookie → the user (a verified Cognito ID token) →
 * the plan's scope → the role (shared/console/access.ts). Routes that change something also need
 * the session's CSRF token. A unit's personal link is not a session: it never opens these pages.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { vietnamDateOf } from "../../shared/calendar/civil-date";
import { type DeadlineRef, parseInstanceId } from "../../shared/calendar/instance-id";
import { type ConsoleUser, canAct, canRead, type PlanScope } from "../../shared/console/access";
import { DROP_CONTACTS_FIELD, type DraftView, type SessionView } from "../../shared/console/model";
import { PASSWORD_RULES, passwordProblem } from "../../shared/console/user-spec";
import {
  auditPage,
  type ConsoleContext,
  consoleErrorPage,
  consoleUrls,
  DRAFT_PREVIEW_SCRIPTS,
  deadlinePage,
  draftObligationPage,
  draftPage,
  draftsPage,
  draftUnitsPage,
  heatmapPage,
  overviewPage,
  rankingPage,
  signInPage,
  submissionPage,
  targetsPage,
  unitPage,
} from "../../shared/web/console";
import { inLambdaContainer } from "../commons/config";
import { htmlResponse, jsonResponse, type PageScripts, readBody } from "../commons/http";
import { type HttpHandler, httpHandler, type Routes } from "../commons/middleware";
import type { DraftRecord } from "../data";
import {
  type ActionResult,
  acceptVersion,
  type ConsoleActionDeps,
  editContacts,
  extendDeadline,
  remindNow,
  returnVersion,
  waiveUnit,
} from "../use-cases/console/actions";
import * as drafts from "../use-cases/console/drafts";
import * as reads from "../use-cases/console/reads";
import type { ConsoleAuth } from "./auth";
import { buildConsoleDeps, consoleDeps, consoleSecretsLoaded } from "./console-deps";
import {
  auditCsv,
  auditXlsx,
  downloadHeaders,
  type ExportFormat,
  exportFileName,
  submissionsCsv,
  submissionsXlsx,
  timelinessCsv,
  timelinessXlsx,
} from "./exports";
import { type ConsoleForm, readConsoleForm } from "./form";
import { clearedNotice, type Notice, noticeCookie, readNotice } from "./notice";
import {
  type CsrfKeyring,
  clearedSessionCookie,
  csrfToken,
  fromOwnPages,
  readSessionToken,
  secondsUntil,
  servedOverHttps,
  sessionCookie,
  validCsrf,
} from "./session";

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

interface Download {
  body: Buffer;
  headers: Record<string, string>;
}

const file = (name: string, format: ExportFormat, body: string | Buffer): Download => ({
  body: typeof body === "string" ? Buffer.from(body, "utf8") : body,
  headers: downloadHeaders(name, format),
});

/** The year a plan page is for: the one asked (one of the plan's), else this year if the plan runs in it, else its nearest. */
export function chooseYear(
  asked: string | undefined,
  years: readonly number[],
  now: Date,
): number | undefined {
  if (asked !== undefined)
    return /^\d{4}$/.test(asked) && years.includes(Number(asked)) ? Number(asked) : undefined;
  const current = Number(vietnamDateOf(now.getTime()).slice(0, 4));
  const first = years[0];
  const last = years.at(-1);
  if (first === undefined || last === undefined) return undefined;
  return Math.min(Math.max(current, first), last);
}

export interface ConsoleDeps {
  reads: reads.ConsoleReadDeps;
  actions: ConsoleActionDeps;
  auth: ConsoleAuth;
  /** Plan intake: drafts, their publication, and the starter of a published plan's calendar. */
  drafts: drafts.DraftDeps;
  csrf: () => CsrfKeyring;
  /** The console's public address: whether cookies are Secure, and which Origin is our own. */
  publicBaseUrl: string;
}

interface Signed {
  user: ConsoleUser;
  token: string;
  session: SessionView;
}

interface PlanAccess extends Signed {
  scope: PlanScope;
  year: number;
  canAct: boolean;
}

const ERRORS = {
  not_signed_in: { status: 401, title: "Cần đăng nhập", message: "Hãy đăng nhập để xem trang này." },
  forbidden: {
    status: 403,
    title: "Không có quyền",
    message: "Tài khoản của anh/chị không được xem trang này hoặc làm việc này.",
  },
  csrf: {
    status: 403,
    title: "Biểu mẫu đã cũ",
    message: "Biểu mẫu đã cũ hoặc không được gửi từ trang của bảng điều hành. Hãy tải lại trang rồi làm lại.",
  },
  not_found: {
    status: 404,
    title: "Không tìm thấy",
    message: "Không có kế hoạch, hạn, đơn vị hoặc bản nộp này.",
  },
  bad_year: {
    status: 400,
    title: "Năm không hợp lệ",
    message: "Năm phải là một năm của kế hoạch, ví dụ ?year=2025.",
  },
  bad_request: { status: 400, title: "Yêu cầu không hợp lệ", message: "Dữ liệu gửi lên không đúng dạng." },
  too_large: {
    status: 413,
    title: "Tệp quá lớn",
    message: `Tệp gửi lên lớn quá: tối đa ${drafts.MAX_DOCUMENT_BYTES / 1024 / 1024} MB. Hãy bỏ bớt hình ảnh trong văn bản, hoặc gửi bản .docx thay cho bản PDF chụp.`,
  },
  unavailable: {
    status: 503,
    title: "Chưa đăng nhập được",
    message: "Dịch vụ đăng nhập tạm thời không trả lời. Hãy thử lại sau ít phút.",
  },
} as const;
type ErrorCode = keyof typeof ERRORS;

const SIGN_IN_FAILURES = {
  invalid: { status: 401, text: "Email hoặc mật khẩu không đúng." },
  "no-role": {
    status: 403,
    text: "Tài khoản chưa được giao vai trò trong bảng điều hành. Hãy liên hệ người quản trị của cơ quan.",
  },
  "new-password-required": {
    status: 403,
    text: "Tài khoản cần đặt mật khẩu mới trước lần đăng nhập đầu: hãy đăng nhập ở trang /console/sign-in.",
  },
  unavailable: { status: 503, text: ERRORS.unavailable.message },
} as const;

const param = (event: Event, name: string) => event.pathParameters?.[name] ?? "";
const isApi = (event: Event) => event.routeKey.includes(" /api/");
const urls = consoleUrls();

function redirect(location: string, cookies: string[] = []): Result {
  return {
    statusCode: 303,
    headers: { location, "cache-control": "no-store", "referrer-policy": "no-referrer" },
    ...(cookies.length > 0 && { cookies }),
  };
}

/** Only a path of the console itself: never another site after signing in. */
function safeNext(next: string | null | undefined): string | undefined {
  return next && /^\/console(\/|\?|$)/.test(next) && !next.includes("//") && !next.includes("\\")
    ? next
    : undefined;
}

function deadlineRef(event: Event): DeadlineRef {
  return {
    planId: param(event, "planId"),
    obligationId: param(event, "obligationId"),
    period: param(event, "period"),
  };
}

export function makeConsole(deps: () => ConsoleDeps): Routes<"console"> {
  const secure = () => servedOverHttps(deps().publicBaseUrl);

  function fail(event: Event, code: ErrorCode, ctx?: ConsoleContext): Result {
    const e = ERRORS[code];
    if (isApi(event)) return jsonResponse(e.status, { error: { code, message: e.message } });
    if (code === "not_signed_in") {
      const next = event.rawPath + (event.rawQueryString ? `?${event.rawQueryString}` : "");
      return redirect(urls.signIn(event.requestContext.http.method === "GET" ? next : undefined));
    }
    return htmlResponse(
      e.status,
      consoleErrorPage({ status: e.status, title: e.title, message: e.message }, ctx),
    );
  }

  async function signedIn(event: Event): Promise<Signed | undefined> {
    const d = deps();
    const token = readSessionToken(event, secure());
    const user = token ? await d.auth.verify(token) : undefined;
    if (!token || !user) return undefined;
    const session: SessionView = {
      email: user.email,
      ...(user.name && { name: user.name }),
      role: user.role,
      csrfToken: csrfToken(d.csrf(), token),
    };
    return { user, token, session };
  }

  const contextOf = (who: Signed, canActHere = false, notice?: Notice): ConsoleContext => ({
    session: who.session,
    canAct: canActHere,
    ...(notice && { notice }),
  });

  /** The signed-in user's access to the route's plan and year, or the answer that refuses it. */
  async function planAccess(event: Event): Promise<PlanAccess | Result> {
    const who = await signedIn(event);
    if (!who) return fail(event, "not_signed_in");
    const planId = param(event, "planId");
    const plan = await reads.planScope(deps().reads.data, planId);
    // A plan outside one's scope is a 403 (a signed-in user learns that the id exists, no more:
    // plan ids are printed on the plans themselves); one that does not exist, a 404.
    if (!plan || !canRead(who.user, plan))
      return fail(event, plan ? "forbidden" : "not_found", contextOf(who));
    const years = await reads.planYears(deps().reads.data, planId);
    const year = chooseYear(event.queryStringParameters?.year, years, deps().reads.now());
    if (year === undefined) return fail(event, "bad_year", contextOf(who));
    return { ...who, scope: plan, year, canAct: canAct(who.user, plan) };
  }

  /** A read of one plan: a page, or its JSON under /api/console. */
  const planRead =
    <V>(
      load: (a: PlanAccess, event: Event) => Promise<V | undefined>,
      render: (v: V, ctx: ConsoleContext) => string,
    ): HttpHandler =>
    async (event) => {
      const access = await planAccess(event);
      if (!("scope" in access)) return access;
      const view = await load(access, event);
      if (view === undefined) return fail(event, "not_found", contextOf(access));
      if (isApi(event)) return jsonResponse(200, view);
      const notice = readNotice(event, secure());
      const page = htmlResponse(200, render(view, contextOf(access, access.canAct, notice)));
      return notice ? { ...page, cookies: [clearedNotice(secure())] } : page;
    };

  /** A read that names an instance: it must belong to the route's plan. */
  const instanceOf = (a: PlanAccess, event: Event) => {
    const ref = parseInstanceId(param(event, "instanceId"));
    return ref && ref.planId === a.scope.planId ? ref : undefined;
  };

  const download =
    (build: (a: PlanAccess, event: Event) => Promise<Download | undefined>): HttpHandler =>
    async (event) => {
      const access = await planAccess(event);
      if (!("scope" in access)) return access;
      const file = await build(access, event);
      if (!file) return fail(event, "not_found", contextOf(access));
      return {
        statusCode: 200,
        headers: file.headers,
        body: file.body.toString("base64"),
        isBase64Encoded: true,
      };
    };

  /**
   * Every change: signed in, the form read (URL-encoded, or multipart for a document), the
   * session's CSRF token, then what it acts on (`access` answers the refusal itself), then `run`.
   */
  const guarded =
    <A extends object>(
      access: (event: Event, who: Signed) => Promise<A | Result>,
      run: (a: A, event: Event, form: ConsoleForm) => Promise<Result>,
    ): HttpHandler =>
    async (event) => {
      const who = await signedIn(event);
      if (!who) return fail(event, "not_signed_in");
      const body = await readConsoleForm(event, drafts.MAX_DOCUMENT_BYTES);
      if (!body.ok)
        return fail(event, body.reason === "too-large" ? "too_large" : "bad_request", contextOf(who));
      if (!validCsrf(deps().csrf(), who.token, body.form.fields.get("csrf") ?? undefined))
        return fail(event, "csrf", contextOf(who));
      const a = await access(event, who);
      if ("statusCode" in a) return a;
      return run(a as A, event, body.form);
    };

  const withNotice = (to: string, notice: Notice) => redirect(to, [noticeCookie(notice, secure())]);

  /**
   * An action of the standing body on a plan: the plan acted on, then the use case; back to the
   * page it came from with what happened (a notice cookie read once).
   */
  const action = (
    run: (a: PlanAccess, event: Event, form: URLSearchParams) => Promise<ActionResult | undefined>,
    back: (event: Event) => string,
    done: string,
  ): HttpHandler =>
    guarded<PlanAccess>(
      async (event) => {
        const access = await planAccess(event);
        if (!("scope" in access)) return access;
        if (!access.canAct) return fail(event, "forbidden", contextOf(access));
        return access;
      },
      async (access, event, form) => {
        const outcome = await run(access, event, form.fields);
        if (!outcome) return fail(event, "not_found", contextOf(access));
        const notice: Notice = outcome.ok
          ? { kind: "ok", text: done }
          : {
              kind: "error",
              text: [outcome.message, ...Object.values(outcome.fieldErrors ?? {})].join(" "),
            };
        return withNotice(back(event), notice);
      },
    );

  /** Each plan read, served as a page under /console and as JSON under /api/console. */
  const views = {
    overview: planRead((a) => reads.planOverview(deps().reads, a.scope.planId, a.year), overviewPage),
    heatmap: planRead((a) => reads.heatmap(deps().reads, a.scope.planId, a.year), heatmapPage),
    deadline: planRead((_, e) => reads.deadlineView(deps().reads, deadlineRef(e)), deadlinePage),
    submission: planRead(async (a, e) => {
      const ref = instanceOf(a, e);
      return ref && reads.submissionView(deps().reads, param(e, "instanceId"), param(e, "receipt"));
    }, submissionPage),
    unit: planRead(
      (a, e) => reads.unitView(deps().reads, a.scope.planId, param(e, "unitId"), a.year),
      unitPage,
    ),
    targets: planRead((a) => reads.targetsView(deps().reads, a.scope.planId, a.year), targetsPage),
    audit: planRead((a) => reads.auditView(deps().reads, a.scope.planId), auditPage),
  };

  const timelinessExport = (format: ExportFormat) =>
    download(async (a) => {
      const report = await reads.timeliness(deps().reads, a.scope.planId, a.year);
      if (!report) return undefined;
      const name = exportFileName({ kind: "timeliness", planId: a.scope.planId, year: a.year }, format);
      return file(name, format, format === "csv" ? timelinessCsv(report) : await timelinessXlsx(report));
    });
  const submissionsExport = (format: ExportFormat) =>
    download(async (_, e) => {
      const ref = deadlineRef(e);
      const table = await reads.submissionsTable(deps().reads, ref);
      if (!table) return undefined;
      const name = exportFileName({ kind: "submissions", ...ref }, format);
      return file(name, format, format === "csv" ? submissionsCsv(table) : await submissionsXlsx(table));
    });
  const auditExport = (format: ExportFormat) =>
    download(async (a) => {
      const view = await reads.auditView(deps().reads, a.scope.planId);
      if (!view) return undefined;
      const name = exportFileName({ kind: "audit", planId: a.scope.planId }, format);
      return file(name, format, format === "csv" ? auditCsv(view) : await auditXlsx(view));
    });

  const actor = (a: PlanAccess) => ({ email: a.user.email, role: a.user.role });
  const reasonOf = (form: URLSearchParams) => form.get("reason") ?? "";
  const deadlineUrl = (event: Event) => {
    const r = deadlineRef(event);
    return urls.deadline(r.planId, r.obligationId, r.period);
  };
  const submissionUrl = (event: Event) =>
    urls.submission(param(event, "planId"), param(event, "instanceId"), param(event, "receipt"));

  // ---- sign-in and home ---------------------------------------------------------------------

  const showSignIn: HttpHandler = async (event) => {
    if (await signedIn(event)) return redirect(safeNext(event.queryStringParameters?.next) ?? urls.home());
    return htmlResponse(200, signInPage({ next: safeNext(event.queryStringParameters?.next) }));
  };

  const signIn: HttpHandler = async (event) => {
    // No session yet to bind a CSRF token to: the request must come from our own page.
    if (!fromOwnPages(event.headers, deps().publicBaseUrl)) return fail(event, "csrf");
    const body = readBody(event);
    if (!body.ok || body.kind !== "form") return fail(event, "bad_request");
    const email = (body.value.get("email") ?? "").trim();
    const next = safeNext(body.value.get("next"));
    const password = body.value.get("password") ?? "";
    const newPassword = body.value.get("newPassword");
    const asking = { newPassword: { rules: PASSWORD_RULES } };
    if (newPassword !== null && newPassword !== body.value.get("newPasswordAgain"))
      return htmlResponse(
        400,
        signInPage({ error: "Hai lần nhập mật khẩu mới không giống nhau.", email, next, ...asking }),
      );
    // The pool checks it too; cognito-local does not, and the message here is the clerk's language.
    if (newPassword !== null && passwordProblem(newPassword))
      return htmlResponse(
        400,
        signInPage({ error: `Mật khẩu mới chưa đủ mạnh: cần ${PASSWORD_RULES}.`, email, next, ...asking }),
      );
    const result =
      newPassword === null
        ? await deps().auth.signIn(email, password)
        : await deps().auth.completeNewPassword(email, password, newPassword);
    if (!result.ok) {
      if (result.reason === "new-password-required" || result.reason === "weak-password") {
        const text =
          result.reason === "weak-password"
            ? `Mật khẩu mới chưa đủ mạnh: cần ${PASSWORD_RULES}.`
            : "Lần đăng nhập đầu: hãy đặt mật khẩu của riêng anh/chị.";
        return htmlResponse(
          result.reason === "weak-password" ? 400 : 200,
          signInPage({ error: text, email, next, ...asking }),
        );
      }
      const failure = SIGN_IN_FAILURES[result.reason];
      return htmlResponse(failure.status, signInPage({ error: failure.text, email, next }));
    }
    // Real time, not the plan's clock (the local stack may run that from another date): the token
    // expires on the user pool's clock, and the browser counts Max-Age on its own.
    const maxAgeSeconds = secondsUntil(result.expiresAt, new Date());
    return redirect(next ?? urls.home(), [sessionCookie(result.token, { secure: secure(), maxAgeSeconds })]);
  };

  const signOut: HttpHandler = async (event) => {
    const who = await signedIn(event);
    const body = readBody(event);
    const given = body.ok && body.kind === "form" ? (body.value.get("csrf") ?? undefined) : undefined;
    if (who && !validCsrf(deps().csrf(), who.token, given)) return fail(event, "csrf", contextOf(who));
    if (who) await deps().auth.signOut(who.token);
    return redirect(urls.signIn(), [clearedSessionCookie(secure())]);
  };

  /** Where a user starts: their plan's overview, their oversight body's ranking, or a list of their plans. */
  const home: HttpHandler = async (event) => {
    const who = await signedIn(event);
    if (!who) return fail(event, "not_signed_in");
    const { user } = who;
    if (user.role === "viewer" && user.oversight[0]) return redirect(urls.ranking(user.oversight[0]));
    if (user.role !== "viewer" && user.plans[0]) return redirect(urls.overview(user.plans[0]));
    return htmlResponse(
      403,
      consoleErrorPage(
        {
          status: 403,
          title: "Chưa được giao kế hoạch",
          message:
            "Tài khoản chưa được giao kế hoạch hay cơ quan theo dõi nào. Hãy liên hệ người quản trị của cơ quan.",
        },
        contextOf(who),
      ),
    );
  };

  // ---- the viewer's ranking -------------------------------------------------------------------

  const showRanking: HttpHandler = async (event) => {
    const who = await signedIn(event);
    if (!who) return fail(event, "not_signed_in");
    const oversightId = param(event, "oversightId");
    if (who.user.role !== "viewer" || !who.user.oversight.includes(oversightId))
      return fail(event, "forbidden", contextOf(who));
    const asked = event.queryStringParameters?.year;
    if (asked !== undefined && !/^\d{4}$/.test(asked)) return fail(event, "bad_year", contextOf(who));
    const year = asked ? Number(asked) : Number(vietnamDateOf(deps().reads.now().getTime()).slice(0, 4));
    const view = await reads.ranking(deps().reads, oversightId, year);
    if (!view) return fail(event, "not_found", contextOf(who));
    return isApi(event) ? jsonResponse(200, view) : htmlResponse(200, rankingPage(view, contextOf(who)));
  };

  // ---- the JSON session -----------------------------------------------------------------------

  const me = (who: Signed) => ({
    email: who.user.email,
    ...(who.user.name && { name: who.user.name }),
    role: who.user.role,
    plans: who.user.plans,
    oversight: who.user.oversight,
  });

  const apiSignIn: HttpHandler = async (event) => {
    const body = readBody(event);
    const value = body.ok && body.kind === "json" ? (body.value as Record<string, unknown>) : undefined;
    if (!value || typeof value.email !== "string" || typeof value.password !== "string")
      return jsonResponse(400, {
        error: { code: "bad_request", message: 'Cần JSON {"email": "...", "password": "..."}.' },
      });
    const result = await deps().auth.signIn(value.email.trim(), value.password);
    if (!result.ok) {
      const failure = SIGN_IN_FAILURES[result.reason];
      return jsonResponse(failure.status, { error: { code: result.reason, message: failure.text } });
    }
    const maxAgeSeconds = secondsUntil(result.expiresAt, new Date());
    const who: Signed = {
      user: result.user,
      token: result.token,
      session: {
        email: result.user.email,
        role: result.user.role,
        csrfToken: csrfToken(deps().csrf(), result.token),
      },
    };
    return {
      ...jsonResponse(200, {
        user: me(who),
        csrfToken: who.session.csrfToken,
        expiresAt: result.expiresAt.toISOString(),
      }),
      cookies: [sessionCookie(result.token, { secure: secure(), maxAgeSeconds })],
    };
  };

  // ---- plan intake: drafts -------------------------------------------------------------------

  const draftDeps = () => deps().drafts;
  const isRefusal = (v: object): v is drafts.DraftFailure => "ok" in v && v.ok === false;
  /** A refusal of the draft itself: another office's plan (403), or no such draft or row (404). */
  const refused = (event: Event, who: Signed, r: drafts.DraftFailure) =>
    fail(event, r.code === "forbidden" ? "forbidden" : "not_found", contextOf(who));
  const errorNotice = (r: drafts.DraftFailure): Notice => ({
    kind: "error",
    text: [r.message, ...Object.values(r.fieldErrors ?? {})].join(" "),
  });

  /** Drafts are the standing body's: the committee and viewers are refused every draft route. */
  const standingBody = async (event: Event, who: Signed): Promise<Signed | Result> =>
    who.user.role === "standing-body" ? who : fail(event, "forbidden", contextOf(who));

  /** A read of drafts: a page, or its JSON under /api/console (`render` undefined: not found). */
  const draftRead =
    <V extends object>(
      load: (who: Signed, event: Event) => Promise<V | drafts.DraftFailure>,
      render: (v: V, ctx: ConsoleContext, event: Event) => string | undefined,
      /** The inline scripts the page runs (none but the correction page's preview). */
      scripts?: PageScripts,
    ): HttpHandler =>
    async (event) => {
      const signed = await signedIn(event);
      if (!signed) return fail(event, "not_signed_in");
      const who = await standingBody(event, signed);
      if (!("user" in who)) return who;
      const view = await load(who, event);
      if (isRefusal(view)) return refused(event, who, view);
      if (isApi(event)) return jsonResponse(200, view);
      const notice = readNotice(event, secure());
      const body = render(view, contextOf(who, true, notice), event);
      if (body === undefined) return fail(event, "not_found", contextOf(who));
      const page = htmlResponse(200, body, [], scripts);
      return notice ? { ...page, cookies: [clearedNotice(secure())] } : page;
    };

  const draftId = (event: Event) => param(event, "draftId");
  const oneDraft = (who: Signed, event: Event) => drafts.draftViewFor(draftDeps(), who.user, draftId(event));
  const rowOf = (view: DraftView, event: Event) =>
    view.rows.find((r) => r.obligationId === param(event, "obligationId"));

  const draftViews = {
    list: draftRead((who) => drafts.draftsView(draftDeps(), who.user), draftsPage),
    draft: draftRead(oneDraft, draftPage),
    // The correction page runs one script, the live preview: its hash is allowed on that page only.
    obligation: draftRead(
      oneDraft,
      (view, ctx, event) => {
        const row = rowOf(view, event);
        return row && draftObligationPage(view, row, ctx);
      },
      DRAFT_PREVIEW_SCRIPTS,
    ),
    units: draftRead(oneDraft, draftUnitsPage),
    // JSON only: the live preview while a row is corrected.
    preview: draftRead(
      (who, event) =>
        drafts.timingPreviewFor(
          draftDeps(),
          who.user,
          draftId(event),
          event.queryStringParameters?.timing ?? "",
        ),
      () => undefined,
    ),
  };

  const draftYamlDownload: HttpHandler = async (event) => {
    const signed = await signedIn(event);
    if (!signed) return fail(event, "not_signed_in");
    const who = await standingBody(event, signed);
    if (!("user" in who)) return who;
    const draft = await drafts.draftFor(draftDeps(), who.user, draftId(event));
    if (isRefusal(draft)) return refused(event, who, draft);
    const file = drafts.draftYaml(draft);
    if (!file.ok) return withNotice(urls.draft(draft.draftId), errorNotice(file));
    const { fileName, yaml } = file;
    return {
      statusCode: 200,
      headers: {
        "content-type": "application/yaml; charset=utf-8",
        "content-disposition": `attachment; filename="${fileName}"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
      body: Buffer.from(yaml, "utf8").toString("base64"),
      isBase64Encoded: true,
    };
  };

  /** Every line of a form field, and each value split at commas: "a, b" and two fields read alike. */
  const listOf = (form: URLSearchParams, name: string) =>
    form
      .getAll(name)
      .flatMap((v) => v.split(/[,\n]/))
      .map((v) => v.trim())
      .filter(Boolean);
  const optional = (form: URLSearchParams, name: string) =>
    form.has(name) ? (form.get(name) ?? "") : undefined;
  const numberOr = (value: string | null) =>
    value && /^\d{4}$/.test(value.trim()) ? Number(value) : undefined;

  /** Summary words of a new draft, for the notice on its page. */
  const madeText = (draft: DraftRecord) => {
    const s = drafts.draftView(draft).summary;
    return `Đã lập bản nháp ${s.planId}: ${s.obligations} nhiệm vụ (${s.dated} có thời hạn), ${s.toReview} mục cần rà soát${
      s.problems > 0 ? `, ${s.problems} lỗi phải sửa trước khi đăng` : ""
    }.`;
  };

  const createDraft: HttpHandler = guarded<Signed>(standingBody, async (who, event, { fields, files }) => {
    const d = draftDeps();
    const planId = (fields.get("planId") ?? "").trim();
    const source = fields.get("source") ?? (files.has("file") ? "document" : "");
    const file = files.get("file");
    const made =
      source === "document"
        ? await drafts.createDraftFromDocument(
            d,
            who.user,
            planId,
            file?.fileName ?? "",
            file?.bytes ?? Buffer.alloc(0),
          )
        : source === "plan"
          ? await drafts.createDraftFromPlan(
              d,
              who.user,
              (fields.get("fromPlanId") ?? "").trim(),
              planId,
              numberOr(fields.get("year")),
            )
          : source === "template"
            ? await drafts.createDraftFromTemplate(
                d,
                who.user,
                (fields.get("templateId") ?? "").trim(),
                planId,
                numberOr(fields.get("year")) ?? Number.NaN,
                fields.get("issuerName") ?? "",
              )
            : undefined;
    if (!made)
      return withNotice(urls.drafts(), {
        kind: "error",
        text: "Chọn cách lập bản nháp: từ văn bản, từ kế hoạch đã đăng, hoặc từ mẫu.",
      });
    if (!made.ok && made.code === "forbidden") return refused(event, who, made);
    return made.ok
      ? withNotice(urls.draft(made.draft.draftId), { kind: "ok", text: madeText(made.draft) })
      : withNotice(urls.drafts(), errorNotice(made));
  });

  /** A change of one draft: refused as its reads are; back to `to` with what happened. */
  const draftAction = <T extends object>(
    run: (who: Signed, event: Event, form: URLSearchParams) => Promise<drafts.DraftResult<T>>,
    to: (event: Event, result?: T) => string,
    done: (result: T) => string,
  ): HttpHandler =>
    guarded<Signed>(standingBody, async (who, event, { fields }) => {
      const result = await run(who, event, fields);
      if (!result.ok)
        return result.code === "forbidden" || result.code === "not-found"
          ? refused(event, who, result)
          : withNotice(to(event), errorNotice(result));
      return withNotice(to(event, result), { kind: "ok", text: done(result) });
    });

  const correctObligation: HttpHandler = guarded<Signed>(standingBody, async (who, event, { fields }) => {
    const correction: drafts.ObligationCorrection = {
      title: fields.get("title") ?? "",
      timing: fields.get("timing") ?? "",
      lead: listOf(fields, "lead"),
      coordinating: listOf(fields, "coordinating"),
      ...(optional(fields, "recipient") !== undefined && { recipient: optional(fields, "recipient") }),
      ...(optional(fields, "place") !== undefined && { place: optional(fields, "place") }),
    };
    const result = await drafts.updateDraftObligation(
      draftDeps(),
      who.user,
      draftId(event),
      param(event, "obligationId"),
      correction,
    );
    if (result.ok)
      return withNotice(urls.draft(draftId(event)), {
        kind: "ok",
        text: result.readable
          ? "Đã lưu nhiệm vụ."
          : "Đã lưu nhiệm vụ. Chưa đọc được thời hạn nên nhiệm vụ chưa có ngày; đã ghi vào mục cần rà soát.",
      });
    if (result.code === "forbidden" || result.code === "not-found") return refused(event, who, result);
    if (!result.fieldErrors)
      return withNotice(
        urls.draftObligation(draftId(event), param(event, "obligationId")),
        errorNotice(result),
      );
    // The form again, with what was typed and what is wrong with it.
    const view = await oneDraft(who, event);
    const row = !isRefusal(view) && rowOf(view, event);
    if (isRefusal(view) || !row) return fail(event, "not_found", contextOf(who));
    const values: Record<string, string> = {
      title: correction.title,
      timing: correction.timing,
      lead: correction.lead.join(", "),
      coordinating: correction.coordinating.join(", "),
      ...(correction.recipient !== undefined && { recipient: correction.recipient }),
      ...(correction.place !== undefined && { place: correction.place }),
    };
    const ctx = contextOf(who, true, { kind: "error", text: result.message });
    return htmlResponse(
      400,
      draftObligationPage(view, row, ctx, { fields: result.fieldErrors, values }),
      [],
      DRAFT_PREVIEW_SCRIPTS,
    );
  });

  return {
    "GET /console": home,
    "GET /console/sign-in": showSignIn,
    "POST /console/sign-in": signIn,
    "POST /console/sign-out": signOut,

    "GET /console/plans/{planId}": views.overview,
    "GET /console/plans/{planId}/heatmap": views.heatmap,
    "GET /console/plans/{planId}/deadlines/{obligationId}/{period}": views.deadline,
    "GET /console/plans/{planId}/submissions/{instanceId}/{receipt}": views.submission,
    "GET /console/plans/{planId}/units/{unitId}": views.unit,
    "GET /console/plans/{planId}/targets": views.targets,
    "GET /console/plans/{planId}/audit": views.audit,
    "GET /console/oversight/{oversightId}": showRanking,

    "POST /console/plans/{planId}/deadlines/{obligationId}/{period}/extend": action(
      (a, e, form) => {
        const unitId = form.get("unitId");
        return extendDeadline(deps().actions, {
          ref: deadlineRef(e),
          until: form.get("until") ?? "",
          ...(unitId && unitId !== "all" && { unitId }),
          actor: actor(a),
          reason: reasonOf(form),
        });
      },
      deadlineUrl,
      "Đã gia hạn.",
    ),
    "POST /console/plans/{planId}/deadlines/{obligationId}/{period}/waive": action(
      (a, e, form) =>
        waiveUnit(deps().actions, {
          ref: deadlineRef(e),
          unitId: form.get("unitId") ?? "",
          actor: actor(a),
          reason: reasonOf(form),
        }),
      deadlineUrl,
      "Đã miễn cho đơn vị.",
    ),
    "POST /console/plans/{planId}/deadlines/{obligationId}/{period}/remind": action(
      (a, e, form) => {
        const unitId = form.get("unitId");
        return remindNow(deps().actions, {
          ref: deadlineRef(e),
          ...(unitId && unitId !== "all" && { unitId }),
          actor: actor(a),
          reason: reasonOf(form),
        });
      },
      deadlineUrl,
      "Đã gửi lời nhắc.",
    ),
    "POST /console/plans/{planId}/submissions/{instanceId}/{receipt}/return": action(
      async (a, e, form) =>
        instanceOf(a, e) &&
        returnVersion(deps().actions, {
          instanceId: param(e, "instanceId"),
          receipt: param(e, "receipt"),
          actor: actor(a),
          reason: reasonOf(form),
        }),
      submissionUrl,
      "Đã trả lại bản nộp; đơn vị đã được báo qua email và tin nhắn.",
    ),
    "POST /console/plans/{planId}/submissions/{instanceId}/{receipt}/accept": action(
      async (a, e, form) =>
        instanceOf(a, e) &&
        acceptVersion(deps().actions, {
          instanceId: param(e, "instanceId"),
          receipt: param(e, "receipt"),
          actor: actor(a),
          reason: reasonOf(form),
        }),
      submissionUrl,
      "Đã chấp nhận bản nộp.",
    ),
    "POST /console/plans/{planId}/units/{unitId}/contacts": action(
      (a, e, form) =>
        editContacts(deps().actions, {
          planId: a.scope.planId,
          unitId: param(e, "unitId"),
          contacts: {
            person: form.get("person") ?? "",
            emails: form.get("emails") ?? "",
            phones: form.get("phones") ?? "",
          },
          actor: actor(a),
          reason: reasonOf(form),
        }),
      (e) => urls.unit(param(e, "planId"), param(e, "unitId")),
      "Đã lưu thông tin liên hệ; lần nhắn tiếp theo sẽ dùng thông tin mới.",
    ),

    "GET /console/plans/{planId}/timeliness.csv": timelinessExport("csv"),
    "GET /console/plans/{planId}/timeliness.xlsx": timelinessExport("xlsx"),
    "GET /console/plans/{planId}/deadlines/{obligationId}/{period}/submissions.csv": submissionsExport("csv"),
    "GET /console/plans/{planId}/deadlines/{obligationId}/{period}/submissions.xlsx":
      submissionsExport("xlsx"),
    "GET /console/plans/{planId}/audit.csv": auditExport("csv"),
    "GET /console/plans/{planId}/audit.xlsx": auditExport("xlsx"),

    "GET /console/drafts": draftViews.list,
    "POST /console/drafts": createDraft,
    "GET /console/drafts/{draftId}": draftViews.draft,
    "GET /console/drafts/{draftId}/obligations/{obligationId}": draftViews.obligation,
    "POST /console/drafts/{draftId}/obligations/{obligationId}": correctObligation,
    "POST /console/drafts/{draftId}/obligations/{obligationId}/remove": draftAction(
      (who, e) => drafts.removeDraftObligation(draftDeps(), who.user, draftId(e), param(e, "obligationId")),
      (e) => urls.draft(draftId(e)),
      () => "Đã bỏ nhiệm vụ khỏi bản nháp.",
    ),
    "GET /console/drafts/{draftId}/units": draftViews.units,
    "POST /console/drafts/{draftId}/units/{unitId}": draftAction(
      (who, e, form) =>
        drafts.setDraftUnitContacts(draftDeps(), who.user, draftId(e), param(e, "unitId"), {
          person: form.get("person") ?? "",
          emails: form.get("emails") ?? "",
          phones: form.get("phones") ?? "",
        }),
      (e) => urls.draftUnits(draftId(e)),
      () => "Đã lưu liên hệ của đơn vị trong bản nháp.",
    ),
    "POST /console/drafts/{draftId}/publish": draftAction(
      (who, e, form) =>
        drafts.publishDraft(draftDeps(), who.user, draftId(e), form.get("reason") ?? "", {
          dropContacts: form.get(DROP_CONTACTS_FIELD) === "yes",
        }),
      (e, published) => (published ? urls.overview(published.planId) : urls.draft(draftId(e))),
      (p) =>
        `Đã đăng kế hoạch ${p.planId}${p.amended ? " (sửa đổi)" : ""}: ${p.expectations} hạn của các đơn vị${
          p.cancelled > 0 ? `, hủy ${p.cancelled} hạn không còn trong kế hoạch` : ""
        }. Lịch nhắc của kế hoạch đã chạy.`,
    ),
    "POST /console/drafts/{draftId}/discard": draftAction(
      (who, e) => drafts.discardDraft(draftDeps(), who.user, draftId(e)),
      () => urls.drafts(),
      () => "Đã bỏ bản nháp.",
    ),
    "GET /console/drafts/{draftId}/plan.yaml": draftYamlDownload,

    "POST /api/console/session": apiSignIn,
    "DELETE /api/console/session": async (event) => {
      const who = await signedIn(event);
      if (!who) return fail(event, "not_signed_in");
      if (!validCsrf(deps().csrf(), who.token, event.headers["x-csrf-token"])) return fail(event, "csrf");
      await deps().auth.signOut(who.token);
      return {
        statusCode: 204,
        headers: { "cache-control": "no-store" },
        cookies: [clearedSessionCookie(secure())],
      };
    },
    "GET /api/console/me": async (event) => {
      const who = await signedIn(event);
      if (!who) return fail(event, "not_signed_in");
      return jsonResponse(200, { user: me(who), csrfToken: who.session.csrfToken });
    },
    "GET /api/console/plans/{planId}/overview": views.overview,
    "GET /api/console/plans/{planId}/timeliness": planRead(
      (a) => reads.timeliness(deps().reads, a.scope.planId, a.year),
      // Served as JSON only (and as CSV/XLSX by the exports).
      () => "",
    ),
    "GET /api/console/plans/{planId}/heatmap": views.heatmap,
    "GET /api/console/plans/{planId}/deadlines/{obligationId}/{period}": views.deadline,
    "GET /api/console/plans/{planId}/submissions/{instanceId}/{receipt}": views.submission,
    "GET /api/console/plans/{planId}/units/{unitId}": views.unit,
    "GET /api/console/plans/{planId}/targets": views.targets,
    "GET /api/console/plans/{planId}/audit": views.audit,
    "GET /api/console/oversight/{oversightId}/ranking": showRanking,
    "GET /api/console/drafts": draftViews.list,
    "GET /api/console/drafts/{draftId}": draftViews.draft,
    "GET /api/console/drafts/{draftId}/preview": draftViews.preview,
  };
}

// A misconfigured function fails its cold start, naming the variable, before it serves anything.
if (inLambdaContainer()) consoleDeps();

export const buildDeps = buildConsoleDeps;
export const handler = httpHandler(makeConsole(consoleDeps), { before: [consoleSecretsLoaded()] });
