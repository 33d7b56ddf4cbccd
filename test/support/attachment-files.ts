/**
 * Small, real files of every accepted kind, built byte by byte (no zip or PDF library in the
 * project): what a unit's office would upload, and the polyglots an attacker would.
 */
import { deflateRawSync } from "node:zlib";

// The fixtures compute their own CRC-32 rather than borrow the one under test.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const text = (s: string) => new TextEncoder().encode(s);

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A one-page PDF with a real xref table, trailer, startxref and %%EOF. */
export function minimalPdf(note = "báo cáo quý I"): Uint8Array {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>`,
  ];
  let body = `%PDF-1.4\n% ${note}\n`;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(text(body).length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = text(body).length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return text(body);
}

export interface ZipFile {
  name: string;
  data: Uint8Array;
  deflate?: boolean;
}

/** A zip archive with local headers, a central directory and an End-Of-Central-Directory record. */
export function zip(files: ZipFile[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const f of files) {
    const name = text(f.name);
    const stored = f.deflate ? new Uint8Array(deflateRawSync(f.data)) : f.data;
    const header = (size: number) => new DataView(new ArrayBuffer(size));
    const local = header(30);
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(8, f.deflate ? 8 : 0, true);
    local.setUint32(14, crc32(f.data), true);
    local.setUint32(18, stored.length, true);
    local.setUint32(22, f.data.length, true);
    local.setUint16(26, name.length, true);
    const central = header(46);
    central.setUint32(0, 0x02014b50, true);
    central.setUint16(4, 20, true);
    central.setUint16(6, 20, true);
    central.setUint16(10, f.deflate ? 8 : 0, true);
    central.setUint32(16, crc32(f.data), true);
    central.setUint32(20, stored.length, true);
    central.setUint32(24, f.data.length, true);
    central.setUint16(28, name.length, true);
    central.setUint32(42, offset, true);
    const localBytes = concat([new Uint8Array(local.buffer), name, stored]);
    locals.push(localBytes);
    centrals.push(concat([new Uint8Array(central.buffer), name]));
    offset += localBytes.length;
  }
  const cd = concat(centrals);
  const eocd = new DataView(new ArrayBuffer(22));
  eocd.setUint32(0, 0x06054b50, true);
  eocd.setUint16(8, files.length, true);
  eocd.setUint16(10, files.length, true);
  eocd.setUint32(12, cd.length, true);
  eocd.setUint32(16, offset, true);
  return concat([...locals, cd, new Uint8Array(eocd.buffer)]);
}

const contentTypes = (main: string, part: string) =>
  text(
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${part}" ContentType="${main}"/></Types>`,
  );

/** A .docx skeleton: [Content_Types].xml (deflated, as Word writes it) and the main document part. */
export function minimalDocx(): Uint8Array {
  return zip([
    {
      name: "[Content_Types].xml",
      data: contentTypes(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "word/document.xml",
      ),
      deflate: true,
    },
    { name: "word/document.xml", data: text("<w:document/>"), deflate: true },
  ]);
}

export function minimalXlsx(): Uint8Array {
  return zip([
    {
      name: "[Content_Types].xml",
      data: contentTypes(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "xl/workbook.xml",
      ),
    },
    { name: "xl/workbook.xml", data: text("<workbook/>"), deflate: true },
  ]);
}

/** An .ods skeleton: `mimetype` first and stored, as OpenDocument requires. */
export function minimalOds(): Uint8Array {
  return zip([
    { name: "mimetype", data: text("application/vnd.oasis.opendocument.spreadsheet") },
    { name: "content.xml", data: text("<office:document-content/>"), deflate: true },
  ]);
}

/** An OLE2 compound file (version 3, 512-byte sectors): header, one FAT sector, one directory sector. */
export function minimalOle(stream: "WordDocument" | "Workbook" | "SummaryInformation"): Uint8Array {
  const file = new Uint8Array(512 * 3);
  const v = new DataView(file.buffer);
  file.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  v.setUint16(24, 0x3e, true);
  v.setUint16(26, 3, true);
  v.setUint16(28, 0xfffe, true);
  v.setUint16(30, 9, true);
  v.setUint16(32, 6, true);
  v.setUint32(44, 1, true); // one FAT sector
  v.setUint32(48, 1, true); // the directory starts at sector 1
  v.setUint32(56, 4096, true);
  v.setUint32(60, 0xfffffffe, true);
  v.setUint32(68, 0xfffffffe, true);
  for (let i = 0; i < 109; i++) v.setUint32(76 + 4 * i, i === 0 ? 0 : 0xffffffff, true);
  const fat = 512; // sector 0
  for (let i = 0; i < 128; i++) v.setUint32(fat + 4 * i, 0xffffffff, true);
  v.setUint32(fat, 0xfffffffd, true); // sector 0 is the FAT
  v.setUint32(fat + 4, 0xfffffffe, true); // sector 1 (the directory) ends its chain
  const entry = (at: number, name: string, type: number) => {
    for (let i = 0; i < name.length; i++) v.setUint16(at + 2 * i, name.charCodeAt(i), true);
    v.setUint16(at + 64, 2 * (name.length + 1), true);
    file[at + 66] = type;
  };
  entry(1024, "Root Entry", 5);
  entry(1024 + 128, stream, 2);
  return file;
}

/** A baseline JPEG's segments: SOI, APP0, a frame header, a scan, EOI. */
export function minimalJpeg(): Uint8Array {
  return new Uint8Array([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00,
    0x01, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00, 0xff,
    0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0x7f, 0x00, 0xff, 0xd9,
  ]);
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const head = new DataView(new ArrayBuffer(8));
  head.setUint32(0, data.length);
  const typed = concat([text(type), data]);
  const crc = new DataView(new ArrayBuffer(4));
  crc.setUint32(0, crc32(typed));
  return concat([new Uint8Array(head.buffer).subarray(0, 4), typed, new Uint8Array(crc.buffer)]);
}

/** A 1×1 grey PNG: signature, IHDR, IDAT, IEND. */
export function minimalPng(): Uint8Array {
  const ihdr = new DataView(new ArrayBuffer(13));
  ihdr.setUint32(0, 1);
  ihdr.setUint32(4, 1);
  ihdr.setUint8(8, 8);
  return concat([
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", new Uint8Array(ihdr.buffer)),
    pngChunk("IDAT", new Uint8Array(deflateRawSync(new Uint8Array([0, 0x80])))),
    pngChunk("IEND", new Uint8Array()),
  ]);
}

export { concat, text };
