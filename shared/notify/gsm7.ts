/**
 * The GSM 03.38 alphabet: which texts travel as GSM-7 (160 septets in one SMS) rather than UCS-2
 * (70 characters), how many segments a text takes, and how to bring Vietnamese into GSM-7
 * (unaccented, ASCII punctuation). Pure.
 */

/** Septets in a single (unconcatenated) GSM-7 SMS. */
export const SMS_SINGLE_SEGMENT = 160;

/** GSM 03.38 basic character set (without the escape character 0x1B). */
const GSM7_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
/** GSM 03.38 extension table: each costs two septets (escape + character). */
const GSM7_EXTENSION = new Set("\f^{}\\[~]|€");

export type SmsEncoding = "GSM-7" | "UCS-2";

export interface SmsSegments {
  encoding: SmsEncoding;
  segments: number;
  /** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  length: number;
}

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!GSM7_BASIC.has(ch) && !GSM7_EXTENSION.has(ch)) return false;
  return true;
}

/** Packs characters of the given costs into segments of `per` units, never splitting one character. */
function pack(costs: number[], per: number): number {
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > per) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return segments;
}

/**
 * How a text travels as SMS: GSM-7 when every character is in the GSM 03.38 alphabet (160 septets
 * in one message, 153 a segment when concatenated; extension characters take 2 and are never split
 * across segments), otherwise UCS-2 (70 UTF-16 units, 67 a segment; surrogate pairs kept whole).
 */
export function smsSegments(text: string): SmsSegments {
  const chars = [...text];
  if (chars.every((ch) => GSM7_BASIC.has(ch) || GSM7_EXTENSION.has(ch))) {
    const costs = chars.map((ch) => (GSM7_EXTENSION.has(ch) ? 2 : 1));
    const length = costs.reduce((a, b) => a + b, 0);
    const segments = length === 0 ? 0 : length <= 160 ? 1 : pack(costs, 153);
    return { encoding: "GSM-7", segments, length };
  }
  const costs = chars.map((ch) => ((ch.codePointAt(0) ?? 0) > 0xffff ? 2 : 1));
  const length = text.length;
  const segments = length <= 70 ? 1 : pack(costs, 67);
  return { encoding: "UCS-2", segments, length };
}

/**
 * Vietnamese without diacritics: "Hạn chót ngày 24/03" → "Han chot ngay 24/03", đ → d, Đ → D
 * (and the look-alike Ð/ð that bad encodings leave behind).
 */
export function toUnaccented(text: string): string {
  return text
    .replace(/[đð]/g, "d")
    .replace(/[ĐÐ]/g, "D")
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .normalize("NFC");
}

const GSM_PUNCTUATION: Record<string, string> = {
  "—": "-",
  "–": "-",
  "‐": "-",
  "‑": "-",
  "−": "-",
  "‘": "'",
  "’": "'",
  "‚": "'",
  "“": '"',
  "”": '"',
  "„": '"',
  "«": '"',
  "»": '"',
  "…": "...",
  "•": "-",
  "·": "-",
  "\u00a0": " ",
  "\u2009": " ",
  "\u202f": " ",
  "\t": " ",
};

/**
 * Text that stays GSM-7: unaccented, typographic punctuation replaced by its ASCII look-alike, any
 * character still outside the alphabet replaced by "?". Extension characters are kept (they fit,
 * at two septets each).
 */
export function toGsm7(text: string): string {
  let out = "";
  for (const ch of toUnaccented(text)) {
    const mapped = GSM_PUNCTUATION[ch] ?? ch;
    for (const c of mapped) out += GSM7_BASIC.has(c) || GSM7_EXTENSION.has(c) ? c : "?";
  }
  return out;
}
