/**
 * The console's sign-in, made from the configuration: the deployed user pool in AWS, cognito-local
 * when COGNITO_ENDPOINT names one (local runs, where its http JWKS is fetched here once).
 */
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { ConsoleConfig } from "../../commons/config";
import { CognitoConsoleAuth, type ConsoleAuth } from "./console-auth";
import { cognitoIdTokenVerifier, fetchLocalJwks, givenKeysIdTokenVerifier } from "./id-token";

export { CLAIMS, consoleUserFromClaims, roleOf } from "./claims";
export type { ConsoleAuth, NewPasswordResult, SignInResult } from "./console-auth";
export { CognitoConsoleAuth } from "./console-auth";
export type { IdTokenVerifier } from "./id-token";
export { cognitoIdTokenVerifier, fetchLocalJwks, givenKeysIdTokenVerifier } from "./id-token";

/** `cognito` must point where the configuration says (the same endpoint for cognito-local). */
export async function buildConsoleAuth(
  config: Pick<ConsoleConfig, "userPoolId" | "clientId" | "cognitoEndpoint">,
  cognito: CognitoIdentityProviderClient,
): Promise<ConsoleAuth> {
  const { userPoolId, clientId } = config;
  const verifier = config.cognitoEndpoint
    ? await (async () => {
        const issuer = `${config.cognitoEndpoint}/${userPoolId}`;
        return givenKeysIdTokenVerifier({ issuer, clientId, jwks: await fetchLocalJwks(issuer) });
      })()
    : cognitoIdTokenVerifier({ userPoolId, clientId });
  return new CognitoConsoleAuth({ cognito, clientId, verifier });
}
