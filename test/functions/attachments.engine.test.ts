import { createHash } from "node:crypto";
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { AttachmentStore } from "../../functions/commons/attachments";
import type { SubmissionRecord } from "../../functions/data";
import { ATTACHMENT_BUCKET } from "../../local/s3-local";
import { MAX_ATTACHMENT_BYTES } from "../../shared/submission/attachments";
import { fileSize } from "../../shared/web/form-view";
import {
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
import { localS3Client } from "../support/dynamodb";
import {
  getForm,
  httpEvent,
  lambdaContext,
  postJson,
  submissionApp,
  uploadThrough,
} from "../support/submission-app";

type App = Awaited<ReturnType<typeof submissionApp>>;
// The TTYT's quarterly report in the Long Biên 2025 plan requires a report file.
const ID = "long-bien-2025:bao-cao-quy-ttyt:2025-Q1:ttyt";
const PDF = minimalPdf("báo cáo quý I");
const EXE = text("MZ\u0090\u0000 This program cannot be run in DOS mode.");
const submitter = { name: "Đỗ Minh Khoa", phone: "0243 827 1234" };

const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function json(res: { body?: string }) {
  return JSON.parse(res.body ?? "null");
}

describe("attachments through presigned uploads (s3rver) and submissions (DynamoDB Local)", () => {
  let app: App;
  const s3 = localS3Client();
  beforeEach(async () => {
    app = await submissionApp("plans/long-bien-2025.yaml");
  });

  const uploadsRoute = (token: string, field: string) =>
    app.api(
      httpEvent({
        method: "POST",
        path: `/api/links/${token}/uploads`,
        routeKey: "POST /api/links/{token}/uploads",
        token,
        body: JSON.stringify({ field }),
        contentType: "application/json",
      }),
      lambdaContext,
    );

  it("requires the report file the plan asks for", async () => {
    const res = await postJson(app.api, app.link(ID), {
      submitter,
      fields: { "tom-tat": "Quý I đạt tiến độ." },
    });
    expect(res.statusCode).toBe(422);
    expect(json(res).error.fields["fields.tep-bao-cao"]).toBe("Cần tải lên “Tệp báo cáo (PDF, Word, Excel)”");
    const notAFileField = await uploadsRoute(app.link(ID), "tom-tat");
    expect([notAFileField.statusCode, json(notAFileField).error.code]).toEqual([400, "unknown_field"]);
  });

  it("uploads a PDF through a presigned POST, then stores the submission with it", async () => {
    const res = await uploadsRoute(app.link(ID), "tep-bao-cao");
    expect(res.statusCode).toBe(201);
    const post = json(res);
    expect(post).toMatchObject({ maxBytes: MAX_ATTACHMENT_BYTES });
    expect(post.key.startsWith("uploads/long-bien-2025/bao-cao-quy-ttyt/2025-Q1/ttyt/tep-bao-cao/")).toBe(
      true,
    );
    const key = await uploadThrough(post, PDF);
    const submitted = await postJson(app.api, app.link(ID), {
      submitter,
      fields: { "tom-tat": "Quý I đạt tiến độ.", "tep-bao-cao": [key] },
    });
    expect(submitted.statusCode).toBe(201);
    const [stored] = await app.submissionsFor(ID);
    const sha256 = sha256Hex(PDF);
    expect(stored?.attachments).toEqual([
      {
        field: "tep-bao-cao",
        key,
        acceptedKey: `accepted/long-bien-2025/bao-cao-quy-ttyt/2025-Q1/ttyt/${json(submitted).receipt}/${sha256}`,
        sha256,
        size: PDF.length,
        kind: "pdf",
        contentType: "application/pdf",
        extension: "pdf",
      },
    ]);
    // The pinned copy is stored to be downloaded, never rendered.
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: ATTACHMENT_BUCKET, Key: stored?.attachments[0]?.acceptedKey }),
    );
    expect([head.ContentType, head.ContentDisposition?.split(";")[0]]).toEqual([
      "application/pdf",
      "attachment",
    ]);
  });

  it("refuses a file of a forbidden type, an oversized one, a missing one and another unit's, storing nothing", async () => {
    const id = "long-bien-2025:bao-cao-quy-ttyt:2025-Q2:ttyt";
    const token = app.link(id);
    const exe = await uploadThrough(json(await uploadsRoute(token, "tep-bao-cao")), EXE, "virus.pdf");
    const big = await uploadThrough(
      json(await uploadsRoute(token, "tep-bao-cao")),
      new Uint8Array(MAX_ATTACHMENT_BYTES + 1).fill(0x25),
    );
    const others = await uploadThrough(
      json(
        await uploadsRoute(app.link("long-bien-2025:bao-cao-quy-bhxh:2025-Q2:bhxh"), "tep-bao-cao").then(
          (r) => r,
        ),
      ),
      PDF,
    ).catch(() => undefined);
    const cases: Array<[string, string | undefined, RegExp]> = [
      ["forbidden type", exe, /Chỉ nhận PDF/],
      ["too large", big, /lớn hơn 10 MB/],
      [
        "missing",
        "uploads/long-bien-2025/bao-cao-quy-ttyt/2025-Q2/ttyt/tep-bao-cao/khong-co",
        /Không thấy tệp/,
      ],
      [
        "another unit's",
        others ?? "uploads/long-bien-2025/bao-cao-quy-bhxh/2025-Q2/bhxh/tep-bao-cao/x",
        /không thuộc đơn vị/,
      ],
    ];
    for (const [name, key, message] of cases) {
      const res = await postJson(app.api, token, {
        submitter,
        fields: { "tom-tat": name, "tep-bao-cao": [key] },
      });
      expect(res.statusCode, name).toBe(422);
      expect(json(res).error.code).toBe("attachment_rejected");
      expect(json(res).error.fields["fields.tep-bao-cao"]).toMatch(message);
    }
    expect(await app.submissionsFor(id)).toHaveLength(0);
  });

  it("offers the web form an upload form posting to storage, which sends the browser back with the key", async () => {
    const token = app.link("long-bien-2025:bao-cao-quy-ttyt:2025-Q3:ttyt");
    const page = await getForm(app.form, token);
    expect(page.statusCode).toBe(200);
    const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data">/.exec(
      page.body ?? "",
    )?.[1];
    expect(action).toBeDefined();
    expect(page.headers?.["content-security-policy"]).toContain(
      `form-action 'self' ${new URL(action ?? "").origin}`,
    );
    const hidden = Object.fromEntries(
      [...(page.body ?? "").matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
        m[1],
        m[2]?.replace(/&amp;/g, "&"),
      ]),
    );
    const form = new FormData();
    for (const [k, v] of Object.entries(hidden))
      if (k !== "idempotencyKey") form.append(k as string, v as string);
    form.append("file", new Blob([PDF]), "bao-cao.pdf");
    const res = await fetch((action ?? "").replace(/&amp;/g, "&"), {
      method: "POST",
      body: form,
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get("location") ?? "");
    expect(back.pathname).toBe(`/f/${token}`);
    const again = await app.form(
      {
        ...httpEvent({ method: "GET", path: back.pathname, routeKey: "GET /f/{token}", token }),
        rawQueryString: back.search.slice(1),
      },
      lambdaContext,
    );
    // A clear success box names the file by kind and size (a plain form cannot give its name), never by key.
    expect(again.body).toContain(
      `<p class="success" role="status" id="tai-len-tep-bao-cao-da-tai">Đã tải lên: Tệp PDF, ${fileSize(PDF.length)}</p>`,
    );
    expect(again.body).toContain(`Đã tải lên: Tệp PDF, ${fileSize(PDF.length)}.</p>`);
    expect(again.body).toContain(`name="fields.tep-bao-cao" value="${back.searchParams.get("key")}"`);
  });
  /** A presigned upload for the TTYT's report, the file sent through it, and a submission referring to it. */
  async function submitWith(id: string, files: Uint8Array[], idempotencyKey = crypto.randomUUID()) {
    const token = app.link(id);
    const posts = [];
    for (const bytes of files) {
      const post = json(await uploadsRoute(token, "tep-bao-cao"));
      await uploadThrough(post, bytes);
      posts.push(post);
    }
    const res = await postJson(
      app.api,
      token,
      { submitter, fields: { "tom-tat": "Quý đạt tiến độ.", "tep-bao-cao": posts.map((p) => p.key) } },
      { "idempotency-key": idempotencyKey },
    );
    return { res, posts };
  }

  async function storedSubmission(id: string, receipt: string): Promise<SubmissionRecord> {
    const found = (await app.submissionsFor(id)).find((s) => s.receipt === receipt);
    if (!found) throw new Error(`no submission ${receipt}`);
    return found;
  }

  it("keeps the accepted bytes when the same presigned form later uploads an executable over them", async () => {
    const id = "long-bien-2025:bao-cao-quy-ttyt:2025-Q4:ttyt";
    const { res, posts } = await submitWith(id, [PDF]);
    expect(res.statusCode).toBe(201);
    const post = posts[0] as { url: string; fields: Record<string, string>; key: string };

    // The attack: the form is still valid, and s3rver (like S3 before it expires) takes a second file.
    await uploadThrough(post, EXE, "bao-cao.pdf");
    const swapped = await s3.send(new GetObjectCommand({ Bucket: ATTACHMENT_BUCKET, Key: post.key }));
    expect(await swapped.Body?.transformToByteArray()).toEqual(EXE);

    const submission = await storedSubmission(id, json(res).receipt);
    const [record] = submission.attachments;
    if (!record) throw new Error("no attachment recorded");
    expect([record.sha256, record.size, record.kind]).toEqual([sha256Hex(PDF), PDF.length, "pdf"]);
    const read = await app.attachments.readAccepted(record, "bao-cao.pdf");
    expect(read.ok && sha256Hex(read.bytes)).toBe(sha256Hex(PDF));
    expect(read.ok && read.headers).toMatchObject({
      "content-type": "application/pdf",
      "x-content-type-options": "nosniff",
      "content-disposition": expect.stringMatching(/^attachment; filename="bao-cao\.pdf"/),
    });

    // A retry of the same request after the swap re-checks the upload and refuses it: no new version.
    const versions = (await app.submissionsFor(id)).length;
    const retry = await postJson(
      app.api,
      app.link(id),
      { submitter, fields: { "tom-tat": "Quý đạt tiến độ.", "tep-bao-cao": [post.key] } },
      { "idempotency-key": submission.idempotencyKey },
    );
    expect(json(retry).error.fields["fields.tep-bao-cao"]).toMatch(/Chỉ nhận PDF/);
    expect(await app.submissionsFor(id)).toHaveLength(versions);
  });

  it("refuses to serve a pinned copy whose bytes no longer match the recorded hash", async () => {
    const id = ID;
    const { res } = await submitWith(id, [minimalPdf("bản sửa")]);
    const [record] = (await storedSubmission(id, json(res).receipt)).attachments;
    if (!record) throw new Error("no attachment recorded");
    // Only someone with write access to accepted/ could do this; the read still notices.
    await s3.send(new PutObjectCommand({ Bucket: ATTACHMENT_BUCKET, Key: record.acceptedKey, Body: EXE }));
    expect(await app.attachments.readAccepted(record, "x.pdf")).toEqual({ ok: false, reason: "altered" });
  });

  it("accepts a well-formed file of every kind, pinned with the type it was found to be", async () => {
    const id = "long-bien-2025:bao-cao-quy-ttyt:2025-Q3:ttyt";
    const files = [
      minimalDocx(),
      minimalXlsx(),
      minimalOds(),
      minimalOle("WordDocument"),
      minimalOle("Workbook"),
      minimalJpeg(),
      minimalPng(),
    ];
    const { res } = await submitWith(id, files);
    expect(res.statusCode).toBe(201);
    const records = (await storedSubmission(id, json(res).receipt)).attachments;
    expect(records.map((r) => [r.extension, r.sha256])).toEqual(
      ["docx", "xlsx", "ods", "doc", "xls", "jpg", "png"].map((ext, i) => [
        ext,
        sha256Hex(files[i] as Uint8Array),
      ]),
    );
    for (const r of records) {
      const read = await app.attachments.readAccepted(r, `tep.${r.extension}`);
      expect(read.ok && read.headers["content-type"], r.extension).toBe(r.contentType);
    }
  });

  it("refuses polyglots that only start like a PDF or a zip, and a zip that is no Office file", async () => {
    const id = "long-bien-2025:bao-cao-quy-ttyt:2025-Q2:ttyt";
    for (const [name, bytes] of [
      ["PDF header then HTML", text("%PDF-1.4\n<html><script>alert(document.cookie)</script></html>")],
      ["zip header then a script", text("PK\x03\x04<script>alert(1)</script>")],
      ["zip without [Content_Types].xml", zip([{ name: "word/document.xml", data: text("<w:document/>") }])],
    ] as const) {
      const { res } = await submitWith(id, [bytes]);
      expect(res.statusCode, name).toBe(422);
      expect(json(res).error.fields["fields.tep-bao-cao"], name).toMatch(/Chỉ nhận PDF/);
    }
    expect(await app.submissionsFor(id)).toHaveLength(0);
  });

  it("keeps the file name a client gives, signed into the form, for the receipt and the download", async () => {
    const token = app.link(ID);
    const res = await app.api(
      httpEvent({
        method: "POST",
        path: `/api/links/${token}/uploads`,
        routeKey: "POST /api/links/{token}/uploads",
        token,
        body: JSON.stringify({ field: "tep-bao-cao", fileName: "C:\\fakepath\\Báo cáo quý IV.pdf" }),
        contentType: "application/json",
      }),
      lambdaContext,
    );
    const post = json(res);
    const policy = JSON.parse(Buffer.from(post.fields.Policy, "base64").toString("utf8"));
    expect(policy.conditions).toContainEqual({
      "x-amz-meta-file-name": encodeURIComponent("Báo cáo quý IV.pdf"),
    });
    await uploadThrough(post, PDF);
    const submitted = await postJson(app.api, token, {
      submitter,
      fields: { "tom-tat": "Quý IV.", "tep-bao-cao": [post.key] },
    });
    const [record] = (await storedSubmission(ID, json(submitted).receipt)).attachments;
    expect(record?.fileName).toBe("Báo cáo quý IV.pdf");
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: ATTACHMENT_BUCKET, Key: record?.acceptedKey }),
    );
    expect(head.ContentDisposition).toBe(
      "attachment; filename=\"Bao_cao_quy_IV.pdf\"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20qu%C3%BD%20IV.pdf",
    );
  });

  it("signs upload forms for 15 minutes at most, with the size bound in the policy", async () => {
    const before = Date.now();
    const post = json(await uploadsRoute(app.link(ID), "tep-bao-cao"));
    const policy = JSON.parse(Buffer.from(post.fields.Policy, "base64").toString("utf8"));
    const expiresAt = Date.parse(policy.expiration);
    expect(expiresAt).toBeGreaterThan(before);
    expect(expiresAt - before).toBeLessThanOrEqual(15 * 60 * 1000 + 1000);
    expect(policy.conditions).toContainEqual(["content-length-range", 1, MAX_ATTACHMENT_BYTES]);
    expect(policy.conditions).toContainEqual({ key: post.key });
  });

  it("refuses keys with `..`, backslashes or control characters before they reach storage", async () => {
    const local = localS3Client();
    const send = vi.spyOn(local, "send");
    const store = new AttachmentStore(local, ATTACHMENT_BUCKET);
    const prefix = "uploads/long-bien-2025/bao-cao-quy-ttyt/2025-Q1/ttyt/tep-bao-cao/";
    for (const key of [
      `${prefix}../../../../../../../tmp/hanchot-escape`,
      `${prefix}a\\..\\..\\x`,
      `${prefix}a\u0000b`,
      `/${prefix}x`,
      `${prefix}x/../../../../bao-cao-quy-bhxh/2025-Q1/bhxh/tep-bao-cao/y`,
    ]) {
      expect(await store.check(ID, "tep-bao-cao", key), JSON.stringify(key)).toMatchObject({
        ok: false,
        reason: "not-yours",
      });
    }
    expect(send).not.toHaveBeenCalled();

    // The upload form's redirect back (?key=…) carries no such key into the form either.
    const token = app.link(ID);
    const bad = `${prefix}../../../../../../x`;
    const page = await app.form(
      {
        ...httpEvent({ method: "GET", path: `/f/${token}`, routeKey: "GET /f/{token}", token }),
        rawQueryString: new URLSearchParams({ key: bad, tep: `${prefix}a\\b` }).toString(),
      },
      lambdaContext,
    );
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Chưa tải tệp nào.");
    expect(page.body).not.toContain("../");
  });
});
