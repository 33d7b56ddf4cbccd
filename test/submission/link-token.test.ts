import { describe, expect, it } from "vitest";
import {
  type LinkKeyring,
  linkKey,
  newLinkKey,
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
