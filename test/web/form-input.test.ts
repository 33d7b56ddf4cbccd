import { describe, expect, it } from "vitest";
import type { FormField } from "../../shared/plan/schema";
import { attachmentPrefix } from "../../shared/submission/attachments";
import {
  bodyFromForm,
  MAX_RETURN_URL,
  typedFromQuery,
  uploadedKeys,
  uploadReturnUrl,
  valuesFromForm,
} from "../../shared/web/form-input";

const ID = "p:bao-cao:2025-Q1:u1";
const form: FormField[] = [
  { id: "tom-tat", label: "Tóm tắt", type: "textarea", required: true },
  { id: "dat", label: "Đạt", type: "checkbox", required: false },
  { id: "tep", label: "Tệp", type: "file", required: false },
];
const key = (name: string) => `${attachmentPrefix(ID, "tep")}${name}`;

describe("the posted web form", () => {
  it("becomes the submission body: submitter and fields by name, checkboxes present or not, files as lists", () => {
    const params = new URLSearchParams([
      ["submitter.name", "Hoàng Văn Nam"],
      ["submitter.phone", "0912345678"],
      ["fields.tom-tat", "Đạt tiến độ"],
      ["fields.tep", key("a1")],
      ["fields.tep", ""],
      ["fields.la", "không có trong biểu mẫu"],
    ]);
    expect(bodyFromForm(params, form)).toEqual({
      submitter: { name: "Hoàng Văn Nam", phone: "0912345678" },
      fields: { "tom-tat": "Đạt tiến độ", dat: false, tep: [key("a1")] },
    });
  });

  it("is kept as typed to show again, a repeated name with all its values", () => {
    const params = new URLSearchParams([
      ["fields.tom-tat", "x"],
      ["fields.tep", "k1"],
      ["fields.tep", "k2"],
    ]);
    expect(valuesFromForm(params)).toEqual({ "fields.tom-tat": "x", "fields.tep": ["k1", "k2"] });
  });
});

describe("keys coming back from storage", () => {
  it("keeps only the unit's own well-formed upload keys, once each", () => {
    const query = new URLSearchParams([
      ["tep", key("a1")],
      ["key", key("a1")],
      ["key", key("b2")],
      ["tep", `${attachmentPrefix("p:bao-cao:2025-Q1:u2", "tep")}c3`],
      ["tep", `${key("a1")}/../x`],
    ]).toString();
    expect(uploadedKeys(query, ID, form)).toEqual({ "fields.tep": [key("a1"), key("b2")] });
  });

  it("ride along in the return URL of the next upload", () => {
    const url = new URL(
      uploadReturnUrl("https://form.example.vn/f/tok", ID, form, { "fields.tep": [key("a1"), "../evil"] }),
    );
    expect(url.pathname).toBe("/f/tok");
    expect(url.searchParams.getAll("tep")).toEqual([key("a1")]);
  });

  it("carry the report's typed fields through an upload, never the submitter's personal data", () => {
    const url = uploadReturnUrl("https://form.example.vn/f/tok", ID, form, {
      "submitter.name": "Phạm Thu Hà",
      "fields.tom-tat": "1.234",
      "fields.khac": "not in the form",
      "fields.tep": [key("a1")],
    });
    const back = new URL(url);
    expect(back.searchParams.has("submitter.name")).toBe(false);
    expect(typedFromQuery(`${back.search.slice(1)}&submitter.phone=0912345678`, form)).toEqual({
      "fields.tom-tat": "1.234",
    });
    // Too long to carry: only the keys ride along.
    const long = uploadReturnUrl("https://form.example.vn/f/tok", ID, form, {
      "fields.tom-tat": "x".repeat(MAX_RETURN_URL),
      "fields.tep": [key("a1")],
    });
    expect(new URL(long).searchParams.has("fields.tom-tat")).toBe(false);
    expect(new URL(long).searchParams.getAll("tep")).toEqual([key("a1")]);
  });
});
