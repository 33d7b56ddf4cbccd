/**
 * The console's user pool: its shape (custom attributes, groups, app client) and its users, for
 * cognito-local (local/cognito-local.ts) and the `npm run users` command, locally and in AWS.
 * The CDK pool should be built from the same constants (one source of truth).
 *
 * A user's role is one group (standing-body, committee, viewer); the scope is the custom
 * attributes `plans` and `oversight`. The app client may write neither: with their own access
 * token (InitiateAuth is public, the client id is no secret) a user could otherwise widen their
 * own scope. Only an administrator (Admin* calls, IAM) changes them.
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  type CreateUserPoolClientCommandInput,
  type CreateUserPoolCommandInput,
  ListGroupsCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type UserType,
} from "@aws-sdk/client-cognito-identity-provider";
import { ROLE_NAMES, ROLES, type Role } from "../../shared/console/access";
import { type ConsoleUserSpec, commaList, PASSWORD_MIN_LENGTH } from "../../shared/console/user-spec";
import { CLAIMS } from "./auth/claims";

/** The ID token is the session: an hour, after which the user signs in again (no refresh). */
export const ID_TOKEN_VALIDITY_MINUTES = 60;

/** The custom attributes, as CreateUserPool names them (Cognito adds the `custom:` prefix). */
export const CUSTOM_ATTRIBUTES = ["plans", "oversight"] as const;

export function userPoolInput(poolName: string): CreateUserPoolCommandInput {
  return {
    PoolName: poolName,
    UsernameAttributes: ["email"],
    UsernameConfiguration: { CaseSensitive: false },
    AutoVerifiedAttributes: ["email"],
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    Policies: {
      PasswordPolicy: {
        MinimumLength: PASSWORD_MIN_LENGTH,
        RequireUppercase: true,
        RequireLowercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
      },
    },
    Schema: CUSTOM_ATTRIBUTES.map((name) => ({
      Name: name,
      AttributeDataType: "String",
      Mutable: true,
      StringAttributeConstraints: { MinLength: "0", MaxLength: "2048" },
    })),
  };
}

export function appClientInput(userPoolId: string): CreateUserPoolClientCommandInput {
  return {
    UserPoolId: userPoolId,
    ClientName: "hanchot-console",
    GenerateSecret: false,
    ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    IdTokenValidity: ID_TOKEN_VALIDITY_MINUTES,
    AccessTokenValidity: ID_TOKEN_VALIDITY_MINUTES,
    TokenValidityUnits: { IdToken: "minutes", AccessToken: "minutes", RefreshToken: "days" },
    // Wrong email and wrong password answer alike.
    PreventUserExistenceErrors: "ENABLED",
    // Not the scope (custom:plans, custom:oversight): see the top of this file.
    WriteAttributes: ["name"],
  };
}

/** The three role groups, creating the missing ones only (cognito-local would empty an existing one). */
export async function ensureRoleGroups(cognito: CognitoIdentityProviderClient, userPoolId: string) {
  const existing = new Set<string>();
  let NextToken: string | undefined;
  do {
    const page = await cognito.send(new ListGroupsCommand({ UserPoolId: userPoolId, NextToken }));
    for (const g of page.Groups ?? []) if (g.GroupName) existing.add(g.GroupName);
    NextToken = page.NextToken;
  } while (NextToken);
  for (const [precedence, role] of ROLES.entries())
    if (!existing.has(role))
      await cognito.send(
        new CreateGroupCommand({
          UserPoolId: userPoolId,
          GroupName: role,
          Description: ROLE_NAMES[role],
          Precedence: precedence,
        }),
      );
}

export class UserExistsError extends Error {
  override name = "UserExistsError";
}

/**
 * How a new user gets a password:
 *   permanent: set now, nothing to change (local users);
 *   temporary: to be changed at first sign-in, no email sent;
 *   invite: Cognito emails a temporary password (AWS; the pool's invitation message).
 */
export type InitialPassword = { permanent: string } | { temporary: string } | { invite: true };

function attributesOf(user: ConsoleUserSpec): AttributeType[] {
  return [
    { Name: "email", Value: user.email },
    { Name: "email_verified", Value: "true" },
    ...(user.name ? [{ Name: "name", Value: user.name }] : []),
    ...(user.plans.length ? [{ Name: CLAIMS.plans, Value: user.plans.join(",") }] : []),
    ...(user.oversight.length ? [{ Name: CLAIMS.oversight, Value: user.oversight.join(",") }] : []),
  ];
}

const named = (err: unknown, name: string) => err instanceof Error && err.name === name;

