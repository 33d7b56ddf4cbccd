/**
 * Reading what a unit's clerk typed: numbers the Vietnamese way, text cleaned of invisible
 * characters and stored in one Unicode form. Pure; messages are Vietnamese and name the field.
 */

export type Reading<T> = { ok: true; value: T } | { ok: false; message: string };

/** More digits than a double carries exactly: refused rather than stored rounded. */
export const MAX_DIGITS = 15;

// Dot groups thousands (groups of exactly three), comma starts the decimals: 1.234,5 = 1234.5.
const VIETNAMESE_NUMBER = /^-?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/;
// "1,234": Vietnamese 1.234 (one and a bit), or an English-habit 1234? A thousand times apart.
const COMMA_OR_THOUSANDS = /^-?[1-9]\d{0,2},\d{3}$/;

function swapSeparators(text: string): string {
  return text.replace(/[.,]/g, (c) => (c === "." ? "," : "."));
}

function digitCount(text: string): number {
  return text.replace(/\D/g, "").length;
}

/**
 * A number as typed in a form: "1.234" is 1234, "12,5" is 12.5, "1.234,5" is 1234.5.
 * Refused with a question: "1,234" (decimal or thousands?), "1.23" or "1,234.5" (written the
 * English way). Refused: hex, binary, octal, exponents, Infinity, NaN, spaces inside, empty text.
 * `percent`: a trailing "%" is allowed.
 */
export function readNumberText(
  input: string,
  label: string,
  options: { integer?: boolean; percent?: boolean } = {},
): Reading<number> {
  let text = cleanText(input, false);
  if (options.percent) text = text.replace(/\s*%$/, "");
  const example = options.integer ? "ví dụ 1.234" : "ví dụ 1.234 hoặc 12,5";
  if (text === "") return { ok: false, message: `Cần điền “${label}” bằng chữ số (${example})` };
  if (COMMA_OR_THOUSANDS.test(text)) {
    const thousands = text.replace(",", ".");
    return {
      ok: false,
      message: options.integer
        ? `“${label}” là số đếm, không có phần thập phân. Có phải ý bạn là ${thousands}? (dấu chấm tách hàng nghìn)`
        : `Không rõ “${text}” trong “${label}” là số nghìn hay số thập phân: số nghìn viết ${thousands}, số thập phân viết ${text}0`,
    };
  }
  const match = VIETNAMESE_NUMBER.exec(text);
  if (!match) {
    const swapped = swapSeparators(text);
    if (/[.,]/.test(text) && VIETNAMESE_NUMBER.test(swapped)) {
      return {
        ok: false,
        message: `Không rõ “${text}” trong “${label}”: dấu chấm tách hàng nghìn, dấu phẩy ngăn phần thập phân. Có phải ý bạn là ${swapped}?`,
      };
    }
    return {
      ok: false,
      message: `“${label}” phải là một số, chỉ gồm chữ số, dấu chấm tách hàng nghìn và dấu phẩy thập phân (${example})`,
    };
  }
  if (digitCount(text) > MAX_DIGITS) {
    return { ok: false, message: `“${label}” có quá nhiều chữ số (tối đa ${MAX_DIGITS})` };
  }
  const [, whole = "", decimals] = match;
  const sign = text.startsWith("-") ? "-" : "";
  const value = Number(`${sign}${whole.replaceAll(".", "")}${decimals ? `.${decimals}` : ""}`);
  return { ok: true, value: value + 0 }; // + 0 turns -0 into 0
}

/** How many digits a number has when written out in full (0,0001 has five). */
function plainDigitCount(n: number): number {
  const [mantissa = "", exponent = "0"] = String(Math.abs(n)).split("e");
  const [whole = "", decimals = ""] = mantissa.split(".");
  const digits = whole + decimals;
  const point = whole.length + Number(exponent);
  if (point <= 0) return 1 + -point + digits.length;
  return Math.max(point, digits.length);
}

/**
 * A number sent as a JSON number by a unit's system: it must be finite and carry no more digits
 * than are stored exactly (so 0.1 + 0.2 and 1e-200 are refused rather than rounded or lost).
 */
export function readJsonNumber(n: number, label: string): Reading<number> {
  if (!Number.isFinite(n)) return { ok: false, message: `“${label}” phải là một số hữu hạn` };
  if (plainDigitCount(n) > MAX_DIGITS) {
    return { ok: false, message: `“${label}” có quá nhiều chữ số (tối đa ${MAX_DIGITS})` };
  }
  return { ok: true, value: n + 0 };
}

// Zero-width space, non-joiner, joiner, word joiner, byte-order mark: invisible, never meant.
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Text as it is stored: zero-width characters removed, line breaks as "\n", NFC (so "ộ" typed
 * as o + two combining marks is stored as the one character), trimmed.
 */
export function cleanText(input: string, multiLine: boolean): string {
  let text = input.replace(ZERO_WIDTH, "");
  if (multiLine) text = text.replace(/\r\n?/g, "\n");
  return text.normalize("NFC").trim();
}

// C0 and C1 control characters and DEL; newline and tab are allowed only in multi-line text.
const CONTROL_SINGLE_LINE = /\p{Cc}/u;
const CONTROL_MULTI_LINE = /[^\P{Cc}\n\t]/u;

/** Why cleaned text cannot be stored, as a Vietnamese message; undefined when it can. */
export function textProblem(text: string, label: string, multiLine: boolean): string | undefined {
  if (!text.isWellFormed()) return `“${label}” có ký tự không hợp lệ (mã Unicode bị cắt dở)`;
  if ((multiLine ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(text)) {
    return multiLine
      ? `“${label}” có ký tự điều khiển không hiển thị được; hãy xóa rồi gõ lại`
      : `“${label}” chỉ gồm một dòng, không có ký tự điều khiển (xuống dòng, tab)`;
  }
  return undefined;
}

/**
 * An Idempotency-Key as the API accepts it: 8 to 128 printable ASCII characters, no spaces.
 * The receipt number is derived from it, so a retry with the same key finds the first receipt.
 */
export function isIdempotencyKey(key: string): boolean {
  return /^[\x21-\x7E]{8,128}$/.test(key);
}
