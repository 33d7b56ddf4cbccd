/**
 * The console's access-control matrix, on one local stack (the handler served over HTTP as in
 * AWS, cognito-local's tokens, DynamoDB Local): every console route of functions/routes.ts × every
 * principal, each cell's status and where it leads asserted, and every refused request checked to
 * have written nothing (the whole table, the audit log, the SMS and mail outboxes).
 *
 * Principals: the three demo users (standing body and committee of long-bien-2025, viewer of
 * so-y-te-ha-noi), a standing body of another plan and a viewer of another oversight body (made
 * with the users module), and eight that are nobody: no session, a unit's personal link token as
 * the session cookie or as `Authorization: Bearer`, a valid ID token sent as Bearer (the console
 * reads only its cookie), an expired ID token and an altered one (both signed with cognito-local's
 * published key, so that only the expiry or the alteration refuses them), one signed with a key
 * not in the pool's JWKS, and the valid ID token of a user in no role group.
 *
 * Two properties are asserted as they are, by design: a plan outside one's scope answers 403 and
 * one that does not exist 404 (a signed-in user can tell them apart), and signing out clears the
 * cookie but cannot revoke the ID token, which keeps opening the console until it expires
 * (functions/console/auth/console-auth.ts).
 */
import { createHash, createPrivateKey, generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  AdminRemoveUserFromGroupCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { type AttributeValue, ScanCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dynamoClient } from "../../functions/commons/clients";
import { csrfToken } from "../../functions/console/session";
import { createConsoleUser, putConsoleUser } from "../../functions/console/user-pool";
import { planYearFiguresEntity } from "../../functions/data/entities/plan-year-figures";
import { HTTP_ROUTES } from "../../functions/routes";
import { createDraftFromPlan } from "../../functions/use-cases/console/drafts";
import { publishPlan } from "../../functions/use-cases/publish-plan";
import { type LocalStack, startLocalStack, TABLE_NAME } from "../../local/runtime";
import { type DeadlineRef, instanceId } from "../../shared/calendar/instance-id";
import { PlanFile } from "../../shared/plan/schema";
import { linkExpiry, signLink } from "../../shared/submission/link-token";
import { receiptNumber } from "../../shared/submission/receipt";
import { timeliness } from "../../shared/submission/status";
import { lifecyclePlan } from "../support/lifecycle-plan";

// ---- the stack's data ---------------------------------------------------------------------------

/** The virtual clock's start: 20/03/2025, the deadline below still open. */
const START = new Date("2025-03-20T09:00:00+07:00");
const PLAN = "long-bien-2025";
const PLAN_TITLE = "quận Long Biên năm 2025";
const OVERSIGHT = "so-y-te-ha-noi";
const OTHER_PLAN = "other-plan";
const OTHER_OVERSIGHT = "so-y-te-hai-phong";
const MISSING_PLAN = "khong-co-ke-hoach";
/** Next year's plan: the demo standing body's second plan, drafted in the console. */
const NEXT_PLAN = "long-bien-2026";
/** Owed by the 14 wards of Long Biên by 31/03/2025. */
const DEADLINE: DeadlineRef = { planId: PLAN, obligationId: "danh-sach-nguoi-cao-tuoi", period: "2025" };
const OTHER_DEADLINE: DeadlineRef = { planId: OTHER_PLAN, obligationId: "bao-cao", period: "2025" };
/** In the submission stored for the matrix: shown to those who may read it, to nobody else. */
const MARKER = "Danh sách rà soát MA-TRẬN-7431";
const PASSWORD = "MaTran-Truy-Cap-2025!";

/** A second plan, under another oversight body: "another plan" of the cross-plan cells. */
const otherPlan = PlanFile.parse({
  ...lifecyclePlan,
  id: OTHER_PLAN,
  title: "Kế hoạch của một xã khác",
  oversight: { id: OTHER_OVERSIGHT, name: "Sở Y tế Hải Phòng" },
});

/** Which unit each action is taken on: each its own, so none stands in another's way. */
const UNITS = {
  submitted: "p-bo-de",
  waive: "p-cu-khoi",
  remind: "p-duc-giang",
  extend: "p-gia-thuy",
  /** Its personal link is the one sent to the console. */
  link: "p-thach-ban",
} as const;

// ---- principals ---------------------------------------------------------------------------------

const SIGNED_OUT = [
  "anonymous",
  "link-cookie",
  "link-bearer",
  "id-token-bearer",
  "expired",
  "forged",
  "tampered",
  "no-role",
] as const;
const SIGNED_IN = ["standing-body", "committee", "viewer", "other-standing-body", "other-viewer"] as const;
const PRINCIPALS = [...SIGNED_OUT, ...SIGNED_IN] as const;
type Who = (typeof PRINCIPALS)[number];
type SignedIn = (typeof SIGNED_IN)[number];

const EMAILS: Record<SignedIn, string> = {
  "standing-body": "vanphong@longbien.example.org",
  committee: "bcd@longbien.example.org",
  viewer: "soyte@hanoi.example.org",
  "other-standing-body": "vanphong@xa-khac.example.org",
  "other-viewer": "soyte@haiphong.example.org",
};

/** What a principal sends: a session cookie, an Authorization header, and the session token its CSRF token is made from. */
interface Credentials {
  cookie?: string;
  bearer?: string;
  session?: string;
}

// ---- the expectation table ----------------------------------------------------------------------

/**
 * A route's class, from its key: its method, whether it is under /api, and which path parameters
 * it names. The fixed routes are named one by one; a route of any other shape has no class, and
 * the first case fails until the matrix gets a row for it.
 */
type RouteClass =
  | "plan-page"
  | "plan-export"
  | "plan-json"
  | "plan-action"
  | "ranking-page"
  | "ranking-json"
  | "home"
  | "sign-in-page"
  | "sign-in"
  | "api-sign-in"
  | "sign-out"
  | "api-sign-out"
  | "me"
  // Plan intake: the standing body's drafts (functions/use-cases/console/drafts).
  | "drafts-page"
  | "drafts-json"
  | "drafts-create"
  | "draft-page"
  | "draft-export"
  | "draft-json"
  | "draft-action";

const FIXED_ROUTES: Record<string, RouteClass> = {
  "GET /console": "home",
  "GET /console/sign-in": "sign-in-page",
  "POST /console/sign-in": "sign-in",
  "POST /api/console/session": "api-sign-in",
  "POST /console/sign-out": "sign-out",
  "DELETE /api/console/session": "api-sign-out",
  "GET /api/console/me": "me",
  "GET /console/drafts": "drafts-page",
  "GET /api/console/drafts": "drafts-json",
  "POST /console/drafts": "drafts-create",
};

function classOf(routeKey: string): RouteClass | undefined {
  const [method, path = ""] = routeKey.split(" ");
  const api = path.startsWith("/api/");
  if (path.includes("{planId}")) {
    if (method === "GET") return api ? "plan-json" : /\.(csv|xlsx)$/.test(path) ? "plan-export" : "plan-page";
    if (method === "POST" && !api) return "plan-action";
    return undefined;
  }
  if (path.includes("{oversightId}") && method === "GET") return api ? "ranking-json" : "ranking-page";
  if (path.includes("{draftId}")) {
    if (method === "GET") return api ? "draft-json" : path.endsWith(".yaml") ? "draft-export" : "draft-page";
    if (method === "POST" && !api) return "draft-action";
    return undefined;
  }
  return FIXED_ROUTES[routeKey];
}

/**
 * What a cell answers:
 *   200            the page (HTML), the download (attachment) or the JSON of the route
 *   sign-in        303 to /console/sign-in, with ?next=<the path> for a GET; no cookie set
 *   401            JSON { error: { code: "not_signed_in" } }
 *   403 / 404      refused: the console's error page, or JSON { error: { code } } under /api
 *   403 csrf       refused as a stale form (the CSRF token), page or JSON
 *   done           303 back to the page acted from, with an "ok" notice cookie
 *   done draft     303 to a console page (the draft, its units, the drafts, the published plan), an "ok" notice
 *   error notice   303 back with an "error" notice cookie: refused by the use case, nothing written
 *   303 <path>     a redirect there
 *   sign-in form   200, the sign-in page
 *   bad sign-in    401, the sign-in page saying the email or password is wrong; no cookie
 *   400            JSON { error: { code: "bad_request" } }
 *   signed out     303 to /console/sign-in, clearing the session cookie
 *   204 signed out 204, clearing the session cookie
 * Actions are sent with the principal's own valid CSRF token (none for those with no session),
 * so that a refusal there is the role's or the scope's; the CSRF cells are their own case below.
 * Sign-in posts are sent with empty credentials: the cookie a principal carries changes nothing.
 */
type Expect =
  | "200"
  | "sign-in"
  | "401"
  | "403"
  | "403 csrf"
  | "404"
  | "done"
  | "done draft"
  | "error notice"
  | `303 ${string}`
  | "sign-in form"
  | "bad sign-in"
  | "400"
  | "signed out"
  | "204 signed out";

const TO_LB = "303 /console/plans/long-bien-2025";
const TO_HN = "303 /console/oversight/so-y-te-ha-noi";
const TO_OTHER = "303 /console/plans/other-plan";
const TO_HP = "303 /console/oversight/so-y-te-hai-phong";
const HOME = "303 /console";
const BAD = "bad sign-in";
const OUT = "signed out";
const OUT_204 = "204 signed out";
const OUT_8 = <E extends Expect>(e: E) => [e, e, e, e, e, e, e, e] as const;

// Columns: the eight signed-out principals (in SIGNED_OUT order), then standing-body, committee,
// viewer, other-standing-body, other-viewer. Paths are filled with long-bien-2025's ids (its
// oversight body so-y-te-ha-noi for the rankings).
// biome-ignore format: a table reads best aligned
const MATRIX: Record<RouteClass, readonly Expect[]> = {
  //              the 8 signed out              standing   committee  viewer     other-sb   other-viewer
  "plan-page":    [...OUT_8("sign-in"),         "200",     "200",     "200",     "403",     "403"],
  "plan-export":  [...OUT_8("sign-in"),         "200",     "200",     "200",     "403",     "403"],
  "plan-json":    [...OUT_8("401"),             "200",     "200",     "200",     "403",     "403"],
  "plan-action":  [...OUT_8("sign-in"),         "done",    "403",     "403",     "403",     "403"],
  "ranking-page": [...OUT_8("sign-in"),         "403",     "403",     "200",     "403",     "403"],
  "ranking-json": [...OUT_8("401"),             "403",     "403",     "200",     "403",     "403"],
  home:           [...OUT_8("sign-in"),         TO_LB,     TO_LB,     TO_HN,     TO_OTHER,  TO_HP],
  "sign-in-page": [...OUT_8("sign-in form"),    HOME,      HOME,      HOME,      HOME,      HOME],
  "sign-in":      [...OUT_8("bad sign-in"),     BAD,       BAD,       BAD,       BAD,       BAD],
  "api-sign-in":  [...OUT_8("400"),             "400",     "400",     "400",     "400",     "400"],
  "sign-out":     [...OUT_8("signed out"),      OUT,       OUT,       OUT,       OUT,       OUT],
  "api-sign-out": [...OUT_8("401"),             OUT_204,   OUT_204,   OUT_204,   OUT_204,   OUT_204],
  me:             [...OUT_8("401"),             "200",     "200",     "200",     "200",     "200"],
  // Drafts are the standing body's, of its own plans: the committee and viewers are refused them all.
  "drafts-page":  [...OUT_8("sign-in"),         "200",     "403",     "403",     "200",     "403"],
  "drafts-json":  [...OUT_8("401"),             "200",     "403",     "403",     "200",     "403"],
  "drafts-create":[...OUT_8("sign-in"),         "done draft", "403",  "403",     "403",     "403"],
  "draft-page":   [...OUT_8("sign-in"),         "200",     "403",     "403",     "403",     "403"],
  "draft-export": [...OUT_8("sign-in"),         "200",     "403",     "403",     "403",     "403"],
  "draft-json":   [...OUT_8("401"),             "200",     "403",     "403",     "403",     "403"],
  "draft-action": [...OUT_8("sign-in"),         "done draft", "403",  "403",     "403",     "403"],
};

const expected = (cls: RouteClass, who: Who): Expect => {
  const e = MATRIX[cls][PRINCIPALS.indexOf(who)];
  if (!e) throw new Error(`no cell for ${cls} × ${who}`);
  return e;
};

const CONSOLE_ROUTES = HTTP_ROUTES.filter((r) => r.handler === "console").map((r) => r.routeKey);

// ---- requests and their checks -----------------------------------------------------------------

interface Ids {
  planId: string;
  /** A draft of long-bien-2026 (next year's plan, moved from long-bien-2025): its obligation and unit ids are 2025's. */
  draftId: string;
  obligationId: string;
  period: string;
  instanceId: string;
  receipt: string;
  unitId: string;
  oversightId: string;
}

function fill(routeKey: string, ids: Ids): { method: string; path: string } {
  const [method = "", template = ""] = routeKey.split(" ");
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = ids[name as keyof Ids];
    if (value === undefined) throw new Error(`no id for {${name}} in ${routeKey}`);
    return encodeURIComponent(value);
  });
  return { method, path };
}