/** A new user in their role's group; UserExistsError if the email has one. Undone if a step fails. */
export async function createConsoleUser(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  user: ConsoleUserSpec,
  password: InitialPassword,
): Promise<{ id: string }> {
  let created: UserType | undefined;
  try {
    created = (
      await cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: user.email,
          UserAttributes: attributesOf(user),
          ...("invite" in password
            ? { DesiredDeliveryMediums: ["EMAIL"] }
            : {
                // Without it Cognito (and cognito-local) would try to deliver the temporary password.
                MessageAction: "SUPPRESS",
                ...("temporary" in password && { TemporaryPassword: password.temporary }),
              }),
        }),
      )
    ).User;
  } catch (err) {
    if (named(err, "UsernameExistsException"))
      throw new UserExistsError(`${user.email} đã có trong nhóm người dùng`);
    throw err;
  }
  try {
    if ("permanent" in password)
      await cognito.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: userPoolId,
          Username: user.email,
          Password: password.permanent,
          Permanent: true,
        }),
      );
    await cognito.send(
      new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: user.email, GroupName: user.role }),
    );
  } catch (err) {
    // A user without their role or password is worse than none: `add` can then be run again.
    await cognito
      .send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: user.email }))
      .catch(() => undefined);
    throw err;
  }
  return { id: attribute(created, "sub") ?? created?.Username ?? user.email };
}

/**
 * The user as described, whether or not they exist (the local demo users, on every start): a new
 * one is created; an existing one gets the attributes, password and single role group described.
 */
export async function putConsoleUser(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  user: ConsoleUserSpec & { password: string },
): Promise<"created" | "updated"> {
  try {
    await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: user.email }));
  } catch (err) {
    if (!named(err, "UserNotFoundException")) throw err;
    await createConsoleUser(cognito, userPoolId, user, { permanent: user.password });
    return "created";
  }
  const Username = user.email;
  await cognito.send(
    new AdminUpdateUserAttributesCommand({
      UserPoolId: userPoolId,
      Username,
      // email_verified needs its email beside it (cognito-local, like Cognito, refuses it alone).
      UserAttributes: attributesOf(user),
    }),
  );
  const absent = [
    ...(user.plans.length ? [] : [CLAIMS.plans]),
    ...(user.oversight.length ? [] : [CLAIMS.oversight]),
  ];
  if (absent.length > 0)
    await cognito.send(
      new AdminDeleteUserAttributesCommand({
        UserPoolId: userPoolId,
        Username,
        UserAttributeNames: absent,
      }),
    );
  await cognito.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: userPoolId,
      Username,
      Password: user.password,
      Permanent: true,
    }),
  );
  const groups = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username }));
  const current = (groups.Groups ?? []).map((g) => g.GroupName);
  for (const role of ROLES) {
    if (role === user.role && !current.includes(role))
      await cognito.send(
        new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username, GroupName: role }),
      );
    if (role !== user.role && current.includes(role))
      await cognito.send(
        new AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username, GroupName: role }),
      );
  }
  return "updated";
}

export function attribute(user: UserType | undefined, name: string): string | undefined {
  return user?.Attributes?.find((a) => a.Name === name)?.Value;
}

/** Every user of a group, page after page. */
export async function usersInGroup(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  group: string,
): Promise<UserType[]> {
  const users: UserType[] = [];
  let NextToken: string | undefined;
  do {
    const page = await cognito.send(
      new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: group, NextToken, Limit: 60 }),
    );
    users.push(...(page.Users ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return users;
}

/** A user of the pool as `users list` shows them. */
export interface PoolUser {
  email: string;
  name?: string;
  /** Absent: in no console group (not a console user). */
  role?: Role;
  plans: string[];
  oversight: string[];
  /** Cognito's UserStatus: CONFIRMED, FORCE_CHANGE_PASSWORD (temporary password not yet changed), … */
  status: string;
  enabled: boolean;
}

export async function listConsoleUsers(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
): Promise<PoolUser[]> {
  const roleOf = new Map<string, Role>();
  // In reverse, so that a user in several groups shows the role the console gives them (claims.ts).
  for (const role of [...ROLES].reverse())
    for (const u of await usersInGroup(cognito, userPoolId, role))
      if (u.Username) roleOf.set(u.Username, role);
  const all: UserType[] = [];
  let PaginationToken: string | undefined;
  do {
    const page = await cognito.send(new ListUsersCommand({ UserPoolId: userPoolId, PaginationToken }));
    all.push(...(page.Users ?? []));
    PaginationToken = page.PaginationToken;
  } while (PaginationToken);
  return all
    .map((u) => {
      const name = attribute(u, "name");
      const role = u.Username ? roleOf.get(u.Username) : undefined;
      return {
        email: attribute(u, "email") ?? u.Username ?? "",
        ...(name && { name }),
        ...(role && { role }),
        plans: commaList(attribute(u, CLAIMS.plans)),
        oversight: commaList(attribute(u, CLAIMS.oversight)),
        status: u.UserStatus ?? "",
        enabled: u.Enabled !== false,
      };
    })
    .sort((a, b) => a.email.localeCompare(b.email));
}
