/**
 * The web form's upload script as the server serves it: inline once on a page with uploads, its
 * hooks on the markup, and allowed by the response's CSP through its hash (and nothing else).
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { htmlResponse } from "../../functions/commons/http";
import { HTTP_ROUTES } from "../../functions/routes";
import type { FormField } from "../../shared/plan/schema";
import { MAX_ATTACHMENT_BYTES } from "../../shared/submission/attachments";
import { deadlineView, type ExpectationFacts } from "../../shared/web/form-view";
import { formPage, type UploadForm, uploadSection } from "../../shared/web/pages";
import { UPLOAD_HOOKS, UPLOAD_SCRIPT, UPLOAD_SCRIPT_HASH } from "../../shared/web/upload-script";

const form: FormField[] = [
  { id: "tom-tat", label: "Tóm tắt", type: "textarea", required: true },
  { id: "tep-bao-cao", label: "Tệp báo cáo", type: "file", required: true },
];
const facts: ExpectationFacts = {
  title: "Báo cáo quý",
  unitName: "Trung tâm Y tế quận",
  period: "2025-Q1",
  timing: "trước ngày 25 của tháng cuối quý",
  dueAt: "2025-03-25T00:00:00+07:00",
  kind: "deliverable",
  state: "expected",
  status: "pending",
  personalData: false,
  form,
};
const STORAGE = "https://hanchot-attachments.s3.ap-southeast-1.amazonaws.com";
const API = "https://abc.execute-api.ap-southeast-1.amazonaws.com/api/links/v1.k1.x.y/uploads";
const upload: UploadForm = {
  fieldId: "tep-bao-cao",
  label: "Tệp báo cáo",
  required: true,
  url: STORAGE,
  fields: { key: "uploads/p/o/2025-Q1/u/tep-bao-cao/abc", policy: "e30=" },
  uploaded: [{ key: "uploads/p/o/2025-Q1/u/tep-bao-cao/old", text: "cu.pdf (2 KB)" }],
  refused: [],
};

const page = (withScript: boolean) =>
  formPage({
    deadline: deadlineView(facts, []),
    action: "https://abc.execute-api.ap-southeast-1.amazonaws.com/f/v1.k1.x.y",
    idempotencyKey: "k-1",
    uploadSection: uploadSection([upload], { api: API, maxBytes: MAX_ATTACHMENT_BYTES }),
    uploaded: { "tep-bao-cao": upload.uploaded },
    uploadScript: withScript,
  });
const scriptsIn = (body: string) =>
  [...body.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? "");
const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

describe("the upload script on the form page", () => {
  it("is inline exactly once, and its hash is the one the CSP names", () => {
    const scripts = scriptsIn(page(true));
    expect(scripts).toHaveLength(1);
    expect(sha256(scripts[0] ?? "")).toBe(UPLOAD_SCRIPT_HASH);
    expect(scripts[0]).toBe(UPLOAD_SCRIPT);
    // Nothing in it can end the element early.
    expect(UPLOAD_SCRIPT.toLowerCase()).not.toContain("</script");
  });

  it("is left out when not asked for, and with no upload section at all", () => {
    expect(scriptsIn(page(false))).toHaveLength(0);
    const noUploads = formPage({
      deadline: deadlineView({ ...facts, form: [form[0] as FormField] }, []),
      action: "https://x/f/t",
      idempotencyKey: "k-2",
      uploadScript: true,
    });
    expect(scriptsIn(noUploads)).toHaveLength(0);
  });

  it("finds its hooks: the API and size on step 1, the field on its input, the report form, the files named", () => {
    const body = page(true);
    expect(body).toContain(
      `<section class="card" aria-labelledby="tep-dinh-kem" ${UPLOAD_HOOKS.api}="${API}" ${UPLOAD_HOOKS.maxBytes}="${MAX_ATTACHMENT_BYTES}">`,
    );
    expect(body).toMatch(
      new RegExp(
        `<input type="file" id="tai-len-tep-bao-cao" name="file"[^>]* ${UPLOAD_HOOKS.field}="tep-bao-cao">`,
      ),
    );
    expect(body).toMatch(new RegExp(`<form class="card" method="post" [^>]* id="${UPLOAD_HOOKS.report}">`));
    expect(body).toContain(
      `<p class="hint" id="fields-tep-bao-cao-hint" ${UPLOAD_HOOKS.files}="[&quot;cu.pdf (2 KB)&quot;]">`,
    );
    // The script reads the ids the page gives (its own, and the file field's hint).
    expect(UPLOAD_SCRIPT).toContain(`document.getElementById("${UPLOAD_HOOKS.report}")`);
    expect(UPLOAD_SCRIPT).toContain('document.getElementById("fields-" + field + "-hint")');
  });

  it("asks the route the JSON API serves for presigned uploads", () => {
    const apiRoute = HTTP_ROUTES.find((r) => r.routeKey === "POST /api/links/{token}/uploads");
    expect(apiRoute?.handler).toBe("submission-api");
    expect(new URL(API).pathname).toMatch(/^\/api\/links\/[^/]+\/uploads$/);
  });
});

describe("the page's Content-Security-Policy", () => {
  const csp = (res: ReturnType<typeof htmlResponse>) => String(res.headers?.["content-security-policy"]);

  it("runs no script and connects nowhere unless the page says which script", () => {
    const plain = csp(htmlResponse(200, "<p>x</p>", [STORAGE]));
    expect(plain).toContain("default-src 'none'");
    expect(plain).not.toContain("script-src");
    expect(plain).not.toContain("connect-src");
  });

  it("allows the upload script by its hash only, and its connections to us and to storage", () => {
    const policy = csp(
      htmlResponse(200, "<p>x</p>", [STORAGE], { hashes: [UPLOAD_SCRIPT_HASH], connect: [STORAGE] }),
    );
    const directives = Object.fromEntries(
      policy.split(";").map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives["script-src"]).toEqual([UPLOAD_SCRIPT_HASH]);
    expect(directives["connect-src"]).toEqual(["'self'", STORAGE]);
    expect(directives["form-action"]).toEqual(["'self'", STORAGE]);
    expect(policy).not.toContain("unsafe-eval");
    expect(directives["script-src"]).not.toContain("'unsafe-inline'");
  });
});
