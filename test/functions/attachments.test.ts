import { beforeAll, describe, expect, it } from "vitest";
import { MAX_ATTACHMENT_BYTES } from "../../shared/submission/attachments";
import { httpEvent, lambdaContext, postJson, submissionApp, uploadThrough } from "../support/submission-app";

type App = Awaited<ReturnType<typeof submissionApp>>;
// The TTYT's quarterly report in the Long Biên 2025 plan requires a report file.
const ID = "long-bien-2025:bao-cao-quy-ttyt:2025-Q1:ttyt";
const PDF = new TextEncoder().encode("%PDF-1.7\n% báo cáo quý I\n");
const submitter = { name: "Đỗ Minh Khoa", phone: "0243 827 1234" };

function json(res: { body?: string }) {
  return JSON.parse(res.body ?? "null");
}

describe("attachments through presigned uploads (s3rver) and submissions (DynamoDB Local)", () => {
  let app: App;
  beforeAll(async () => {
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
    expect(json(res).error.fields["fields.tep-bao-cao"]).toBe('Cần điền "Tệp báo cáo (PDF, Word, Excel)"');
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
    const [stored] = await app.store.submissionsFor(ID);
    expect(stored?.attachments).toEqual([{ field: "tep-bao-cao", key, size: PDF.length, kind: "pdf" }]);
  });

  it("refuses a file of a forbidden type, an oversized one, a missing one and another unit's, storing nothing", async () => {
    const id = "long-bien-2025:bao-cao-quy-ttyt:2025-Q2:ttyt";
    const token = app.link(id);
    const exe = await uploadThrough(
      json(await uploadsRoute(token, "tep-bao-cao")),
      new TextEncoder().encode("MZ\u0090\u0000 not a report"),
      "virus.pdf",
    );
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
    expect(await app.store.submissionsFor(id)).toHaveLength(0);
  });

  it("offers the web form an upload form posting to storage, which sends the browser back with the key", async () => {
    const token = app.link("long-bien-2025:bao-cao-quy-ttyt:2025-Q3:ttyt");
    const page = await app.form(
      httpEvent({ method: "GET", path: `/f/${token}`, routeKey: "GET /f/{token}", token }),
      lambdaContext,
    );
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
    expect(again.body).toContain("Đã tải 1 tệp.");
    expect(again.body).toContain(`name="fields.tep-bao-cao" value="${back.searchParams.get("key")}"`);
  });
});
