import { describe, expect, it } from "vitest";
import type { FormField } from "../../shared/plan/schema";
import { formFieldsSchema, Submitter } from "../../shared/submission/submission-schema";
import {
  cleanText,
  isIdempotencyKey,
  readJsonNumber,
  readNumberText,
  textProblem,
} from "../../shared/submission/typed-input";

const LABEL = "Số người được khám";

describe("readNumberText: numbers the Vietnamese way", () => {
  it.each([
    ["1234", 1234],
    ["1.234", 1234],
    ["12.500", 12_500],
    ["1.234.567", 1_234_567],
    ["12,5", 12.5],
    ["1.234,5", 1234.5],
    ["0,500", 0.5],
    ["1234,567", 1234.567],
    ["1,2340", 1.234],
    ["007", 7],
    ["  86 ", 86],
    ["\u00a0 42\u200b", 42],
    ["-3", -3],
    ["-0", 0],
    ["999.999.999.999.999", 999_999_999_999_999],
  ])("reads %j as %d", (text, value) => {
    expect(readNumberText(text, LABEL)).toEqual({ ok: true, value });
  });

  it("reads -0 as 0, not a negative zero", () => {
    const read = readNumberText("-0", LABEL);
    expect(read.ok && Object.is(read.value, 0)).toBe(true);
  });

  it.each([
    // Written the English way: the swapped reading is offered as a question.
    ["1.23", "Có phải ý bạn là 1,23?"],
    ["0.5", "Có phải ý bạn là 0,5?"],
    ["1.2345", "Có phải ý bạn là 1,2345?"],
    ["1,234,567", "Có phải ý bạn là 1.234.567?"],
    ["1,234.5", "Có phải ý bạn là 1.234,5?"],
    // A thousand times apart: asked, never guessed.
    ["1,234", "số nghìn viết 1.234, số thập phân viết 1,2340"],
    ["123,456", "số nghìn viết 123.456, số thập phân viết 123,4560"],
    // Not numbers in any writing.
    ["0x10", "chỉ gồm chữ số"],
    ["0b11", "chỉ gồm chữ số"],
    ["0o17", "chỉ gồm chữ số"],
    ["1e3", "chỉ gồm chữ số"],
    ["Infinity", "chỉ gồm chữ số"],
    ["NaN", "chỉ gồm chữ số"],
    ["1.2.3", "chỉ gồm chữ số"],
    ["1 234", "chỉ gồm chữ số"],
    [",5", "chỉ gồm chữ số"],
    ["5,", "chỉ gồm chữ số"],
    ["+5", "chỉ gồm chữ số"],
    ["١٢", "chỉ gồm chữ số"],
    ["12%", "chỉ gồm chữ số"],
    ["", "Cần điền"],
    ["   ", "Cần điền"],
    ["1234567890123456", "quá nhiều chữ số"],
    ["0,1234567890123456", "quá nhiều chữ số"],
  ])("refuses %j: %s", (text, says) => {
    const read = readNumberText(text, LABEL);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.message).toContain(says);
      expect(read.message).toContain(LABEL);
    }
  });

  it("for a count, asks whether 1,234 meant 1.234 and does not offer a decimal", () => {
    const read = readNumberText("1,234", LABEL, { integer: true });
    expect(read).toEqual({ ok: false, message: expect.stringContaining("Có phải ý bạn là 1.234?") });
    expect(read.ok || read.message).not.toContain("1,2340");
  });

  it("allows a trailing % in a percent field only", () => {
    expect(readNumberText("86,5 %", "Tỷ lệ", { percent: true })).toEqual({ ok: true, value: 86.5 });
    expect(readNumberText("86,5%", "Tỷ lệ").ok).toBe(false);
  });
});

