/**
 * The console's exports, for Excel: the timeliness table of a plan-year, the submissions of one
 * deadline (one column per form field) and the audit log, each as CSV and as XLSX (exceljs).
 * Pure builders from the view models (shared/console/model.ts); the handler only sends them.
 *
 *   CSV   UTF-8 with a BOM (so that Excel reads Vietnamese correctly), RFC 4180 quoting, CRLF line
 *         ends, a header row in Vietnamese, numbers with a decimal point, instants in Vietnam time
 *         as "YYYY-MM-DD HH:MM" (sortable, and read as dates by Excel).
 *   XLSX  the same tables with real numbers, percentages and dates (Vietnam wall time), a frozen,
 *         filterable header row; the timeliness workbook also has the units × deadlines matrix
 *         coloured like the heatmap, and one row per deadline and unit.
 *
 * Text from users or units (names, reasons, field values) that starts with = + - @ or a tab or
 * carriage return gets a leading apostrophe, in both formats, so that a spreadsheet never runs it
 * as a formula (OWASP, "CSV Injection"). Numbers the system computed are written as numbers.
 */
import ExcelJS from "exceljs";
import { periodText } from "../../shared/calendar/period-text";
import type {
  AuditView,
  CellStatus,
  Figures,
  SubmissionsTable,
  TimelinessReport,
  UnitCell,
} from "../../shared/console/model";
import type { FormField } from "../../shared/plan/schema";
import { AUDIT_KEY_NAMES, auditValue, changeText, roleName } from "../../shared/web/console/audit";
import { STATUS_COLOURS, statusLook } from "../../shared/web/console/format";

export type ExportFormat = "csv" | "xlsx";

/** A cell as the builders produce it, before it is written as CSV or XLSX. */
type Value = string | number | boolean | Date | null | undefined;

interface Column {
  header: string;
  /** XLSX column width, in characters. */
  width?: number;
  /** How an XLSX cell of this column shows its number or date. */
  numFmt?: string;
}

interface Table {
  columns: Column[];
  rows: Value[][];
}

// ─── Values ──────────────────────────────────────────────────────────────────

const OFFSET_MS = 7 * 60 * 60 * 1000;
const MINUTE_MS = 60_000;

/** A formula trigger at the start of text (OWASP): = + - @, tab, carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that a spreadsheet would run as a formula gets a leading apostrophe. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Vietnam wall time of an instant, as a Date whose UTC fields are that wall time (for XLSX). */
function wallTime(iso: string): Date {
  return new Date(Date.parse(iso) + OFFSET_MS);
}

/** "2025-03-24 23:59": an instant in Vietnam time (CSV). */
export function vietnamDateTime(iso: string): string {
  return wallTime(iso).toISOString().slice(0, 16).replace("T", " ");
}

/** The last on-time minute of a cut-off: a cut-off at midnight is shown as 23:59 the day before, as on the pages. */
function lastOnTime(dueAt: string): string {
  const ms = Date.parse(dueAt);
  const midnight = new Date(ms + OFFSET_MS).toISOString().slice(11, 16) === "00:00";
  return new Date(midnight ? ms - MINUTE_MS : ms).toISOString();
}

/** A rate (0–100) as the fraction XLSX formats as a percentage. */
const fraction = (rate: number | null): number | null => (rate === null ? null : rate / 100);

function statusText(status: CellStatus, lateDays?: number): string {
  return statusLook(status, lateDays).text;
}

// ─── CSV ─────────────────────────────────────────────────────────────────────

const BOM = "\uFEFF";

function csvText(value: Value): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "Có" : "Không";
  if (value instanceof Date) return value.toISOString().slice(0, 16).replace("T", " ");
  return neutralise(value);
}

