/**
 * A plan document → a draft plan file: header (issuer, number, date, year), units and groups,
 * duties from the "Biểu" tables and from the body, targets. What cannot be read goes to
 * `draft.review`; nothing is invented (a duty whose lead is unreadable is given to the issuer
 * and listed for review). Pure: the caller extracts the document and supplies the clock.
 */
import type { PlanFileInput } from "../schema";
import { assemble } from "./assemble";
import { readBody } from "./body";
import type { Block } from "./document";
import { columnsOf, dutyFromCells, dutyFromText, type RawDuty } from "./tables";
import { type RawTarget, readTargets } from "./targets";
import { findUnits, type Mention, slug, type UnitSpec } from "./units";

export interface ReadOptions {
  source: string;
  importedAt: string;
}

type Review = { what: string; where: string; why: string };

const ROW_START = /^(?:(\d{1,2}|[IVX]{1,4})\.?(?=\s+[\p{Lu}"“(]|\s*$)|([-+])(?=\s))\s*/u;

export function readPlan(blocks: Block[], opts: ReadOptions): PlanFileInput {
  const review: Review[] = [];
  const text = blocks
    .map((b) => (b.kind === "line" ? b.text : b.rows.map((r) => r.join(" ")).join("\n")))
    .join("\n");
  const head = readHeader(text);
  const year = head.year;
  const duties: RawDuty[] = [];
  const targets: RawTarget[] = [];
  const wardNames: Array<{ name: string; where: string }> = [];
  const extraUnits: Mention[] = [];

  // ── tables ──
  let label = "";
  let flat: { hasPlace: boolean; perUnit: boolean } | undefined;
  let inHeader = false;
  let headerText = "";
  let row: { text: string; line: number; path: string } | undefined;
  let section = "";
  let item = "";
  let dash = 0;
  const flush = () => {
    if (!row || !flat) return;
    const t = row.text.trim();
    row = undefined;
    if (flat.perUnit) {
      const m =
        /^\d{1,2}\s+(\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)*?)(?=\s+(?:Đạt|Duy|Không|Có|[\d≥≤<>]))/u.exec(t);
      if (m?.[1]) wardNames.push({ name: m[1].trim(), where: `${label}, dòng ${t.split(" ")[0]}` });
      return;
    }
    const d = dutyFromText(t.replace(ROW_START, ""), flat.hasPlace, year, `${label}, ${path()}`, 0);
    if (!d.timing && d.lead.length === 0) return; // a section heading of the table
    duties.push(d);
  };
  const path = () => [section, item].filter(Boolean).join(".") + (dash ? `, ý ${dash}` : "");

  for (const b of blocks) {
    if (b.kind === "table") {
      flush();
      readRealTable(b, label || "Bảng", duties, wardNames, extraUnits);
      continue;
    }
    const t = b.text;
    const bieu = /^Biểu\s*(\d+)\b/iu.exec(t);
    if (bieu) {
      flush();
      label = `Biểu ${bieu[1]}`;
      flat = { hasPlace: false, perUnit: false };
      inHeader = false;
      section = item = "";
      dash = 0;
      continue;
    }
    if (!flat) continue;
    if (/^TT\s/u.test(t)) {
      flush();
      inHeader = true;
      headerText = t;
      continue;
    }
    if (inHeader) {
      headerText += ` ${t}`;
      if (/phối hợp|ghi chú/iu.test(t) || /^(?:\d|I\s)/u.test(t)) {
        inHeader = false;
        flat.hasPlace ||= /địa điểm/iu.test(headerText);
        flat.perUnit ||= /^TT (?:Phường|Xã|Đơn vị)\b/u.test(headerText);
      }
      if (inHeader) continue;
    }
    if (/^Ghi chú|^Nơi nhận/iu.test(t)) {
      flush();
      flat = undefined;
      continue;
    }
    const m = ROW_START.exec(t);
    if (m && !flat.perUnit) {
      flush();
      if (m[1] && /^[IVX]+$/.test(m[1])) [section, item, dash] = [m[1], "", 0];
      else if (m[1]) [item, dash] = [m[1], 0];
      else dash++;
      row = { text: t, line: b.line, path: path() };
    } else if (m && flat.perUnit) {
      flush();
      row = { text: t, line: b.line, path: "" };
    } else if (row) row.text += ` ${t}`;
  }
  flush();

  // ── body ──
  const body = readBody(blocks, year);
  duties.push(...body.duties);
  review.push(...body.review);
  targets.push(...readTargets(blocks, year));

  return assemble({ head, duties, targets, wardNames, extraUnits, review, opts, standing: body.standing });
}

function readRealTable(
  b: Extract<Block, { kind: "table" }>,
  label: string,
  duties: RawDuty[],
  wardNames: Array<{ name: string; where: string }>,
  extraUnits: Mention[],
) {
  const [header = [], ...rows] = b.rows;
  const cols = columnsOf(header);
  rows.forEach((cells, i) => {
    const where = `${label}, dòng ${i + 1}`;
    if (cols) {
      const d = dutyFromCells(cells, cols, where, b.line + i + 1);
      if (d.timing || d.lead.length > 0) duties.push(d);
      return;
    }
    // Assignment tables ("Đơn vị y tế | Địa bàn được phân công"): units and the wards they name.
    for (const cell of cells.slice(1)) {
      const wardList =
        /^(?:Phường|Xã)\s+(.+)$/u.exec(cell) ??
        (/^(?:\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+)(?:, |$)/u.test(cell) && i >= 0 ? [cell, cell] : null);
      if (wardList?.[1] && !findUnits(cell).length && cells.indexOf(cell) > 1)
        for (const n of wardList[1].split(/,\s*/)) wardNames.push({ name: n.trim(), where });
      else if (cells.indexOf(cell) === 1 && cell) {
        const found = findUnits(cell);
        const spec: UnitSpec = found[0]?.spec ?? { key: slug(cell), name: cell, kind: "other" };
        extraUnits.push({
          spec: found[0] ? spec : { ...spec, name: cell },
          start: 0,
          end: cell.length,
          text: cell,
        });
      }
    }
  });
}

export interface Head {
  issuer: { name: string; level: "district" | "commune" | "ward" | "city" | "province"; place: string };
  number: string;
  issuedOn: string;
  issueMonth?: number;
  year: number;
  title: string;
  doubts: Review[];
}

function readHeader(text: string): Head {
  const doubts: Review[] = [];
  const top = text.slice(0, 3000);
  const num = /Số:\s*([^\n]*?\/\s*KH-[\p{L}]+)/u.exec(top);
  const rawNumber = num?.[1]?.replace(/\s+/g, "") ?? "";
  const number = rawNumber === "" ? "…/KH-UBND" : rawNumber.startsWith("/") ? `…${rawNumber}` : rawNumber;
  if (!num) doubts.push({ what: "số kế hoạch", where: "đầu văn bản", why: "không thấy dòng “Số: …/KH-…”" });
  const date = /ngày\s+(\d{1,2})?\s*tháng\s+(\d{1,2})?\s*năm\s+(\d{4})/u.exec(top);
  const issuer =
    /(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân) (quận|huyện|xã|phường|thị xã) ((?:\p{Lu}\p{Ll}*\s?){1,3})(?=[^\n]{0,40}xây dựng)/iu.exec(
      text,
    ) ??
    /(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân) (quận|huyện|xã|phường|thị xã) ((?:\p{Lu}\p{Ll}*\s?){1,3})/u.exec(
      text,
    );
  const levelWord = (
    issuer?.[1] ??
    /(?:UBND|nhân dân) (quận|huyện|xã|phường)/iu.exec(text)?.[1] ??
    ""
  ).toLowerCase();
  const place = issuer?.[2]?.trim() ?? "";
  if (!issuer)
    doubts.push({ what: "cơ quan ban hành", where: "đầu văn bản", why: "không đọc được tên UBND ban hành" });
  const level = levelWord === "xã" ? "commune" : levelWord === "phường" ? "ward" : "district";
  const titleLine = /KẾ HOẠCH\s*\n+\s*([^\n]+)/u.exec(top)?.[1]?.trim() ?? "Kế hoạch";
  const yearInTitle = /năm (20\d\d)/u.exec(top.slice(top.indexOf("KẾ HOẠCH")))?.[1];
  const year = Number(date?.[3] ?? yearInTitle ?? /(20\d\d)/.exec(top)?.[1] ?? new Date().getFullYear());
  const month = date?.[2] ? Number(date[2]) : undefined;
  const day = date?.[1] ? Number(date[1]) : undefined;
  const issuedOn =
    month && day
      ? `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`
      : month
        ? `${year}-${String(month).padStart(2, "0")}`
        : String(year);
  if (!day)
    doubts.push({ what: "ngày ban hành", where: "đầu văn bản", why: "văn bản để trống ngày: ghi theo năm" });
  const name = `UBND ${levelWord || "quận"}${place ? ` ${place}` : ""}`;
  return {
    issuer: { name, level, place },
    number,
    issuedOn,
    ...(month !== undefined && { issueMonth: month }),
    year,
    title: titleLine,
    doubts,
  };
}