describe("readJsonNumber: numbers sent as JSON numbers", () => {
  it.each([[1234], [12.5], [0], [999_999_999_999_999], [0.000001]])("keeps %d", (n) => {
    expect(readJsonNumber(n, LABEL)).toEqual({ ok: true, value: n });
  });
  it.each([
    [Number.POSITIVE_INFINITY, "hữu hạn"],
    [Number.NaN, "hữu hạn"],
    [1e15, "quá nhiều chữ số"],
    [1e300, "quá nhiều chữ số"],
    [1e-200, "quá nhiều chữ số"],
    [0.1 + 0.2, "quá nhiều chữ số"],
  ])("refuses %d", (n, says) => {
    expect(readJsonNumber(n, LABEL)).toEqual({ ok: false, message: expect.stringContaining(says) });
  });
});

describe("cleanText and textProblem", () => {
  const nfd = "Tổ dân phố".normalize("NFD"); // typed with combining marks, as some keyboards do
  it.each([
    ["   ", false, ""],
    ["\u200b", false, ""],
    ["\u200b\u200c\u200d\u2060\ufeff", true, ""],
    [" Báo\u200b cáo ", false, "Báo cáo"],
    [nfd, false, "Tổ dân phố"],
    ["dòng 1\r\ndòng 2\rdòng 3", true, "dòng 1\ndòng 2\ndòng 3"],
  ])("cleans %j (multi-line %s) to %j", (input, multiLine, cleaned) => {
    expect(cleanText(input, multiLine)).toBe(cleaned);
  });

  it("stores NFC: the cleaned text is shorter than the NFD input and equal to the NFC one", () => {
    expect(nfd.length).toBeGreaterThan("Tổ dân phố".length);
    expect(cleanText(nfd, false)).toBe(nfd.normalize("NFC"));
  });

  it.each([
    ["a lone high surrogate", "ab\ud800c", true, "cắt dở"],
    ["a lone low surrogate", "\udc00", false, "cắt dở"],
    ["a NUL", "a\u0000b", true, "ký tự điều khiển"],
    ["an escape", "a\u001bb", true, "ký tự điều khiển"],
    ["a C1 control", "a\u0085b", true, "ký tự điều khiển"],
    ["a newline in one-line text", "a\nb", false, "một dòng"],
    ["a tab in one-line text", "a\tb", false, "một dòng"],
  ])("refuses %s", (_name, text, multiLine, says) => {
    expect(textProblem(text, "Tóm tắt", multiLine)).toContain(says);
  });

  it.each([
    ["newlines and tabs in multi-line text", "a\n\tb", true],
    ["an emoji (a surrogate pair)", "xong 👍", false],
    ["Vietnamese", "Đã hoàn thành 95% chỉ tiêu", false],
  ])("accepts %s", (_name, text, multiLine) => {
    expect(textProblem(text, "Tóm tắt", multiLine)).toBeUndefined();
  });
});

