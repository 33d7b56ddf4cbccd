/**
 * The exports read back: CSV parsed by an RFC 4180 reader (BOM, CRLF, Vietnamese intact, one row per
 * deadline with the five figures and each unit's status, totals last), XLSX opened with exceljs
 * (numbers, percentages and Vietnam-time dates, the coloured matrix, the detail sheet); text that a
 * spreadsheet would run as a formula neutralised in both; download headers with both file names.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  asciiFileName,
  auditCsv,
  auditXlsx,
  downloadHeaders,
  exportFileName,
  neutralise,
  submissionsCsv,
  submissionsXlsx,
  timelinessCsv,
  timelinessXlsx,
  vietnamDateTime,
} from "../../functions/console/exports";
import type { AuditView, SubmissionsTable, TimelinessReport } from "../../shared/console/model";
import { STATUS_COLOURS, statusLook } from "../../shared/web/console/format";
import { parseCsv } from "../support/csv";
import { consoleFixtures } from "../web/console-fixtures";

const f = consoleFixtures();
const BOM = "\uFEFF";

/** The CSV's records, after checking its BOM and CRLF line ends. */
function read(csv: string): string[][] {
  expect(csv.startsWith(BOM)).toBe(true);
  const body = csv.slice(1);
  expect(body.endsWith("\r\n")).toBe(true);
  // Every line break outside a quoted field is CRLF.
  expect(body.replace(/"(?:[^"]|"")*"/g, "").match(/(?<!\r)\n/g)).toBeNull();
  return parseCsv(body);
}

/** Records as objects by header. */
function records(csv: string): Array<Record<string, string>> {
  const [header, ...rows] = read(csv);
  if (!header) throw new Error("no header");
  for (const row of rows) expect(row).toHaveLength(header.length);
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? ""])));
}

async function workbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return wb;
}

/** A worksheet's rows as objects by header (cell values as exceljs reads them). */
function sheetRecords(sheet: ExcelJS.Worksheet): Array<Record<string, ExcelJS.CellValue>> {
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const out: Array<Record<string, ExcelJS.CellValue>> = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    out.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return out;
}

/** Text as XML keeps it: a carriage return is read back as a line feed (XML end-of-line handling). */
const xml = (text: string) => text.replace(/\r\n?/g, "\n");

/** The Vietnam wall time an XLSX date cell shows, "YYYY-MM-DD HH:MM". */
const wall = (v: ExcelJS.CellValue) => (v as Date).toISOString().slice(0, 16).replace("T", " ");

const FORMULAS = [
  "=1+2",
  "+84912345678",
  "-2+3",
  "@SUM(A1:A2)",
  "\tTAB",
  "\rCR",
  '=HYPERLINK("http://x","y")',
];

