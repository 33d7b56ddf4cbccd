/**
 * A console user as an administrator describes one: a scope that fits the role, a password that
 * Cognito's policy would take, problems named in Vietnamese; and the demo users file read the same
 * way.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDemoUsers } from "../../local/demo-users";
import { canRead } from "../../shared/console/access";
import { commaList, parseConsoleUser, passwordProblem } from "../../shared/console/user-spec";

const committee = { email: "BCD@LongBien.example.org", role: "committee", plans: ["long-bien-2025"] };

describe("a console user's description", () => {
  it("is taken when the scope fits the role; the email is kept in lower case", () => {
    const parsed = parseConsoleUser(committee);
    expect(parsed).toEqual({
      ok: true,
      user: {
        email: "bcd@longbien.example.org",
        role: "committee",
        plans: ["long-bien-2025"],
        oversight: [],
      },
    });
    expect(
      parseConsoleUser({ email: "soyte@hanoi.example.org", role: "viewer", oversight: ["so-y-te-ha-noi"] })
        .ok,
    ).toBe(true);
  });

  it.each([
    [{ ...committee, role: "admin" }, "role: vai trò phải là một trong: standing-body, committee, viewer"],
    [{ ...committee, plans: [] }, "plans: Ban Chỉ đạo (committee) cần ít nhất một kế hoạch"],
    [
      { ...committee, role: "standing-body", plans: undefined },
      "plans: Cơ quan thường trực (standing-body) cần",
    ],
    [
      { ...committee, role: "viewer" },
      "oversight: Cơ quan theo dõi (viewer) cần ít nhất một cơ quan theo dõi",
    ],
    [
      { ...committee, oversight: ["so-y-te-ha-noi"] },
      "oversight: Ban Chỉ đạo (committee) không dùng oversight",
    ],
    [{ ...committee, plans: ["Long Biên"] }, "plans.0: mã (id) chỉ gồm chữ thường"],
    [{ ...committee, email: "bcd" }, "email: email không hợp lệ"],
    [{ ...committee, password: "longbien2025" }, "password: mật khẩu phải có ít nhất 12 ký tự"],
  ])("refuses %o, naming the field", (input, problem) => {
    const parsed = parseConsoleUser(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.join("\n")).toContain(problem);
  });

  it("asks of a password what the deployed pool's policy asks", () => {
    expect(passwordProblem("VanPhong-2025!")).toBeUndefined();
    expect(passwordProblem("VanPhong-25!")).toBeUndefined();
    for (const weak of [
      "VanPhong-5!",
      "vanphong-2025!",
      "VANPHONG-2025!",
      "VanPhong-!!!!!",
      "VanPhong2025xy",
      " VanPhong-2025!",
    ])
      expect(passwordProblem(weak), weak).toBeDefined();
  });

  it("splits a comma-separated list, dropping blanks", () => {
    expect(commaList(" long-bien-2025, ,hai-phong-2024 ")).toEqual(["long-bien-2025", "hai-phong-2024"]);
    expect(commaList(undefined)).toEqual([]);
  });
});

describe("the demo users file", () => {
  const write = (yaml: string) => {
    const file = join(mkdtempSync(join(tmpdir(), "hanchot-demo-users-")), "users.yaml");
    writeFileSync(file, yaml);
    return file;
  };

  it("gives each user of local/demo-users.yaml a password and a scope the console applies", () => {
    const users = loadDemoUsers();
    expect(users.length).toBeGreaterThan(0);
    for (const u of users) {
      expect(passwordProblem(u.password)).toBeUndefined();
      // Each reads something: a plan of theirs, or a plan under their oversight body.
      const reads =
        u.role === "viewer"
          ? canRead({ ...u, id: u.email }, { planId: "any", oversightId: u.oversight[0] ?? "" })
          : canRead({ ...u, id: u.email }, { planId: u.plans[0] ?? "" });
      expect(reads, u.email).toBe(true);
    }
  });

  it("refuses a user without a password, naming the file and the user", () => {
    const file = write("users:\n  - email: a@x.example.org\n    role: committee\n    plans: [p]\n");
    expect(() => loadDemoUsers(file)).toThrow(/users\.yaml: users\.0\.password/);
  });

  it("refuses a user whose scope does not fit the role", () => {
    const file = write(
      "users:\n  - email: a@x.example.org\n    role: viewer\n    plans: [p]\n    password: VanPhong-2025!\n",
    );
    expect(() => loadDemoUsers(file)).toThrow(/users\.0\.oversight: Cơ quan theo dõi/);
  });
});
