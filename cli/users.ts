/**
 * npm run -s users -- add --email <email> --role standing-body|committee|viewer
 *     [--plans a,b] [--oversight x] [--name <tên>] [--password <mật khẩu>]
 *     [--user-pool-id <UserPoolId> [--region <vùng>]] [--data-dir .local]
 * npm run -s users -- list [--user-pool-id <UserPoolId> [--region <vùng>]] [--data-dir .local]
 *
 * The console's users. By default the local pool (cognito-local, .local/cognito): the running
 * `npm start`'s when it answers, else one started for the command and stopped after it (npm start
 * need not have run: the pool is made if missing). A local user gets a permanent password, the one
 * given or one made up and printed. With --user-pool-id, a deployed pool (AWS credentials as
 * usual; the region from --region, else from the pool id): without --password Cognito emails the
 * user a temporary password; with one, that password is temporary and nothing is sent. Either
 * way the user chooses their own at first sign-in.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import {
  createConsoleUser,
  type InitialPassword,
  listConsoleUsers,
  type PoolUser,
  UserExistsError,
} from "../functions/console/user-pool";
import { openLocalPool } from "../local/cognito-local";
import { ROLE_NAMES } from "../shared/console/access";
import { type ConsoleUserSpec, commaList, parseConsoleUser } from "../shared/console/user-spec";
import { awsClients, cliArgs, fail } from "./args";

const USAGE = `Cách dùng:
  npm run -s users -- add --email <email> --role standing-body|committee|viewer [--plans a,b] [--oversight x] [--name <tên>] [--password <mật khẩu>]
  npm run -s users -- list
  Mặc định: nhóm người dùng cục bộ (cognito-local trong .local/cognito; --data-dir để đổi).
  --user-pool-id <UserPoolId> [--region <vùng>]: nhóm người dùng đã triển khai trên AWS.
  Vai trò: standing-body (${ROLE_NAMES["standing-body"]}, cần --plans), committee (${ROLE_NAMES.committee}, cần --plans),
           viewer (${ROLE_NAMES.viewer}, cần --oversight).`;

const OPTIONS = {
  email: { type: "string" },
  role: { type: "string" },
  plans: { type: "string" },
  oversight: { type: "string" },
  name: { type: "string" },
  password: { type: "string" },
  "user-pool-id": { type: "string" },
  region: { type: "string" },
  "data-dir": { type: "string", default: ".local" },
} as const;

const [command, ...rest] = process.argv.slice(2).filter((a) => a !== "--");
if (command !== "add" && command !== "list")
  fail(command ? `không có lệnh "${command}" (add hoặc list)` : "thiếu lệnh: add hoặc list", USAGE);
const values = cliArgs(OPTIONS, USAGE, rest);

/** Where the command works: the deployed pool named, or the local one. */
interface Pool {
  client: CognitoIdentityProviderClient;
  userPoolId: string;
  deployed: boolean;
  /** Said once, when the command had to start cognito-local itself. */
  note?: string;
  close(): Promise<void>;
}

async function openPool(): Promise<Pool> {
  const userPoolId = values["user-pool-id"];
  if (userPoolId) {
    // A pool id begins with its region: ap-southeast-1_AbC123.
    const region = values.region ?? process.env.AWS_REGION ?? userPoolId.split("_")[0] ?? "";
    const client = awsClients(region).cognito;
    return { client, userPoolId, deployed: true, close: async () => client.destroy() };
  }
  if (values.region) fail("--region chỉ dùng cùng --user-pool-id", USAGE);
  const dir = join(values["data-dir"], "cognito");
  const local = await openLocalPool(dir);
  return {
    ...local,
    deployed: false,
    ...(local.started && {
      note: `(npm start không chạy: đã khởi động cognito-local tạm cho lệnh này, dữ liệu trong ${dir})`,
    }),
  };
}

/** A local password that passes Cognito's policy: upper, lower, digit, symbol, 20 characters. */
function madeUpPassword(): string {
  return `Hc-${randomBytes(12).toString("base64url")}7a`;
}