describe("the submission schema of a form", () => {
  const form: FormField[] = [
    { id: "so-nguoi", label: "Số người được khám", type: "number", required: true, integer: true },
    { id: "kinh-phi", label: "Kinh phí (triệu đồng)", type: "number", required: false },
    { id: "ty-le", label: "Tỷ lệ", type: "percent", required: false },
    { id: "tom-tat", label: "Tóm tắt", type: "textarea", required: true },
    { id: "ten", label: "Tên đợt", type: "text", required: false, maxLength: 10 },
    { id: "muc-do", label: "Mức độ", type: "select", options: ["Đạt", "Chưa đạt"], required: false },
    { id: "ngay", label: "Ngày khám", type: "date", required: false },
  ];
  const schema = formFieldsSchema(form);
  const parse = (fields: Record<string, unknown>) => {
    const result = schema.safeParse({ "so-nguoi": "1", "tom-tat": "x", ...fields });
    return result.success
      ? { ok: true as const, value: result.data }
      : { ok: false as const, messages: result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) };
  };

  it("reads typed numbers the Vietnamese way and keeps JSON numbers", () => {
    expect(parse({ "so-nguoi": "1.234", "kinh-phi": "12,5", "ty-le": 86.5 })).toEqual({
      ok: true,
      value: { "so-nguoi": 1234, "kinh-phi": 12.5, "ty-le": 86.5, "tom-tat": "x" },
    });
    expect(parse({ "so-nguoi": 1234 })).toMatchObject({ ok: true, value: { "so-nguoi": 1234 } });
  });

  it.each([
    ["a fraction in a count", { "so-nguoi": "12,5" }, "so-nguoi: ", "phải là số nguyên"],
    ["a JSON fraction in a count", { "so-nguoi": 12.5 }, "so-nguoi: ", "phải là số nguyên"],
    ["a boolean for a number", { "kinh-phi": true }, "kinh-phi: ", "phải là một số"],
    ["hex", { "kinh-phi": "0x10" }, "kinh-phi: ", "chỉ gồm chữ số"],
    ["a negative", { "kinh-phi": "-1" }, "kinh-phi: ", "không được âm"],
    ["a percent over 100", { "ty-le": "100,5" }, "ty-le: ", "từ 0 đến 100"],
    ["blanks for a required count", { "so-nguoi": "   " }, "so-nguoi: ", "Cần điền"],
    ["blanks for a required text", { "tom-tat": "   " }, "tom-tat: ", "Cần điền"],
    ["a zero-width space for a required text", { "tom-tat": "\u200b" }, "tom-tat: ", "Cần điền"],
    ["a lone surrogate", { "tom-tat": "\ud83d" }, "tom-tat: ", "cắt dở"],
    ["a newline in one-line text", { ten: "a\nb" }, "ten: ", "một dòng"],
    ["text too long after cleaning", { ten: "x".repeat(11) }, "ten: ", "dài quá 10"],
  ])("refuses %s with a message on that field", (_name, fields, path, says) => {
    const result = parse(fields);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.messages).toEqual([expect.stringMatching(new RegExp(`^${path}.*${says}`))]);
  });

  it("blank optional fields are left out, not stored as 0 or empty", () => {
    expect(parse({ "kinh-phi": "  ", ten: "\u200b" })).toEqual({
      ok: true,
      value: { "so-nguoi": 1, "tom-tat": "x" },
    });
  });

  it("length limits apply after cleaning: NFD text of 10 letters fits a limit of 10", () => {
    const nfd = "Đợt một ấy".normalize("NFD");
    expect(nfd.length).toBeGreaterThan(10);
    expect(parse({ ten: nfd })).toMatchObject({ ok: true, value: { ten: "Đợt một ấy" } });
  });

  it("reads a select choice typed in NFD and a date with spaces around it", () => {
    expect(parse({ "muc-do": "Chưa đạt".normalize("NFD"), ngay: " 2025-03-02 " })).toMatchObject({
      ok: true,
      value: { "muc-do": "Chưa đạt".normalize("NFC"), ngay: "2025-03-02" },
    });
  });

  it("cleans and NFC-normalises the submitter's name", () => {
    const parsed = Submitter.parse({ name: " Trần Thị Bình\u200b ".normalize("NFD"), phone: "0912345678" });
    expect(parsed.name).toBe("Trần Thị Bình");
    expect(Submitter.safeParse({ name: "\u200b\u200b\u200b", phone: "0912345678" }).success).toBe(false);
  });
});

describe("isIdempotencyKey", () => {
  it.each([
    ["a UUID", "0f8fad5b-d9cb-469f-a165-70867728950e", true],
    ["8 characters", "abcdefgh", true],
    ["128 characters", "k".repeat(128), true],
    ["7 characters", "abcdefg", false],
    ["129 characters", "k".repeat(129), false],
    ["a space", "abcd efgh", false],
    ["non-ASCII", "mã-nộp-báo-cáo", false],
    ["a control character", "abcdefgh\u0001", false],
  ])("%s: %s", (_name, key, ok) => {
    expect(isIdempotencyKey(key)).toBe(ok);
  });
});
