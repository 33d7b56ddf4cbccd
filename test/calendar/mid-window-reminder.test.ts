/**
 * A long window (an activity "Tháng 3,4,5,6,7", a plan item due by year's end) gets one reminder
 * at its middle, at the plan's send slot, besides its opening and the reminders before the cut-off
 * (issue 11): weeks of silence is when a unit forgets an activity spread over months.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { addDays, type CivilDate, startOfDayInVietnam } from "../../shared/calendar/civil-date";
import { expandPlan, MID_WINDOW_AFTER_DAYS, policyReminderInstants } from "../../shared/calendar/expand";
import { reminderStage } from "../../shared/lifecycle/next-step";
import { opensWindow } from "../../shared/lifecycle/window";
import { parsePlan } from "../../shared/plan/load";
import { ReminderPolicy } from "../../shared/plan/schema";

const fixture = parsePlan(readFileSync("test/fixtures/all-rules.yaml", "utf8"), "all-rules.yaml");
const instance = (id: string) => expandPlan(fixture, 2025).find((i) => i.id === id);

/** The reminders of a window from `opensOn` to `lastDay` under a policy (defaults: 7, 3, 1 days before, 08:00). */
const reminders = (opensOn: CivilDate, lastDay: CivilDate, policy: Partial<ReminderPolicy> = {}) =>
  policyReminderInstants(
    ReminderPolicy.parse(policy),
    lastDay,
    opensOn,
    startOfDayInVietnam(addDays(lastDay, 1)),
  );

describe("the mid-window reminder", () => {
  it("reminds a five-month activity at its middle, between its opening and the week before its end", () => {
    // 1/3–31/7/2025: 153 days, the middle is 1/3 + 76 days = Friday 16/05.
    expect(instance("thu-nghiem:kham:2025-03/2025-07:tyt")?.remindAt).toEqual([
      "2025-03-03T08:00:00+07:00", // the window opens (1/3 is a Saturday)
      "2025-05-16T08:00:00+07:00", // its middle
      "2025-07-24T08:00:00+07:00",
      "2025-07-28T08:00:00+07:00",
      "2025-07-30T08:00:00+07:00",
    ]);
  });

  it("goes out at the plan's send slot, and on the next working day when the middle is a day off", () => {
    // 1/6–30/6/2025: the middle, Sunday 15/06, waits for Monday 16/06.
    expect(reminders("2025-06-01", "2025-06-30", { at: "14:30" })).toContain("2025-06-16T14:30:00+07:00");
    // 1/1–31/3/2026: the middle, 14/02, falls in the Tết break (14–22/02): Monday 23/02.
    expect(reminders("2026-01-01", "2026-03-31")).toContain("2026-02-23T08:00:00+07:00");
  });

  it(`is only for windows longer than ${MID_WINDOW_AFTER_DAYS} days`, () => {
    // Monday 2/6/2025 to the 21st day: the opening and 7, 3, 1 days before; to the 22nd, the middle too.
    const short = reminders("2025-06-02", addDays("2025-06-02", MID_WINDOW_AFTER_DAYS - 1));
    const long = reminders("2025-06-02", addDays("2025-06-02", MID_WINDOW_AFTER_DAYS));
    expect(short).toEqual([
      "2025-06-02T08:00:00+07:00",
      "2025-06-13T08:00:00+07:00",
      "2025-06-19T08:00:00+07:00",
      "2025-06-20T08:00:00+07:00",
    ]);
    // 22 days: the middle, 2/6 + 10 = Thursday 12/06, four days from "7 days before" (Monday 16/06).
    expect(long).toEqual([
      "2025-06-02T08:00:00+07:00",
      "2025-06-12T08:00:00+07:00",
      "2025-06-16T08:00:00+07:00",
      "2025-06-20T08:00:00+07:00",
    ]);
    // A 40-day window: 2/6 + 19 = Saturday 21/06, sent Monday 23/06.
    expect(reminders("2025-06-02", addDays("2025-06-02", 39))).toEqual([
      "2025-06-02T08:00:00+07:00",
      "2025-06-23T08:00:00+07:00",
      "2025-07-04T08:00:00+07:00",
      "2025-07-08T08:00:00+07:00",
      "2025-07-10T08:00:00+07:00",
    ]);
  });

  it("is left out when another reminder already goes out near the middle", () => {
    // 1/3–31/7/2025 with a reminder 78 days before the end (Wednesday 14/05), two days before
    // the middle (Friday 16/05): no second reminder beside it.
    const list = reminders("2025-03-01", "2025-07-31", { daysBefore: [78, 1] });
    expect(list).toEqual([
      "2025-03-03T08:00:00+07:00",
      "2025-05-14T08:00:00+07:00",
      "2025-07-30T08:00:00+07:00",
    ]);
  });

  it("follows the policy's window reminders: none when the plan does not remind of windows", () => {
    expect(reminders("2025-03-01", "2025-07-31", { onWindowOpen: false })).toEqual([
      "2025-07-24T08:00:00+07:00",
      "2025-07-28T08:00:00+07:00",
      "2025-07-30T08:00:00+07:00",
    ]);
  });

  it("is an ordinary reminder, not the one that says the window opened", () => {
    const exam = instance("thu-nghiem:kham:2025-03/2025-07:tyt");
    if (!exam) throw new Error("no exam instance in the fixture");
    expect(opensWindow(exam, reminderStage(exam.remindAt[0] ?? ""))).toBe(true);
    expect(opensWindow(exam, reminderStage("2025-05-16T08:00:00+07:00"))).toBe(false);
  });

  it("is not given to a deadline without a window", () => {
    // The plan's own plan, due before 20/01: 7, 3 and 1 days before only.
    expect(instance("thu-nghiem:ke-hoach:2025:to-1")?.remindAt).toHaveLength(3);
  });
});
