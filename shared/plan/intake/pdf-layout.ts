/**
 * A PDF's text items (unpdf / pdf.js: a string, where it starts, how wide, what size) → the lines
 * and tables a reader sees on the page. PDF text has no paragraphs and no tables, only runs of
 * glyphs at positions, so both are rebuilt from geometry:
 *   - visual lines: items on one baseline, left to right; a gap much wider than a space splits a
 *     line into segments (cells);
 *   - tables: consecutive lines of several segments whose starts line up in columns; a row is a
 *     group of lines with no more than the table's line pitch between them (a row's cells wrap
 *     onto several lines, the next row starts after the cell padding);
 *   - paragraphs: a line continues the previous one when it follows at the text's line pitch and
 *     its first word would not have fitted at the end of the previous line (the line was wrapped,
 *     not ended).
 * Justified lines are spread to the right edge with wide spaces: they are text, not table rows.
 */

export interface PdfItem {
  str: string;
  /** Left end and baseline, in PDF points (y grows upwards). */
  x: number;
  y: number;
  width: number;
  /** Font size in points. */
  size: number;
}

export type Laid =
  | { kind: "line"; text: string; at: number }
  | { kind: "table"; rows: string[][]; at: number };

interface Segment {
  x: number;
  right: number;
  text: string;
}

interface VisualLine {
  page: number;
  /** 1-based position among the document's visual lines (for "dòng …" in the review list). */
  at: number;
  y: number;
  size: number;
  segments: Segment[];
  x: number;
  right: number;
  /** First or last line of its page. */
  pageStart: boolean;
  pageEnd: boolean;
}

/** A gap this many ems wide is a cell boundary, not a space (a space is 0.25–0.35 em). */
const CELL_GAP = 0.5;
/** Column starts this close (points) are one column. */
const ALIGN = 3;

function visualLines(pages: PdfItem[][]): VisualLine[] {
  const lines: VisualLine[] = [];
  pages.forEach((items, p) => {
    const sorted = items.filter((i) => i.str.trim() !== "").sort((a, b) => b.y - a.y || a.x - b.x);
    const groups: PdfItem[][] = [];
    for (const it of sorted) {
      const g = groups.at(-1);
      const first = g?.[0];
      if (g && first && Math.abs(first.y - it.y) <= 0.4 * Math.min(first.size, it.size)) g.push(it);
      else groups.push([it]);
    }
    const pageLines = groups.map((g) => {
      g.sort((a, b) => a.x - b.x);
      const size = Math.max(...g.map((i) => i.size));
      const segments: Segment[] = [];
      for (const it of g) {
        const s = segments.at(-1);
        const gap = s ? it.x - s.right : 0;
        if (s && gap < CELL_GAP * size) {
          const space = gap > 0.12 * size && !/\s$/u.test(s.text) && !/^\s/u.test(it.str);
          s.text += `${space ? " " : ""}${it.str}`;
          s.right = Math.max(s.right, it.x + it.width);
        } else segments.push({ x: it.x, right: it.x + it.width, text: it.str });
      }
      for (const s of segments) s.text = s.text.replace(/\s+/gu, " ").trim();
      return {
        page: p,
        at: 0,
        y: g[0]?.y ?? 0,
        size,
        segments,
        x: segments[0]?.x ?? 0,
        right: Math.max(...segments.map((s) => s.right)),
        pageStart: false,
        pageEnd: false,
      };
    });
    // A page number alone at the top or bottom of the page is not part of the text.
    const isFolio = (l: VisualLine | undefined) =>
      l?.segments.length === 1 && /^\d{1,3}$/u.test(l.segments[0]?.text ?? "");
    if (pageLines.length > 3 && isFolio(pageLines.at(-1))) pageLines.pop();
    if (pageLines.length > 3 && isFolio(pageLines[0])) pageLines.shift();
    const first = pageLines[0];
    const last = pageLines.at(-1);
    if (first) first.pageStart = true;
    if (last) last.pageEnd = true;
    lines.push(...pageLines);
  });
  lines.forEach((l, i) => {
    l.at = i + 1;
  });
  return lines;
}

/** The most common value, rounded to the point: the body text's left edge. */
function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(Math.round(v), (counts.get(Math.round(v)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
}

/** The line pitch of a text: a low quantile of its line gaps (most gaps are within paragraphs, but not all). */
const pitchOf = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? (s[Math.floor(s.length / 5)] ?? 0) : 0;
};

/** A heading, list item or table label starts its own paragraph, whatever the geometry says. */
const OPENS_PARAGRAPH =
  /^(?:[-+*•–]\s|[a-zđ]\)\s|\d{1,2}(?:\.\d{1,2})*[.)]\s|[IVX]{1,4}\.\s|Biểu\s*\d|TT\s)/u;

export function layOut(pages: PdfItem[][]): Laid[] {
  const lines = visualLines(pages);
  const left = mode(lines.filter((l) => l.segments.length === 1).map((l) => l.x));
  const rightEdge = Math.max(...lines.map((l) => l.right), 0);
  /** A justified line reaches the right edge with widened spaces: text, however wide its gaps. */
  const justified = (l: VisualLine) => Math.abs(l.x - left) <= ALIGN && l.right >= rightEdge - 1;
  const multi = (l: VisualLine | undefined) => l !== undefined && l.segments.length > 1 && !justified(l);

  const out: Laid[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as VisualLine;
    if (multi(line)) {
      // A run of lines that may be a table: several cells, or one cell not at the text's edge.
      let j = i + 1;
      while (j < lines.length) {
        const l = lines[j] as VisualLine;
        const inside = multi(l) || (!justified(l) && Math.abs(l.x - left) > ALIGN) || multi(lines[j + 1]);
        if (!inside || l.size > line.size + 1.5) break;
        j++;
      }
      const table = tableOf(lines.slice(i, j));
      if (table) {
        out.push(table);
        i = j;
        continue;
      }
    }
    out.push({ kind: "line", text: line.segments.map((s) => s.text).join(" "), at: line.at });
    i++;
  }
  return paragraphs(out, lines, left, rightEdge);
}

