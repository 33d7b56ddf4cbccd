/**
 * Parse and validate a plan file. Either the whole plan is valid and returned, or every problem
 * is reported with the file, the line, the path inside the document and what was expected.
 * Nothing is half-loaded.
 */
import { readFile } from "node:fs/promises";
import { isNode, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { clerkMessage } from "./messages";
import { PlanFile } from "./schema";

// Messages a clerk reads are in Vietnamese.
z.config(z.locales.vi());

export interface PlanProblem {
  file: string;
  /** 1-based line and column of the offending value, when the YAML has one. */
  line?: number;
  column?: number;
  /** Path inside the document, e.g. obligations[3].schedule.day */
  path: string;
  message: string;
}

export class PlanFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: PlanProblem[],
  ) {
    super(`${file}: ${problems.length} lỗi\n${problems.map(formatProblem).join("\n")}`);
    this.name = "PlanFileError";
  }
}

export function formatProblem(p: PlanProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
  return `${where}  ${p.path || "(gốc tài liệu)"}: ${p.message}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Validate YAML text; `file` names it in messages. */
export function parsePlan(text: string, file = "<plan>"): PlanFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return {};
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  if (doc.errors.length > 0) {
    throw new PlanFileError(
      file,
      doc.errors.map((e) => ({
        file,
        ...at(e.pos[0]),
        path: "",
        message: `YAML không hợp lệ: ${e.message}`,
      })),
    );
  }

  const data: unknown = doc.toJS();
  const result = PlanFile.safeParse(data);
  if (result.success) return result.data;

  const problems = result.error.issues.map((issue): PlanProblem => {
    // Point at the deepest node that exists: a missing key is reported at its parent.
    let node: unknown;
    for (let n = issue.path.length; n >= 0 && !isNode(node); n--) {
      node = doc.getIn(issue.path.slice(0, n) as (string | number)[], true);
    }
    const offset = isNode(node) ? node.range?.[0] : undefined;
    return {
      file,
      ...at(offset),
      path: formatPath(issue.path),
      message: clerkMessage(issue, data) ?? issue.message,
    };
  });
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  throw new PlanFileError(file, problems);
}

export async function loadPlan(file: string): Promise<PlanFile> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "không tìm thấy tệp" : String(err);
    throw new PlanFileError(file, [{ file, path: "", message: reason }]);
  }
  return parsePlan(text, file);
}
