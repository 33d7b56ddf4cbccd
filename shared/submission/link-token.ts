/**
 * Personal submission links. Units have no accounts: each unit gets, per deadline, a link whose
 * token is signed with HMAC-SHA256 over (unit, deadline instance, expiry) with a key from
 * configuration. A token for one unit cannot submit for another, an expired or altered token is
 * refused, and removing a key from the keyring revokes every link signed with it.
 *
 * Token: v1.<keyId>.<base64url JSON {i, u, e}>.<base64url HMAC>
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { parseInstanceId } from "../calendar/instance-id";

export interface LinkKeyring {
  /** The key new links are signed with. */
  current: string;
  /** Key id → secret. Links signed with a key no longer here are refused. */
  keys: Record<string, Buffer>;
}

export interface LinkClaims {
  instanceId: string;
  unitId: string;
  /** Expiry, epoch seconds. */
  expiresAt: number;
}

export type LinkCheck =
  | { ok: true; claims: LinkClaims }
  | { ok: false; reason: "malformed" | "bad-signature" | "unknown-key" | "expired" | "wrong-unit" };

const VERSION = "v1";
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * The secret of a key id, or undefined. Own properties only: a token's key id is attacker input,
 * and "constructor" or "__proto__" must not reach Object.prototype.
 */
export function linkKey(keyring: LinkKeyring, keyId: string): Buffer | undefined {
  return Object.hasOwn(keyring.keys, keyId) ? keyring.keys[keyId] : undefined;
}

function sign(key: Buffer, data: string): string {
  return createHmac("sha256", key).update(data).digest("base64url");
}

export function newLinkKey(): Buffer {
  return randomBytes(32);
}

export function signLink(keyring: LinkKeyring, claims: LinkClaims): string {
  const key = linkKey(keyring, keyring.current);
  if (!key) throw new Error(`link key "${keyring.current}" is not in the keyring`);
  const payload = Buffer.from(
    JSON.stringify({ i: claims.instanceId, u: claims.unitId, e: claims.expiresAt }),
  ).toString("base64url");
  const data = `${VERSION}.${keyring.current}.${payload}`;
  return `${data}.${sign(key, data)}`;
}

export function verifyLink(keyring: LinkKeyring, token: string, nowMs: number): LinkCheck {
  const parts = token.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION || !KEY_ID.test(parts[1] ?? ""))
    return { ok: false, reason: "malformed" };
  const [version, keyId, payload, signature] = parts as [string, string, string, string];
  const key = linkKey(keyring, keyId);
  if (!key) return { ok: false, reason: "unknown-key" };
  const expected = Buffer.from(sign(key, `${version}.${keyId}.${payload}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: "bad-signature" };
  let claims: LinkClaims;
  try {
    const raw = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
      i?: unknown;
      u?: unknown;
      e?: unknown;
    };
    if (typeof raw.i !== "string" || typeof raw.u !== "string" || typeof raw.e !== "number") {
      return { ok: false, reason: "malformed" };
    }
    claims = { instanceId: raw.i, unitId: raw.u, expiresAt: raw.e };
  } catch {
    return { ok: false, reason: "malformed" };
  }
  // The instance id names its unit last: a link is only ever good for its own unit.
  if (parseInstanceId(claims.instanceId)?.unitId !== claims.unitId)
    return { ok: false, reason: "wrong-unit" };
  if (nowMs >= claims.expiresAt * 1000) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}

const DAY_S = 86_400;

/**
 * When a link sent for a deadline stops working: 90 days after the cut-off (late submissions and
 * escalations run that long), and never less than 30 days after it was issued.
 */
export function linkExpiry(dueAt: string, issuedAt: Date): number {
  return Math.max(
    Math.floor(Date.parse(dueAt) / 1000) + 90 * DAY_S,
    Math.floor(issuedAt.getTime() / 1000) + 30 * DAY_S,
  );
}
