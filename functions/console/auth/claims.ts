/**
 * A verified ID token's claims → the console user, or nobody. Pure.
 *
 * The role is the user's Cognito group; a user in no console group is not a console user (a pool
 * may hold others). A user in several console groups gets the one that reaches furthest, in
 * ROLES order (standing-body, committee, viewer): `npm run users` puts each user in one group,
 * so this only decides for hand-made mistakes, and predictably. The scope comes from the custom
 * attributes, comma-separated: data, not code.
 */
import { type ConsoleUser, ROLES, type Role } from "../../../shared/console/access";
import { commaList } from "../../../shared/console/user-spec";

/** Where each part of a console user is in the ID token. */
export const CLAIMS = {
  groups: "cognito:groups",
  plans: "custom:plans",
  oversight: "custom:oversight",
} as const;

export function roleOf(groups: unknown): Role | undefined {
  if (!Array.isArray(groups)) return undefined;
  return ROLES.find((role) => groups.includes(role));
}

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;

export function consoleUserFromClaims(claims: Readonly<Record<string, unknown>>): ConsoleUser | undefined {
  const role = roleOf(claims[CLAIMS.groups]);
  const id = text(claims.sub);
  const email = text(claims.email);
  if (!role || !id || !email) return undefined;
  const name = text(claims.name);
  return {
    id,
    email,
    ...(name && { name }),
    role,
    plans: commaList(text(claims[CLAIMS.plans])),
    oversight: commaList(text(claims[CLAIMS.oversight])),
  };
}