/** Lines → a table when their cells line up in at least two columns over at least two lines. */
function tableOf(run: VisualLine[]): Laid | undefined {
  const multis = run.filter((l) => l.segments.length > 1);
  if (multis.length < 2) return undefined;
  const starts = multis.flatMap((l) => l.segments.map((s) => ({ x: s.x, line: l.at })));
  starts.sort((a, b) => a.x - b.x);
  const clusters: Array<{ x: number; lines: Set<number> }> = [];
  for (const s of starts) {
    const c = clusters.at(-1);
    if (c && s.x - c.x <= ALIGN) c.lines.add(s.line);
    else clusters.push({ x: s.x, lines: new Set([s.line]) });
  }
  const support = Math.max(2, Math.ceil(0.3 * multis.length));
  const columns = clusters.filter((c) => c.lines.size >= support).map((c) => c.x);
  if (columns.length < 2) return undefined;
  const columnOf = (x: number) => {
    let k = 0;
    columns.forEach((c, n) => {
      if (c <= x + ALIGN) k = n;
    });
    return k;
  };
  const aligned = multis.filter((l) =>
    l.segments.every((s) => columns.some((c) => Math.abs(c - s.x) <= ALIGN)),
  );
  if (aligned.length < 2 || aligned.length < 0.7 * multis.length) return undefined;

  // Rows: a wider gap than the cells' own line pitch, a new page, or a new number in a numbered first column.
  const gaps = run.slice(1).flatMap((l, n) => {
    const prev = run[n] as VisualLine;
    return prev.page === l.page ? [prev.y - l.y] : [];
  });
  const pitch = Math.min(...gaps.filter((g) => g > 0.8 * (run[0]?.size ?? 10)), Number.POSITIVE_INFINITY);
  const rows: string[][] = [];
  run.forEach((l, n) => {
    const prev = run[n - 1];
    const cells = Array.from({ length: columns.length }, () => "");
    for (const s of l.segments) {
      const k = columnOf(s.x);
      cells[k] = `${cells[k]} ${s.text}`.trim();
    }
    const row = rows.at(-1);
    const numbered = /^(?:\d{1,3}|[IVX]{1,5})\.?$/u.test(cells[0] ?? "") && (row?.[0] ?? "") !== "";
    const newRow = !prev || !row || prev.page !== l.page || prev.y - l.y > 1.25 * pitch || numbered;
    if (newRow) rows.push(cells);
    else
      cells.forEach((c, k) => {
        row[k] = `${row[k] ?? ""} ${c}`.trim();
      });
  });
  return { kind: "table", rows, at: run[0]?.at ?? 0 };
}

/** Wrapped lines joined back into their paragraph (see the module comment). */
function paragraphs(laid: Laid[], lines: VisualLine[], left: number, rightEdge: number): Laid[] {
  const byAt = new Map(lines.map((l) => [l.at, l]));
  const pitches = new Map<number, number>();
  const bySize = new Map<number, number[]>();
  lines.forEach((l, n) => {
    const next = lines[n + 1];
    if (!next || next.page !== l.page || l.segments.length > 1) return;
    const key = Math.round(l.size);
    bySize.set(key, [...(bySize.get(key) ?? []), l.y - next.y]);
  });
  for (const [k, v] of bySize) pitches.set(k, pitchOf(v.filter((g) => g > 0)));

  const out: Laid[] = [];
  let last: { laid: Extract<Laid, { kind: "line" }>; line: VisualLine } | undefined;
  for (const item of laid) {
    if (item.kind === "table") {
      out.push(item);
      last = undefined;
      continue;
    }
    const line = byAt.get(item.at) as VisualLine;
    if (last && wrapsInto(last.line, line, item.text, pitches, left, rightEdge)) {
      // "158-" / "KH/HU", "12-CTr/" / "ĐU": a line broken after a hyphen or slash inside a word.
      const glued = /\S[-/]$/u.test(last.laid.text);
      last.laid.text += `${glued ? "" : " "}${item.text}`;
      last.line = line;
      continue;
    }
    const copy = { ...item };
    out.push(copy);
    last = { laid: copy, line };
  }
  return out;
}

function wrapsInto(
  prev: VisualLine,
  line: VisualLine,
  text: string,
  pitches: Map<number, number>,
  left: number,
  rightEdge: number,
): boolean {
  if (line.at !== prev.at + 1 || OPENS_PARAGRAPH.test(text) || Math.abs(line.size - prev.size) > 0.5)
    return false;
  const pitch = pitches.get(Math.round(line.size)) ?? line.size * 1.2;
  const follows = prev.page === line.page ? prev.y - line.y <= 1.15 * pitch : prev.pageEnd && line.pageStart;
  if (!follows || line.x > Math.max(prev.x, left) + 0.5 * line.size) return false;
  // Would the first word have fitted at the end of the previous line?
  const word = /^\S+/u.exec(text)?.[0] ?? "";
  const first = line.segments[0];
  const perChar = first?.text.length ? (first.right - first.x) / first.text.length : line.size / 2;
  const wordWidth = word.length * perChar;
  return prev.right + 0.3 * line.size + wordWidth > rightEdge - 1;
}
