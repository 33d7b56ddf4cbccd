/** Targets (chỉ tiêu) in the body: bullets of the "chỉ tiêu" / "mục tiêu" sections that carry a figure. */
import type { Block } from "./document";

export interface RawTarget {
  title: string;
  asWritten: string;
  comparator?: "<=" | ">=" | "=" | "<" | ">";
  comparatorAsWritten?: "<" | "≤" | ">" | "≥" | "=" | "đạt" | "duy trì" | "trên" | "dưới";
  value?: number | string;
  unit?: string;
  year?: number;
  where: string;
  line: number;
}

const FIGURE = /(≤|≥|<|>|=|đạt|duy trì|trên|dưới)?\s*(\d+(?:[.,]\d+)?)\s*(%|\/\s*\d+)/iu;
const MACHINE = {
  "≤": "<=",
  "≥": ">=",
  "<": "<",
  ">": ">",
  "=": "=",
  đạt: ">=",
  "duy trì": ">=",
  trên: ">",
  dưới: "<",
} as const;

export function readTargets(blocks: Block[], planYear: number): RawTarget[] {
  const out: RawTarget[] = [];
  let inTargets = false;
  let para: { text: string; line: number } | undefined;
  const flush = () => {
    if (!para || !inTargets) return;
    const m = FIGURE.exec(para.text);
    if (m?.[2]) {
      const word = (
        m[1] ?? (/duy trì/iu.test(para.text) ? "duy trì" : /đạt/iu.test(para.text) ? "đạt" : "")
      ).toLowerCase();
      const written = word as keyof typeof MACHINE;
      const percent = m[3] === "%";
      const horizon = /(?:đến|năm)\s+(20\d\d)/iu.exec(para.text)?.[1];
      out.push({
        title: para.text.replace(/^[-+*•]\s*/u, "").slice(0, 300),
        asWritten: m[0].trim(),
        ...(written in MACHINE && { comparatorAsWritten: written, comparator: MACHINE[written] }),
        value: percent ? Number(m[2].replace(",", ".")) : `${m[2]}${m[3]?.replace(/\s/g, "")}`,
        ...(percent && { unit: "%" }),
        ...(horizon && Number(horizon) !== planYear && { year: Number(horizon) }),
        where: `dòng ${para.line}`,
        line: para.line,
      });
    }
    para = undefined;
  };
  for (const b of blocks) {
    if (b.kind !== "line") continue;
    const t = b.text;
    if (/^Biểu\s*\d/iu.test(t)) break;
    if (/^(?:[IVX]+\.|\d+\.)?\s*(?:CÁC )?(?:CHỈ TIÊU|MỤC TIÊU|Mục tiêu cụ thể|Chỉ tiêu)/u.test(t)) {
      flush();
      inTargets = true;
      continue;
    }
    if (/^[IVX]+\.\s/u.test(t)) {
      flush();
      inTargets = false;
      continue;
    }
    if (/^[-+*•]\s|^\d+\.\s|^\p{Lu}/u.test(t)) {
      flush();
      para = { text: t, line: b.line };
    } else if (para) para.text += ` ${t}`;
  }
  flush();
  return out;
}
