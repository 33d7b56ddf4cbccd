/**
 * The console's session cookie and CSRF token (functions/console/session.ts): the cookie's
 * attributes over http and https, reading it back from either place API Gateway may put it, and a
 * CSRF token that only its own session and secret produce.
 */
import { describe, expect, it } from "vitest";
import {
  clearedSessionCookie,
  csrfToken,
  fromOwnPages,
  readSessionToken,
  secondsUntil,
  servedOverHttps,
  sessionCookie,
  sessionCookieName,
  validCsrf,
} from "../../functions/console/session";

/** Shaped like an ID token: three base64url parts. */
const TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJlLXBhcnQ";
const OTHER = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJiIn0.b3RoZXItc2lnbmF0dXJl";
const SECRET = "a-console-secret-of-at-least-32-characters";

const attributes = (cookie: string) => cookie.split("; ").slice(1);

describe("the session cookie", () => {
  it("over https: Secure, HttpOnly, SameSite=Strict, Path=/, __Host- name, Max-Age as given", () => {
    const cookie = sessionCookie(TOKEN, { secure: true, maxAgeSeconds: 3599.7 });
    expect(cookie.startsWith(`__Host-hanchot-console=${TOKEN}; `)).toBe(true);
    expect(attributes(cookie).sort()).toEqual(
      ["HttpOnly", "Max-Age=3599", "Path=/", "SameSite=Strict", "Secure"].sort(),
    );
    expect(cookie).not.toMatch(/Domain=/i);
  });

  it("over http (the local stack): no Secure and no prefix, which browsers would refuse there", () => {
    const cookie = sessionCookie(TOKEN, { secure: false, maxAgeSeconds: 60 });
    expect(cookie.startsWith(`hanchot-console=${TOKEN}; `)).toBe(true);
    expect(attributes(cookie).sort()).toEqual(["HttpOnly", "Max-Age=60", "Path=/", "SameSite=Strict"].sort());
  });

  it("refuses to put anything but a token in it", () => {
    expect(() => sessionCookie("a;b=c", { secure: false, maxAgeSeconds: 60 })).toThrow();
  });

  it("is cleared with the same name, path and flags, expired at once", () => {
    for (const secure of [true, false]) {
      const cleared = clearedSessionCookie(secure);
      expect(cleared.startsWith(`${sessionCookieName(secure)}=; `)).toBe(true);
      expect(attributes(cleared)).toEqual(
        expect.arrayContaining(["Max-Age=0", "Path=/", "HttpOnly", "SameSite=Strict"]),
      );
      expect(attributes(cleared).includes("Secure")).toBe(secure);
    }
  });

  it("lives as long as its token, never a negative time", () => {
    const now = new Date("2025-03-20T02:00:00Z");
    expect(secondsUntil(new Date("2025-03-20T02:59:30.900Z"), now)).toBe(3570);
    expect(secondsUntil(new Date("2025-03-20T01:00:00Z"), now)).toBe(0);
  });

  it("is Secure where the configured base URL is https, whatever the request says", () => {
    expect(servedOverHttps("https://hanchot.example.vn")).toBe(true);
    expect(servedOverHttps("http://127.0.0.1:3000")).toBe(false);
  });
});

describe("reading the session from a request", () => {
  const event = (cookies: string[] | undefined, header?: string) => ({
    ...(cookies && { cookies }),
    headers: header === undefined ? {} : { Cookie: header },
  });

  it("reads payload 2.0's cookies array", () => {
    expect(readSessionToken(event(["theme=dark", `hanchot-console=${TOKEN}`]), false)).toBe(TOKEN);
  });

  it("reads a Cookie header, whatever its case, when there is no cookies array", () => {
    expect(readSessionToken(event(undefined, `a=1;hanchot-console=${TOKEN} ; b=2`), false)).toBe(TOKEN);
    expect(readSessionToken({ headers: { cookie: `__Host-hanchot-console=${TOKEN}` } }, true)).toBe(TOKEN);
  });

  it("over https reads only the __Host- cookie: a plain one may have been planted", () => {
    expect(readSessionToken(event([`hanchot-console=${OTHER}`]), true)).toBeUndefined();
    expect(
      readSessionToken(event([`hanchot-console=${OTHER}`, `__Host-hanchot-console=${TOKEN}`]), true),
    ).toBe(TOKEN);
    expect(readSessionToken(event([`__Host-hanchot-console=${TOKEN}`]), false)).toBeUndefined();
  });

  it("takes the first of two cookies of the name", () => {
    expect(readSessionToken(event([`hanchot-console=${TOKEN}`, `hanchot-console=${OTHER}`]), false)).toBe(
      TOKEN,
    );
  });

  it("has no session without the cookie, with an empty one, or with one that is not a token", () => {
    expect(readSessionToken(event(undefined), false)).toBeUndefined();
    expect(readSessionToken(event(["hanchot-console="]), false)).toBeUndefined();
    expect(readSessionToken(event(["hanchot-console=<script>"]), false)).toBeUndefined();
    expect(readSessionToken(event([`xhanchot-console=${TOKEN}`]), false)).toBeUndefined();
  });
});

