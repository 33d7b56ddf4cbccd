/** The container checks of the pure core: real minimal files pass, polyglots and look-alikes do not. */
import { describe, expect, it } from "vitest";
import {
  attachmentDisposition,
  attachmentType,
  isSafeStorageKey,
  isUploadKeyOf,
} from "../../shared/submission/attachments";
import {
  concat,
  minimalDocx,
  minimalJpeg,
  minimalOds,
  minimalOle,
  minimalPdf,
  minimalPng,
  minimalXlsx,
  text,
  zip,
} from "../support/attachment-files";

describe("attachmentType: the whole container, not its first bytes", () => {
  it("accepts a minimal well-formed file of every kind, with the content type it is served as", () => {
    const cases: Array<[string, Uint8Array, string, string]> = [
      ["pdf", minimalPdf(), "pdf", "application/pdf"],
      [
        "docx",
        minimalDocx(),
        "open-document-or-office-xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      ],
      [
        "xlsx",
        minimalXlsx(),
        "open-document-or-office-xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      ],
      ["ods", minimalOds(), "open-document-or-office-xml", "application/vnd.oasis.opendocument.spreadsheet"],
      ["doc", minimalOle("WordDocument"), "office", "application/msword"],
      ["xls", minimalOle("Workbook"), "office", "application/vnd.ms-excel"],
      ["jpeg", minimalJpeg(), "jpeg", "image/jpeg"],
      ["png", minimalPng(), "png", "image/png"],
    ];
    for (const [name, bytes, kind, contentType] of cases) {
      expect(attachmentType(bytes), name).toMatchObject({ kind, contentType });
    }
  });

  it("refuses polyglots and files that only start like an accepted kind", () => {
    const pdf = minimalPdf();
    const png = minimalPng();
    const jpeg = minimalJpeg();
    const cases: Array<[string, Uint8Array]> = [
      ["PDF header then HTML, no trailer", text("%PDF-1.4\n<html><script>alert(1)</script></html>")],
      ["PDF with HTML after %%EOF", concat([pdf, text("<html><script>alert(1)</script>")])],
      ["PDF whose startxref points nowhere", text("%PDF-1.4\n<script>x</script>\nstartxref\n9\n%%EOF\n")],
      ["zip local header then a script", text("PK\x03\x04<script>alert(1)</script>")],
      ["a zip without [Content_Types].xml", zip([{ name: "word/document.xml", data: text("<w/>") }])],
      [
        "a macro-enabled workbook",
        zip([
          {
            name: "[Content_Types].xml",
            data: text('<Types ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>'),
          },
          { name: "xl/vbaProject.bin", data: text("macro") },
        ]),
      ],
      ["an ODF zip of another type", zip([{ name: "mimetype", data: text("application/x-msdownload") }])],
      ["a zip with bytes appended after its EOCD", concat([minimalDocx(), text("<script>")])],
      ["an OLE2 file with no Word or Excel stream (an .msi, say)", minimalOle("SummaryInformation")],
      ["an OLE2 header alone", minimalOle("WordDocument").subarray(0, 512)],
      ["a JPEG with a zip appended", concat([jpeg, minimalDocx()])],
      ["a JPEG start then HTML", concat([jpeg.subarray(0, 3), text("<html>"), new Uint8Array([0xff, 0xd9])])],
      ["a PNG with data after IEND", concat([png, text("<script>")])],
      ["a PNG with a corrupt chunk", png.map((b, i) => (i === 20 ? b ^ 1 : b))],
      ["a Windows executable", text("MZ\x90\x00 not a report")],
      ["nothing", new Uint8Array()],
    ];
    for (const [name, bytes] of cases) expect(attachmentType(bytes), name).toBeUndefined();
  });
});

describe("storage keys", () => {
  const id = "long-bien-2025:bao-cao-quy-ttyt:2025-Q1:ttyt";
  const prefix = "uploads/long-bien-2025/bao-cao-quy-ttyt/2025-Q1/ttyt/tep-bao-cao/";

  it("accepts the unit's own upload key and refuses traversal, backslashes, control characters and other prefixes", () => {
    expect(isUploadKeyOf(id, "tep-bao-cao", `${prefix}0f8e2c4a-1b2c-4d5e-8f90-1234567890ab`)).toBe(true);
    for (const key of [
      `${prefix}../../../../../etc/passwd`,
      `${prefix}..`,
      `${prefix}a/../../x`,
      `${prefix}a\\..\\x`,
      `${prefix}a\u0000b`,
      `${prefix}a\nb`,
      `/${prefix}x`,
      `${prefix}`,
      "uploads/long-bien-2025/bao-cao-quy-bhxh/2025-Q1/bhxh/tep-bao-cao/x",
      `${prefix}x/y`,
    ]) {
      expect(isUploadKeyOf(id, "tep-bao-cao", key), JSON.stringify(key)).toBe(false);
    }
    expect(isSafeStorageKey("accepted/a/b")).toBe(true);
    expect(isSafeStorageKey("accepted/./b")).toBe(false);
  });

  it("names a download with an ASCII fallback and the Vietnamese name", () => {
    expect(attachmentDisposition("Báo cáo quý I.pdf")).toBe(
      "attachment; filename=\"Bao_cao_quy_I.pdf\"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20qu%C3%BD%20I.pdf",
    );
  });
});
