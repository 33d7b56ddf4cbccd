import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatProblem, loadPlan, PlanFileError, parsePlan } from "../../shared/plan/load";
import { planWarnings } from "../../shared/plan/warnings";

const fixtureText = readFileSync("test/fixtures/all-rules.yaml", "utf8");

function problemsOf(text: string) {
  try {
    parsePlan(text, "sai.yaml");
  } catch (err) {
    if (err instanceof PlanFileError) return err.problems;
    throw err;
  }
  throw new Error("the plan was accepted");
}

describe("loading a plan file", () => {
  it("loads the fixture with defaults filled in", () => {
    const plan = parsePlan(fixtureText);
    expect(plan.defaults.reminders).toEqual({ daysBefore: [7, 3, 1], at: "08:00", onWindowOpen: true });
    expect(plan.defaults.escalation).toEqual({ graceDays: 2, repeatEveryDays: 7, maxEscalations: 4 });
    expect(plan.units.find((u) => u.id === "bcd")?.contacts).toEqual({ emails: [], phones: [] });
    expect(planWarnings(plan)).toEqual([]);
  });

  it('warns about a count field ("Số …") that does not say whether it takes whole numbers only', () => {
    const text = fixtureText.replace(
      "- { id: tom-tat, label: Tóm tắt, type: textarea, required: true }",
      `- { id: tom-tat, label: Tóm tắt, type: textarea, required: true }
      - { id: so-nguoi, label: Số người được khám, type: number }
      - { id: so-ho-so, label: Tổng số hồ sơ, type: number, integer: true }
      - { id: kinh-phi, label: Kinh phí, type: number }`,
    );
    expect(planWarnings(parsePlan(text))).toEqual([
      {
        path: "forms.bao-cao.fields[1]",
        message: expect.stringContaining('"Số người được khám" có vẻ là số đếm'),
      },
    ]);
  });

  it("reports a wrong value with its line, its path and what was expected, in Vietnamese", () => {
    const text = fixtureText.replace(
      "schedule: { kind: quarterly, day: 25 }",
      "schedule: { kind: quarterly, day: 40 }",
    );
    const [problem, ...rest] = problemsOf(text);
    expect(rest).toEqual([]);
    expect(problem?.path).toBe("obligations[6].schedule.day");
    expect(problem?.line).toBe(text.split("\n").findIndex((l) => l.includes("day: 40")) + 1);
    expect(problem?.message).toMatch(/<=31/);
    expect(problem && formatProblem(problem)).toMatch(
      /^sai\.yaml:\d+:\d+ {2}obligations\[6\]\.schedule\.day: /,
    );
  });

  it("reports every problem at once: unknown units, bad phones and emails, duplicate ids, unknown rule kinds", () => {
    const text = fixtureText
      .replace("lead: [cac-to, tyt]", "lead: [cac-to, tram-khong-co]")
      .replace('phones: ["+84900000099"]', 'phones: ["0912345678"]')
      .replace("emails: [tyt@example.org]", "emails: [tyt-at-example.org]")
      .replace("- id: hang-nam", "- id: ke-hoach")
      .replace("schedule: { kind: continuous }", "schedule: { kind: weekly }");
    const problems = problemsOf(text);
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    expect(byPath["units[2].contacts.phones[0]"]).toMatch(/\+84/);
    expect(byPath["units[2].contacts.emails[0]"]).toMatch(/email/);
    expect(byPath["obligations[9].schedule.kind"]).toBeDefined();
    // Cross-references are checked once the shapes are right: fix the shapes and they show up.
    const refs = problemsOf(
      fixtureText
        .replace("lead: [cac-to, tyt]", "lead: [cac-to, tram-khong-co]")
        .replace("- id: hang-nam", "- id: ke-hoach"),
    );
    expect(refs.map((p) => p.path)).toEqual(["obligations[1].id", "obligations[5].lead[1]"]);
    expect(refs[1]?.message).toBe('không có đơn vị hay nhóm nào mang mã "tram-khong-co"');
  });

  it("points at the parent when a required key is missing", () => {
    const text = fixtureText.replace("    source: Mục 7\n", "");
    const [problem] = problemsOf(text);
    expect(problem?.path).toBe("obligations[6].source");
    expect(problem?.line).toBe(text.split("\n").findIndex((l) => l.includes("- id: bao-cao-quy")) + 1);
  });

  it("rejects YAML that does not parse, and duplicate keys", () => {
    expect(problemsOf("id: [unclosed\n")[0]?.message).toMatch(/^YAML không hợp lệ/);
    expect(problemsOf(`${fixtureText}\nyear: 2026\n`)[0]?.message).toMatch(/YAML không hợp lệ/);
  });

  it("says plainly when the file is missing", async () => {
    await expect(loadPlan("plans/khong-co.yaml")).rejects.toThrow(/không tìm thấy tệp/);
  });
});
