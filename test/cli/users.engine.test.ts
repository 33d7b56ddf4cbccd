/**
 * `npm run users`: adding and listing console users, run as the command it is. Locally against the
 * cognito-local that `npm start` would be running (and, when none runs, one the command starts for
 * itself); "deployed" against the same cognito-local reached the way the AWS SDK reaches a pool,
 * through AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER. Each user added then signs in (or is asked
 * for a new password) through the console's own sign-in.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConsoleAuth, type ConsoleAuth } from "../../functions/console/auth";
import { type CognitoLocal, startCognitoLocal } from "../../local/cognito-local";

function users(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "cli/users.ts", ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const PASSWORD_LINE = /^Mật khẩu: (\S+)$/m;

describe("npm run users", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "hanchot-users-"));
  let local: CognitoLocal;
  let auth: ConsoleAuth;
  const localUsers = (...args: string[]) => users([...args, "--data-dir", dataDir]);

  beforeAll(async () => {
    // As `npm start` leaves it: cognito-local running on .local/cognito, its pool in pool.json.
    local = await startCognitoLocal({ dir: join(dataDir, "cognito") });
    auth = await buildConsoleAuth(
      { userPoolId: local.userPoolId, clientId: local.clientId, cognitoEndpoint: local.endpoint },
      local.client,
    );
  });
  afterAll(async () => {
    await local?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("adds a committee member to the running local pool, who then signs in with their role and plans", async () => {
    const run = localUsers(
      "add",
      "--email",
      "thuky@longbien.example.org",
      "--role",
      "committee",
      "--plans",
      "long-bien-2025,long-bien-2026",
      "--name",
      "Thư ký Ban Chỉ đạo",
      "--password",
      "ThuKy-LongBien-2025!",
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      "Đã thêm thuky@longbien.example.org (Ban Chỉ đạo, kế hoạch long-bien-2025, long-bien-2026) vào nhóm người dùng cục bộ.",
    );
    // The running cognito-local was used, not a second one on the same data.
    expect(run.stderr).not.toContain("khởi động cognito-local tạm");
    const signedIn = await auth.signIn("thuky@longbien.example.org", "ThuKy-LongBien-2025!");
    if (!signedIn.ok) throw new Error(signedIn.reason);
    expect(signedIn.user).toMatchObject({ role: "committee", plans: ["long-bien-2025", "long-bien-2026"] });
  });

  it("makes up and prints a password when none is given", async () => {
    const run = localUsers(
      "add",
      "--email",
      "soyte@haiphong.example.org",
      "--role",
      "viewer",
      "--oversight",
      "so-y-te-hai-phong",
    );
    expect(run.code, run.stderr).toBe(0);
    const password = PASSWORD_LINE.exec(run.stdout)?.[1] ?? "";
    const signedIn = await auth.signIn("soyte@haiphong.example.org", password);
    if (!signedIn.ok) throw new Error(signedIn.reason);
    expect(signedIn.user).toMatchObject({ role: "viewer", oversight: ["so-y-te-hai-phong"], plans: [] });
  });

  it("lists the users with their roles and scope in Vietnamese", () => {
    const run = localUsers("list");
    expect(run.code, run.stderr).toBe(0);
    const line = (email: string) => run.stdout.split("\n").find((l) => l.startsWith(email)) ?? "";
    expect(line("thuky@longbien.example.org")).toMatch(
      /Ban Chỉ đạo\s+kế hoạch long-bien-2025, long-bien-2026\s+đang dùng\s+Thư ký Ban Chỉ đạo$/,
    );
    expect(line("soyte@haiphong.example.org")).toMatch(
      /Cơ quan theo dõi\s+theo dõi so-y-te-hai-phong\s+đang dùng$/,
    );
  });

  it.each([
    [
      "a user who exists",
      ["--email", "thuky@longbien.example.org", "--role", "committee", "--plans", "long-bien-2025"],
      "thuky@longbien.example.org đã có trong nhóm người dùng",
    ],
    [
      "an unknown role",
      ["--email", "x@longbien.example.org", "--role", "admin", "--plans", "long-bien-2025"],
      "vai trò phải là một trong: standing-body, committee, viewer",
    ],
    [
      "a standing body without a plan",
      ["--email", "x@longbien.example.org", "--role", "standing-body"],
      "Cơ quan thường trực (standing-body) cần ít nhất một kế hoạch",
    ],
    [
      "a viewer without an oversight body",
      ["--email", "x@longbien.example.org", "--role", "viewer", "--plans", "long-bien-2025"],
      "Cơ quan theo dõi (viewer) cần ít nhất một cơ quan theo dõi",
    ],
    [
      "a weak password",
      ["--email", "x@longbien.example.org", "--role", "committee", "--plans", "p", "--password", "12345678"],
      "mật khẩu phải có ít nhất 12 ký tự, có chữ hoa",
    ],
  ])("refuses %s in Vietnamese, adding nobody", (_, args, message) => {
    const run = localUsers("add", ...args);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Lỗi: `);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe("");
  });

  it.each([
    ["no command", []],
    ["add without --role", ["add", "--email", "x@longbien.example.org"]],
    ["an unknown option", ["list", "--pool", "x"]],
  ])("answers %s with the usage", (_, args) => {
    const run = localUsers(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Cách dùng:");
  });

  describe("against a deployed pool (--user-pool-id)", () => {
    const deployed = (...args: string[]) =>
      users([...args, "--user-pool-id", local.userPoolId, "--region", "ap-southeast-1"], {
        AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: local.endpoint,
        AWS_ACCESS_KEY_ID: "local",
        AWS_SECRET_ACCESS_KEY: "local",
      });

    it("has Cognito email a temporary password when none is given; the user must choose their own", async () => {
      const run = deployed(
        "add",
        "--email",
        "moi@longbien.example.org",
        "--role",
        "standing-body",
        "--plans",
        "long-bien-2025",
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(
        `Đã thêm moi@longbien.example.org (Cơ quan thường trực, kế hoạch long-bien-2025) vào ${local.userPoolId}.`,
      );
      expect(run.stdout).toContain("Cognito đã gửi mật khẩu tạm đến moi@longbien.example.org");
      expect(run.stdout).not.toMatch(PASSWORD_LINE);
      const listed = deployed("list");
      expect(listed.stdout.split("\n").find((l) => l.startsWith("moi@longbien.example.org"))).toContain(
        "chờ đổi mật khẩu tạm",
      );
    });

    it("makes a password given a temporary one, sending nothing", async () => {
      const run = deployed(
        "add",
        "--email",
        "tam@longbien.example.org",
        "--role",
        "committee",
        "--plans",
        "long-bien-2025",
        "--password",
        "Tam-thoi-2025!",
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain("Mật khẩu vừa nhập là mật khẩu tạm");
      expect(await auth.signIn("tam@longbien.example.org", "Tam-thoi-2025!")).toEqual({
        ok: false,
        reason: "new-password-required",
      });
      expect(
        (await auth.completeNewPassword("tam@longbien.example.org", "Tam-thoi-2025!", "Rieng-LongBien-2025!"))
          .ok,
      ).toBe(true);
    });

    it("names a pool that is not there", () => {
      const run = users(["list", "--user-pool-id", "ap-southeast-1_Missing1", "--region", "ap-southeast-1"], {
        AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: local.endpoint,
        AWS_ACCESS_KEY_ID: "local",
        AWS_SECRET_ACCESS_KEY: "local",
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("không tìm thấy nhóm người dùng ap-southeast-1_Missing1");
    });
  });

  it("starts cognito-local for itself when npm start is not running, and leaves the user in the pool", async () => {
    const otherDir = mkdtempSync(join(tmpdir(), "hanchot-users-cold-"));
    try {
      const run = users([
        "add",
        "--email",
        "a@longbien.example.org",
        "--role",
        "committee",
        "--plans",
        "long-bien-2025",
        "--password",
        "Mot-LongBien-2025!",
        "--data-dir",
        otherDir,
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain("đã khởi động cognito-local tạm cho lệnh này");
      expect(existsSync(join(otherDir, "cognito", "pool.json"))).toBe(true);
      const later = await startCognitoLocal({ dir: join(otherDir, "cognito") });
      try {
        const laterAuth = await buildConsoleAuth(
          { userPoolId: later.userPoolId, clientId: later.clientId, cognitoEndpoint: later.endpoint },
          later.client,
        );
        expect((await laterAuth.signIn("a@longbien.example.org", "Mot-LongBien-2025!")).ok).toBe(true);
      } finally {
        await later.stop();
      }
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });
});
