/**
 * The From address with a display name, as SES SendEmail takes it in `Source`: SES does not
 * support SMTPUTF8, so a non-ASCII display name ("Phòng Y tế quận Long Biên") must be written as
 * MIME encoded words (RFC 2047); the address itself stays 7-bit ASCII.
 */
import { oneLine } from "./wording";

/** RFC 2047 §2: an encoded word is at most 75 characters; "=?UTF-8?B?" + "?=" leave 63 for base64. */
const MAX_WORD_BYTES = 45;

/** Base64 encoded words, split between characters, never inside one (RFC 2047 §5(3)). */
export function encodedWords(text: string): string {
  const words: string[] = [];
  let chunk = "";
  for (const ch of text) {
    if (chunk !== "" && Buffer.byteLength(chunk + ch, "utf8") > MAX_WORD_BYTES) {
      words.push(chunk);
      chunk = "";
    }
    chunk += ch;
  }
  if (chunk !== "") words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, "utf8").toString("base64")}?=`).join(" ");
}

/** `"Name" <address>`, `=?UTF-8?B?…?= <address>` or the bare address when there is no name. */
export function mailbox(displayName: string | undefined, address: string): string {
  const name = oneLine(displayName ?? "");
  if (name === "") return address;
  if (/^[\x20-\x7e]+$/.test(name)) return `"${name.replace(/[\\"]/g, "\\$&")}" <${address}>`;
  return `${encodedWords(name)} <${address}>`;
}
