/**
 * Attachments (the elderly list as .xlsx, a report as .pdf, …): uploaded straight to storage
 * through a presigned form, never through the API, and checked before a submission refers to
 * them: under the unit's own prefix, at most 10 MB, and of an allowed kind judged by the file's
 * whole container (header, structure and trailer), never by a name or type the browser sends.
 * A file that only starts like a PDF or a zip (a polyglot such as `%PDF-1.4\n<html><script>`) is
 * refused. Accepted bytes are then pinned: a copy under `accepted/`, named by their SHA-256.
 */
import { createHash } from "node:crypto";
import { inflateRawSync } from "node:zlib";
import { type InstanceRef, parseInstanceId } from "../calendar/instance-id";

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export type AttachmentKind = "pdf" | "office" | "open-document-or-office-xml" | "jpeg" | "png";

export const ATTACHMENT_KINDS_VI = "PDF, Word, Excel (kể cả .docx, .xlsx), OpenDocument, ảnh JPEG hoặc PNG";

/** What a file was found to be: its kind, the content type it is stored and served with, its extension. */
export interface AttachmentType {
  kind: AttachmentKind;
  contentType: string;
  extension: string;
}

/**
 * What the attachment storage lets a browser do across origins: only the form page's own origin,
 * only POST (the presigned upload; the policy in each form names its one key, size and expiry), no
 * request header beyond the CORS-safelisted ones (a FormData body is), and the preflight cached.
 * The CDK bucket (infra/constructs/submissions-api.ts) and s3rver (local/s3-local.ts) both use it.
 */
export const BROWSER_UPLOAD_CORS = { allowedMethods: ["POST"], maxAgeSeconds: 3000 } as const;

/** Where presigned forms upload (writable while a form lives) and where checked bytes are pinned. */
export const UPLOADS_PREFIX = "uploads/";
export const ACCEPTED_PREFIX = "accepted/";

function refOf(id: string): InstanceRef {
  const ref = parseInstanceId(id);
  if (!ref) throw new Error(`not a deadline instance id: ${id}`);
  return ref;
}

/** The storage prefix of one unit's uploads for one deadline and one form field. */
export function attachmentPrefix(instanceId: string, fieldId: string): string {
  const { planId, obligationId, period, unitId } = refOf(instanceId);
  return `${UPLOADS_PREFIX}${planId}/${obligationId}/${period}/${unitId}/${fieldId}/`;
}

/** The storage prefix of a submission's accepted (pinned, never overwritten) copies. */
export function acceptedPrefix(instanceId: string, receipt: string): string {
  const { planId, obligationId, period, unitId } = refOf(instanceId);
  return `${ACCEPTED_PREFIX}${planId}/${obligationId}/${period}/${unitId}/${receipt}/`;
}

/**
 * A key that is safe to hand to storage: relative, no `.`/`..` segment, no backslash, no control
 * character, printable ASCII only. An S3-compatible server that writes to a folder (s3rver) would
 * otherwise write `../` keys outside it.
 */
export function isSafeStorageKey(key: string): boolean {
  if (key === "" || key.length > 1024 || key.startsWith("/")) return false;
  if (!/^[\x21-\x7e]+$/.test(key) || key.includes("\\")) return false;
  return key.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..");
}

/** Whether a key names one upload of this unit for this field: its prefix and one plain name after it. */
export function isUploadKeyOf(instanceId: string, fieldId: string, key: string): boolean {
  const prefix = attachmentPrefix(instanceId, fieldId);
  return (
    isSafeStorageKey(key) && key.startsWith(prefix) && /^[A-Za-z0-9-]{1,64}$/.test(key.slice(prefix.length))
  );
}

/**
 * The name a unit's client gave its file, kept only for the receipt and the download: its last
 * path segment, without control characters, at most 200 characters; undefined when nothing is left.
 */
