import { describe, expect, it } from "vitest";
import { coversText, periodText } from "../../shared/calendar/period-text";

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

describe("coversText", () => {
  it("says a quarter's figures when they stop before the quarter ends (Decree 09/2019)", () => {
    expect(coversText("2025-Q1", { from: "2024-12-15", to: "2025-03-14" })).toBe(
      "từ 15/12/2024 đến 14/03/2025",
    );
  });

  it.each([
    ["2025-Q1", { from: "2025-01-01", to: "2025-03-31" }],
    ["2025-03", { from: "2025-03-01", to: "2025-03-31" }],
    ["2025-02/2025-03", { from: "2025-02-01", to: "2025-03-31" }],
    ["2025", { from: "2025-01-01", to: "2025-12-31" }],
  ])("says nothing when %s covers its own calendar span", (period, covers) => {
    expect(coversText(period, covers)).toBeUndefined();
  });
});