function scopeText(u: { role?: string; plans: readonly string[]; oversight: readonly string[] }): string {
  if (u.role === "viewer") return u.oversight.length ? `theo dõi ${u.oversight.join(", ")}` : "";
  return u.plans.length ? `kế hoạch ${u.plans.join(", ")}` : "";
}

function statusText(u: PoolUser): string {
  if (!u.enabled) return "bị khóa";
  if (u.status === "FORCE_CHANGE_PASSWORD") return "chờ đổi mật khẩu tạm";
  if (u.status === "CONFIRMED") return "đang dùng";
  return u.status;
}

/** The reason a call to the pool failed, in Vietnamese where we know it. */
function poolError(err: unknown, pool: Pool): string {
  const name = err instanceof Error ? err.name : "";
  if (name === "ResourceNotFoundException")
    return `không tìm thấy nhóm người dùng ${pool.userPoolId}${pool.deployed ? " (kiểm tra --user-pool-id và --region)" : ""}`;
  if (name === "CredentialsProviderError")
    return "không có thông tin đăng nhập AWS (đặt AWS_PROFILE, hoặc aws sso login / aws configure)";
  if (name === "AccessDeniedException" || name === "UnrecognizedClientException")
    return `AWS từ chối: ${(err as Error).message}`;
  if (name === "InvalidPasswordException")
    return `mật khẩu không đạt chính sách của nhóm người dùng: ${(err as Error).message}`;
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/** The user to add, checked before any pool is opened. */
function userToAdd(): ConsoleUserSpec {
  if (!values.email || !values.role) fail("lệnh add cần --email và --role", USAGE);
  const parsed = parseConsoleUser({
    email: values.email,
    role: values.role,
    plans: commaList(values.plans),
    oversight: commaList(values.oversight),
    ...(values.name !== undefined && { name: values.name }),
    ...(values.password !== undefined && { password: values.password }),
  });
  if (!parsed.ok) fail(parsed.problems.join("\n     "));
  return parsed.user;
}

async function add(pool: Pool, user: ConsoleUserSpec): Promise<void> {
  const local = pool.deployed ? undefined : (user.password ?? madeUpPassword());
  const password: InitialPassword = local
    ? { permanent: local }
    : user.password
      ? { temporary: user.password }
      : { invite: true };
  await createConsoleUser(pool.client, pool.userPoolId, user, password);
  const who = `${user.email} (${ROLE_NAMES[user.role]}, ${scopeText(user)})`;
  if (local) {
    console.log(`Đã thêm ${who} vào nhóm người dùng cục bộ.`);
    console.log(`Mật khẩu: ${local}`);
  } else if ("temporary" in password) {
    console.log(`Đã thêm ${who} vào ${pool.userPoolId}.`);
    console.log("Mật khẩu vừa nhập là mật khẩu tạm: người dùng đặt mật khẩu mới ở lần đăng nhập đầu.");
  } else {
    console.log(`Đã thêm ${who} vào ${pool.userPoolId}.`);
    console.log(
      `Cognito đã gửi mật khẩu tạm đến ${user.email}; người dùng đặt mật khẩu mới ở lần đăng nhập đầu.`,
    );
  }
}

async function list(pool: Pool): Promise<void> {
  const users = await listConsoleUsers(pool.client, pool.userPoolId);
  if (users.length === 0) {
    console.log("Chưa có người dùng nào.");
    return;
  }
  const rows = users.map((u) => [
    u.email,
    u.role ? ROLE_NAMES[u.role] : "(không có vai trò)",
    scopeText(u),
    statusText(u),
    u.name ?? "",
  ]);
  const header = ["Email", "Vai trò", "Phạm vi", "Trạng thái", "Tên"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  for (const row of [header, ...rows])
    console.log(
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    );
}

const user = command === "add" ? userToAdd() : undefined;
const pool = await openPool().catch((err: Error) => fail(`không mở được nhóm người dùng: ${err.message}`));
try {
  if (pool.note) console.error(pool.note);
  await (user ? add(pool, user) : list(pool));
} catch (err) {
  await pool.close();
  fail(err instanceof UserExistsError ? err.message : poolError(err, pool));
}
await pool.close();