/** The form of each action, made so that the standing body's succeeds. */
function actionForm(path: string): Record<string, string> {
  const action = path.split("/").at(-1);
  const reason = "Kiểm tra ma trận quyền truy cập";
  if (path === "/console/drafts")
    return { source: "plan", fromPlanId: PLAN, planId: NEXT_PLAN, year: "2026" };
  if (path.startsWith("/console/drafts/")) {
    if (/\/obligations\/[^/]+$/.test(path))
      return {
        title: "Lập danh sách người cao tuổi",
        timing: "hoàn thành chậm nhất vào tháng 3",
        lead: "p-bo-de",
      };
    if (/\/units\/[^/]+$/.test(path)) return { person: "Ma Trận", emails: "ma-tran@example.org", phones: "" };
    return {};
  }
  switch (action) {
    case "extend":
      return { until: "2025-04-15", unitId: UNITS.extend, reason };
    case "waive":
      return { unitId: UNITS.waive, reason };
    case "remind":
      return { unitId: UNITS.remind, reason };
    case "return":
    case "accept":
      return { reason };
    case "contacts":
      return {
        person: "Nguyễn Văn Ma Trận",
        emails: "ma-tran@example.org",
        phones: "0912 345 678",
        reason,
      };
    default:
      throw new Error(`no form for the action ${action}`);
  }
}

