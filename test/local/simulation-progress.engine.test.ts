import { describe, expect, it } from "vitest";
import { progressLine } from "../../local/simulation";

describe("the simulation's progress line", () => {
  it("names the phase and, while the year runs, the virtual day reached", () => {
    const running = progressLine(0.25, { phase: "year", at: new Date("2025-03-16T20:00:00+07:00") });
    expect(running).toContain("25%");
    expect(running).toContain("chạy năm, ngày 16/03/2025");
    expect(progressLine(0, { phase: "engines" })).toContain("khởi động DynamoDB Local");
    expect(progressLine(0, { phase: "publish" })).toContain("đăng kế hoạch");
    expect(progressLine(1, { phase: "summary" })).toMatch(/100% — tổng hợp kết quả$/);
  });
});
