/**
 * Rows of the "Biểu" schedule tables → duties. A row is either real cells (Word, tab-separated
 * text) or one flattened line of text (PDF extraction), where the columns are found from the
 * timing phrase and the runs of unit names after it.
 */
import { readTimingPhrase } from "../timing-phrase";
import { type Mention, unitRuns } from "./units";

export interface RawDuty {
  title: string;
  timing?: string;
  place?: string;
  lead: Mention[];
  coordinating: Mention[];
  where: string;
  line: number;
  confidence: number;
  /** Why the reader is unsure, for the review list. */
  doubt?: string;
}

/** Timing cells start with one of these capitalised words (the content cell starts earlier). */
const TIMING_START =
  /(?<=^|\s)(?:Trước \d|Tháng|Thường xuyên|Hàng (?:tháng|quý|năm)|Hằng (?:tháng|quý|năm)|Theo|Từ quý|Lồng ghép|Trong các tình huống|Định kỳ|Đột xuất|Khi |Quý [IV])/gu;
const PLACE_START = /(?<=^|\s)(?:Các (?:phường|xã)|Quận|Huyện|Phường|Xã)(?=[\s,]|$)/u;

export interface Columns {
  title: number;
  timing: number;
  place?: number;
  lead: number;
  coordinating?: number;
}

/** Column positions from a header row, or undefined when it is not a schedule table. */
export function columnsOf(header: readonly string[]): Columns | undefined {
  const find = (re: RegExp) => {
    const i = header.findIndex((h) => re.test(h));
    return i < 0 ? undefined : i;
  };
  const title = find(/nội dung|giải pháp|hoạt động|nhiệm vụ/i);
  const timing = find(/thời gian|tiến độ/i);
  const lead = find(/chủ trì|tham mưu|thực hiện$/i);
  if (title === undefined || timing === undefined || lead === undefined) return undefined;
  return { title, timing, lead, place: find(/địa điểm/i), coordinating: find(/phối hợp/i) };
}

export function dutyFromCells(cells: readonly string[], cols: Columns, where: string, line: number): RawDuty {
  const cell = (i: number | undefined) => (i === undefined ? "" : (cells[i] ?? "").trim());
  const runs = (t: string) => unitRuns(t).flat();
  const timing = cell(cols.timing);
  return {
    title: cell(cols.title),
    ...(timing && { timing }),
    ...(cell(cols.place) && { place: cell(cols.place) }),
    lead: runs(cell(cols.lead)),
    coordinating: runs(cell(cols.coordinating)),
    where,
    line,
    confidence: 0.9,
  };
}

/** A flattened row: content, then timing, (place,) lead, coordinating, all on one line of text. */
export function dutyFromText(
  text: string,
  hasPlace: boolean,
  year: number,
  where: string,
  line: number,
): RawDuty {
  let start = -1;
  for (const m of text.matchAll(TIMING_START)) {
    if (m.index !== undefined && readTimingPhrase(text.slice(m.index), year)) start = m.index;
  }
  if (start < 0) {
    const runs = unitRuns(text);
    const last = runs.at(-1);
    return {
      title: text.slice(0, runs[0]?.[0]?.start ?? text.length).trim(),
      lead: last && last !== runs[0] ? (runs.at(-2) ?? []) : (runs[0] ?? []),
      coordinating: [],
      where,
      line,
      confidence: 0.3,
      doubt: "không thấy cột thời gian",
    };
  }
  const rest = text.slice(start);
  let runs = unitRuns(rest);
  let end = runs[0]?.[0]?.start ?? rest.length;
  // "Theo KH của PYT và TTYT": the units named inside the phrase are not the lead.
  if (/(?:của|với)\s*$/u.test(rest.slice(0, end)) && runs.length > 1) {
    end = runs[0]?.at(-1)?.end ?? end;
    runs = runs.slice(1);
  }
  let place: string | undefined;
  if (hasPlace) {
    const p = PLACE_START.exec(rest.slice(0, end));
    if (p?.index !== undefined) {
      place = rest.slice(p.index, end).trim();
      end = p.index;
    } else if (runs.length > 1) {
      place = runs[0]?.map((m) => m.text).join(", ");
      runs = runs.slice(1);
    }
  }
  const [lead = [], ...others] = runs;
  return {
    title: text.slice(0, start).trim(),
    timing: rest.slice(0, end).replace(/\s+/g, " ").trim(),
    ...(place && { place }),
    lead,
    coordinating: others.flat(),
    where,
    line,
    confidence: lead.length > 0 ? 0.7 : 0.3,
    ...(lead.length === 0 && { doubt: "không đọc được đơn vị chủ trì" }),
  };
}