interface Answer {
  status: number;
  location: string | null;
  contentType: string;
  disposition: string | null;
  setCookies: string[];
  text: string;
}

interface Sent {
  form?: Record<string, string>;
  json?: unknown;
  headers?: Record<string, string>;
}

/** Signs of internals a response must never show: stack frames, source paths, error class names. */
const INTERNALS =
  /\n\s+at\s|node:internal|node_modules|\/work\/|\.(ts|js):\d+|\b(TypeError|ReferenceError|RangeError|SyntaxError)\b/;

/** Problems of one cell's answer; none when it answers as expected. */
function problems(cell: string, method: string, path: string, exp: Expect, a: Answer): string[] {
  const out: string[] = [];
  const fail = (what: string) => out.push(`${cell}: expected ${exp}, ${what}`);
  const api = path.startsWith("/api/");
  const json = () => {
    try {
      return JSON.parse(a.text) as { error?: { code?: string } } & Record<string, unknown>;
    } catch {
      fail(`got a body that is not JSON (${a.contentType})`);
      return {};
    }
  };
  const sessionSet = a.setCookies.filter((c) => /^hanchot-console=[^;]+/.test(c));
  const cleared = a.setCookies.some((c) => /^hanchot-console=;.*Max-Age=0/.test(c));
  const status = (s: number) => {
    if (a.status !== s) fail(`got ${a.status} (location ${a.location ?? "-"}) ${a.text.slice(0, 160)}`);
  };
  const errorCode = (code: string, title: RegExp) => {
    if (api) {
      if (json().error?.code !== code) fail(`got error code ${json().error?.code}`);
    } else if (!a.contentType.startsWith("text/html") || !title.test(a.text))
      fail(`got a page without ${title}`);
  };
  const notice = (kind: "ok" | "error") => {
    status(303);
    const back = path.slice(0, path.lastIndexOf("/"));
    if (a.location !== back) fail(`went to ${a.location}, not back to ${back}`);
    const cookie = a.setCookies.find((c) => c.startsWith("hanchot-notice="));
    const value = cookie?.slice("hanchot-notice=".length).split(";")[0] ?? "";
    const told = value
      ? (JSON.parse(Buffer.from(value, "base64url").toString()) as { kind: string; text: string })
      : undefined;
    if (told?.kind !== kind) fail(`got the notice ${JSON.stringify(told)}`);
  };

  if (a.status >= 500) fail(`got ${a.status}`);
  if (!a.disposition?.includes("attachment") && INTERNALS.test(a.text)) fail("the body shows internals");
  if (sessionSet.length > 0) fail("a session cookie was set");
  // Nothing of the plan reaches a refused principal.
  if (a.status >= 300 && (a.text.includes(MARKER) || a.text.includes(PLAN_TITLE)))
    fail("a refusal shows the plan's data");

  if (exp === "200") {
    status(200);
    if (api) {
      if (!a.contentType.startsWith("application/json")) fail(`got ${a.contentType}`);
    } else if (/\.(csv|xlsx|yaml)$/.test(path)) {
      if (!a.disposition?.startsWith("attachment")) fail(`got no attachment (${a.disposition})`);
    } else if (!a.contentType.startsWith("text/html") || !a.text.startsWith("<!doctype html>"))
      fail(`got ${a.contentType}`);
    if (path.includes("/submissions/") && !path.endsWith(".xlsx") && !a.text.includes(MARKER))
      fail("the submission's content is missing");
  } else if (exp === "sign-in") {
    status(303);
    const to = method === "GET" ? `/console/sign-in?next=${encodeURIComponent(path)}` : "/console/sign-in";
    if (a.location !== to) fail(`went to ${a.location}, not ${to}`);
  } else if (exp === "401") {
    status(401);
    if (!a.contentType.startsWith("application/json") || json().error?.code !== "not_signed_in")
      fail(`got ${a.contentType} ${a.text.slice(0, 120)}`);
  } else if (exp === "403") {
    status(403);
    errorCode("forbidden", /Không có quyền/);
  } else if (exp === "403 csrf") {
    status(403);
    errorCode("csrf", /Biểu mẫu đã cũ/);
  } else if (exp === "404") {
    status(404);
    errorCode("not_found", /Không tìm thấy/);
  } else if (exp === "done") notice("ok");
  else if (exp === "done draft") {
    status(303);
    if (!/^\/console(\/|$)/.test(a.location ?? "")) fail(`went to ${a.location}`);
    const cookie = a.setCookies.find((c) => c.startsWith("hanchot-notice="));
    const value = cookie?.slice("hanchot-notice=".length).split(";")[0] ?? "";
    const told = value
      ? (JSON.parse(Buffer.from(value, "base64url").toString()) as { kind: string })
      : undefined;
    if (told?.kind !== "ok") fail(`got the notice ${JSON.stringify(told)}`);
  } else if (exp === "error notice") notice("error");
  else if (exp === "sign-in form") {
    status(200);
    if (!a.text.includes('action="/console/sign-in"')) fail("got no sign-in form");
  } else if (exp === "bad sign-in") {
    status(401);
    if (!a.text.includes("Email hoặc mật khẩu không đúng.")) fail("got no wrong-credentials message");
  } else if (exp === "400") {
    status(400);
    if (json().error?.code !== "bad_request") fail(`got ${a.text.slice(0, 120)}`);
  } else if (exp === "signed out") {
    status(303);
    if (a.location !== "/console/sign-in" || !cleared) fail(`went to ${a.location}, cleared: ${cleared}`);
  } else if (exp === "204 signed out") {
    status(204);
    if (!cleared) fail("the session cookie was not cleared");
  } else {
    status(303);
    if (a.location !== exp.slice(4)) fail(`went to ${a.location}`);
  }
  return out;
}

