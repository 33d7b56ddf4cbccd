/**
 * Verifying a console session's ID token: its signature against the user pool's keys, its issuer,
 * its audience (our app client), its expiry, and that it is an ID token (an access token carries
 * no email, name or custom attributes, and no audience).
 *
 * In AWS: aws-jwt-verify's CognitoJwtVerifier, which fetches the pool's JWKS over https and keeps
 * it. Locally cognito-local serves its JWKS over plain http, which aws-jwt-verify refuses to
 * fetch; the JWKS is fetched here instead and handed over with `cacheJwks`. Every cognito-local
 * install signs with the same published key, so a local verifier is for local runs only: its
 * issuer (http://127.0.0.1:…) can never be configured on a deployed function, which has no
 * COGNITO_ENDPOINT and so always verifies against the real pool.
 */
import { CognitoJwtVerifier, JwtRsaVerifier } from "aws-jwt-verify";
import { assertIsJwks, type Jwks } from "aws-jwt-verify/jwk";

/** The token's claims once every check passed; throws otherwise. */
export interface IdTokenVerifier {
  verify(token: string): Promise<Record<string, unknown>>;
}

/** A deployed user pool (its JWKS fetched over https on first use, then cached). */
export function cognitoIdTokenVerifier(pool: { userPoolId: string; clientId: string }): IdTokenVerifier {
  const verifier = CognitoJwtVerifier.create({
    userPoolId: pool.userPoolId,
    clientId: pool.clientId,
    tokenUse: "id",
  });
  return { verify: async (token) => ({ ...(await verifier.verify(token)) }) };
}

/** A pool whose keys are given (cognito-local's, or a test's): nothing is ever fetched. */
export function givenKeysIdTokenVerifier(pool: {
  issuer: string;
  clientId: string;
  jwks: Jwks;
}): IdTokenVerifier {
  const verifier = JwtRsaVerifier.create({
    issuer: pool.issuer,
    audience: pool.clientId,
    // Only named, never fetched: the keys are in the cache, and aws-jwt-verify refuses http.
    jwksUri: `${pool.issuer}/.well-known/jwks.json`,
    customJwtCheck: ({ payload }) => {
      if (payload.token_use !== "id") throw new Error("not an ID token");
    },
  });
  verifier.cacheJwks(pool.jwks);
  return { verify: async (token) => ({ ...(await verifier.verify(token)) }) };
}

/** cognito-local's JWKS for a pool, over http (local runs only). */
export async function fetchLocalJwks(issuer: string): Promise<Jwks> {
  const response = await fetch(`${issuer}/.well-known/jwks.json`, { signal: AbortSignal.timeout(3000) });
  if (!response.ok) throw new Error(`cognito-local: JWKS trả về ${response.status} (${issuer})`);
  const jwks: unknown = await response.json();
  assertIsJwks(jwks as Parameters<typeof assertIsJwks>[0]);
  return jwks as Jwks;
}
