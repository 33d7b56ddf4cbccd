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

interface TokenParts {
  keyId: string;
  payload: string;
  /** What the signature is computed over. */
  signed: string;
  signature: string;
}

function splitToken(token: string): TokenParts | undefined {
  const parts = token.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION || !KEY_ID.test(parts[1] ?? "")) return undefined;
  const [version, keyId, payload, signature] = parts as [string, string, string, string];
  return { keyId, payload, signed: `${version}.${keyId}.${payload}`, signature };
}

function signatureHolds(key: Buffer, t: TokenParts): boolean {
  const expected = Buffer.from(sign(key, t.signed));
  const given = Buffer.from(t.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function decodeClaims(payload: string): LinkClaims | undefined {
  try {
    const raw = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
      i?: unknown;
      u?: unknown;
      e?: unknown;
    };
    if (typeof raw.i !== "string" || typeof raw.u !== "string" || typeof raw.e !== "number") return undefined;
    return { instanceId: raw.i, unitId: raw.u, expiresAt: raw.e };
  } catch {
    return undefined;
  }
}

export function verifyLink(keyring: LinkKeyring, token: string, nowMs: number): LinkCheck {
  const t = splitToken(token);
  if (!t) return { ok: false, reason: "malformed" };
  const key = linkKey(keyring, t.keyId);
  if (!key) return { ok: false, reason: "unknown-key" };
  if (!signatureHolds(key, t)) return { ok: false, reason: "bad-signature" };
  const claims = decodeClaims(t.payload);
  if (!claims) return { ok: false, reason: "malformed" };
  // The instance id names its unit last: a link is only ever good for its own unit.
  if (parseInstanceId(claims.instanceId)?.unitId !== claims.unitId)
    return { ok: false, reason: "wrong-unit" };
  if (nowMs >= claims.expiresAt * 1000) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}

/**
 * What a refused token claims, for one use only: choosing whom its error page names as the
 * contact for a new link. Never for access. `signed` when its signature holds under a key still in
 * the keyring (an expired link, one for another unit): we wrote those claims. Unsigned when its key
 * is gone (a revoked link): anyone may have written them. An altered or unreadable token: nothing.
 */
export function refusedLinkClaims(
  keyring: LinkKeyring,
  token: string,
): { claims: LinkClaims; signed: boolean } | undefined {
  const t = splitToken(token);
  if (!t) return undefined;
  const key = linkKey(keyring, t.keyId);
  if (key && !signatureHolds(key, t)) return undefined;
  const claims = decodeClaims(t.payload);
  return claims && { claims, signed: key !== undefined };
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
