/**
 * A seed text laid out as a real document would be: each non-empty line a paragraph, each run of
 * tab-separated lines a table (its cells the tab-separated parts). The Word and PDF fixtures of
 * the import tests are made from this one layout, so they hold the same text as the seed.
 */
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from "docx";

export type SeedPart = { kind: "paragraph"; text: string } | { kind: "table"; rows: string[][] };

export function seedLayout(text: string): SeedPart[] {
  const parts: SeedPart[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.includes("\t")) {
      const cells = line.split("\t");
      const last = parts.at(-1);
      if (last?.kind === "table") last.rows.push(cells);
      else parts.push({ kind: "table", rows: [cells] });
      continue;
    }
    if (line.trim() !== "") parts.push({ kind: "paragraph", text: line });
  }
  return parts;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * The seeds' light markup as a printed document shows it: "## KẾ HOẠCH" a bold line, "**…**" and
 * "<b>…</b>" bold runs (separate text runs in the PDF, as in a real one), "$\geq 95\%$" "≥ 95%".
 */
function inline(text: string): string {
  const plain = text
    .trim()
    .replace(/^#+\s*/, "")
    .replace(
      /\$\\(geq|leq)\s*([\d.,]+)\\%\s*\$/g,
      (_m, op: string, n: string) => `${op === "geq" ? "≥" : "≤"} ${n}%`,
    );
  return escapeHtml(plain)
    .replace(/\*\*([\s\S]*?)\*\*/g, "<b>$1</b>")
    .replace(/&lt;(\/?)b&gt;/g, "<$1b>")
    .replace(/\*\*/g, "");
}

/** The layout as an HTML page to print: paragraphs as <p>, tables as bordered <table> rows. */
export function seedHtml(text: string): string {
  const body = seedLayout(text)
    .map((part) =>
      part.kind === "paragraph"
        ? /^\s*#/.test(part.text)
          ? `<p><b>${inline(part.text)}</b></p>`
          : `<p>${inline(part.text)}</p>`
        : `<table>${part.rows.map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join("")}</tr>`).join("")}</table>`,
    )
    .join("\n");
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
body { font-family: "DejaVu Serif", "Liberation Serif", serif; font-size: 13pt; line-height: 1.35; }
p { margin: 0 0 4pt; text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; }
td { border: 1px solid #000; padding: 3pt 4pt; vertical-align: top; font-size: 11pt; }
</style></head><body>
${body}
</body></html>`;
}

/** A real Word file of a seed text: its paragraphs, and its tab-separated lines as Word tables. */
export async function docxFrom(text: string): Promise<Buffer> {
  const children = seedLayout(text).map((part) =>
    part.kind === "paragraph"
      ? new Paragraph(part.text)
      : new Table({
          rows: part.rows.map(
            (r) => new TableRow({ children: r.map((c) => new TableCell({ children: [new Paragraph(c)] })) }),
          ),
        }),
  );
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
