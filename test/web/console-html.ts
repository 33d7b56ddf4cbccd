/**
 * Just enough reading of the console's HTML for the unit tests (the browser tier checks the real
 * DOM with axe-core): its start tags with their attributes, the markup inside an element, and the
 * text a person reads. The pages write every attribute in double quotes, which this relies on.
 */

export interface Tag {
  name: string;
  attrs: Record<string, string>;
  /** Offset of the tag's "<" in the page. */
  at: number;
  /** Offset just after the start tag's ">". */
  end: number;
}

const START_TAG = /<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s=>/]+)(?:="([^"]*)")?/g;

export function tags(markup: string, name?: string): Tag[] {
  const out: Tag[] = [];
  for (const m of markup.matchAll(START_TAG)) {
    const tagName = (m[1] as string).toLowerCase();
    if (name && tagName !== name) continue;
    const attrs: Record<string, string> = {};
    for (const a of (m[2] ?? "").matchAll(ATTRIBUTE))
      attrs[(a[1] as string).toLowerCase()] = decode(a[2] ?? "");
    out.push({ name: tagName, attrs, at: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The markup between a start tag and its matching end tag (nesting of the same name counted). */
export function inner(markup: string, tag: Tag): string {
  const re = new RegExp(`<(/?)${tag.name}\\b[^>]*>`, "gi");
  re.lastIndex = tag.end;
  let depth = 1;
  for (let m = re.exec(markup); m; m = re.exec(markup)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return markup.slice(tag.end, m.index);
  }
  throw new Error(`<${tag.name}> at ${tag.at} is not closed`);
}

/** Every element of a name with its inner markup. */
export function elements(markup: string, name: string): Array<Tag & { html: string }> {
  return tags(markup, name).map((t) => ({ ...t, html: inner(markup, t) }));
}

export function decode(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The text of some markup, tags removed, entities decoded, spaces collapsed. */
export function text(markup: string): string {
  return decode(markup.replace(/<[^>]*>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
}

/** The visible text: without the parts hidden from sight (the `vh` class is for screen readers). */
export function visibleText(markup: string): string {
  return text(markup.replace(/<span class="vh">[^<]*<\/span>/g, " "));
}
