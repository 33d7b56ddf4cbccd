/** Plain-text wording shared by emails and SMS. Pure. */
import type { Contact } from "./content";

/** One line, no control characters: for subjects (header injection), display names and SMS. */
export function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
  return text.replace(/[\u0000-\u001f\u007f\s]+/g, " ").trim();
}

/**
 * Shortens a title to at most `max` characters: first without its parentheses, then cut at a word
 * boundary with `ellipsis`.
 */
export function shortenTitle(title: string, max: number, ellipsis = "…"): string {
  const clean = oneLine(title);
  if (clean.length <= max) return clean;
  const noParens = oneLine(clean.replace(/\s*\([^()]*\)/g, "")).replace(/\s+([,;.:])/g, "$1");
  if (noParens.length <= max) return noParens;
  const room = max - ellipsis.length;
  if (room <= 0) return max <= 0 ? "" : noParens.slice(0, max);
  let cut = noParens.slice(0, room + 1);
  const space = cut.lastIndexOf(" ");
  cut = space > room / 2 ? cut.slice(0, space) : cut.slice(0, room);
  return cut.replace(/[\s,;:.\-–—&]+$/, "") + ellipsis;
}

export function daysWord(n: number): string {
  return `${n} ngày`;
}

export function hasContact(c: Contact | undefined): c is Contact {
  return c !== undefined && Boolean(c.name || c.email || c.phone);
}

/** "Phòng Y tế: email pyt@…, điện thoại +84…" */
export function contactLine(contact: Contact): string {
  const parts = [
    contact.email ? `email ${contact.email}` : undefined,
    contact.phone ? `điện thoại ${contact.phone}` : undefined,
  ].filter((p): p is string => p !== undefined);
  return parts.length
    ? `${contact.name ?? ""}${contact.name ? ": " : ""}${parts.join(", ")}`
    : (contact.name ?? "");
}
