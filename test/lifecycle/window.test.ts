import { describe, expect, it } from "vitest";
import { reminderStage } from "../../shared/lifecycle/next-step";
import { lifecycleWindow, opensWindow } from "../../shared/lifecycle/window";

const DAY = 86_400_000;
const escalation = { graceDays: 2, repeatEveryDays: 7, maxEscalations: 3 };

describe("the lifecycle window", () => {
  it("starts a week before the first reminder and ends a day after the last escalation", () => {
    const w = lifecycleWindow({
      dueAt: "2025-03-25T00:00:00+07:00",
      remindAt: ["2025-03-18T01:00:00Z"],
      escalation,
    });
    expect(w.startsAt).toBe(Date.parse("2025-03-18T01:00:00Z") - 7 * DAY);
    expect(w.endsAt).toBe(Date.parse("2025-03-25T00:00:00+07:00") + (2 + 21 + 1) * DAY);
  });

  it("starts from the cut-off when no reminder is planned", () => {
    const w = lifecycleWindow({ dueAt: "2025-03-25T00:00:00Z", remindAt: [], escalation });
    expect(w.startsAt).toBe(Date.parse("2025-03-25T00:00:00Z") - 7 * DAY);
  });
});

describe("the reminder that opens an activity's window", () => {
  const first = "2025-06-02T01:00:00Z";
  const activity = { opensOn: "2025-06-01", remindAt: [first, "2025-06-20T01:00:00Z"] };

  it("is the first reminder, sent within five days of the window's first day", () => {
    expect(opensWindow(activity, reminderStage(first))).toBe(true);
    expect(opensWindow(activity, reminderStage("2025-06-20T01:00:00Z"))).toBe(false);
  });

  it("is none when the first reminder comes later, or the deadline has no window", () => {
    expect(opensWindow({ ...activity, opensOn: "2025-05-20" }, reminderStage(first))).toBe(false);
    expect(opensWindow({ remindAt: activity.remindAt }, reminderStage(first))).toBe(false);
  });
});
