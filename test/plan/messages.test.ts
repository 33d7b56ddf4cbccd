/** plan:check messages a clerk can act on: Vietnamese, the field named and explained, a suggestion. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PlanFileError, parsePlan } from "../../shared/plan/load";
import { SCHEDULE_KINDS } from "../../shared/plan/messages";
import { phraseDisagreement, readTimingPhrase } from "../../shared/plan/timing-phrase";

const base = readFileSync("test/fixtures/all-rules.yaml", "utf8");
const FIRST_SCHEDULE = "schedule: { kind: date, date: 2025-01-20 }";
const FIRST_TITLE = "    title: Xây dựng kế hoạch";

function problems(text: string): string[] {
  try {
    parsePlan(text, "x.yaml");
  } catch (err) {
    if (err instanceof PlanFileError) return err.problems.map((p) => `${p.path}: ${p.message}`);
    throw err;
  }
  throw new Error("the plan was accepted");
}

describe("plan:check messages", () => {
  it("a wrong schedule kind lists every valid kind with an example, and guesses the nearest", () => {
    expect(base).toContain(FIRST_SCHEDULE);
    const [message] = problems(base.replace(FIRST_SCHEDULE, "schedule: { kind: quartely, day: 25 }"));
    expect(message).toContain('kiểu lịch "quartely" không có (có phải "quarterly"?)');
    for (const kind of Object.keys(SCHEDULE_KINDS)) expect(message).toContain(`- ${kind}: `);
    expect(message).toContain("{ kind: quarterly, day: 25 }");
  });

  it("a missing field is named with what it means", () => {
    expect(problems(base.replace(FIRST_SCHEDULE, "schedule: { kind: monthly }"))).toEqual([
      "obligations[0].schedule.day: thiếu `day`: ngày trong tháng, 1–31",
    ]);
  });

  it("a month range written inside the list suggests the list to write", () => {
    expect(problems(base.replace(FIRST_SCHEDULE, "schedule: { kind: months, months: [6, 11-12] }"))).toEqual([
      'obligations[0].schedule.months[1]: "11-12" không phải một tháng: viết [6, 11, 12]',
    ]);
  });

  it("an unknown key suggests the nearest valid one", () => {
    const [message] = problems(base.replace(FIRST_TITLE, `${FIRST_TITLE}\n    leed: [tyt]`));
    expect(message).toMatch(/^obligations\[0\]: không có mục `leed`: có phải `lead`\?/);
  });

  it("an unknown key far from every valid one gets no guess", () => {
    const [message] = problems(base.replace(FIRST_TITLE, `${FIRST_TITLE}\n    xyzxyzxyz: 1`));
    expect(message).toContain("không có mục `xyzxyzxyz` (các mục hợp lệ:");
  });

  it("no message names a type from the code", () => {
    const all = [
      ...problems(base.replace(FIRST_SCHEDULE, "schedule: { kind: monthly }")),
      ...problems(base.replace(FIRST_SCHEDULE, "schedule: { kind: nope }")),
    ].join("\n");
    expect(all).not.toMatch(/expected|received|undefined|discriminator|Invalid/i);
  });
});

describe("the timing-phrase reader", () => {
  it('reads "Tháng 3, tháng 6" as months 3 and 6', () => {
    expect(readTimingPhrase("Tháng 3, tháng 6", 2025)).toEqual({ kind: "months", months: [3, 6] });
    expect(phraseDisagreement("Tháng 3, tháng 6", { kind: "months", months: [3, 6] }, 2025)).toBeUndefined();
  });
});
