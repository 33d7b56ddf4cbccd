/**
 * The console part of the start page and banner: each demo user with their password, role and
 * scope in Vietnamese, and a warning where their scope does not reach the plan that is running.
 */
import { describe, expect, it } from "vitest";
import { demoLoginLines, demoLogins, renderStartPage } from "../../local/start-page";

const users = [
  {
    email: "vanphong@longbien.example.org",
    password: "VanPhong-2025!",
    role: "standing-body" as const,
    plans: ["long-bien-2025"],
    oversight: [],
  },
  {
    email: "soyte@hanoi.example.org",
    password: "SoYTe-<HaNoi>-2025!",
    role: "viewer" as const,
    plans: [],
    oversight: ["so-y-te-ha-noi"],
  },
];

describe("the demo users on the start page and banner", () => {
  it("says who reads the running plan: by its id, or by its oversight body", () => {
    const withoutOversight = demoLogins(users, { id: "long-bien-2025" });
    expect(withoutOversight.map((l) => l.readsPlan)).toEqual([true, false]);
    const overseen = demoLogins(users, { id: "long-bien-2025", oversight: { id: "so-y-te-ha-noi" } });
    expect(overseen.map((l) => l.readsPlan)).toEqual([true, true]);
    expect(demoLogins(users, { id: "hai-phong-2024" }).map((l) => l.readsPlan)).toEqual([false, false]);
  });

  it("prints each with password, role and scope in Vietnamese", () => {
    expect(demoLoginLines(demoLogins(users, { id: "long-bien-2025" }))).toEqual([
      "vanphong@longbien.example.org / mật khẩu VanPhong-2025! (Cơ quan thường trực, kế hoạch long-bien-2025)",
      "soyte@hanoi.example.org / mật khẩu SoYTe-<HaNoi>-2025! (Cơ quan theo dõi, theo dõi so-y-te-ha-noi) — không xem được kế hoạch đang chạy",
    ]);
  });

  it("shows the console's address and the users on the page, escaped", () => {
    const page = renderStartPage({
      planTitle: "Kế hoạch",
      clockText: "giờ thật",
      now: () => new Date("2025-03-20T02:00:00Z"),
      links: [],
      console: {
        url: "http://127.0.0.1:3000/console",
        logins: demoLogins(users, { id: "long-bien-2025" }),
      },
    });
    expect(page).toContain('<a href="http://127.0.0.1:3000/console">');
    expect(page).toContain("<td>vanphong@longbien.example.org</td><td><code>VanPhong-2025!</code></td>");
    expect(page).toContain("SoYTe-&lt;HaNoi&gt;-2025!");
    expect(page).not.toContain("SoYTe-<HaNoi>");
    expect(page).toContain("(không xem được kế hoạch đang chạy)");
  });
});
