/**
 * The console's session cookie and its CSRF token. Pure: no I/O.
 *
 * The cookie holds the ID token (functions/console/auth): HttpOnly (no script reads it),
 * SameSite=Strict (no other site's page sends it), Path=/, and Secure where the console is served
 * over https. Served over https its name also carries the `__Host-` prefix, which browsers accept
 * only from a secure origin, with Path=/ and no Domain: a sibling subdomain or a plain-http
 * response cannot plant a session of its own. Over http (the local stack) browsers would refuse
 * both, so the name is plain there.
 *
 * Whether the console is served over https is read from the configured public base URL
 * (PUBLIC_BASE_URL in AWS, the local stack's address), not from the request: it is the
 * deployment's fact, and a request header (X-Forwarded-Proto) is the client's to write.
 *
 * Every state-changing request (POST, DELETE) carries a CSRF token: an HMAC-SHA256 of the session
 * token under a key of the console's keyring, so it is bound to the session, needs no storage, and
 * changes with each sign-in. SameSite=Strict already keeps other sites' requests cookie-less; the
 * token also covers a same-site attacker (another app on a sibling subdomain) and older browsers.
 * The keyring has the link keyring's shape and rotates the same way (add k2, make it current,
 * remove k1 an hour later: a session lasts an hour): the token names its key, `k1.<mac>`.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { APIGatewayProxyEventV2 } from "aws-lambda";

/** Key id → key, and the id new tokens are made with (functions/console/console-secret.ts). */
export interface CsrfKeyring {
  current: string;
  keys: Readonly<Record<string, Buffer>>;
}

const COOKIE = "hanchot-console";

/** The cookie's name: `__Host-` prefixed when served over https. */
export function sessionCookieName(secure: boolean): string {
  return secure ? `__Host-${COOKIE}` : COOKIE;
}

/** Served over https: from the configured public base URL. */
export function servedOverHttps(publicBaseUrl: string): boolean {
  return new URL(publicBaseUrl).protocol === "https:";
}

/** Whole seconds from now until `expiresAt`, never below 0: the cookie lives as long as its token. */
export function secondsUntil(expiresAt: Date, now: Date): number {
  return Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
}

/** A JWT: three base64url parts. Anything else in the cookie is not a session. */
const TOKEN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The Set-Cookie value of a session. */
export function sessionCookie(token: string, options: { secure: boolean; maxAgeSeconds: number }): string {
  if (!TOKEN.test(token)) throw new Error("a session token is a JWT");
  return [
    `${sessionCookieName(options.secure)}=${token}`,
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Strict",
    ...(options.secure ? ["Secure"] : []),
  ].join("; ");
}

/** The Set-Cookie value that ends the session in the browser. */
export function clearedSessionCookie(secure: boolean): string {
  return [
    `${sessionCookieName(secure)}=`,
    "Max-Age=0",
    "Expires=Thu, 01 Jan 1970 00:00:00 GMT",
    "Path=/",
    "HttpOnly",
    "SameSite=Strict",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

/** Every `name=value` pair the request carries: payload 2.0's `cookies`, else the Cookie header. */
export function cookiePairs(event: Pick<APIGatewayProxyEventV2, "cookies" | "headers">): string[] {
  if (event.cookies && event.cookies.length > 0) return event.cookies;
  const header = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === "cookie")?.[1];
  return header ? header.split(";") : [];
}

/**
 * The session token of the request, if it carries one that looks like a token (verifying it is
 * ConsoleAuth.verify's work). With two cookies of the name, the first is taken, as browsers send
 * the most specific path first; with the `__Host-` name there can be only ours.
 */
export function readSessionToken(
  event: Pick<APIGatewayProxyEventV2, "cookies" | "headers">,
  secure: boolean,
): string | undefined {
  const name = sessionCookieName(secure);
  for (const pair of cookiePairs(event)) {
    const at = pair.indexOf("=");
    if (at < 0 || pair.slice(0, at).trim() !== name) continue;
    const value = pair.slice(at + 1).trim();
    return TOKEN.test(value) ? value : undefined;
  }
  return undefined;
}

function mac(key: Buffer, sessionToken: string): string {
  return createHmac("sha256", key).update(`hanchot-console-csrf\n${sessionToken}`).digest("base64url");
}

/** The CSRF token of a session: `<key id>.<HMAC-SHA256 of the session token, base64url>`. */
export function csrfToken(keyring: CsrfKeyring, sessionToken: string): string {
  const key = keyring.keys[keyring.current];
  if (!key) throw new Error(`CSRF key "${keyring.current}" is not in the keyring`);
  return `${keyring.current}.${mac(key, sessionToken)}`;
}

/** Whether `given` is the session's CSRF token under a key still in the keyring, compared in constant time. */
export function validCsrf(keyring: CsrfKeyring, sessionToken: string, given: string | undefined): boolean {
  const dot = given?.indexOf(".") ?? -1;
  if (!given || dot < 1) return false;
  const id = given.slice(0, dot);
  const key = Object.hasOwn(keyring.keys, id) ? keyring.keys[id] : undefined;
  if (!key) return false;
  const expected = Buffer.from(mac(key, sessionToken));
  const actual = Buffer.from(given.slice(dot + 1));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Whether a request comes from the console's own pages, for the one state-changing request that
 * has no session yet to bind a CSRF token to: signing in (else another site could sign a visitor
 * in as the attacker, whose console the visitor would then use). Browsers send Origin with every
 * POST, and Sec-Fetch-Site with every request; a request with neither is not from a browser page,
 * so it cannot carry a visitor's cookies, and is let through.
 */
export function fromOwnPages(headers: Record<string, string | undefined>, publicBaseUrl: string): boolean {
  const header = (name: string) =>
    Object.entries(headers)
      .find(([key]) => key.toLowerCase() === name)?.[1]
      ?.trim()
      .toLowerCase();
  const origin = header("origin");
  // Our pages are served with Referrer-Policy: no-referrer, so a browser posts their forms with
  // "Origin: null" (Fetch, "serializing a request origin"): then Sec-Fetch-Site alone tells.
  if (origin !== undefined && origin !== "null")
    return origin === new URL(publicBaseUrl).origin.toLowerCase();
  const site = header("sec-fetch-site");
  if (site !== undefined) return site === "same-origin" || site === "none";
  return origin === undefined;
}
