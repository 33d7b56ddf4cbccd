/**
 * A plan document as lines of text and tables, whatever file it came from: Word (.docx, tables
 * kept as tables through mammoth's HTML), PDF (unpdf text, tables flattened into lines) or plain
 * text (tab-separated lines are table rows). The reader works on this model only, so a .docx and
 * the same text give the same draft.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";

export type Block =
  | { kind: "line"; text: string; line: number }
  | { kind: "table"; rows: string[][]; line: number };

const clean = (s: string) =>
  s
    .normalize("NFC")
    .replace(/<[^>]+>/g, "")
    .replace(/\*\*|__/g, "")
    .replace(/^#+\s*/, "")
    .replace(
      /\$\\(geq|leq)\s*([\d.,]+)\\%\s*\$/g,
      (_m, op: string, n: string) => `${op === "geq" ? "≥" : "≤"} ${n}%`,
    )
    .replace(/[ \u00a0]+/g, " ")
    .trim();

/** Plain text: one block per line; runs of tab-separated lines form a table. */
export function fromText(text: string): Block[] {
  const blocks: Block[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.includes("\t")) {
      const cells = raw.split("\t").map(clean);
      const last = blocks.at(-1);
      if (last?.kind === "table") last.rows.push(cells);
      else blocks.push({ kind: "table", rows: [cells], line: i + 1 });
      return;
    }
    const t = clean(raw);
    if (t !== "") blocks.push({ kind: "line", text: t, line: i + 1 });
  });
  return blocks;
}

const decode = (s: string) =>
  s
    .replace(/<br\s*\/?>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

/** mammoth's HTML: paragraphs and headings become lines, <table> keeps its rows and cells. */
export function fromHtml(html: string): Block[] {
  const blocks: Block[] = [];
  let n = 0;
  const token = /<table[\s\S]*?<\/table>|<(p|h[1-6]|li)[^>]*>([\s\S]*?)<\/\1>/g;
  for (const m of html.matchAll(token)) {
    n++;
    if (m[0].startsWith("<table")) {
      const rows = [...m[0].matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((tr) =>
        [...(tr[1] ?? "").matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((td) =>
          clean(decode((td[1] ?? "").replace(/<\/p>\s*<p[^>]*>/g, " "))),
        ),
      );
      blocks.push({ kind: "table", rows, line: n });
    } else {
      const t = clean(decode(m[2] ?? ""));
      if (t !== "") blocks.push({ kind: "line", text: t, line: n });
    }
  }
  return blocks;
}

export interface Extracted {
  blocks: Block[];
  /** The pages or paragraphs read, for progress on long documents. */
  size: number;
}

/** The kinds of document the reader takes, by file extension. */
export const DOCUMENT_TYPES = [".docx", ".pdf", ".txt"] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** The document type a file name says, or undefined for any other. */
export function documentType(fileName: string): DocumentType | undefined {
  const ext = extname(fileName).toLowerCase();
  return (DOCUMENT_TYPES as readonly string[]).includes(ext) ? (ext as DocumentType) : undefined;
}

export async function extractDocument(
  file: string,
  onProgress?: (done: number, total: number) => void,
): Promise<Extracted> {
  return extractDocumentBytes(file, await readFile(file), onProgress);
}

/**
 * A document already in memory (an upload): its type from its name. Anything but .docx and .pdf
 * is read as UTF-8 text, as the command line always has.
 */
export async function extractDocumentBytes(
  fileName: string,
  bytes: Buffer,
  onProgress?: (done: number, total: number) => void,
): Promise<Extracted> {
  const ext = extname(fileName).toLowerCase();
  if (ext === ".docx") {
    const mammoth = await import("mammoth");
    const { value } = await mammoth.convertToHtml({ buffer: bytes });
    const blocks = fromHtml(value);
    return { blocks, size: blocks.length };
  }
  if (ext === ".pdf") {
    const { getDocumentProxy } = await import("unpdf");
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const pages: string[] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      // Items carry their own end-of-line flag: keep the document's line breaks.
      pages.push(
        content.items.map((it) => ("str" in it ? `${it.str}${it.hasEOL ? "\n" : ""}` : "")).join(""),
      );
      onProgress?.(p, pdf.numPages);
    }
    return { blocks: fromText(pages.join("\n")), size: pdf.numPages };
  }
  const blocks = fromText(bytes.toString("utf8"));
  return { blocks, size: blocks.length };
}
