/**
 * What a unit submits for one deadline: who sends it, and the fields the obligation's form asks
 * for. The field schema is built from the plan's form definition; messages are Vietnamese and
 * name the field, so the web form can show each next to its input.
 */
import { z } from "zod";
import type { FormField } from "../plan/schema";
import { cleanText, readJsonNumber, readNumberText, textProblem } from "./typed-input";

export const MAX_TEXT = 5_000;

/** 0912 345 678, 0912.345.678, +84 912 345 678, 84912345678 → +84912345678; else undefined. */
export function normaliseVietnamesePhone(input: string): string | undefined {
  const digits = input.replace(/[\s.\-()]/g, "");
  const national = /^(?:\+84|84|0)([35789]\d{8}|2\d{9})$/.exec(digits);
  return national ? `+84${national[1]}` : undefined;
}

function refuseBadCharacters(label: string, multiLine: boolean) {
  return (text: string, ctx: z.RefinementCtx) => {
    const problem = textProblem(text, label, multiLine);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  };
}

export const Submitter = z.strictObject({
  name: z.preprocess(
    (v) => (typeof v === "string" ? cleanText(v, false) : v),
    z
      .string({ error: "Cần nhập họ và tên người nộp" })
      .min(2, "Cần nhập họ và tên người nộp")
      .max(100, "Họ và tên dài quá 100 ký tự")
      .superRefine(refuseBadCharacters("Họ và tên người nộp", false)),
  ),
  phone: z.string({ error: "Cần nhập số điện thoại" }).transform((value, ctx) => {
    const phone = normaliseVietnamesePhone(value);
    if (phone === undefined) {
      ctx.addIssue({ code: "custom", message: "Số điện thoại Việt Nam không hợp lệ (ví dụ 0912 345 678)" });
      return z.NEVER;
    }
    return phone;
  }),
  email: z
    .email("Địa chỉ email không hợp lệ")
    .max(254)
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
export type Submitter = z.infer<typeof Submitter>;

/** What a field's raw value becomes before "required" is judged: blank and invisible text is empty. */
function cleanValue(field: FormField) {
  const multiLine = field.type === "textarea";
  // File fields carry storage keys, compared byte for byte; checkboxes are read as booleans.
  const cleans = field.type !== "file" && field.type !== "checkbox";
  return (v: unknown) => (cleans && typeof v === "string" ? cleanText(v, multiLine) : v);
}

function fieldSchema(field: FormField): z.ZodType {
  const label = field.label;
  // A file is uploaded, not typed: its message says so.
  const required = field.type === "file" ? `Cần tải lên “${label}”` : `Cần điền “${label}”`;
  const text = (max: number, multiLine: boolean) =>
    z
      .string({ error: required })
      .max(max, `“${label}” dài quá ${max} ký tự`)
      .superRefine(refuseBadCharacters(label, multiLine));
  let schema: z.ZodType;
  switch (field.type) {
    case "text":
      schema = text(field.maxLength ?? 500, false);
      break;
    case "textarea":
      schema = text(field.maxLength ?? MAX_TEXT, true);
      break;
    case "number":
    case "percent": {
      const percent = field.type === "percent";
      const integer = field.integer === true;
      let n = z.number().min(0, `“${label}” không được âm`);
      if (percent) n = n.max(100, `“${label}” là tỷ lệ phần trăm, từ 0 đến 100`);
      if (integer) n = n.int(`“${label}” là số đếm, phải là số nguyên (không có phần thập phân)`);
      schema = z
        .unknown()
        .transform((v, ctx) => {
          // Strings are read the Vietnamese way; JSON numbers from a unit's system stay numbers.
          const reading =
            typeof v === "string"
              ? readNumberText(v, label, { integer, percent })
              : typeof v === "number"
                ? readJsonNumber(v, label)
                : { ok: false as const, message: `“${label}” phải là một số` };
          if (!reading.ok) {
            ctx.addIssue({ code: "custom", message: reading.message });
            return z.NEVER;
          }
          return reading.value;
        })
        .pipe(n);
      break;
    }
    case "date":
      schema = z.iso.date(`“${label}” phải là ngày dạng YYYY-MM-DD`);
      break;
    case "select":
      schema = z.enum(
        (field.options ?? []).map((o) => o.normalize("NFC")) as [string, ...string[]],
        `Chọn một giá trị trong danh sách cho “${label}”`,
      );
      break;
    case "checkbox":
      schema = z.preprocess(
        (v) => v === true || v === "on" || v === "true" || v === "1",
        field.required ? z.literal(true, `Cần đánh dấu “${label}”`) : z.boolean(),
      );
      return schema;
    case "file":
      // Attachments are uploaded separately; the form carries their storage keys.
      schema = z.array(z.string().min(1).max(300)).max(10, `Tối đa 10 tệp cho “${label}”`);
      break;
  }
  const empty = (v: unknown) =>
    v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
  const clean = cleanValue(field);
  const given = (v: unknown) => {
    const cleaned = clean(v);
    return empty(cleaned) ? undefined : cleaned;
  };
  if (field.required) {
    return z.preprocess(
      given,
      z
        .any()
        .refine((v) => v !== undefined, { message: required, abort: true })
        .pipe(schema),
    );
  }
  return z.preprocess(given, schema.optional());
}

/** The zod schema of a form's fields, by field id. Unknown fields are refused. */
export function formFieldsSchema(fields: readonly FormField[]) {
  return z.strictObject(Object.fromEntries(fields.map((f) => [f.id, fieldSchema(f)])), {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `Trường không có trong biểu mẫu: ${issue.keys.join(", ")}`
        : undefined,
  });
}

function buildSubmissionSchema(fields: readonly FormField[]) {
  return z.strictObject({ submitter: Submitter, fields: formFieldsSchema(fields) });
}

// Building a zod schema costs more than using it: one per form, reused while the form object lives.
const schemas = new WeakMap<readonly FormField[], ReturnType<typeof buildSubmissionSchema>>();

export function submissionSchema(fields: readonly FormField[]) {
  let schema = schemas.get(fields);
  if (!schema) {
    schema = buildSubmissionSchema(fields);
    schemas.set(fields, schema);
  }
  return schema;
}
export type SubmissionInput = { submitter: Submitter; fields: Record<string, unknown> };
