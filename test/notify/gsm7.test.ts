import { describe, expect, it } from "vitest";
import { isGsm7, smsSegments, toGsm7, toUnaccented } from "../../shared/notify/gsm7";

describe("smsSegments", () => {
  const gsm160 = "a".repeat(160);
  it.each([
    ["", "GSM-7", 0, 0],
    ["hanchot", "GSM-7", 7, 1],
    [gsm160, "GSM-7", 160, 1],
    [`${gsm160}a`, "GSM-7", 161, 2],
    ["a".repeat(306), "GSM-7", 306, 2],
    ["a".repeat(307), "GSM-7", 307, 3],
    ["@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà", "GSM-7", 42, 1],
    ["€[]", "GSM-7", 6, 1],
    ["^{}\\~|", "GSM-7", 12, 1],
    [`${"a".repeat(158)}€`, "GSM-7", 160, 1],
    [`${"a".repeat(159)}€`, "GSM-7", 161, 2],
    // An escape sequence is never split: 152 + € does not fit the first 153.
    [`${"a".repeat(152)}€${"a".repeat(152)}`, "GSM-7", 306, 3],
    ["Hạn chót", "UCS-2", 8, 1],
    ["ç", "UCS-2", 1, 1],
    [`${"a".repeat(69)}đ`, "UCS-2", 70, 1],
    [`${"a".repeat(70)}đ`, "UCS-2", 71, 2],
    ["đ".repeat(134), "UCS-2", 134, 2],
    ["đ".repeat(135), "UCS-2", 135, 3],
    // A surrogate pair counts 2 and is never split: 66 + 😀 does not fit the first 67.
    [`${"đ".repeat(66)}😀${"đ".repeat(66)}`, "UCS-2", 134, 3],
  ])("%j → %s, %i units, %i segments", (text, encoding, length, segments) => {
    expect(smsSegments(text)).toEqual({ encoding, length, segments });
  });
});

describe("toUnaccented and toGsm7", () => {
  it.each([
    ["Hạn chót ngày 24/03/2025", "Han chot ngay 24/03/2025"],
    ["Đức Giang, đảm bảo", "Duc Giang, dam bao"],
    ["Thượng Thanh, Thạch Bàn, Sài Đồng", "Thuong Thanh, Thach Ban, Sai Dong"],
    ["ẮẰẲẴẶ ắằẳẵặ ỨỪỬỮỰ ứừửữự Ơơ Ưư", "AAAAA aaaaa UUUUU uuuuu Oo Uu"],
    ["Ðông", "Dong"],
  ])("%s → %s", (text, expected) => {
    expect(toUnaccented(text)).toBe(expected);
    expect(isGsm7(toGsm7(text))).toBe(true);
  });

  it("replaces typographic punctuation and anything else outside GSM-7", () => {
    expect(toGsm7("“Tuần lễ” — 2025… ✓")).toBe('"Tuan le" - 2025... ?');
  });
});
