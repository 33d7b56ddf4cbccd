/**
 * SMS short links: /s/<id> stands for a unit's personal link, which is too long for one SMS
 * segment. A short link lives exactly as long as the personal link it stands for, and its id is
 * derived from the link key current when it was issued: rotating the keys gives every unit new
 * short links at its next reminder, and an old one (perhaps leaked) dies with its key instead of
 * being pointed at a fresh link again.
 */
import { createHmac } from "node:crypto";
import { type LinkKeyring, linkExpiry, linkKey } from "./link-token";

export interface ShortLink {
  id: string;
  instanceId: string;
  /** The link key the id was derived from. */
  keyId: string;
  /** Epoch seconds: the same as the personal link sent beside it. */
  expiresAt: number;
}

/** As stored; links stored before keys and expiries were kept have neither. */
export type StoredShortLink = Pick<ShortLink, "id" | "instanceId"> & Partial<ShortLink>;

export type ShortLinkCheck =
  | { ok: true; link: ShortLink }
  | { ok: false; reason: "revoked" }
  | { ok: false; reason: "expired"; expiresAt: number };

function idUnder(key: Buffer, instanceId: string): string {
  return createHmac("sha256", key).update(`short:${instanceId}`).digest("base64url").slice(0, 10);
}

/** The short link of a deadline instance under the current key, expiring with its personal link. */
export function issueShortLink(keyring: LinkKeyring, instanceId: string, expiresAt: number): ShortLink {
  const key = linkKey(keyring, keyring.current);
  if (!key) throw new Error(`link key "${keyring.current}" is not in the keyring`);
  return { id: idUnder(key, instanceId), instanceId, keyId: keyring.current, expiresAt };
}

/**
 * Whether a stored short link may still open its form. `dueAt` is the deadline's cut-off, for the
 * links stored before expiries were: those were sent by reminders before the cut-off, so they
 * expire as their personal links did, 90 days after it.
 */
export function checkShortLink(
  keyring: LinkKeyring,
  stored: StoredShortLink,
  dueAt: string,
  nowMs: number,
): ShortLinkCheck {
  const keyId =
    stored.keyId ??
    Object.keys(keyring.keys).find(
      (k) => idUnder(keyring.keys[k] as Buffer, stored.instanceId) === stored.id,
    );
  const key = keyId === undefined ? undefined : linkKey(keyring, keyId);
  // A key id given to a new secret does not bring the old key's links back.
  if (keyId === undefined || !key || idUnder(key, stored.instanceId) !== stored.id) {
    return { ok: false, reason: "revoked" };
  }
  const expiresAt = stored.expiresAt ?? linkExpiry(dueAt, new Date(dueAt));
  if (nowMs >= expiresAt * 1000) return { ok: false, reason: "expired", expiresAt };
  return { ok: true, link: { id: stored.id, instanceId: stored.instanceId, keyId, expiresAt } };
}
