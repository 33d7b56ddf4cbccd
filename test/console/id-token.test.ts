/**
 * A session's ID token, verified without any user pool: RS256 tokens signed here with node:crypto
 * against a JWKS built here, given to the verifier as cognito-local's is (cacheJwks). A forged,
 * altered, expired or foreign token is refused; a valid one becomes the console user its groups
 * and attributes describe.
 */
import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import type { Jwks } from "aws-jwt-verify/jwk";
import { describe, expect, it } from "vitest";
import { consoleUserFromClaims } from "../../functions/console/auth/claims";
import { givenKeysIdTokenVerifier } from "../../functions/console/auth/id-token";

const ISSUER = "http://127.0.0.1:9229/local_TestPool";
const CLIENT_ID = "testclient123";

function keyPair(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { kid, privateKey, jwk: { ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" } };
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

function signToken(privateKey: KeyObject, header: object, payload: object): string {
  const data = `${b64(header)}.${b64(payload)}`;
  return `${data}.${sign("sha256", Buffer.from(data), privateKey).toString("base64url")}`;
}

const pool = keyPair("pool-key");
const jwks = { keys: [pool.jwk] } as unknown as Jwks;
const verifier = givenKeysIdTokenVerifier({ issuer: ISSUER, clientId: CLIENT_ID, jwks });

const nowSeconds = () => Math.floor(Date.now() / 1000);

function claims(overrides: Record<string, unknown> = {}) {
  return {
    sub: "5f1c0d3e-0000-4000-8000-000000000001",
    email: "vanphong@longbien.example.org",
    name: "Phòng Y tế quận Long Biên",
    "cognito:groups": ["standing-body"],
    "custom:plans": "long-bien-2025, long-bien-2026",
    token_use: "id",
    iss: ISSUER,
    aud: CLIENT_ID,
    iat: nowSeconds() - 60,
    exp: nowSeconds() + 3600,
    ...overrides,
  };
}

const token = (payload: object, key = pool) =>
  signToken(key.privateKey, { alg: "RS256", kid: key.kid }, payload);

describe("verifying a session's ID token", () => {
  it("accepts a token the pool signed, and gives its claims", async () => {
    const verified = await verifier.verify(token(claims()));
    expect(verified.email).toBe("vanphong@longbien.example.org");
    expect(verified["cognito:groups"]).toEqual(["standing-body"]);
  });

  it.each([
    [
      "signed by another key under the pool's key id",
      () => token(claims(), { ...keyPair("x"), kid: pool.kid }),
    ],
    ["expired", () => token(claims({ iat: nowSeconds() - 7200, exp: nowSeconds() - 1 }))],
    ["from another issuer", () => token(claims({ iss: "http://127.0.0.1:9229/local_Other" }))],
    ["for another app client", () => token(claims({ aud: "anotherclient" }))],
    ["an access token", () => token(claims({ token_use: "access" }))],
    ["with a key id the pool does not have (nothing is fetched)", () => token(claims(), keyPair("unknown"))],
    ["unsigned (alg none)", () => `${b64({ alg: "none", kid: pool.kid })}.${b64(claims())}.`],
    [
      "altered after signing (a plan added)",
      () => {
        const [header, , signature] = token(claims()).split(".");
        return `${header}.${b64(claims({ "custom:plans": "long-bien-2025,hai-phong-2024" }))}.${signature}`;
      },
    ],
    ["not a JWT at all", () => "not-a-token"],
  ])("refuses a token %s", async (_, make) => {
    await expect(verifier.verify(make())).rejects.toThrow();
  });
});

describe("the console user of a token's claims", () => {
  it("takes the role from the group and the scope from the custom attributes", () => {
    expect(consoleUserFromClaims(claims())).toEqual({
      id: "5f1c0d3e-0000-4000-8000-000000000001",
      email: "vanphong@longbien.example.org",
      name: "Phòng Y tế quận Long Biên",
      role: "standing-body",
      plans: ["long-bien-2025", "long-bien-2026"],
      oversight: [],
    });
  });

  it("reads a viewer's oversight bodies", () => {
    const user = consoleUserFromClaims(
      claims({
        "cognito:groups": ["viewer"],
        "custom:plans": undefined,
        "custom:oversight": "so-y-te-ha-noi,so-y-te-hai-phong",
      }),
    );
    expect(user?.role).toBe("viewer");
    expect(user?.oversight).toEqual(["so-y-te-ha-noi", "so-y-te-hai-phong"]);
    expect(user?.plans).toEqual([]);
  });

  it("is nobody without a console group, with an unknown one, or without email or subject", () => {
    for (const overrides of [
      { "cognito:groups": undefined },
      { "cognito:groups": [] },
      { "cognito:groups": ["admins"] },
      { "cognito:groups": "standing-body" },
      { email: undefined },
      { sub: "" },
    ])
      expect(consoleUserFromClaims(claims(overrides))).toBeUndefined();
  });

  it("gives a user in several console groups the role that reaches furthest, whatever their order", () => {
    expect(consoleUserFromClaims(claims({ "cognito:groups": ["viewer", "committee"] }))?.role).toBe(
      "committee",
    );
    expect(consoleUserFromClaims(claims({ "cognito:groups": ["admins", "viewer"] }))?.role).toBe("viewer");
  });

  it("leaves out the name when there is none", () => {
    expect(consoleUserFromClaims(claims({ name: undefined }))).not.toHaveProperty("name");
  });
});