/** One field, quoted when it holds a comma, a quote, a line break or edge spaces (RFC 4180). */
function csvField(value: Value): string {
  const text = csvText(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function toCsv(table: Table): string {
  const lines = [table.columns.map((c) => c.header), ...table.rows].map((row) => row.map(csvField).join(","));
  return `${BOM}${lines.join("\r\n")}\r\n`;
}

// ─── XLSX ────────────────────────────────────────────────────────────────────

const HEADER_FILL = "FFEEF1F4";

function xlsxValue(value: Value): ExcelJS.CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value ? "Có" : "Không";
  if (value instanceof Date) return value;
  return neutralise(value);
}

function addSheet(workbook: ExcelJS.Workbook, name: string, table: Table): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({
    header: neutralise(c.header),
    width: c.width ?? Math.min(40, Math.max(10, c.header.length + 2)),
    ...(c.numFmt && { style: { numFmt: c.numFmt } }),
  }));
  for (const row of table.rows) sheet.addRow(row.map(xlsxValue));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: "top", wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } };
  });
  if (table.columns.length > 0)
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  return sheet;
}

async function toXlsx(build: (workbook: ExcelJS.Workbook) => void, created?: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "hạn chót";
  if (created) workbook.created = workbook.modified = new Date(created);
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const DATE_TIME = "dd/mm/yyyy hh:mm";
const PERCENT = "0.0%";

// ─── The timeliness table ────────────────────────────────────────────────────

/** DHIS2's five figures; in XLSX the rates are fractions shown as percentages. */
function figureColumns(xlsx: boolean): Column[] {
  const rate = xlsx ? { numFmt: PERCENT } : {};
  return [
    { header: "Phải nộp", width: 10 },
    { header: "Đã nộp", width: 10 },
    { header: "Tỷ lệ đã nộp (%)", width: 14, ...rate },
    { header: "Nộp đúng hạn", width: 12 },
    { header: "Tỷ lệ đúng hạn (%)", width: 15, ...rate },
  ];
}

const DEADLINE_COLUMNS: Column[] = [
  { header: "Mã nhiệm vụ", width: 24 },
  { header: "Nhiệm vụ", width: 50 },
  { header: "Mã kỳ", width: 10 },
  { header: "Kỳ", width: 14 },
  { header: "Hạn chót (giờ Việt Nam)", width: 18, numFmt: DATE_TIME },
  { header: "Trạng thái", width: 12 },
];

/** The units of a report in the order they first appear (the plan's order). */
function unitsOf(report: TimelinessReport): Array<{ unitId: string; unitName: string }> {
  const seen = new Map<string, string>();
  for (const row of report.rows)
    for (const u of row.units) if (!seen.has(u.unitId)) seen.set(u.unitId, u.unitName);
  return [...seen].map(([unitId, unitName]) => ({ unitId, unitName }));
}

/** A unit's column header: its name, with its id so that two units of one name stay apart. */
const unitHeader = (u: { unitId: string; unitName: string }) => `${u.unitName} (${u.unitId})`;

function figureValues(f: Figures, asFraction: boolean): Value[] {
  const rate = (r: number | null) => (asFraction ? fraction(r) : r);
  return [f.expected, f.actual, rate(f.reportingRate), f.actualOnTime, rate(f.onTimeRate)];
}

function deadlineValues(row: TimelinessReport["rows"][number], xlsx: boolean): Value[] {
  const due = lastOnTime(row.dueAt);
  return [
    row.obligationId,
    row.title,
    row.period,
    row.periodText,
    xlsx ? wallTime(due) : vietnamDateTime(due),
    row.state === "cancelled" ? "đã hủy" : "đang áp dụng",
  ];
}

/**
 * One row per deadline (obligation × period): its five figures, then one column per unit with the
 * unit's status ("đúng hạn", "nộp muộn 3 ngày", …; empty where the unit is not expected), and a
 * last row with the totals over the deadlines already due.
 */
function timelinessTable(report: TimelinessReport, xlsx: boolean): Table {
  const units = unitsOf(report);
  const columns = [
    ...DEADLINE_COLUMNS,
    ...figureColumns(xlsx),
    ...units.map((u) => ({ header: unitHeader(u), width: 18 })),
  ];
  const rows: Value[][] = report.rows.map((row) => {
    const byUnit = new Map(row.units.map((c) => [c.unitId, c]));
    return [
      ...deadlineValues(row, xlsx),
      ...figureValues(row, xlsx),
      ...units.map((u) => {
        const cell = byUnit.get(u.unitId);
        return cell ? statusText(cell.status, cell.lateDays) : null;
      }),
    ];
  });
  rows.push([
    null,
    `Tổng các hạn đã đến (tính đến ${vietnamDateTime(report.asOf)})`,
    null,
    null,
    null,
    null,
    ...figureValues(report.totals, xlsx),
    ...units.map(() => null),
  ]);
  return { columns, rows };
}

/** The timeliness table of a plan-year as CSV (see timelinessTable for its shape). */
export function timelinessCsv(report: TimelinessReport): string {
  return toCsv(timelinessTable(report, false));
}

/** One row per deadline and unit: the status, when the version that counts came, how late, how many versions. */
function timelinessDetail(report: TimelinessReport): Table {
  const rows: Value[][] = report.rows.flatMap((row) =>
    row.units.map((c: UnitCell) => [
      row.obligationId,
      row.title,
      row.period,
      row.periodText,
      wallTime(lastOnTime(c.extendedTo ?? c.dueAt)),
      c.unitId,
      c.unitName,
      c.status,
      statusText(c.status, c.lateDays),
      c.submittedAt ? wallTime(c.submittedAt) : null,
      c.lateDays ?? null,
      c.versions,
      c.latestReceipt ?? null,
    ]),
  );
  return {
    columns: [
      { header: "Mã nhiệm vụ", width: 24 },
      { header: "Nhiệm vụ", width: 50 },
      { header: "Mã kỳ", width: 10 },
      { header: "Kỳ", width: 14 },
      { header: "Hạn của đơn vị (giờ Việt Nam)", width: 18, numFmt: DATE_TIME },
      { header: "Mã đơn vị", width: 16 },
      { header: "Đơn vị", width: 32 },
      { header: "Mã tình trạng", width: 12 },
      { header: "Tình trạng", width: 24 },
      { header: "Nộp lúc (giờ Việt Nam)", width: 18, numFmt: DATE_TIME },
      { header: "Số ngày muộn", width: 10 },
      { header: "Số bản đã nộp", width: 10 },
      { header: "Biên nhận mới nhất", width: 18 },
    ],
    rows,
  };
}

/**
 * The timeliness workbook: "Tổng hợp" (the CSV's table, rates as percentages), "Chi tiết" (one row
 * per deadline and unit) and the matrix's unit columns coloured by status, as in the heatmap.
 */
export function timelinessXlsx(report: TimelinessReport): Promise<Buffer> {
  return toXlsx((workbook) => {
    const summary = timelinessTable(report, true);
    const sheet = addSheet(workbook, "Tổng hợp", summary);
    const first = DEADLINE_COLUMNS.length + figureColumns(true).length + 1;
    report.rows.forEach((row, i) => {
      const byUnit = new Map(row.units.map((c) => [c.unitId, c]));
      unitsOf(report).forEach((u, j) => {
        const cell = byUnit.get(u.unitId);
        if (!cell) return;
        const colour = STATUS_COLOURS[cell.status];
        const target = sheet.getCell(i + 2, first + j);
        target.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(colour.bg) } };
        target.font = { color: { argb: argb(colour.fg) } };
      });
    });
    sheet.getRow(report.rows.length + 2).font = { bold: true };
    addSheet(workbook, "Chi tiết", timelinessDetail(report));
  }, report.asOf);
}

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