describe("the timeliness table", () => {
  const report = f.timeliness;
  const units = [...new Map(report.rows.flatMap((r) => r.units.map((u) => [u.unitId, u.unitName] as const)))];

  it("as CSV: one row per deadline with DHIS2's five figures and each unit's status, then the totals", () => {
    const rows = records(timelinessCsv(report));
    expect(rows).toHaveLength(report.rows.length + 1);
    report.rows.forEach((r, i) => {
      const row = rows[i] as Record<string, string>;
      expect(row["Mã nhiệm vụ"]).toBe(r.obligationId);
      expect(row["Nhiệm vụ"]).toBe(r.title);
      expect(row["Mã kỳ"]).toBe(r.period);
      expect(row.Kỳ).toBe(r.periodText);
      expect(Number(row["Phải nộp"])).toBe(r.expected);
      expect(Number(row["Đã nộp"])).toBe(r.actual);
      expect(row["Tỷ lệ đã nộp (%)"]).toBe(r.reportingRate === null ? "" : String(r.reportingRate));
      expect(Number(row["Nộp đúng hạn"])).toBe(r.actualOnTime);
      expect(row["Tỷ lệ đúng hạn (%)"]).toBe(r.onTimeRate === null ? "" : String(r.onTimeRate));
      for (const [unitId, unitName] of units) {
        const cell = r.units.find((u) => u.unitId === unitId);
        expect(row[`${unitName} (${unitId})`]).toBe(cell ? statusLook(cell.status, cell.lateDays).text : "");
      }
    });
    const totals = rows.at(-1) as Record<string, string>;
    expect(totals["Mã nhiệm vụ"]).toBe("");
    expect(totals["Nhiệm vụ"]).toMatch(/^Tổng các hạn đã đến/);
    expect(Number(totals["Phải nộp"])).toBe(report.totals.expected);
    expect(Number(totals["Tỷ lệ đúng hạn (%)"])).toBe(report.totals.onTimeRate);
  });

  it("writes the cut-off as its last on-time minute in Vietnam time, and Vietnamese intact", () => {
    const csv = timelinessCsv(report);
    const first = records(csv)[0] as Record<string, string>;
    // The fixture's first cut-off is 00:00 on 20/01/2025 (+07:00): the last on-time minute is 23:59 on the 19th.
    expect(report.rows[0]?.dueAt).toBe("2025-01-20T00:00:00+07:00");
    expect(first["Hạn chót (giờ Việt Nam)"]).toBe("2025-01-19 23:59");
    expect(csv).toContain("Hoàn thành việc xây dựng kế hoạch thực hiện trên địa bàn phường");
    expect(csv).toContain("UBND phường Thượng Thanh (p-thuong-thanh)");
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("as XLSX: the same figures as numbers and percentages, units coloured as in the heatmap, and a detail sheet", async () => {
    const wb = await workbook(await timelinessXlsx(report));
    expect(wb.worksheets.map((s) => s.name)).toEqual(["Tổng hợp", "Chi tiết"]);
    const summary = wb.getWorksheet("Tổng hợp") as ExcelJS.Worksheet;
    const rows = sheetRecords(summary);
    expect(rows).toHaveLength(report.rows.length + 1);
    const r = report.rows[1] as TimelinessReport["rows"][number];
    expect(rows[1]?.["Phải nộp"]).toBe(r.expected);
    expect(rows[1]?.["Tỷ lệ đúng hạn (%)"]).toBeCloseTo((r.onTimeRate as number) / 100, 6);
    expect(wall(rows[1]?.["Hạn chót (giờ Việt Nam)"] ?? null)).toBe(
      vietnamDateTime(new Date(Date.parse(r.dueAt) - 60_000).toISOString()),
    );
    const header = (summary.getRow(1).values as string[]).slice(1);
    const rateColumn = header.indexOf("Tỷ lệ đúng hạn (%)") + 1;
    expect(summary.getCell(3, rateColumn).numFmt).toBe("0.0%");
    expect(summary.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    // A late unit's cell: its words, and the heatmap's colours.
    const lateIndex = r.units.findIndex((u) => u.status === "late");
    const late = r.units[lateIndex];
    if (!late) throw new Error("the fixture has no late unit on this deadline");
    const column = header.indexOf(`${late.unitName} (${late.unitId})`) + 1;
    const cell = summary.getCell(3, column);
    expect(cell.value).toBe(statusLook("late", late.lateDays).text);
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(
      `FF${STATUS_COLOURS.late.bg.slice(1).toUpperCase()}`,
    );
    const detail = sheetRecords(wb.getWorksheet("Chi tiết") as ExcelJS.Worksheet);
    expect(detail).toHaveLength(report.rows.reduce((n, row) => n + row.units.length, 0));
    const lateRow = detail.find(
      (d) => d["Mã đơn vị"] === late.unitId && d["Mã nhiệm vụ"] === r.obligationId && d["Mã kỳ"] === r.period,
    );
    expect(lateRow?.["Mã tình trạng"]).toBe("late");
    expect(lateRow?.["Số ngày muộn"]).toBe(late.lateDays);
    expect(wall(lateRow?.["Nộp lúc (giờ Việt Nam)"] ?? null)).toBe(
      vietnamDateTime(late.submittedAt as string),
    );
  });

  it("neutralises formulas in titles and unit names, in CSV and XLSX", async () => {
    const evil: TimelinessReport = {
      ...report,
      rows: report.rows.map((r, i) => ({
        ...r,
        title: FORMULAS[i % FORMULAS.length] as string,
        units: r.units.map((u) => (u.unitId === "p-bo-de" ? { ...u, unitName: "=cmd|' /C calc'!A0" } : u)),
      })),
    };
    const rows = records(timelinessCsv(evil));
    evil.rows.forEach((r, i) => {
      expect(rows[i]?.["Nhiệm vụ"]).toBe(`'${r.title}`);
    });
    expect(Object.keys(rows[0] ?? {})).toContain("'=cmd|' /C calc'!A0 (p-bo-de)");
    const wb = await workbook(await timelinessXlsx(evil));
    const sheet = wb.getWorksheet("Tổng hợp") as ExcelJS.Worksheet;
    expect((sheet.getRow(1).values as string[]).slice(1)).toContain("'=cmd|' /C calc'!A0 (p-bo-de)");
    evil.rows.forEach((r, i) => {
      const cell = sheet.getCell(i + 2, 2);
      expect(cell.value).toBe(xml(`'${r.title}`));
      expect(cell.formula).toBeUndefined();
    });
  });
});

describe("the submissions of a deadline", () => {
  const table = f.submissions;

  it("as CSV: one row per expected unit, one column per form field, files counted, never their keys", () => {
    const csv = submissionsCsv(table);
    const rows = records(csv);
    expect(rows).toHaveLength(table.rows.length);
    const header = read(csv)[0] as string[];
    expect(header.slice(7)).toEqual(table.fields.map((x) => x.label));
    table.rows.forEach((r, i) => {
      const row = rows[i] as Record<string, string>;
      expect(row["Mã đơn vị"]).toBe(r.unitId);
      expect(row["Tình trạng"]).toBe(statusLook(r.status, r.lateDays).text);
      expect(row["Biên nhận"]).toBe(r.receipt ?? "");
      expect(row["Nộp lúc (giờ Việt Nam)"]).toBe(r.submittedAt ? vietnamDateTime(r.submittedAt) : "");
      const percentField = "Tỷ lệ trẻ dưới 1 tuổi được tiêm chủng đầy đủ (%)";
      expect(row[percentField]).toBe(
        r.values["ty-le-tiem-chung"] === undefined ? "" : String(r.values["ty-le-tiem-chung"]),
      );
      expect(row["Tệp báo cáo (PDF, Word, Excel)"]).toBe(r.values["tep-bao-cao"] ? "1 tệp" : "");
    });
    expect(csv).not.toContain("secret-key");
  });

  it("keeps line breaks, quotes and commas inside a field (RFC 4180)", () => {
    const tricky: SubmissionsTable = {
      ...table,
      rows: [
        {
          ...(table.rows[0] as SubmissionsTable["rows"][number]),
          values: { "tom-tat": 'Dòng 1, có dấu phẩy\r\nDòng 2 "trích dẫn"\nDòng 3', "ghi-chu": " cách đầu" },
        },
      ],
    };
    const row = records(submissionsCsv(tricky))[0] as Record<string, string>;
    expect(row["Tóm tắt kết quả thực hiện trong tháng"]).toBe(
      'Dòng 1, có dấu phẩy\r\nDòng 2 "trích dẫn"\nDòng 3',
    );
    expect(row["Ghi chú"]).toBe(" cách đầu");
  });

  it("neutralises formulas typed into the form, and leaves numbers as numbers", async () => {
    const evil: SubmissionsTable = {
      ...table,
      rows: table.rows.map((r, i) => ({
        ...r,
        submitter: FORMULAS[(i + 1) % FORMULAS.length],
        values: { ...r.values, "ghi-chu": FORMULAS[i % FORMULAS.length], "so-nguoi-cao-tuoi": -5 },
      })),
    };
    const rows = records(submissionsCsv(evil));
    evil.rows.forEach((r, i) => {
      expect(rows[i]?.["Ghi chú"]).toBe(`'${r.values["ghi-chu"]}`);
      expect(rows[i]?.["Người nộp"]).toBe(`'${r.submitter}`);
      expect(rows[i]?.["Số người cao tuổi được khám sức khỏe"]).toBe("-5");
    });
    const sheet = (await workbook(await submissionsXlsx(evil))).worksheets[0] as ExcelJS.Worksheet;
    const back = sheetRecords(sheet);
    evil.rows.forEach((r, i) => {
      expect(back[i]?.["Ghi chú"]).toBe(xml(`'${r.values["ghi-chu"]}`));
      expect(back[i]?.["Số người cao tuổi được khám sức khỏe"]).toBe(-5);
    });
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined()));
  });

  it("as XLSX: values typed (numbers, yes/no), times in Vietnam time, the fixture's formula defused", async () => {
    const sheet = (await workbook(await submissionsXlsx(table))).worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.name).toBe("Báo cáo đã nộp");
    const back = sheetRecords(sheet);
    const i = table.rows.findIndex((r) => r.submittedAt);
    const r = table.rows[i] as SubmissionsTable["rows"][number];
    expect(back[i]?.["Tỷ lệ trẻ dưới 1 tuổi được tiêm chủng đầy đủ (%)"]).toBe(r.values["ty-le-tiem-chung"]);
    expect(wall(back[i]?.["Nộp lúc (giờ Việt Nam)"] ?? null)).toBe(vietnamDateTime(r.submittedAt as string));
    const hyperlink = back.find((x) => String(x["Ghi chú"] ?? "").includes("HYPERLINK"));
    expect(hyperlink?.["Ghi chú"]).toBe(`'=HYPERLINK("http://example.org","Bấm vào đây")`);
  });
});

