import { describe, expect, it } from "vitest";
import { shortenTitle } from "../../shared/notify/wording";

describe("shortenTitle", () => {
  it("drops parentheses first, then cuts at a word boundary", () => {
    const title = "Xây dựng kế hoạch chỉ đạo của quận (khám sức khỏe đối tượng chính sách)";
    expect(shortenTitle(title, 100)).toBe(title);
    expect(shortenTitle(title, 40)).toBe("Xây dựng kế hoạch chỉ đạo của quận");
    expect(shortenTitle(title, 25, "...")).toBe("Xây dựng kế hoạch chỉ...");
  });
});
