/**
 * A console user as an administrator describes one (the demo users file, `npm run users -- add`):
 * email, role, scope and an optional password, checked here before anything reaches the user pool,
 * with messages in Vietnamese. Pure: no I/O.
 *
 * The scope must fit the role (shared/console/access.ts): a standing body or a committee reads the
 * plans it is given, a viewer every plan of an oversight body. A scope the role would ignore is
 * refused rather than stored, so that what the pool holds is what the console applies.
 */
import { z } from "zod";
import { Id } from "../plan/schema";
import { ROLE_NAMES, ROLES, type Role } from "./access";

/**
 * The deployed pool's password policy (infra/constructs/console-auth.ts): at least 12 characters,
 * upper and lower case letters, a digit and a symbol. cognito-local checks nothing, so it is
 * checked here, and a password that passes locally also passes in AWS.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_RULES = `ít nhất ${PASSWORD_MIN_LENGTH} ký tự, có chữ hoa, chữ thường, chữ số và ký hiệu`;

export function passwordProblem(password: string): string | undefined {
  const ok =
    password.length >= PASSWORD_MIN_LENGTH &&
    /[A-Z]/.test(password) &&
    /[a-z]/.test(password) &&
    /[0-9]/.test(password) &&
    /[^A-Za-z0-9]/.test(password) &&
    !/^\s|\s$/.test(password);
  return ok ? undefined : `mật khẩu phải có ${PASSWORD_RULES} (không bắt đầu hay kết thúc bằng dấu cách)`;
}

/** A role's scope: which attribute it reads, and what the other one would be. */
const SCOPE: Record<Role, "plans" | "oversight"> = {
  "standing-body": "plans",
  committee: "plans",
  viewer: "oversight",
};

export const ConsoleUserSpec = z
  .strictObject({
    email: z.email("email không hợp lệ").transform((e) => e.toLowerCase()),
    name: z.string().trim().min(1).max(200).optional(),
    role: z.enum(ROLES, `vai trò phải là một trong: ${ROLES.join(", ")}`),
    plans: z.array(Id).default([]),
    oversight: z.array(Id).default([]),
    password: z.string().optional(),
  })
  .superRefine((user, ctx) => {
    const wanted = SCOPE[user.role];
    const other = wanted === "plans" ? "oversight" : "plans";
    const roleName = `${ROLE_NAMES[user.role]} (${user.role})`;
    if (user[wanted].length === 0)
      ctx.addIssue({
        code: "custom",
        path: [wanted],
        message:
          wanted === "plans"
            ? `${roleName} cần ít nhất một kế hoạch (plans), ví dụ long-bien-2025`
            : `${roleName} cần ít nhất một cơ quan theo dõi (oversight), ví dụ so-y-te-ha-noi`,
      });
    if (user[other].length > 0)
      ctx.addIssue({
        code: "custom",
        path: [other],
        message: `${roleName} không dùng ${other}: vai trò này xem theo ${wanted}`,
      });
    const problem = user.password === undefined ? undefined : passwordProblem(user.password);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });

export type ConsoleUserSpec = z.output<typeof ConsoleUserSpec>;

/** A comma-separated list as a command line or a Cognito attribute carries it. */
export function commaList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The spec, or the problems in Vietnamese, one per line, each naming its field. */
export function parseConsoleUser(
  input: unknown,
): { ok: true; user: ConsoleUserSpec } | { ok: false; problems: string[] } {
  const parsed = ConsoleUserSpec.safeParse(input);
  if (parsed.success) return { ok: true, user: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) =>
      i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message,
    ),
  };
}