describe("the audit log", () => {
  const view = f.audit;

  it("as CSV: every entry oldest first with who, role, what, on what, before, after and why", () => {
    const rows = records(auditCsv(view));
    const sorted = [...view.entries].sort((a, b) => (a.at < b.at ? -1 : 1));
    expect(rows.map((r) => r.Mã)).toEqual(sorted.map((e) => e.id));
    rows.forEach((row, i) => {
      const e = sorted[i] as AuditView["entries"][number];
      expect(row["Thời điểm (giờ Việt Nam)"]).toBe(vietnamDateTime(e.at));
      expect(row["Người thực hiện"]).toBe(e.actor.email);
      expect(row["Vai trò"]).toBe("Cơ quan thường trực");
      expect(row["Mã thao tác"]).toBe(e.action);
      expect(row["Thao tác"]).toBe(e.actionText);
      expect(row["Lý do"]).toBe(e.reason);
    });
    const contacts = rows.find((r) => r["Mã thao tác"] === "edit-contacts");
    expect(contacts?.Trước).toBe(
      "Người liên hệ: Phạm Quốc Bảo; Email: p-bo-de@longbien.example.org; Điện thoại: —",
    );
    expect(contacts?.Sau).toContain("tyt.bode@longbien.example.org");
    expect(rows.find((r) => r["Mã thao tác"] === "extend")?.["Đối tượng"]).toContain("Kỳ: tháng 04/2025");
  });

  it("neutralises a formula in a reason, in CSV and XLSX", async () => {
    const evil: AuditView = {
      ...view,
      entries: view.entries.map((e, i) => ({ ...e, reason: FORMULAS[i % FORMULAS.length] as string })),
    };
    const sorted = [...evil.entries].sort((a, b) => (a.at < b.at ? -1 : 1));
    const rows = records(auditCsv(evil));
    rows.forEach((row, i) => {
      expect(row["Lý do"]).toBe(`'${sorted[i]?.reason}`);
    });
    const sheet = (await workbook(await auditXlsx(evil))).worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.name).toBe("Nhật ký thao tác");
    sheetRecords(sheet).forEach((row, i) => {
      expect(row["Lý do"]).toBe(xml(`'${sorted[i]?.reason}`));
      expect(wall(row["Thời điểm (giờ Việt Nam)"] ?? null)).toBe(vietnamDateTime(sorted[i]?.at as string));
    });
  });
});