export function cleanFileName(name: string | undefined): string | undefined {
  const last = (name ?? "").split(/[\\/]/).at(-1) ?? "";
  const clean = last
    .normalize("NFC")
    .replace(/[\p{Cc}"]/gu, "")
    .trim()
    .slice(0, 200);
  return clean === "" || clean === "." || clean === ".." ? undefined : clean;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** `Content-Disposition: attachment` with an ASCII fallback name and the UTF-8 one (RFC 6266). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, (c) => (c === "đ" ? "d" : "D"))
    .replace(/[^A-Za-z0-9._-]/g, "_");
  const utf8 = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

/** The headers any server of an accepted attachment sends: never rendered inline, never sniffed. */
export function attachmentResponseHeaders(type: { contentType: string }, fileName: string) {
  return {
    "content-type": type.contentType,
    "content-disposition": attachmentDisposition(fileName),
    "x-content-type-options": "nosniff",
    "cache-control": "private, no-store",
  };
}

// ---- the container checks ------------------------------------------------------------------

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(Math.max(0, from), Math.min(bytes.length, to)));
const startsWith = (bytes: Uint8Array, at: number, ...expected: number[]) =>
  expected.every((b, i) => bytes[at + i] === b);

/**
 * The type of a whole file, or undefined when it is not a well-formed file of a kind we accept.
 * Reads at most the file itself (≤ 10 MB) and, for Office Open XML, inflates at most 1 MB of
 * `[Content_Types].xml`.
 */
export function attachmentType(bytes: Uint8Array): AttachmentType | undefined {
  if (bytes.length === 0 || bytes.length > MAX_ATTACHMENT_BYTES) return undefined;
  try {
    if (startsWith(bytes, 0, 0x25, 0x50, 0x44, 0x46, 0x2d)) return pdfType(bytes);
    if (startsWith(bytes, 0, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return oleType(bytes);
    if (startsWith(bytes, 0, 0x50, 0x4b, 0x03, 0x04)) return zipType(bytes);
    if (startsWith(bytes, 0, 0xff, 0xd8, 0xff)) return jpegType(bytes);
    if (startsWith(bytes, 0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return pngType(bytes);
  } catch {
    // A structure that points outside the file, or a part that does not inflate: not well formed.
  }
  return undefined;
}

/** PDF: `%PDF-1.x`/`%PDF-2.x`, and at the end `startxref <offset> %%EOF` pointing at an xref table or stream. */
function pdfType(bytes: Uint8Array): AttachmentType | undefined {
  if (!/^%PDF-[12]\.\d/.test(ascii(bytes, 0, 8))) return undefined;
  const tail = ascii(bytes, bytes.length - 1024, bytes.length);
  // Only white space may follow the last %%EOF: HTML appended after a PDF is refused.
  const end = /startxref\s+(\d{1,10})\s+%%EOF[\r\n\t \0]*$/.exec(tail);
  if (!end) return undefined;
  const xref = Number(end[1]);
  if (xref < 8 || xref >= bytes.length) return undefined;
  const at = ascii(bytes, xref, xref + 32);
  if (!/^xref\s/.test(at) && !/^\d+\s+\d+\s+obj\b/.test(at)) return undefined;
  return { kind: "pdf", contentType: "application/pdf", extension: "pdf" };
}

/** OLE2 (.doc, .xls): a sane header, then a directory, reached through the FAT, with a Word or Excel stream. */
function oleType(bytes: Uint8Array): AttachmentType | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const major = u16(26);
  const shift = u16(30);
  if (u16(28) !== 0xfffe || u16(32) !== 6) return undefined; // byte order; 64-byte mini sectors
  if (!((major === 3 && shift === 9) || (major === 4 && shift === 12))) return undefined;
  const sectorSize = 1 << shift;
  const sectors = Math.floor(bytes.length / sectorSize) - 1;
  if (sectors < 2) return undefined;
  const sectorAt = (n: number) => {
    if (n >= sectors) throw new RangeError("sector outside the file");
    return (n + 1) * sectorSize;
  };
  const fatSectors = u32(44);
  if (fatSectors === 0 || fatSectors > 109) return undefined; // ≤ 109: no DIFAT chain for ≤ 10 MB
  const fat: number[] = [];
  for (let i = 0; i < fatSectors; i++) {
    const start = sectorAt(u32(76 + 4 * i));
    for (let j = 0; j < sectorSize; j += 4) fat.push(u32(start + j));
  }
  const names = new Set<string>();
  const seen = new Set<number>();
  for (let sector = u32(48); sector !== 0xfffffffe; sector = fat[sector] ?? 0xffffffff) {
    if (seen.has(sector)) return undefined; // a loop in the directory chain
    seen.add(sector);
    const start = sectorAt(sector);
    for (let entry = start; entry < start + sectorSize; entry += 128) {
      const length = u16(entry + 64);
      if (length < 2 || length > 64) continue;
      let name = "";
      for (let c = 0; c < length - 2; c += 2) name += String.fromCharCode(u16(entry + c));
      const type = bytes[entry + 66];
      if (names.size === 0 && !(type === 5 && name === "Root Entry")) return undefined;
      names.add(name);
    }
  }
  if (names.has("WordDocument"))
    return { kind: "office", contentType: "application/msword", extension: "doc" };
  if (names.has("Workbook") || names.has("Book"))
    return { kind: "office", contentType: "application/vnd.ms-excel", extension: "xls" };
  return undefined; // another OLE2 file (an .msi installer, an Outlook message, …)
}

interface ZipEntry {
  name: string;
  method: number;
  dataStart: number;
  compressedSize: number;
}

/** The entries of a zip whose End-Of-Central-Directory and central directory are consistent, or undefined. */
function zipEntries(bytes: Uint8Array): ZipEntry[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  // The EOCD ends the file exactly: its comment runs to the last byte.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(at) === 0x06054b50 && at + 22 + u16(at + 20) === bytes.length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = u16(eocd + 10);
  const cdSize = u32(eocd + 12);
  const cdOffset = u32(eocd + 16);
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0 || u16(eocd + 8) !== count) return undefined; // one disk
  if (count === 0 || cdOffset + cdSize !== eocd) return undefined; // no ZIP64, nothing between
  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (u32(at) !== 0x02014b50) return undefined;
    const method = u16(at + 10);
    const compressedSize = u32(at + 20);
    const nameLength = u16(at + 28);
    const next = at + 46 + nameLength + u16(at + 30) + u16(at + 32);
    if (next > eocd) return undefined;
    const name = ascii(bytes, at + 46, at + 46 + nameLength);
    const local = u32(at + 42);
    if (local + 30 > cdOffset || u32(local) !== 0x04034b50) return undefined;
    const localNameLength = u16(local + 26);
    if (ascii(bytes, local + 30, local + 30 + localNameLength) !== name) return undefined;
    const dataStart = local + 30 + localNameLength + u16(local + 28);
    if (dataStart + compressedSize > cdOffset) return undefined;
    if (name.startsWith("/") || name.includes("\\") || name.split("/").includes("..")) return undefined;
    entries.push({ name, method, dataStart, compressedSize });
    at = next;
  }
  return at === eocd ? entries : undefined;
}

const OOXML = {
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": {
    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extension: "docx",
  },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": {
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extension: "xlsx",
  },
} as const;

