import { describe, expect, it } from "vitest";
import { sendSlot } from "../../shared/calendar/send-slot";

const vn = (local: string) => Date.parse(`${local}+07:00`);

describe("when a message may go out", () => {
  it.each([
    ["a working morning before the send time waits for it", "2025-03-24T06:30", "2025-03-24T08:00"],
    ["office hours on a working day go at once", "2025-03-24T10:15", "2025-03-24T10:15"],
    ["a working day's evening waits for the next morning", "2025-03-24T20:34", "2025-03-25T08:00"],
    ["a Sunday night waits for Monday", "2025-03-23T20:34", "2025-03-24T08:00"],
    ["Friday evening waits for Monday", "2025-03-21T17:00", "2025-03-24T08:00"],
    ["Tết 2025 waits for the first working day after it", "2025-01-29T09:00", "2025-02-03T08:00"],
    ["Hùng Kings' day 2025 (Monday 07/04) waits for Tuesday", "2025-04-07T09:00", "2025-04-08T08:00"],
  ])("%s", (_, at, expected) => {
    expect(sendSlot(vn(`${at}:00`), "08:00")).toBe(vn(`${expected}:00`));
  });

  it("keeps the plan's own send time", () => {
    expect(sendSlot(vn("2025-03-23T20:34:00"), "14:30")).toBe(vn("2025-03-24T14:30:00"));
  });
});