// ─── The submissions of one deadline ─────────────────────────────────────────

/** A submitted value for a spreadsheet: numbers stay numbers; files by count (never their storage keys). */
export function fieldValue(field: FormField, value: unknown): Value {
  if (field.type === "checkbox") return value === undefined || value === null ? null : Boolean(value);
  if (field.type === "file") {
    const files = Array.isArray(value) ? value.length : value ? 1 : 0;
    return files === 0 ? null : `${files} tệp`;
  }
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "number") return value;
  if (Array.isArray(value)) return value.map(String).join("; ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** One row per expected unit, one column per form field (the latest version's values). */
function submissionsTable(table: SubmissionsTable, xlsx: boolean): Table {
  return {
    columns: [
      { header: "Mã đơn vị", width: 16 },
      { header: "Đơn vị", width: 32 },
      { header: "Tình trạng", width: 24 },
      { header: "Biên nhận", width: 18 },
      { header: "Nộp lúc (giờ Việt Nam)", width: 18, numFmt: DATE_TIME },
      { header: "Số ngày muộn", width: 10 },
      { header: "Người nộp", width: 24 },
      ...table.fields.map((f) => ({ header: f.label, width: f.type === "textarea" ? 48 : 16 })),
    ],
    rows: table.rows.map((r) => [
      r.unitId,
      r.unitName,
      statusText(r.status, r.lateDays),
      r.receipt,
      r.submittedAt ? (xlsx ? wallTime(r.submittedAt) : vietnamDateTime(r.submittedAt)) : null,
      r.lateDays ?? null,
      r.submitter,
      ...table.fields.map((f) => fieldValue(f, r.values[f.id])),
    ]),
  };
}

export function submissionsCsv(table: SubmissionsTable): string {
  return toCsv(submissionsTable(table, false));
}

export function submissionsXlsx(table: SubmissionsTable): Promise<Buffer> {
  return toXlsx((workbook) => {
    const sheet = addSheet(workbook, "Báo cáo đã nộp", submissionsTable(table, true));
    sheet.eachRow((row, n) => {
      if (n > 1) row.alignment = { vertical: "top", wrapText: true };
    });
  });
}

// ─── The audit log ───────────────────────────────────────────────────────────

function auditTable(view: AuditView, xlsx: boolean): Table {
  const entries = [...view.entries].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return {
    columns: [
      { header: "Mã", width: 10 },
      { header: "Thời điểm (giờ Việt Nam)", width: 18, numFmt: DATE_TIME },
      { header: "Người thực hiện", width: 32 },
      { header: "Vai trò", width: 20 },
      { header: "Mã thao tác", width: 14 },
      { header: "Thao tác", width: 18 },
      { header: "Đối tượng", width: 48 },
      { header: "Trước", width: 40 },
      { header: "Sau", width: 40 },
      { header: "Lý do", width: 48 },
    ],
    rows: entries.map((e) => [
      e.id,
      xlsx ? wallTime(e.at) : vietnamDateTime(e.at),
      e.actor.email,
      roleName(e.actor.role),
      e.action,
      e.actionText,
      Object.entries(e.target)
        .map(([k, v]) => `${AUDIT_KEY_NAMES[k] ?? k}: ${auditValue(k, v)}`)
        .join("; "),
      changeText(e.before).join("; "),
      changeText(e.after).join("; "),
      e.reason,
    ]),
  };
}

/** The audit log, oldest first (the order it was written in). */
export function auditCsv(view: AuditView): string {
  return toCsv(auditTable(view, false));
}

export function auditXlsx(view: AuditView): Promise<Buffer> {
  return toXlsx((workbook) => {
    addSheet(workbook, "Nhật ký thao tác", auditTable(view, true));
  });
}

// ─── File names and headers ──────────────────────────────────────────────────

/** "Tiến độ long-bien-2025 năm 2025.csv", … (Vietnamese; the ASCII fallback is made from it). */
export function exportFileName(
  what:
    | { kind: "timeliness"; planId: string; year: number }
    | { kind: "submissions"; planId: string; obligationId: string; period: string }
    | { kind: "audit"; planId: string },
  format: ExportFormat,
): string {
  switch (what.kind) {
    case "timeliness":
      return `Tiến độ ${what.planId} năm ${what.year}.${format}`;
    case "submissions":
      return `Báo cáo đã nộp ${what.planId} ${what.obligationId} ${periodText(what.period).replace(/\//g, "-")}.${format}`;
    case "audit":
      return `Nhật ký thao tác ${what.planId}.${format}`;
  }
}

/** A name in plain ASCII for old clients: Vietnamese letters without their marks (đ → d), the rest as "-". */
export function asciiFileName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-(?=\.)|-$/g, "");
}

/** RFC 5987: UTF-8, percent-encoded, with the characters encodeURIComponent leaves but attr-char does not. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The headers of a download: its type, an attachment with an ASCII name and the UTF-8 name (RFC 6266), no caching. */
export function downloadHeaders(fileName: string, format: ExportFormat): Record<string, string> {
  return {
    "content-type": CONTENT_TYPES[format],
    "content-disposition": `attachment; filename="${asciiFileName(fileName)}"; filename*=UTF-8''${rfc5987(fileName)}`,
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
  };
}
