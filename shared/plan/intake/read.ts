/**
 * A plan document → a draft plan file: header (issuer, number, date, year), units and groups,
 * duties from the "Biểu" tables and from the body, targets. What cannot be read goes to
 * `draft.review`; nothing is invented (a duty whose lead is unreadable is given to the issuer
 * and listed for review). Pure: the caller extracts the document and supplies the clock.
 */
import type { PlanFileInput } from "../schema";
import { readTimingPhrase } from "../timing-phrase";
import { assemble } from "./assemble";
import type { Block } from "./document";
import { columnsOf, dutyFromCells, dutyFromText, type RawDuty } from "./tables";
import { type RawTarget, readTargets } from "./targets";
import { findUnits, type Mention, slug, type UnitSpec, unitRuns } from "./units";

export interface ReadOptions {
  source: string;
  importedAt: string;
}

type Review = { what: string; where: string; why: string };

const ROW_START = /^(?:(\d{1,2}|[IVX]{1,4})\.?(?=\s+[\p{Lu}"“(]|\s*$)|([-+])(?=\s))\s*/u;
const HEADING = /^(?:([IVX]{1,4})\.|(\d+(?:\.\d+)*)\.?)\s+(?=\p{Lu})/u;
const BULLET = /^[-+*•]\s+/u;
/** Dated phrases inside body sentences (table cells are read whole). */
const BODY_TIMING =
  /(?:hàng (?:tháng|quý) )?(?:trước ngày \d|trước \d{1,2}\/\d|chậm nhất (?:vào |ngày )?(?:tháng )?\d|hoàn thành (?:chậm nhất )?(?:vào |trong )?tháng \d)/giu;

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

function readBody(blocks: Block[], year: number) {
  const duties: RawDuty[] = [];
  let standing: Mention | undefined;
  const paras: Array<{ text: string; line: number; heading: boolean; path: string }> = [];
  for (const b of blocks) {
    if (b.kind !== "line") continue;
    if (/^Biểu\s*\d/iu.test(b.text)) break; // the schedule tables follow the body
    const last = paras.at(-1);
    const starts = HEADING.test(b.text) || BULLET.test(b.text) || !last;
    if (starts) paras.push({ text: b.text, line: b.line, heading: HEADING.test(b.text), path: "" });
    else if (last) last.text += ` ${b.text}`;
  }
  let top = "";
  let sub = "";
  let sectionLead: Mention[] = [];
  for (const p of paras) {
    const h = HEADING.exec(p.text);
    if (h) {
      if (h[1]) [top, sub] = [h[1], ""];
      else sub = h[2] ?? "";
      const rest = p.text.slice(h[0].length);
      const runs = unitRuns(rest);
      sectionLead = runs[0]?.[0] && runs[0][0].start < 3 ? runs[0] : wardsSubject(rest);
    }
    const where = `Mục ${[top, sub].filter(Boolean).join(".")}`;
    const body = p.text.replace(BULLET, "");
    if (/thường trực/iu.test(body) && !standing) {
      const before = findUnits(body.slice(0, body.search(/thường trực/iu)));
      standing = before.at(-1) ?? sectionLead[0];
    }
    for (const m of body.matchAll(BODY_TIMING)) {
      const at = m.index ?? 0;
      const phrase =
        body
          .slice(at)
          .split(/[.;)]| về (?=\p{Lu})/u)[0]
          ?.trim() ?? "";
      if (!readTimingPhrase(phrase, year)) continue;
      const subject = unitRuns(body)[0];
      const own = subject?.[0] && subject[0].start < 3 ? subject : wardsSubject(body);
      const lead = own.length ? own : sectionLead.length ? sectionLead : wardsPlace(body);
      const to = / về ((?:\p{Lu}[^()]*?))\s*(?:\(qua ([^)]*)\))?(?=[.;]|$)/u.exec(body.slice(at));
      duties.push({
        title:
          body
            .slice(0, at)
            .replace(/[,(]\s*$/u, "")
            .trim() || body,
        timing: phrase,
        lead,
        coordinating: [],
        where,
        line: p.line,
        confidence: own.length ? 0.8 : sectionLead.length ? 0.6 : lead.length ? 0.4 : 0.2,
        ...(to?.[1] && { to: findUnits(to[1])[0], via: to[2] ? findUnits(to[2]).at(-1) : undefined }),
        ...(lead.length === 0 && { doubt: "câu không nêu đơn vị thực hiện" }),
      } as RawDuty);
    }
    // Duties listed under a unit's own section ("IV. Tổ chức thực hiện — 1. Phòng Y tế") are kept undated.
    if (!h && sectionLead.length && BULLET.test(p.text) && !BODY_TIMING.test(body)) {
      duties.push({ title: body, lead: sectionLead, coordinating: [], where, line: p.line, confidence: 0.6 });
    }
    BODY_TIMING.lastIndex = 0;
  }
  return { duties, standing };
}

/** "Các phường báo cáo …", "UBND các xã …": the wards are the subject. */
function wardsSubject(text: string): Mention[] {
  const m = /^(?:Các|UBND các|Ủy ban nhân dân các) (phường|xã)/iu.exec(text);
  return m ? (unitRuns(`UBND các ${m[1]}`)[0] ?? []) : [];
}
/** "… trên địa bàn 13/13 phường": done in every ward. */
function wardsPlace(text: string): Mention[] {
  const m = /trên địa bàn (?:các|\d+\/\d+|\d+) (phường|xã)/iu.exec(text);
  return m ? (unitRuns(`UBND các ${m[1]}`)[0] ?? []) : [];
}
