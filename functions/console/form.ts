/**
 * A console form as posted: URL-encoded (every action) or multipart/form-data (the plan document
 * of a new draft), as API Gateway gives it (a multipart body arrives base64-encoded) and as the
 * local HTTP API does. Multipart is parsed by @middy/http-multipart-body-parser (busboy), its
 * middleware run on this event alone; the file is kept in memory, within the size given.
 */
import multipartBodyParser from "@middy/http-multipart-body-parser";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { readBody } from "../commons/http";

export interface PostedFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

export interface ConsoleForm {
  fields: URLSearchParams;
  files: Map<string, PostedFile>;
}

export type FormRead = { ok: true; form: ConsoleForm } | { ok: false; reason: "too-large" | "bad-request" };

/** Room for the fields and the multipart framing around a file. */
const MULTIPART_OVERHEAD = 64 * 1024;

interface Attachment {
  filename?: string;
  mimetype?: string;
  content?: Buffer;
}

const isAttachment = (v: unknown): v is Attachment =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Buffer.isBuffer((v as Attachment).content);

export async function readConsoleForm(
  event: Pick<APIGatewayProxyEventV2, "body" | "isBase64Encoded" | "headers">,
  maxFileBytes: number,
): Promise<FormRead> {
  const type = (event.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "multipart/form-data") {
    const body = readBody(event);
    if (!body.ok || body.kind !== "form")
      return {
        ok: false,
        reason: body.ok ? "bad-request" : body.error.code === "body_too_large" ? "too-large" : "bad-request",
      };
    return { ok: true, form: { fields: body.value, files: new Map() } };
  }
  if (event.body === undefined) return { ok: false, reason: "bad-request" };
  const size = event.isBase64Encoded
    ? Math.floor((event.body.length * 3) / 4)
    : Buffer.byteLength(event.body);
  if (size > maxFileBytes + MULTIPART_OVERHEAD) return { ok: false, reason: "too-large" };
  const request = {
    event: { headers: event.headers, body: event.body, isBase64Encoded: event.isBase64Encoded },
  } as { event: { body: unknown } };
  const parser = multipartBodyParser({
    busboy: { limits: { fileSize: maxFileBytes + 1, files: 1, fields: 50, fieldSize: 16 * 1024 } },
  });
  try {
    await (parser.before as (r: unknown) => Promise<void>)(request);
  } catch (err) {
    return {
      ok: false,
      reason: (err as { statusCode?: number }).statusCode === 413 ? "too-large" : "bad-request",
    };
  }
  const fields = new URLSearchParams();
  const files = new Map<string, PostedFile>();
  for (const [name, value] of Object.entries(request.event.body as Record<string, unknown>)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (isAttachment(v))
        files.set(name, {
          fileName: v.filename ?? "",
          contentType: v.mimetype ?? "application/octet-stream",
          bytes: v.content as Buffer,
        });
      else if (typeof v === "string") fields.append(name, v);
    }
  }
  return { ok: true, form: { fields, files } };
}
