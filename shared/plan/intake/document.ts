/**
 * A plan document as lines of text and tables, whatever file it came from: Word (.docx, tables
 * kept as tables through mammoth's HTML), PDF (unpdf text items, lines, paragraphs and tables
 * rebuilt from their positions: pdf-layout.ts) or plain
 * text (tab-separated lines are table rows). The reader works on this model only, so a .docx and
 * the same text give the same draft.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { type Laid, layOut, type PdfItem } from "./pdf-layout";

export type Block =
  | { kind: "line"; text: string; line: number }
  | { kind: "table"; rows: string[][]; line: number };

/**
 * A first letter lost in an earlier extraction ("sắp  ếp", "100%  ã, thị trấn", "thường  uyên"):
 * a lone rhyme that is no word on its own, where only "x" makes the word (xã, xây, xếp, xét,
 * xuất, xuyên, xử). Vietnamese words, not any one plan's.
 */
const LOST_X = /(?<=^|[\s(“"])(ã|ây|ếp|ét|uất(?! (?:ức|hận))|uyên|ử)(?=[\s,.;:)”"]|$)/gu;

const clean = (s: string) =>
  s
    .normalize("NFC")
    .replace(LOST_X, "x$1")
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

/** A PDF's lines and tables as rebuilt from its text positions (pdf-layout.ts). */
export function fromLayout(laid: Laid[]): Block[] {
  return laid.flatMap((l): Block[] => {
    if (l.kind === "table") return [{ kind: "table", rows: l.rows.map((r) => r.map(clean)), line: l.at }];
    const text = clean(l.text);
    return text === "" ? [] : [{ kind: "line", text, line: l.at }];
  });
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
    const pages: PdfItem[][] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      pages.push(
        content.items.flatMap((it) =>
          "str" in it
            ? [
                {
                  str: it.str,
                  x: it.transform[4] as number,
                  y: it.transform[5] as number,
                  width: it.width,
                  size: Math.hypot(it.transform[2] as number, it.transform[3] as number) || it.height,
                },
              ]
            : [],
        ),
      );
      onProgress?.(p, pdf.numPages);
    }
    return { blocks: fromLayout(layOut(pages)), size: pdf.numPages };
  }
  const blocks = fromText(bytes.toString("utf8"));
  return { blocks, size: blocks.length };
}
