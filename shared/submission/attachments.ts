/**
 * Attachments (the elderly list as .xlsx, a report as .pdf, …): uploaded straight to storage
 * through a presigned form, never through the API, and checked before a submission refers to
 * them: under the unit's own prefix, at most 10 MB, and of an allowed kind judged by the file's
 * first bytes rather than by a name the browser sends.
 */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export type AttachmentKind = "pdf" | "office" | "open-document-or-office-xml" | "jpeg" | "png";

export const ATTACHMENT_KINDS_VI = "PDF, Word, Excel (kể cả .docx, .xlsx), OpenDocument, ảnh JPEG hoặc PNG";

/** The storage prefix of one unit's uploads for one deadline and one form field. */
export function attachmentPrefix(instanceId: string, fieldId: string): string {
  const [planId, obligationId, period, unitId] = instanceId.split(":");
  return `uploads/${planId}/${obligationId}/${period}/${unitId}/${fieldId}/`;
}

/** The kind of a file from its first bytes, or undefined when it is not one we accept. */
export function sniffAttachment(head: Uint8Array): AttachmentKind | undefined {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "pdf"; // %PDF-
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return "office"; // OLE2: .doc, .xls
  if (starts(0x50, 0x4b, 0x03, 0x04)) return "open-document-or-office-xml"; // ZIP: .docx, .xlsx, .odt, .ods
  if (starts(0xff, 0xd8, 0xff)) return "jpeg";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "png";
  return undefined;
}