const ODF: Record<string, string> = {
  "application/vnd.oasis.opendocument.text": "odt",
  "application/vnd.oasis.opendocument.spreadsheet": "ods",
};

/** Office Open XML (.docx, .xlsx, no macros) by its `[Content_Types].xml`; OpenDocument by its `mimetype`. */
function zipType(bytes: Uint8Array): AttachmentType | undefined {
  const entries = zipEntries(bytes);
  if (!entries) return undefined;
  const data = (e: ZipEntry) => bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
  const first = entries[0];
  if (first?.name === "mimetype" && first.method === 0) {
    const mime = new TextDecoder().decode(data(first));
    const extension = ODF[mime];
    return extension ? { kind: "open-document-or-office-xml", contentType: mime, extension } : undefined;
  }
  const types = entries.find((e) => e.name === "[Content_Types].xml");
  if (!types || entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name))) return undefined;
  const xml =
    types.method === 0
      ? new TextDecoder().decode(data(types))
      : types.method === 8
        ? inflateRawSync(data(types), { maxOutputLength: 1024 * 1024 }).toString("utf8")
        : undefined;
  if (!xml || /macroEnabled/i.test(xml)) return undefined;
  for (const [main, type] of Object.entries(OOXML)) {
    if (xml.includes(`ContentType="${main}"`)) return { kind: "open-document-or-office-xml", ...type };
  }
  return undefined;
}

/** JPEG: SOI, well-formed segments with a frame header before the scan, and EOI as the last bytes. */
function jpegType(bytes: Uint8Array): AttachmentType | undefined {
  if (bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9) return undefined;
  let at = 2;
  let frame = false;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
    if (length < 2 || at + 2 + length > bytes.length) return undefined;
    if (marker === 0xda) {
      return frame ? { kind: "jpeg", contentType: "image/jpeg", extension: "jpg" } : undefined;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      frame = true;
    at += 2 + length;
  }
  return undefined;
}

/** PNG: the signature, IHDR first, chunks with valid CRCs, and IEND as the last bytes. */
function pngType(bytes: Uint8Array): AttachmentType | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  let first = true;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const type = ascii(bytes, at + 4, at + 8);
    if (!/^[A-Za-z]{4}$/.test(type) || at + 12 + length > bytes.length) return undefined;
    if (first && (type !== "IHDR" || length !== 13)) return undefined;
    first = false;
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== view.getUint32(at + 8 + length)) return undefined;
    at += 12 + length;
    if (type === "IEND")
      return at === bytes.length ? { kind: "png", contentType: "image/png", extension: "png" } : undefined;
  }
  return undefined;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (ISO 3309), as PNG chunks and zip entries use. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
