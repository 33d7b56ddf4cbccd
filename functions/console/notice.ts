/**
 * What an action did, shown once on the page it returns to: carried across the redirect in a
 * short-lived cookie (HttpOnly, SameSite=Strict) and cleared by the page that shows it, so that
 * no message text ever travels in a URL someone could forge and send.
 */
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { z } from "zod";
import { cookiePairs } from "./session";

export interface Notice {
  kind: "ok" | "error";
  text: string;
}

const NoticeValue = z.object({ kind: z.enum(["ok", "error"]), text: z.string().max(2000) });

/** Long enough for the redirect, short enough never to show on a later, unrelated page. */
const NOTICE_SECONDS = 60;

const nameOf = (secure: boolean) => (secure ? "__Host-hanchot-notice" : "hanchot-notice");
const attributes = (secure: boolean) => [
  "Path=/",
  "HttpOnly",
  "SameSite=Strict",
  ...(secure ? ["Secure"] : []),
];

export function noticeCookie(notice: Notice, secure: boolean): string {
  const value = Buffer.from(JSON.stringify(notice), "utf8").toString("base64url");
  return [`${nameOf(secure)}=${value}`, `Max-Age=${NOTICE_SECONDS}`, ...attributes(secure)].join("; ");
}

export function clearedNotice(secure: boolean): string {
  return [`${nameOf(secure)}=`, "Max-Age=0", ...attributes(secure)].join("; ");
}

/** The notice the request carries, if any and well-formed (it is shown as text, escaped). */
export function readNotice(
  event: Pick<APIGatewayProxyEventV2, "cookies" | "headers">,
  secure: boolean,
): Notice | undefined {
  const name = nameOf(secure);
  for (const pair of cookiePairs(event)) {
    const at = pair.indexOf("=");
    if (at < 0 || pair.slice(0, at).trim() !== name) continue;
    try {
      const parsed = NoticeValue.safeParse(
        JSON.parse(Buffer.from(pair.slice(at + 1).trim(), "base64url").toString("utf8")),
      );
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