describe("the CSRF token", () => {
  const keyring = { current: "k1", keys: { k1: Buffer.from(SECRET) } };

  it("is the session's own: accepted with it, refused with another session or another key", () => {
    const csrf = csrfToken(keyring, TOKEN);
    expect(csrf).toMatch(/^k1\.[A-Za-z0-9_-]{43}$/);
    expect(validCsrf(keyring, TOKEN, csrf)).toBe(true);
    expect(validCsrf(keyring, OTHER, csrf)).toBe(false);
    expect(validCsrf({ current: "k1", keys: { k1: Buffer.from(`${SECRET}!`) } }, TOKEN, csrf)).toBe(false);
  });

  it("stays valid through a key rotation until its key is removed", () => {
    const csrf = csrfToken(keyring, TOKEN);
    const rotated = { current: "k2", keys: { k1: Buffer.from(SECRET), k2: Buffer.from(`${SECRET}-2`) } };
    expect(validCsrf(rotated, TOKEN, csrf)).toBe(true);
    expect(csrfToken(rotated, TOKEN).startsWith("k2.")).toBe(true);
    expect(validCsrf({ current: "k2", keys: { k2: Buffer.from(`${SECRET}-2`) } }, TOKEN, csrf)).toBe(false);
  });

  it("is refused when missing, empty, altered, of another length, or naming another key", () => {
    const csrf = csrfToken(keyring, TOKEN);
    const altered = `${csrf.slice(0, -1)}${csrf.endsWith("A") ? "B" : "A"}`;
    const mac = csrf.slice(3);
    for (const given of [
      undefined,
      "",
      altered,
      csrf.slice(0, -1),
      `${csrf}=`,
      mac,
      `.${mac}`,
      `k9.${mac}`,
      `toString.${mac}`,
      `k1.${"é".repeat(43)}`,
    ])
      expect(validCsrf(keyring, TOKEN, given), given).toBe(false);
  });

  it("cannot be made with a current key the keyring lacks", () => {
    expect(() => csrfToken({ current: "k2", keys: keyring.keys }, TOKEN)).toThrow(/k2/);
  });
});

describe("a sign-in from the console's own pages", () => {
  const base = "https://hanchot.example.vn";

  it("is let through from the console's origin, whatever the header's case", () => {
    expect(fromOwnPages({ origin: "https://hanchot.example.vn" }, base)).toBe(true);
    expect(fromOwnPages({ Origin: "https://HANCHOT.example.vn" }, `${base}/`)).toBe(true);
    expect(fromOwnPages({ "sec-fetch-site": "same-origin" }, base)).toBe(true);
  });

  it("is let through from a page sent with Referrer-Policy: no-referrer (Origin: null, as Chromium posts it)", () => {
    expect(fromOwnPages({ origin: "null", "sec-fetch-site": "same-origin" }, base)).toBe(true);
    expect(fromOwnPages({ origin: "null", "sec-fetch-site": "cross-site" }, base)).toBe(false);
    expect(fromOwnPages({ origin: "null", "sec-fetch-site": "same-site" }, base)).toBe(false);
  });

  it("is refused from another origin, scheme or port, or a page of another site", () => {
    for (const origin of [
      "https://evil.example",
      "http://hanchot.example.vn",
      "https://hanchot.example.vn:8443",
      "null",
    ])
      expect(fromOwnPages({ origin }, base), origin).toBe(false);
    expect(fromOwnPages({ "sec-fetch-site": "cross-site" }, base)).toBe(false);
    expect(fromOwnPages({ "sec-fetch-site": "same-site" }, base)).toBe(false);
  });

  it("lets through a request no browser page sent (neither header)", () => {
    expect(fromOwnPages({}, base)).toBe(true);
  });
});
