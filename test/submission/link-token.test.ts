import { describe, expect, it } from "vitest";
import {
  type LinkKeyring,
  linkKey,
  newLinkKey,
  refusedLinkClaims,
  signLink,
  verifyLink,
} from "../../shared/submission/link-token";

const keyring: LinkKeyring = { current: "k1", keys: { k1: newLinkKey() } };
const NOW = Date.parse("2025-03-20T02:00:00Z");
const claims = { instanceId: "p:o:2025-Q1:p-bo-de", unitId: "p-bo-de", expiresAt: NOW / 1000 + 3600 };

describe("personal link tokens", () => {
  it("accepts its own token and refuses one whose signature was altered", () => {
    const token = signLink(keyring, claims);
    expect(verifyLink(keyring, token, NOW)).toEqual({ ok: true, claims });
    const altered = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
    expect(verifyLink(keyring, altered, NOW)).toMatchObject({ ok: false, reason: "bad-signature" });
  });

  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"])(
    'treats the key id "%s" as unknown instead of reaching Object.prototype',
    (keyId) => {
      const [, , payload, signature] = signLink(keyring, claims).split(".");
      const token = `v1.${keyId}.${payload}.${signature}`;
      expect(linkKey(keyring, keyId)).toBeUndefined();
      expect(verifyLink(keyring, token, NOW)).toEqual({ ok: false, reason: "unknown-key" });
    },
  );

  it("refuses a token after its expiry and a token for another unit", () => {
    expect(verifyLink(keyring, signLink(keyring, claims), claims.expiresAt * 1000)).toMatchObject({
      reason: "expired",
    });
    const other = signLink(keyring, { ...claims, unitId: "p-gia-thuy" });
    expect(verifyLink(keyring, other, NOW)).toMatchObject({ reason: "wrong-unit" });
  });
});

describe("a refused token's claims, read only to choose whom its page names as contact", () => {
  /** The token with its payload replaced by other claims, its signature kept. */
  const withClaims = (token: string, other: typeof claims) => {
    const [v, k, , sig] = token.split(".");
    const payload = Buffer.from(JSON.stringify({ i: other.instanceId, u: other.unitId, e: other.expiresAt }));
    return [v, k, payload.toString("base64url"), sig].join(".");
  };

  it("are signed for an expired link and one for another unit: the signature holds under a key we have", () => {
    const expired = { ...claims, expiresAt: NOW / 1000 - 60 };
    expect(refusedLinkClaims(keyring, signLink(keyring, expired))).toEqual({ claims: expired, signed: true });
    const other = { ...claims, unitId: "p-gia-thuy" };
    expect(refusedLinkClaims(keyring, signLink(keyring, other))).toEqual({ claims: other, signed: true });
  });

  it("are unsigned for a revoked link: its key is gone, so anyone may have written them", () => {
    const token = signLink(keyring, claims);
    const rotated: LinkKeyring = { current: "k2", keys: { k2: newLinkKey() } };
    expect(verifyLink(rotated, token, NOW)).toMatchObject({ reason: "unknown-key" });
    expect(refusedLinkClaims(rotated, token)).toEqual({ claims, signed: false });
    const forged = withClaims(token, { ...claims, instanceId: "khac:o:2025:u", unitId: "u" });
    expect(refusedLinkClaims(rotated, forged)).toMatchObject({ signed: false });
  });

  it("are nothing for an altered or unreadable token", () => {
    const token = signLink(keyring, claims);
    expect(refusedLinkClaims(keyring, withClaims(token, { ...claims, expiresAt: 1 }))).toBeUndefined();
    expect(refusedLinkClaims(keyring, "not-a-token")).toBeUndefined();
    expect(refusedLinkClaims(keyring, "v1.k9.e30.xxxx")).toBeUndefined(); // {} claims nothing
  });

  it("are checked before expiry and unit: an expired link altered by hand is refused as altered", () => {
    // So a link refused as expired or for another unit always carries signed claims.
    const expired = signLink(keyring, { ...claims, expiresAt: NOW / 1000 - 60 });
    const altered = withClaims(expired, { ...claims, expiresAt: NOW / 1000 - 30 });
    expect(verifyLink(keyring, altered, NOW)).toMatchObject({ reason: "bad-signature" });
  });
});