/** Runs `work` over `items`, at most `limit` at a time (two cores shared: a few requests in flight). */
async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// ---- tokens -------------------------------------------------------------------------------------

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()) as Record<string, unknown>;

function signJwt(key: KeyObject, header: object, payload: object): string {
  const data = `${b64(header)}.${b64(payload)}`;
  return `${data}.${sign("sha256", Buffer.from(data), key).toString("base64url")}`;
}

/** The key every cognito-local signs with, published in its package (local/cognito-local.ts). */
function cognitoLocalKey(): KeyObject {
  const require = createRequire(import.meta.url);
  const file = join(
    dirname(require.resolve("cognito-local/package.json")),
    "lib",
    "keys",
    "cognitoLocal.private.json",
  );
  return createPrivateKey((JSON.parse(readFileSync(file, "utf8")) as { pem: string }).pem);
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** JSON with every object's keys in order, at every depth: the same item always reads the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value) ?? "null";
}

// ---- the suite ----------------------------------------------------------------------------------

describe("the console's access-control matrix on the local stack", () => {
  let stack: LocalStack;
  const creds = {} as Record<Who, Credentials>;
  let lb: Ids;
  let other: Ids;
  let linkToken: string;
  let scan: ReturnType<typeof dynamoClient>;

  const signIn = async (email: string, password: string) => {
    const result = await stack.consoleAuth.signIn(email, password);
    if (!result.ok) throw new Error(`${email}: ${result.reason}`);
    return result.token;
  };
  const passwordOf = (who: SignedIn) =>
    stack.demoUsers.find((u) => u.email === EMAILS[who])?.password ?? PASSWORD;
  const cookieOf = (token: string) => `hanchot-console=${token}`;
  const csrfOf = (token: string | undefined) => (token ? csrfToken(stack.csrfKeys, token) : undefined);
  const freshSession = async (who: SignedIn): Promise<Credentials> => {
    const token = await signIn(EMAILS[who], passwordOf(who));
    return { cookie: cookieOf(token), session: token };
  };

  async function send(method: string, path: string, c: Credentials, sent: Sent = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...sent.headers };
    if (c.cookie) headers.cookie = c.cookie;
    if (c.bearer) headers.authorization = `Bearer ${c.bearer}`;
    let body: string | undefined;
    if (sent.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(sent.form).toString();
    } else if (sent.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(sent.json);
    }
    const res = await fetch(`${stack.baseUrl}${path}`, { method, headers, body, redirect: "manual" });
    const buffer = Buffer.from(await res.arrayBuffer());
    return {
      status: res.status,
      location: res.headers.get("location"),
      contentType: res.headers.get("content-type") ?? "",
      disposition: res.headers.get("content-disposition"),
      setCookies: res.headers.getSetCookie(),
      text: buffer.toString("utf8"),
    };
  }

  /** One cell: the route filled with `ids`, sent as `who` sends it (with its own CSRF token on a POST or DELETE). */
  async function cell(who: Who, routeKey: string, ids: Ids, exp: Expect, given: Credentials = creds[who]) {
    const { method, path } = fill(routeKey, ids);
    const cls = classOf(routeKey);
    // Signing out with a session of its own: the principal's shared one stays as it was, whatever
    // signing out may do to a token one day.
    const c =
      (cls === "sign-out" || cls === "api-sign-out") && (SIGNED_IN as readonly string[]).includes(who)
        ? await freshSession(who as SignedIn)
        : given;
    const csrf = csrfOf(c.session);
    const sent: Sent =
      cls === "plan-action" || cls === "draft-action" || cls === "drafts-create"
        ? { form: { ...actionForm(path), ...(csrf && { csrf }) } }
        : cls === "sign-out"
          ? { form: csrf ? { csrf } : {} }
          : cls === "api-sign-out"
            ? { headers: csrf ? { "x-csrf-token": csrf } : {} }
            : cls === "sign-in"
              ? { form: { email: "", password: "" } }
              : cls === "api-sign-in"
                ? { json: {} }
                : {};
    const answer = await send(method, path, c, sent);
    return problems(`${who} ${method} ${path}`, method, path, exp, answer);
  }

  /** Everything a refused request could have written: the whole table, and what was sent. */
  async function written(): Promise<string> {
    const items: string[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await scan.send(new ScanCommand({ TableName: TABLE_NAME, ExclusiveStartKey: start }));
      // Not the ranking's figures snapshots: a cache of what any viewer's ranking computes, put
      // by the ranking page itself (functions/use-cases/console/reads.ts), never a fact.
      for (const item of page.Items ?? [])
        if (item.type?.S !== planYearFiguresEntity.type) items.push(canonical(item));
      start = page.LastEvaluatedKey;
    } while (start);
    const digest = createHash("sha256").update(items.sort().join("\n")).digest("hex");
    const audit = await stack.data.consoleActions.auditLog(PLAN);
    return JSON.stringify({
      items: items.length,
      digest,
      audit: audit.length,
      // What was sent, without the pages' "now".
      sms: (stack.sms.toJson() as { messages: unknown[] }).messages,
      mail: (stack.mail?.toJson() as { messages: unknown[] } | undefined)?.messages,
    });
  }

  /** The cells of a principal, asserted together (every problem listed), and nothing written by them. */
  async function assertCells(cells: ReadonlyArray<{ who: Who; routeKey: string; ids: Ids; exp: Expect }>) {
    const before = await written();
    const found = (await mapLimit(cells, 4, (x) => cell(x.who, x.routeKey, x.ids, x.exp))).flat();
    expect(found).toEqual([]);
    expect(await written()).toBe(before);
    return cells.length;
  }

  beforeAll(async () => {
    stack = await startLocalStack({
      planFile: `plans/${PLAN}.yaml`,
      port: 0,
      startAt: START,
      workflows: false,
      log: () => {},
    });
    scan = dynamoClient({
      endpoint: stack.dynamodbEndpoint,
      region: "ap-southeast-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    await publishPlan(stack.data, otherPlan, stack.now());

    // One submission in each plan, stored as the submission API stores it.
    const store = async (ref: DeadlineRef, unitId: string) => {
      const definition = await stack.data.deadlines.definition(ref);
      if (!definition) throw new Error(`no deadline ${JSON.stringify(ref)}`);
      const id = instanceId({ ...ref, unitId });
      const receipt = receiptNumber(id, "ma-tran");
      const submittedAt = stack.now();
      const recorded = await stack.data.deadlines.recordSubmission({
        instanceId: id,
        year: definition.year,
        dueAt: definition.dueAt,
        receipt,
        submittedAt,
        timeliness: timeliness(submittedAt.getTime(), definition.dueAt),
        submitter: { name: "Trần Thị Ma Trận", phone: "+84912345678" },
        fields: { "so-nguoi-cao-tuoi": 1234, "ghi-chu": MARKER },
        idempotencyKey: "ma-tran",
      });
      expect(recorded.outcome).toBe("created");
      return { instanceId: id, receipt };
    };
    const mine = await store(DEADLINE, UNITS.submitted);
    const theirs = await store(OTHER_DEADLINE, "thon-a");
    // Next year's plan drafted by Long Biên's standing body (as the console's form would).
    const drafted = await createDraftFromPlan(
      { data: stack.data, now: stack.now, calendar: { start: async () => {} } },
      {
        id: "vanphong",
        email: EMAILS["standing-body"],
        role: "standing-body",
        plans: [PLAN, NEXT_PLAN],
        oversight: [],
      },
      PLAN,
      NEXT_PLAN,
      2026,
    );
    if (!drafted.ok) throw new Error(drafted.message);
    const draftId = drafted.draft.draftId;
    lb = { ...DEADLINE, ...mine, unitId: UNITS.submitted, oversightId: OVERSIGHT, draftId };
    other = { ...OTHER_DEADLINE, ...theirs, unitId: "thon-a", oversightId: OTHER_OVERSIGHT, draftId };

    // The other plan's users, and one in no role group.
    const { client, userPoolId, clientId } = stack.engines.cognito;
    await putConsoleUser(client, userPoolId, {
      email: EMAILS["other-standing-body"],
      name: "Trạm Y tế xã khác",
      role: "standing-body",
      plans: [OTHER_PLAN],
      oversight: [],
      password: PASSWORD,
    });
    await putConsoleUser(client, userPoolId, {
      email: EMAILS["other-viewer"],
      name: "Sở Y tế Hải Phòng",
      role: "viewer",
      plans: [],
      oversight: [OTHER_OVERSIGHT],
      password: PASSWORD,
    });
    const noRole = "khong-vai-tro@longbien.example.org";
    await createConsoleUser(
      client,
      userPoolId,
      { email: noRole, role: "viewer", plans: [], oversight: [OVERSIGHT] },
      { permanent: PASSWORD },
    );
    await client.send(
      new AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username: noRole, GroupName: "viewer" }),
    );
    const noRoleAuth = await client.send(
      new InitiateAuthCommand({
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: clientId,
        AuthParameters: { USERNAME: noRole, PASSWORD },
      }),
    );
    const noRoleToken = noRoleAuth.AuthenticationResult?.IdToken ?? "";

    for (const who of SIGNED_IN) creds[who] = await freshSession(who);
    const standing = creds["standing-body"].session ?? "";
    const committee = creds.committee.session ?? "";

    // The ID tokens that are nobody. Signed with cognito-local's own key, a copy with a fresh
    // expiry is accepted (the control): so the expired one is refused for its expiry only.
    const key = cognitoLocalKey();
    const header = { alg: "RS256", typ: "JWT", kid: "CognitoLocal" };
    const fresh = signJwt(key, header, { ...claimsOf(standing), jti: "ma-tran-fresh" });
    expect(await stack.consoleAuth.verify(fresh)).toMatchObject({ email: EMAILS["standing-body"] });
    const past = nowSeconds() - 7200;
    const expired = signJwt(key, header, {
      ...claimsOf(standing),
      iat: past,
      auth_time: past,
      exp: past + 3600,
    });
    const { privateKey: strangerKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const forged = signJwt(strangerKey, header, claimsOf(standing));
    // The committee's own token, made a standing body's after signing.
    const [head, , signature] = committee.split(".");
    const tampered = `${head}.${b64({ ...claimsOf(committee), "cognito:groups": ["standing-body"] })}.${signature}`;
    for (const token of [expired, forged, tampered, noRoleToken])
      expect(await stack.consoleAuth.verify(token)).toBeUndefined();
    expect(claimsOf(noRoleToken)).toMatchObject({ email: noRole, token_use: "id" });

    linkToken = signLink(stack.keyring, {
      instanceId: instanceId({ ...DEADLINE, unitId: UNITS.link }),
      unitId: UNITS.link,
      expiresAt: linkExpiry("2025-04-01T00:00:00+07:00", stack.now()),
    });
    Object.assign(creds, {
      anonymous: {},
      "link-cookie": { cookie: cookieOf(linkToken) },
      "link-bearer": { bearer: linkToken },
      "id-token-bearer": { bearer: standing },
      expired: { cookie: cookieOf(expired), session: expired },
      forged: { cookie: cookieOf(forged), session: forged },
      tampered: { cookie: cookieOf(tampered), session: tampered },
      "no-role": { cookie: cookieOf(noRoleToken), session: noRoleToken },
    } satisfies Record<(typeof SIGNED_OUT)[number], Credentials>);
  }, 120_000);

  afterAll(async () => {
    scan?.destroy();
    await stack?.stop();
  });

  /** Every console route's cell for `who`, long-bien-2025's ids, except the classes left out. */
  const rowCells = (who: Who, except: RouteClass[] = []) =>
    CONSOLE_ROUTES.filter((r) => !except.includes(classOf(r) as RouteClass)).map((routeKey) => ({
      who,
      routeKey,
      ids: lb,
      exp: expected(classOf(routeKey) as RouteClass, who),
    }));

  it("has a class, and so a row of the matrix, for every console route of the table", () => {
    const unclassified = CONSOLE_ROUTES.filter((r) => classOf(r) === undefined);
    expect(unclassified).toEqual([]);
    expect(new Set(CONSOLE_ROUTES.map(classOf))).toEqual(new Set(Object.keys(MATRIX)));
    for (const row of Object.values(MATRIX)) expect(row).toHaveLength(PRINCIPALS.length);
    // The six actions the console offers the standing body.
    expect(CONSOLE_ROUTES.filter((r) => classOf(r) === "plan-action")).toHaveLength(6);
  });

  it.each(SIGNED_OUT)(
    "%s: is nobody on every console route (sign-in redirect, 401 JSON), and writes nothing",
    async (who) => {
      await assertCells(rowCells(who));
    },
  );

  it.each(["committee", "viewer", "other-standing-body", "other-viewer"] as const)(
    "%s: reads, acts and ranks on long-bien-2025 as its role and scope allow, and writes nothing",
    async (who) => {
      await assertCells(rowCells(who));
    },
  );

  it("standing-body: reads every page, export and JSON of its plan, is refused the ranking, and writes nothing by reading", async () => {
    await assertCells(rowCells("standing-body", ["plan-action", "draft-action", "drafts-create"]));
  });

  it("standing-body: each action with its session's CSRF token goes back with an ok notice and one audit entry", async () => {
    const actions = CONSOLE_ROUTES.filter((r) => classOf(r) === "plan-action");
    const before = await stack.data.consoleActions.auditLog(PLAN);
    const table = async () => (JSON.parse(await written()) as { digest: string }).digest;
    const tableBefore = await table();
    // In turn: the return and the accept are of the same version.
    for (const routeKey of actions) {
      const found = await cell("standing-body", routeKey, lb, expected("plan-action", "standing-body"));
      expect(found).toEqual([]);
    }
    const after = await stack.data.consoleActions.auditLog(PLAN);
    expect(after.length - before.length).toBe(actions.length);
    expect(
      after
        .slice(before.length)
        .map((e) => e.action)
        .sort(),
    ).toEqual(["accept", "edit-contacts", "extend", "remind-now", "return", "waive"].sort());
    expect(new Set(after.slice(before.length).map((e) => e.actor.email))).toEqual(
      new Set([EMAILS["standing-body"]]),
    );
    // The control of every "nothing written" above: the table's digest does see writes.
    expect(await table()).not.toBe(tableBefore);
  });

  it("standing-body: drafts a plan, corrects its draft, publishes it and discards another, each with an ok notice", async () => {
    const draftActions = CONSOLE_ROUTES.filter((r) => classOf(r) === "draft-action");
    // Corrections first, then the publication (the draft goes), then a new draft to discard.
    const order = ["/obligations/{obligationId}", "/units/{unitId}", "/remove", "/publish"];
    const rank = (r: string) => order.findIndex((o) => r.endsWith(o));
    const first = draftActions.filter((r) => rank(r) >= 0).sort((a, b) => rank(a) - rank(b));
    expect(first).toHaveLength(4);
    for (const routeKey of first)
      expect(await cell("standing-body", routeKey, lb, "done draft"), routeKey).toEqual([]);
    expect(await stack.data.plans.record(NEXT_PLAN)).toMatchObject({ year: 2026 });
    expect((await stack.data.consoleActions.auditLog(NEXT_PLAN)).map((e) => e.action)).toEqual([
      "publish-plan",
    ]);
    expect(await cell("standing-body", "POST /console/drafts", lb, "done draft")).toEqual([]);
    const [fresh] = await stack.data.drafts.ofPlan(NEXT_PLAN);
    if (!fresh) throw new Error("no new draft");
    const discard = draftActions.find((r) => r.endsWith("/discard")) ?? "";
    expect(await cell("standing-body", discard, { ...lb, draftId: fresh.draftId }, "done draft")).toEqual([]);
    expect(await stack.data.drafts.ofPlan(NEXT_PLAN)).toEqual([]);
    // Every draft route had a cell above.
    expect(first.length + 1).toBe(draftActions.length);
  });

  it("refuses an action, a sign-out or a JSON sign-out without the session's CSRF token (none, another session's, forged): 403, nothing written", async () => {
    const standing = creds["standing-body"];
    const second = await signIn(EMAILS["standing-body"], passwordOf("standing-body"));
    const key = stack.csrfKeys.current;
    const variants: Array<[string, string | undefined]> = [
      ["none", undefined],
      // The same user's other session: the token is bound to the session, not to the user.
      ["another session's", csrfOf(second)],
      ["the committee's", csrfOf(creds.committee.session)],
      ["forged", `${key}.${"A".repeat(43)}`],
      ["under an unknown key", `k-unknown.${(csrfOf(standing.session) ?? "").split(".")[1]}`],
    ];
    let cells = 0;
    const found: string[] = [];
    const before = await written();
    for (const [name, csrf] of variants) {
      for (const routeKey of CONSOLE_ROUTES) {
        const cls = classOf(routeKey);
        const { method, path } = fill(routeKey, lb);
        const label = `standing-body, CSRF ${name}: ${method} ${path}`;
        let answer: Answer | undefined;
        if (cls === "plan-action" || cls === "draft-action" || cls === "drafts-create")
          answer = await send(method, path, standing, {
            form: { ...actionForm(path), ...(csrf && { csrf }) },
          });
        else if (cls === "sign-out")
          answer = await send(method, path, standing, { form: csrf ? { csrf } : {} });
        else if (cls === "api-sign-out")
          answer = await send(method, path, standing, { headers: csrf ? { "x-csrf-token": csrf } : {} });
        if (!answer) continue;
        cells++;
        found.push(...problems(label, method, path, "403 csrf", answer));
        if (answer.setCookies.some((c) => c.startsWith("hanchot-console=")))
          found.push(`${label}: the session cookie was touched`);
      }
    }
    // The CSRF token is checked before the role: a committee member's action without one is a stale form too.
    for (const routeKey of CONSOLE_ROUTES.filter((r) => classOf(r) === "plan-action")) {
      const { method, path } = fill(routeKey, lb);
      cells++;
      const answer = await send(method, path, creds.committee, { form: actionForm(path) });
      found.push(...problems(`committee, no CSRF: ${method} ${path}`, method, path, "403 csrf", answer));
    }
    expect(found).toEqual([]);
    const posts = CONSOLE_ROUTES.filter((r) =>
      ["plan-action", "draft-action", "drafts-create"].includes(classOf(r) ?? ""),
    );
    expect(cells).toBe(variants.length * (posts.length + 2) + 6);
    expect(await written()).toBe(before);
  });

  it("across plans: another plan is 403, a plan that does not exist 404, another plan's instance, deadline or unit under this plan's path is not found; nothing written", async () => {
    const planRoutes = CONSOLE_ROUTES.filter((r) => (classOf(r) ?? "").startsWith("plan-"));
    const reads = planRoutes.filter((r) => classOf(r) !== "plan-action");
    const cells: Array<{ who: Who; routeKey: string; ids: Ids; exp: Expect }> = [];
    // Long Biên's users on the other plan (its own ids): refused, actions too (with a valid CSRF token).
    for (const who of ["standing-body", "committee", "viewer"] as const)
      for (const routeKey of planRoutes) cells.push({ who, routeKey, ids: other, exp: "403" });
    // The other plan's users on their own plan: read it (the control that they are real users).
    for (const who of ["other-standing-body", "other-viewer"] as const)
      for (const routeKey of reads) cells.push({ who, routeKey, ids: other, exp: "200" });
    for (const routeKey of planRoutes.filter((r) => classOf(r) === "plan-action"))
      cells.push({ who: "other-viewer", routeKey, ids: other, exp: "403" });
    // A plan that does not exist, for everyone signed in.
    for (const who of SIGNED_IN)
      for (const routeKey of planRoutes)
        cells.push({ who, routeKey, ids: { ...lb, planId: MISSING_PLAN }, exp: "404" });
    // Long Biên's standing body, on long-bien-2025's paths naming the other plan's instance,
    // deadline or unit: the reads are not found; the actions on a version are not found; the
    // deadline and contact actions are refused by the use case (an error notice).
    const crossed: Ids = {
      ...lb,
      instanceId: other.instanceId,
      receipt: other.receipt,
      obligationId: other.obligationId,
      period: other.period,
      unitId: other.unitId,
    };
    for (const routeKey of planRoutes) {
      const named = /\{(instanceId|obligationId|unitId)\}/.test(routeKey);
      if (!named) continue;
      const versionAction = /\/(return|accept)$/.test(routeKey);
      const exp: Expect = classOf(routeKey) === "plan-action" && !versionAction ? "error notice" : "404";
      cells.push({ who: "standing-body", routeKey, ids: crossed, exp });
    }
    // The rankings: of another oversight body, or of one that does not exist.
    for (const routeKey of CONSOLE_ROUTES.filter((r) => (classOf(r) ?? "").startsWith("ranking-"))) {
      cells.push({ who: "viewer", routeKey, ids: other, exp: "403" });
      cells.push({ who: "viewer", routeKey, ids: { ...lb, oversightId: "khong-co-co-quan" }, exp: "403" });
      cells.push({ who: "other-viewer", routeKey, ids: other, exp: "200" });
    }
    const count = await assertCells(cells);
    expect(count).toBeGreaterThan(150);
  });

  it("signs in only from the console's own pages: a cookie HttpOnly, SameSite=Strict, for the token's life; refuses bad credentials and a user in no role", async () => {
    const ours = { origin: new URL(stack.baseUrl).origin };
    const form = (email: string, password: string, next?: string) => ({
      email,
      password,
      ...(next && { next }),
    });
    const vanphong = form(EMAILS["standing-body"], passwordOf("standing-body"), `/console/plans/${PLAN}`);
    const post = (body: Record<string, string>, headers: Record<string, string>) =>
      send("POST", "/console/sign-in", {}, { form: body, headers });

    // Another site's page (its Origin, or only Sec-Fetch-Site on an older browser): a stale form, no cookie.
    const foreign: Array<Record<string, string>> = [
      { origin: "https://ke-gian.example" },
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
    ];
    for (const headers of foreign) {
      const a = await post(vanphong, headers);
      expect(
        problems(`sign-in ${JSON.stringify(headers)}`, "POST", "/console/sign-in", "403 csrf", a),
      ).toEqual([]);
      expect(a.setCookies).toEqual([]);
    }

    // Our page: back where the user was going, with the session cookie.
    const ok = await post(vanphong, ours);
    expect(ok.status).toBe(303);
    expect(ok.location).toBe(`/console/plans/${PLAN}`);
    const [cookie, ...others] = ok.setCookies;
    expect(others).toEqual([]);
    const attributes = (cookie ?? "").split("; ");
    const token = attributes[0]?.replace(/^hanchot-console=/, "") ?? "";
    expect(await stack.consoleAuth.verify(token)).toMatchObject({
      email: EMAILS["standing-body"],
      role: "standing-body",
    });
    expect(attributes.slice(1).filter((x) => !x.startsWith("Max-Age="))).toEqual([
      "Path=/",
      "HttpOnly",
      "SameSite=Strict",
    ]);
    const { iat, exp } = claimsOf(token) as { iat: number; exp: number };
    expect(exp - iat).toBeLessThanOrEqual(3600);
    // The cookie lives as long as the token, on the real clock, though the stack's clock is in 2025.
    const maxAge = Number(attributes.find((x) => x.startsWith("Max-Age="))?.slice(8));
    expect(maxAge).toBeLessThanOrEqual(exp - nowSeconds());
    expect(maxAge).toBeGreaterThan(exp - nowSeconds() - 10);

    // A request with neither Origin nor Sec-Fetch-Site is not a browser's page (it carries no
    // visitor's cookies): let through, as fromOwnPages says.
    expect((await post(vanphong, {})).status).toBe(303);
    // Same-origin fetch metadata without Origin is ours.
    expect((await post(vanphong, { "sec-fetch-site": "same-origin" })).status).toBe(303);

    // Only a path of the console after signing in.
    for (const next of [
      "https://ke-gian.example/console",
      "//ke-gian.example/console",
      "/f/abc",
      "/console\\@x",
    ]) {
      const a = await post(form(EMAILS["standing-body"], passwordOf("standing-body"), next), ours);
      expect([a.status, a.location]).toEqual([303, "/console"]);
    }

    // Wrong password, unknown user: 401, the form again, no cookie.
    for (const body of [
      form(EMAILS["standing-body"], "Sai-Mat-Khau-2025!"),
      form("ai-do@example.org", PASSWORD),
    ]) {
      const a = await post(body, ours);
      expect(problems("sign-in, bad credentials", "POST", "/console/sign-in", "bad sign-in", a)).toEqual([]);
      expect(a.setCookies).toEqual([]);
    }
    // The right password of a user in no role group: told so, no cookie.
    const noRole = await post(form("khong-vai-tro@longbien.example.org", PASSWORD), ours);
    expect(noRole.status).toBe(403);
    expect(noRole.text).toContain("Tài khoản chưa được giao vai trò trong bảng điều hành.");
    expect(noRole.setCookies).toEqual([]);

    // The JSON sign-in: its session and CSRF token; 401 and 403 as above; only application/json
    // (a cross-site form cannot send that without a CORS preflight, which the API does not answer).
    const api = await send(
      "POST",
      "/api/console/session",
      {},
      {
        json: { email: EMAILS.viewer, password: passwordOf("viewer") },
      },
    );
    expect(api.status).toBe(200);
    const session = JSON.parse(api.text) as {
      user: { role: string; oversight: string[] };
      csrfToken: string;
    };
    expect(session.user).toMatchObject({ role: "viewer", oversight: [OVERSIGHT] });
    const apiToken = api.setCookies[0]?.match(/^hanchot-console=([^;]+)/)?.[1] ?? "";
    expect(session.csrfToken).toBe(csrfOf(apiToken));
    expect(api.setCookies[0]).toContain("; HttpOnly; SameSite=Strict");
    const apiMaxAge = Number(api.setCookies[0]?.match(/; Max-Age=(\d+);/)?.[1]);
    const apiExp = Number(claimsOf(apiToken).exp);
    expect(apiMaxAge).toBeLessThanOrEqual(apiExp - nowSeconds());
    expect(apiMaxAge).toBeGreaterThan(apiExp - nowSeconds() - 10);
    const wrong = await send(
      "POST",
      "/api/console/session",
      {},
      {
        json: { email: EMAILS.viewer, password: "Sai-Mat-Khau-2025!" },
      },
    );
    expect([wrong.status, JSON.parse(wrong.text).error.code, wrong.setCookies]).toEqual([401, "invalid", []]);
    const none = await send(
      "POST",
      "/api/console/session",
      {},
      {
        json: { email: "khong-vai-tro@longbien.example.org", password: PASSWORD },
      },
    );
    expect([none.status, JSON.parse(none.text).error.code, none.setCookies]).toEqual([403, "no-role", []]);
    const textBody = await fetch(`${stack.baseUrl}/api/console/session`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ email: EMAILS.viewer, password: passwordOf("viewer") }),
    });
    expect(textBody.status).toBe(400);
    expect(textBody.headers.getSetCookie()).toEqual([]);
  });

  it("lets a user created with a temporary password choose their own at first sign-in, and refuses a weak or mistyped one", async () => {
    const { client, userPoolId } = stack.engines.cognito;
    const email = "moi@longbien.example.org";
    await createConsoleUser(
      client,
      userPoolId,
      { email, role: "committee", plans: [PLAN], oversight: [] },
      { temporary: "Tam-thoi-2025!x" },
    );
    const ours = { origin: new URL(stack.baseUrl).origin };
    const post = (body: Record<string, string>) =>
      send("POST", "/console/sign-in", {}, { form: body, headers: ours });

    // The temporary password alone: the page asks for a new one, and gives no session yet.
    const asked = await post({ email, password: "Tam-thoi-2025!x" });
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('name="newPassword"');
    expect(asked.setCookies).toEqual([]);
    // Mistyped twice, or too weak: asked again, still no session.
    const mistyped = await post({
      email,
      password: "Tam-thoi-2025!x",
      newPassword: "Rieng-Cua-Toi-2025!",
      newPasswordAgain: "Rieng-Cua-Toi-2025?",
    });
    expect(mistyped.status).toBe(400);
    expect(mistyped.setCookies).toEqual([]);
    const weak = await post({
      email,
      password: "Tam-thoi-2025!x",
      newPassword: "ngan",
      newPasswordAgain: "ngan",
    });
    expect(weak.status).toBe(400);
    expect(weak.text).toContain("chưa đủ mạnh");
    expect(weak.setCookies).toEqual([]);
    // Chosen: signed in, and the new password is the one from now on.
    const chosen = await post({
      email,
      password: "Tam-thoi-2025!x",
      newPassword: "Rieng-Cua-Toi-2025!",
      newPasswordAgain: "Rieng-Cua-Toi-2025!",
    });
    expect(chosen.status).toBe(303);
    expect(chosen.setCookies).toHaveLength(1);
    const again = await post({ email, password: "Rieng-Cua-Toi-2025!" });
    expect(again.status).toBe(303);
  });

  it("signs out by clearing the cookie; the ID token itself cannot be revoked and keeps opening the console until it expires", async () => {
    for (const how of ["page", "json"] as const) {
      const token = await signIn(EMAILS.committee, passwordOf("committee"));
      const c = { cookie: cookieOf(token), session: token };
      const out =
        how === "page"
          ? await send("POST", "/console/sign-out", c, { form: { csrf: csrfOf(token) ?? "" } })
          : await send("DELETE", "/api/console/session", c, {
              headers: { "x-csrf-token": csrfOf(token) ?? "" },
            });
      expect(out.status).toBe(how === "page" ? 303 : 204);
      expect(out.setCookies).toEqual([
        "hanchot-console=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; HttpOnly; SameSite=Strict",
      ]);
      // The known property (functions/console/auth/console-auth.ts): a copy of the token taken
      // before signing out is still a session, for at most the token's hour.
      const me = await send("GET", "/api/console/me", c);
      expect(me.status).toBe(200);
      expect(JSON.parse(me.text).user).toMatchObject({ email: EMAILS.committee, role: "committee" });
      const { iat, exp } = claimsOf(token) as { iat: number; exp: number };
      expect(exp - iat).toBe(3600);
    }
  });

  it("opens a unit's form by its personal link, while the console refuses that token as a cookie and as a bearer", async () => {
    const form = await send("GET", `/f/${linkToken}`, {});
    expect(form.status).toBe(200);
    expect(form.text).toContain("<dt>Đơn vị</dt><dd>UBND phường Thạch Bàn</dd>");
    const api = await send("GET", `/api/links/${linkToken}`, {});
    expect(api.status).toBe(200);
    const found: string[] = [];
    for (const who of ["link-cookie", "link-bearer"] as const) {
      for (const [routeKey, exp] of [
        ["GET /console/plans/{planId}", "sign-in"],
        ["GET /api/console/me", "401"],
        ["GET /api/console/plans/{planId}/overview", "401"],
        ["POST /console/plans/{planId}/deadlines/{obligationId}/{period}/remind", "sign-in"],
      ] as const)
        found.push(...(await cell(who, routeKey, lb, exp)));
    }
    expect(found).toEqual([]);
  });
});
