import { describe, expect, it } from "vitest";
import { periodText } from "../../shared/calendar/period-text";

describe("periodText", () => {
  it.each([
    ["2025", "năm 2025"],
    ["2025-Q1", "quý I/2025"],
    ["2025-Q4", "quý IV/2025"],
    ["2025-03", "tháng 03/2025"],
    ["2025-03/2025-07", "tháng 03/2025 – tháng 07/2025"],
    ["đột xuất", "đột xuất"],
  ])("%s → %s", (period, expected) => {
    expect(periodText(period)).toBe(expected);
  });
});