describe("formula neutralisation", () => {
  it.each(FORMULAS)("prefixes %j with an apostrophe", (value) => {
    expect(neutralise(value)).toBe(`'${value}`);
  });

  it.each(["Báo cáo quý I", "95,5", "'=already", " =space first", "a=b"])("leaves %j as it is", (value) => {
    expect(neutralise(value)).toBe(value);
  });
});

describe("download headers", () => {
  it("names the file in Vietnamese (RFC 5987) with a plain ASCII fallback", () => {
    const name = exportFileName({ kind: "timeliness", planId: "long-bien-2025", year: 2025 }, "csv");
    expect(name).toBe("Tiến độ long-bien-2025 năm 2025.csv");
    const headers = downloadHeaders(name, "csv");
    expect(headers["content-type"]).toBe("text/csv; charset=utf-8");
    const disposition = headers["content-disposition"] as string;
    const ascii = /filename="([^"]*)"/.exec(disposition)?.[1];
    expect(ascii).toBe("Tien-do-long-bien-2025-nam-2025.csv");
    expect(ascii).toMatch(/^[\x20-\x7e]+$/);
    const star = /filename\*=UTF-8''(\S+)$/.exec(disposition)?.[1] as string;
    expect(star).not.toMatch(/[^A-Za-z0-9%!#$&+.^_`|~-]/);
    expect(decodeURIComponent(star)).toBe(name);
    expect(headers["cache-control"]).toBe("private, no-store");
  });

  it("gives XLSX its type, and ASCII names for the other exports without a quote or a path", () => {
    expect(downloadHeaders("a.xlsx", "xlsx")["content-type"]).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const submissions = exportFileName(
      { kind: "submissions", planId: "long-bien-2025", obligationId: "bao-cao-quy-ttyt", period: "2025-Q1" },
      "xlsx",
    );
    expect(submissions).toBe("Báo cáo đã nộp long-bien-2025 bao-cao-quy-ttyt quý I-2025.xlsx");
    expect(asciiFileName(submissions)).toBe("Bao-cao-da-nop-long-bien-2025-bao-cao-quy-ttyt-quy-I-2025.xlsx");
    expect(asciiFileName('Đường "dẫn"/../x.csv')).toMatch(/^Duong-dan[A-Za-z0-9._-]*x\.csv$/);
    expect(asciiFileName(exportFileName({ kind: "audit", planId: "p" }, "csv"))).toBe(
      "Nhat-ky-thao-tac-p.csv",
    );
  });
});
