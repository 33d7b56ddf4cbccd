/**
 * Signing in to the operations console with the user pool (Amazon Cognito; cognito-local on this
 * machine). The session token is the user's ID token: it carries the role (`cognito:groups`) and
 * the scope (`custom:plans`, `custom:oversight`), so each request is decided from the token alone,
 * with no session store.
 *
 * Signing out: the handler clears the cookie. An ID token cannot be revoked: verified locally
 * against the pool's keys, it stays valid until it expires (60 minutes, the app client's ID token
 * validity), and a copy taken before sign-out keeps working until then. That is why the cookie's
 * Max-Age is the token's remaining life and why the validity is short. Cognito's GlobalSignOut and
 * AdminUserGlobalSignOut revoke refresh and access tokens only; the console keeps neither (it never
 * refreshes: after an hour the user signs in again), so there is nothing for them to revoke, and
 * `signOut` calls no Cognito API. cognito-local implements neither call either.
 */
import {
  type AuthenticationResultType,
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { FetchError } from "aws-jwt-verify/error";
import type { ConsoleUser } from "../../../shared/console/access";
import { isServiceUnavailable } from "../../commons/unavailable";
import { consoleUserFromClaims } from "./claims";
import type { IdTokenVerifier } from "./id-token";

export type SignInResult =
  | { ok: true; token: string; expiresAt: Date; user: ConsoleUser }
  | {
      ok: false;
      /**
       * invalid: wrong email or password (Cognito does not say which, nor do we);
       * unavailable: the user pool did not answer, try again;
       * new-password-required: the password is a temporary one, to be changed (completeNewPassword);
       * no-role: the password is right but the user is in no console group (standing-body, committee, viewer).
       */
      reason: "invalid" | "unavailable" | "new-password-required" | "no-role";
    };

export type NewPasswordResult =
  | { ok: true; token: string; expiresAt: Date; user: ConsoleUser }
  | {
      ok: false;
      /** weak-password: the new password breaks the pool's policy (shared/console/user-spec.ts PASSWORD_RULES). */
      reason: "invalid" | "unavailable" | "weak-password" | "no-role";
    };

export interface ConsoleAuth {
  signIn(email: string, password: string): Promise<SignInResult>;
  /** First sign-in with a temporary password (a user created in AWS without --password): set a new one. */
  completeNewPassword(
    email: string,
    temporaryPassword: string,
    newPassword: string,
  ): Promise<NewPasswordResult>;
  /** The console user of a valid session token; undefined for a forged, expired or foreign token. */
  verify(token: string): Promise<ConsoleUser | undefined>;
  /** Nothing to revoke (see above): the handler clears the cookie. */
  signOut(token: string): Promise<void>;
}

/**
 * Cognito's answers that mean "wrong email or password" (cognito-local says InvalidPasswordException).
 * A password reset by an administrator is one too: the old password no longer signs in. Not
 * InvalidParameterException: that is a client the flow is not enabled for, a deployment fault.
 */
const WRONG_CREDENTIALS = new Set([
  "NotAuthorizedException",
  "UserNotFoundException",
  "InvalidPasswordException",
  "PasswordResetRequiredException",
  "UserNotConfirmedException",
]);

function failure(err: unknown): "invalid" | "unavailable" {
  // FetchError: the pool's keys could not be fetched (the first verification in a container).
  if (isServiceUnavailable(err) || err instanceof FetchError) return "unavailable";
  if (err instanceof Error && WRONG_CREDENTIALS.has(err.name)) return "invalid";
  // Anything else (an unknown app client, missing permissions) is a fault of the deployment: a 500.
  throw err;
}

export class CognitoConsoleAuth implements ConsoleAuth {
  constructor(
    private readonly deps: {
      cognito: CognitoIdentityProviderClient;
      clientId: string;
      verifier: IdTokenVerifier;
    },
  ) {}

  async signIn(email: string, password: string): Promise<SignInResult> {
    if (!email.trim() || !password) return { ok: false, reason: "invalid" };
    try {
      const out = await this.initiate(email, password);
      if (out.ChallengeName === "NEW_PASSWORD_REQUIRED")
        return { ok: false, reason: "new-password-required" };
      // The pool asks for no other challenge (no MFA): another one is a pool we were not made for.
      if (!out.AuthenticationResult) return { ok: false, reason: "unavailable" };
      return await this.session(out.AuthenticationResult);
    } catch (err) {
      return { ok: false, reason: failure(err) };
    }
  }

  async completeNewPassword(
    email: string,
    temporaryPassword: string,
    newPassword: string,
  ): Promise<NewPasswordResult> {
    if (!email.trim() || !temporaryPassword) return { ok: false, reason: "invalid" };
    try {
      const started = await this.initiate(email, temporaryPassword);
      if (started.ChallengeName !== "NEW_PASSWORD_REQUIRED" || !started.Session)
        return { ok: false, reason: "invalid" };
      const out = await this.deps.cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: this.deps.clientId,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: started.Session,
          ChallengeResponses: { USERNAME: email.trim().toLowerCase(), NEW_PASSWORD: newPassword },
        }),
      );
      if (!out.AuthenticationResult) return { ok: false, reason: "unavailable" };
      return await this.session(out.AuthenticationResult);
    } catch (err) {
      // Here the only password Cognito judges is the new one.
      if (err instanceof Error && err.name === "InvalidPasswordException")
        return { ok: false, reason: "weak-password" };
      return { ok: false, reason: failure(err) };
    }
  }

  async verify(token: string): Promise<ConsoleUser | undefined> {
    try {
      return consoleUserFromClaims(await this.deps.verifier.verify(token));
    } catch {
      return undefined;
    }
  }

  async signOut(_token: string): Promise<void> {}

  private initiate(email: string, password: string) {
    return this.deps.cognito.send(
      new InitiateAuthCommand({
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: this.deps.clientId,
        // Emails are stored in lower case (shared/console/user-spec.ts); the pool matches them so.
        AuthParameters: { USERNAME: email.trim().toLowerCase(), PASSWORD: password },
      }),
    );
  }

  /** The ID token as the session, once verified like every later request will verify it. */
  private async session(
    result: AuthenticationResultType,
  ): Promise<
    { ok: true; token: string; expiresAt: Date; user: ConsoleUser } | { ok: false; reason: "no-role" }
  > {
    const token = result.IdToken;
    if (!token) throw new Error("Cognito returned no ID token");
    const claims = await this.deps.verifier.verify(token);
    const user = consoleUserFromClaims(claims);
    if (!user) return { ok: false, reason: "no-role" };
    return { ok: true, token, expiresAt: new Date(Number(claims.exp) * 1000), user };
  }
}
