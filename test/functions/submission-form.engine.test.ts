import { createHash } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { newLinkKey, signLink } from "../../shared/submission/link-token";
import { fileSize } from "../../shared/web/form-view";
import { minimalPdf } from "../support/attachment-files";
import {
  BASE_URL,
  getForm,
  httpEvent,
  lambdaContext,
  postForm,
  submissionApp,
  uploadThrough,
} from "../support/submission-app";

type App = Awaited<ReturnType<typeof submissionApp>>;
const ID = "thu-nghiem:ke-hoach:2025:to-1";

describe("the web form on DynamoDB Local", () => {
  let app: App;
  beforeEach(async () => {
    app = await submissionApp();
    app.clock.now = new Date("2025-01-15T03:00:00Z");
  });
  const get = (token: string) => getForm(app.form, token);
  const post = (token: string, fields: Record<string, string>) => postForm(app.form, token, fields);

  it("shows the obligation, the unit, the period and the deadline in words, and the status", async () => {
    const res = await get(app.link(ID));
    expect(res.statusCode).toBe(200);
    expect(res.headers?.["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.body).toContain('<html lang="vi">');
    expect(res.body).toContain("Xây dựng kế hoạch");
    expect(res.body).toContain("Tổ dân phố 1");
    // 19/01/2025 is a Sunday: the page says so, and names the last working day before it.
    expect(res.body).toContain('<dd class="deadline">23:59 Chủ nhật 19/01/2025</dd>');
    expect(res.body).toContain('<dd class="working-day">thứ Sáu 17/01 (ngày 19/01 là Chủ nhật)</dd>');
    expect(res.body).toContain("<dt>Kỳ</dt><dd>năm 2025</dd>");
    expect(res.body).toContain("chưa nộp");
    // The header names the authority and its plan; the product only in the small print.
    expect(res.body).toContain(
      '<header><p>UBND phường Thử Nghiệm · Trạm Y tế</p><p class="ref">Kế hoạch số 1/KH-UBND ngày 02/01/2025 của UBND phường Thử Nghiệm</p></header>',
    );
    expect(res.body).toContain("<title>Xây dựng kế hoạch");
    expect(res.body?.match(/hanchot/g)).toHaveLength(1);
    expect(res.body).toMatch(/<label for="fields-tom-tat">Tóm tắt \*<\/label>/);
  });

  it("re-shows the form with each error next to its field, the input kept, and nothing stored", async () => {
    const res = await post(app.link(ID), {
      idempotencyKey: "form-key-1",
      "submitter.name": "Phạm Thu <b>Hà</b>",
      "submitter.phone": "123",
      "fields.tom-tat": "",
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('role="alert"');
    expect(res.body).toContain("Chưa nộp được: 2 lỗi cần sửa");
    expect(res.body).toContain(
      'aria-invalid="true" aria-describedby="submitter-phone-hint submitter-phone-error"',
    );
    expect(res.body).toContain('<p class="error" id="fields-tom-tat-error">Cần điền “Tóm tắt”</p>');
    expect(res.body).toContain('value="Phạm Thu &lt;b&gt;Hà&lt;/b&gt;"');
    expect(res.body).toContain('name="idempotencyKey" value="form-key-1"');
    expect(await app.submissionsFor(ID)).toHaveLength(0);
  });

  it("stores a good submission and shows the receipt, with typed HTML shown as text", async () => {
    const res = await post(app.link(ID), {
      idempotencyKey: "form-key-2",
      "submitter.name": "Phạm Thu Hà",
      "submitter.phone": "0987 654 321",
      "fields.tom-tat": "<script>alert('x')</script> Kế hoạch đã ban hành",
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Đã nhận báo cáo");
    expect(res.body).toMatch(/<p class="receipt" id="so-bien-nhan">HC-[0-9A-Z]{5}-[0-9A-Z]{5}<\/p>/);
    expect(res.body).toContain("đúng hạn");
    expect(res.body).not.toContain("<script>alert");
    expect(res.body).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Kế hoạch đã ban hành");
    const [stored] = await app.submissionsFor(ID);
    expect(stored?.fields["tom-tat"]).toBe("<script>alert('x')</script> Kế hoạch đã ban hành");
    // Sending the same form again (a refresh) creates nothing new.
    const again = await post(app.link(ID), {
      idempotencyKey: "form-key-2",
      "submitter.name": "Phạm Thu Hà",
      "submitter.phone": "0987 654 321",
      "fields.tom-tat": "<script>alert('x')</script> Kế hoạch đã ban hành",
    });
    expect(again.body).toContain("Báo cáo này đã được nhận trước đó");
    expect(await app.submissionsFor(ID)).toHaveLength(1);
    expect((await get(app.link(ID))).body).toContain("đã nộp đúng hạn");
  });

  it.each(["constructor", "__proto__", "toString"])(
    'answers a link whose key id is "%s" with the bad-link page, not a server error',
    async (keyId) => {
      const [, , payload, signature] = app.link(ID).split(".");
      const res = await get(`v1.${keyId}.${payload}.${signature}`);
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain("<!doctype html>");
    },
  );

  it("forbids framing and base-URL changes on every page, errors included", async () => {
    for (const res of [await get(app.link(ID)), await get("v1.k1.e30.xxxx")]) {
      const csp = String(res.headers?.["content-security-policy"]);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(res.headers?.["x-content-type-options"]).toBe("nosniff");
    }
  });

  it("shows a Vietnamese error page for a bad link", async () => {
    const res = await get("v1.k1.e30.xxxx");
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain("Đường dẫn nộp báo cáo đã bị thay đổi");
  });
});

describe("the web form's pages for a refused link name whom to ask for a new one, on DynamoDB Local", () => {
  let app: App;
  beforeEach(async () => {
    app = await submissionApp();
    app.clock.now = new Date("2025-03-20T02:00:00Z");
  });
  const get = (token: string) => getForm(app.form, token);
  // "Báo cáo năm" goes to the ward's People's Committee, not to the plan's standing body (Trạm Y tế).
  const ANNUAL = "thu-nghiem:hang-nam:2025:tyt";
  const EXPIRED_AT = Date.parse("2025-03-01T00:00:00Z") / 1000; // 07:00 on 01/03/2025 in Vietnam
  const rotate = () => {
    app.keyring.keys = { k2: newLinkKey() };
    app.keyring.current = "k2";
  };
  /** A token under a key not in the keyring, claiming whatever it is given: anyone can write one. */
  const forged = (instanceId: string) =>
    signLink(
      { current: "k9", keys: { k9: newLinkKey() } },
      { instanceId, unitId: instanceId.split(":").at(-1) ?? "", expiresAt: 2_000_000_000 },
    );
  const noForm = (body: string | undefined) => {
    expect(body).not.toContain("<form");
    expect(body).not.toContain("/f/");
    expect(body).not.toContain("Phòng Y tế");
  };

  it("an expired link: when it expired, and the deadline's recipient with its email", async () => {
    const res = await get(app.link(ANNUAL, EXPIRED_AT));
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain("<h1>Đường dẫn đã hết hạn</h1>");
    expect(res.body).toContain("Đường dẫn này đã hết hạn lúc 07:00 ngày 01/03/2025");
    expect(res.body).toContain("hãy liên hệ <strong>UBND phường Thử Nghiệm</strong>");
    expect(res.body).toContain('href="mailto:ubnd@example.org"');
    noForm(res.body);
  });

  it("an expired link for the standing body's deadline: the standing body, with its email and phone", async () => {
    const res = await get(app.link(ID, EXPIRED_AT));
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain("hãy liên hệ <strong>Trạm Y tế</strong>");
    expect(res.body).toContain('href="mailto:tyt@example.org"');
    expect(res.body).toContain('href="tel:+84900000099"');
  });

  it("a revoked link: the plan's standing body only, its claims being unsigned", async () => {
    const old = app.link(ANNUAL);
    rotate();
    const res = await get(old);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain("<h1>Đường dẫn đã bị thu hồi</h1>");
    // Not the deadline's recipient: nothing the unsigned claims name beyond their plan is read.
    expect(res.body).toContain("hãy liên hệ <strong>Trạm Y tế</strong>");
    expect(res.body).not.toContain("UBND phường Thử Nghiệm");
    expect(res.body).not.toContain("Báo cáo năm");
    noForm(res.body);
  });

  it("a revoked link naming no plan we have: the generic words", async () => {
    const res = await get(forged("khong-co:hang-nam:2025:tyt"));
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain("hãy liên hệ <strong>cơ quan thường trực của kế hoạch</strong>.");
    noForm(res.body);
  });

  it("a revoked link while the store fails: the generic words, still a 403", async () => {
    const old = app.link(ANNUAL);
    rotate();
    app.data.plans.record = async () => {
      throw new Error("store down");
    };
    const res = await get(old);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain("hãy liên hệ <strong>cơ quan thường trực của kế hoạch</strong>.");
  });

  it("a link signed for another unit's deadline: whom to ask", async () => {
    const crossed = signLink(app.keyring, { instanceId: ID, unitId: "to-2", expiresAt: 2_000_000_000 });
    const res = await get(crossed);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain("không dùng để nộp cho đơn vị hoặc nhiệm vụ khác");
    expect(res.body).toContain("hãy liên hệ <strong>Trạm Y tế</strong>");
    noForm(res.body);
  });

  it("an altered link: no contact chosen from claims nobody signed", async () => {
    const [v, k, , sig] = app.link(ID).split(".");
    const payload = Buffer.from(JSON.stringify({ i: ANNUAL, u: "tyt", e: 2_000_000_000 })).toString(
      "base64url",
    );
    const res = await get([v, k, payload, sig].join("."));
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain("Đường dẫn nộp báo cáo đã bị thay đổi");
    expect(res.body).not.toContain("hãy liên hệ");
  });
});

describe("the web form reads numbers and text the Vietnamese way, on DynamoDB Local", () => {
  let app: App;
  beforeEach(async () => {
    app = await submissionApp("test/fixtures/report-fields.yaml");
  });
  const REPORT = "so-lieu:bao-cao-thang:2025-02:tyt";
  const post = (fields: Record<string, string>) =>
    postForm(app.form, app.link(REPORT), {
      "submitter.name": "Phạm Thu Hà",
      "submitter.phone": "0987 654 321",
      "fields.so-nguoi-duoc-kham": "1",
      "fields.tom-tat": "Đã khám",
      ...fields,
    });
  const stored = () => app.submissionsFor(REPORT);

  it("stores 1.234 as 1234 and 12,5 as 12.5, NFD text as NFC and CRLF as LF, with no Idempotency-Key header", async () => {
    const res = await post({
      idempotencyKey: "form-numbers-1",
      "submitter.name": "Phạm Thu Hà".normalize("NFD"),
      "fields.so-nguoi-duoc-kham": "1.234",
      "fields.kinh-phi": "12,5",
      "fields.tom-tat": "Dòng một\r\nDòng hai".normalize("NFD"),
    });
    expect(res.statusCode).toBe(200);
    const [saved] = await stored();
    expect(saved?.fields).toEqual({
      "so-nguoi-duoc-kham": 1234,
      "kinh-phi": 12.5,
      "tom-tat": "Dòng một\nDòng hai".normalize("NFC"),
    });
    expect(saved?.submitter.name).toBe("Phạm Thu Hà".normalize("NFC"));
    // The receipt shows the count the Vietnamese way again.
    expect(res.body).toContain("1.234");
  });

  it("re-shows the form with a question next to an ambiguous number, the input kept, nothing stored", async () => {
    const before = (await stored()).length;
    const res = await post({
      idempotencyKey: "form-numbers-2",
      "fields.so-nguoi-duoc-kham": "1,234",
      "fields.kinh-phi": "0x10",
      "fields.tom-tat": "\u200b ",
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Chưa nộp được: 3 lỗi cần sửa");
    expect(res.body).toContain("Có phải ý bạn là 1.234?");
    expect(res.body).toMatch(/id="fields-kinh-phi-error">[^<]*chỉ gồm chữ số/);
    expect(res.body).toContain('id="fields-tom-tat-error">Cần điền “Tóm tắt”');
    expect(res.body).toContain('value="1,234"');
    expect(res.body).toMatch(/inputmode="numeric" id="fields-so-nguoi-duoc-kham"/);
    expect(await stored()).toHaveLength(before);
  });

  it("refuses a hidden idempotency key altered by hand, storing nothing", async () => {
    const before = (await stored()).length;
    const res = await post({ idempotencyKey: "x" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Hãy tải lại trang");
    expect(await stored()).toHaveLength(before);
  });
});

describe("the web form with a file to upload, on DynamoDB Local and s3rver", () => {
  let app: App;
  beforeEach(async () => {
    app = await submissionApp("plans/long-bien-2025.yaml");
  });
  const Q3 = "long-bien-2025:bao-cao-quy-ttyt:2025-Q3:ttyt";
  const FILE = "Tệp báo cáo (PDF, Word, Excel)";
  const PDF = minimalPdf("báo cáo quý III");
  const unescapeAttr = (s: string) => s.replace(/&amp;/g, "&").replace(/&quot;/g, '"');
  const hiddenIn = (form: string) =>
    [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m): [string, string] => [
      m[1] ?? "",
      unescapeAttr(m[2] ?? ""),
    ]);
  const event = (token: string, method: "GET" | "POST", extra: { query?: string; body?: string } = {}) => ({
    ...httpEvent({
      method,
      path: `/f/${token}`,
      routeKey: `${method} /f/{token}`,
      token,
      ...(extra.body !== undefined && {
        body: extra.body,
        contentType: "application/x-www-form-urlencoded",
      }),
    }),
    rawQueryString: extra.query ?? "",
  });
  /** Sends a file through the page's upload form, as a browser would, and follows storage back. */
  async function upload(token: string, page: string, bytes: Uint8Array) {
    const form =
      /<form method="post" action="([^"]+)" enctype="multipart\/form-data">([\s\S]*?)<\/form>/.exec(page);
    const data = new FormData();
    for (const [k, v] of hiddenIn(form?.[2] ?? "")) data.append(k, v);
    data.append("file", new Blob([bytes]), "bao-cao.pdf");
    const res = await fetch(unescapeAttr(form?.[1] ?? ""), {
      method: "POST",
      body: data,
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get("location") ?? "");
    return app.form(event(token, "GET", { query: back.search.slice(1) }), lambdaContext);
  }

  it("says a missing file must be uploaded, links it to its input, focuses the summary, and keeps the typed values through the upload", async () => {
    const token = app.link(Q3);
    const refused = await app.form(
      event(token, "POST", {
        body: new URLSearchParams({
          idempotencyKey: "form-file-1",
          "submitter.name": "Nguyễn Thị Hồng Nhung",
          "submitter.phone": "0912 345 678",
          "fields.tom-tat": "Quý III đạt tiến độ.",
        }).toString(),
      }),
      lambdaContext,
    );
    expect(refused.statusCode).toBe(422);
    const body = refused.body ?? "";
    expect(body).toContain('role="alert" aria-labelledby="loi" tabindex="-1" autofocus>');
    expect(body).toContain(`<li><a href="#tai-len-tep-bao-cao">Cần tải lên “${FILE}”</a></li>`);
    expect(body).toContain(`<label for="tai-len-tep-bao-cao">${FILE} *</label>`);
    expect(body).toMatch(
      /<input type="file" id="tai-len-tep-bao-cao" name="file" required aria-invalid="true"/,
    );
    expect(body).toContain(`<p class="error" id="tai-len-tep-bao-cao-error">Cần tải lên “${FILE}”</p>`);
    // Invalid fields are drawn in red: the rule outweighs the inputs' own border.
    expect(body).toContain("main [aria-invalid=true]{border:2px solid #c62828");
    expect(body.indexOf("Bước 1: tải tệp lên")).toBeLessThan(body.indexOf("Bước 2: điền và nộp"));

    const back = await upload(token, body, PDF);
    const page = back.body ?? "";
    expect(page).toContain(
      `<p class="success" role="status" id="tai-len-tep-bao-cao-da-tai">Đã tải lên: Tệp PDF, ${fileSize(PDF.length)}</p>`,
    );
    // The submitter's name and phone are personal data: not carried through the upload's address.
    expect(page).not.toContain('value="Nguyễn Thị Hồng Nhung"');
    expect(page).toContain(">Quý III đạt tiến độ.</textarea>");
    const key = /name="fields.tep-bao-cao" value="([^"]+)"/.exec(page)?.[1] ?? "";
    expect(key).toMatch(/^uploads\//);
    // The key is posted, never shown as text.
    expect(page.replace(/value="[^"]*"/g, "").replace(/action="[^"]*"/g, "")).not.toContain(key);

    // Submitted as the page now stands: the receipt names the file by kind and size, "—" when empty.
    const report = /<form class="card" method="post"[\s\S]*?<\/form>/.exec(page)?.[0] ?? "";
    const params = new URLSearchParams([
      ...hiddenIn(report),
      ["submitter.name", "Nguyễn Thị Hồng Nhung"],
      ["submitter.phone", "0912 345 678"],
      ["fields.tom-tat", "Quý III đạt tiến độ."],
    ]);
    const receipt = await app.form(event(token, "POST", { body: params.toString() }), lambdaContext);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain(`<dd style="white-space:pre-wrap">Tệp PDF, ${fileSize(PDF.length)}</dd>`);
    expect(receipt.body).toMatch(/<dt>[^<]*<\/dt><dd style="white-space:pre-wrap">—<\/dd>/);
    expect(receipt.body).not.toContain(key);
    expect(await app.submissionsFor(Q3)).toHaveLength(1);
    // The history of versions names the files the same way.
    const later = (await app.form(event(token, "GET"), lambdaContext)).body ?? "";
    expect(later).toMatch(new RegExp(`<li>HC-[^<]* — đúng hạn — Tệp PDF, ${fileSize(PDF.length)}</li>`));
    expect(later).not.toContain(key);
  });

  it("serves the upload script allowed by its hash; the API it names hands out a key the report form then posts", async () => {
    const token = app.link(Q3);
    const res = await app.form(event(token, "GET"), lambdaContext);
    const page = res.body ?? "";
    // The inline script, once, and the CSP allowing exactly it, and connections to storage.
    const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? "");
    expect(scripts).toHaveLength(1);
    const hash = createHash("sha256")
      .update(scripts[0] ?? "", "utf8")
      .digest("base64");
    const csp = String(res.headers?.["content-security-policy"]);
    expect(csp).toContain(`script-src 'sha256-${hash}';`);
    const storage = new URL(
      unescapeAttr(
        /<form method="post" action="([^"]+)" enctype="multipart\/form-data">/.exec(page)?.[1] ?? "",
      ),
    ).origin;
    expect(csp).toContain(`connect-src 'self' ${storage}`);
    expect(csp).toContain(`form-action 'self' ${storage}`);

    // What the script does, without a browser: ask the API the page names, upload, post the key.
    const api = new URL(unescapeAttr(/data-uploads-api="([^"]+)"/.exec(page)?.[1] ?? ""));
    expect(api.origin).toBe(BASE_URL);
    const presigned = await app.api(
      {
        ...httpEvent({
          method: "POST",
          path: api.pathname,
          routeKey: "POST /api/links/{token}/uploads",
          token,
          body: JSON.stringify({ field: "tep-bao-cao", fileName: "bao-cao-quy-3.pdf" }),
          contentType: "application/json",
        }),
      },
      lambdaContext,
    );
    expect(presigned.statusCode).toBe(201);
    const post = JSON.parse(presigned.body ?? "{}") as {
      url: string;
      fields: Record<string, string>;
      key: string;
    };
    expect(post.fields.success_action_status).toBe("201");
    await uploadThrough(post, PDF, "bao-cao-quy-3.pdf");
    const report = /<form class="card" method="post"[\s\S]*?<\/form>/.exec(page)?.[0] ?? "";
    const params = new URLSearchParams([
      ...hiddenIn(report),
      ["submitter.name", "Nguyễn Thị Hồng Nhung"],
      ["submitter.phone", "0912 345 678"],
      ["fields.tom-tat", "Quý III đạt tiến độ."],
      ["fields.tep-bao-cao", post.key],
    ]);
    const receipt = await app.form(event(token, "POST", { body: params.toString() }), lambdaContext);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain(
      `<dd style="white-space:pre-wrap">bao-cao-quy-3.pdf (${fileSize(PDF.length)})</dd>`,
    );
    expect(receipt.body).not.toContain(post.key);
    const [stored] = await app.submissionsFor(Q3);
    expect(stored?.attachments).toMatchObject([{ field: "tep-bao-cao", key: post.key, size: PDF.length }]);
    // A receipt page runs no script.
    expect(String(receipt.headers?.["content-security-policy"])).not.toContain("script-src");
    expect(receipt.body).not.toContain("<script");
  });

  it("says at once that an uploaded file cannot be used, and leaves it out of the form", async () => {
    const token = app.link(Q3);
    const first = await app.form(event(token, "GET"), lambdaContext);
    const back = await upload(token, first.body ?? "", new TextEncoder().encode("MZ not a report"));
    expect(back.body).toContain("Tệp vừa tải lên không phải PDF, Word, Excel");
    expect(back.body).not.toContain('name="fields.tep-bao-cao" value=');
    expect(back.body).toContain('id="tai-len-tep-bao-cao-da-tai">Chưa tải tệp nào.</p>');
  });
});

describe("the web form of the plan's new forms (test/fixtures/real-phrases.yaml), on DynamoDB Local", () => {
  let app: App;
  beforeEach(async () => {
    app = await submissionApp("test/fixtures/real-phrases.yaml");
  });
  // "nhân kỷ niệm ngày Dân số thế giới 11/7": held Saturday 11/07/2026, confirmed by the third working day after.
  const HELD = "thu-nghiem-cum-tu:ngay-dan-so-the-gioi:2026:ubnd";
  // Decree 09/2019: the first quarter's figures run from 15/12/2025 to 14/03/2026.
  const QUARTER = "thu-nghiem-cum-tu:bao-cao-quy:2026-Q1:tyt";
  const UNTIL_2027 = Date.parse("2027-01-01T00:00:00Z") / 1000;
  const get = (id: string) => getForm(app.form, app.link(id, UNTIL_2027));
  const dd = (body: string | undefined, term: string) =>
    new RegExp(`<dt>${term}</dt><dd[^>]*>([^<]*)</dd>`).exec(body ?? "")?.[1];

  it("asks to confirm an activity held on a fixed day: the day it takes place, until when to confirm it, no “hạn chót”", async () => {
    app.clock.now = new Date("2026-07-08T02:00:00Z"); // 09:00 on Wednesday 08/07, three days before
    const res = await get(HELD);
    expect(res.statusCode).toBe(200);
    expect(dd(res.body, "Ngày diễn ra")).toBe("thứ Bảy 11/07/2026");
    expect(dd(res.body, "Xác nhận trước")).toBe("23:59 thứ Tư 15/07/2026");
    expect(res.body).not.toMatch(/hạn chót/i);
    expect(res.body).toContain("<title>Xác nhận: Truyền thông nhân kỷ niệm ngày Dân số thế giới</title>");
    expect(res.body).toContain(
      '<p class="lead" id="dien-ra">Hoạt động này diễn ra thứ Bảy 11/07/2026 (còn 3 ngày). Sau khi thực hiện, đơn vị xác nhận kết quả qua biểu mẫu dưới đây.</p>',
    );
    expect(res.body).toContain('<button type="submit">Gửi xác nhận</button>');
    expect(res.body).toContain('<span class="status pending">chưa xác nhận</span>');
  });

  it("takes the confirmation after the day and shows a receipt for it, on time", async () => {
    app.clock.now = new Date("2026-07-13T03:00:00Z"); // Monday 13/07, two days after
    const form = await get(HELD);
    expect(form.body).toContain(
      "Hoạt động này đã diễn ra thứ Bảy 11/07/2026. Đề nghị đơn vị xác nhận kết quả thực hiện qua biểu mẫu dưới đây.",
    );
    const res = await postForm(app.form, app.link(HELD, UNTIL_2027), {
      idempotencyKey: "held-day-1",
      "submitter.name": "Nguyễn Văn An",
      "submitter.phone": "0912 345 678",
      "fields.ghi-chu": "Đã treo 20 băng rôn, phát 500 tờ rơi",
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 id="da-nhan">Đã nhận xác nhận</h1>');
    expect(res.body).toContain('<span class="status submitted">đúng hạn</span>');
    expect(dd(res.body, "Ngày diễn ra")).toBe("thứ Bảy 11/07/2026");
    expect(dd(res.body, "Xác nhận trước")).toBe("23:59 thứ Tư 15/07/2026");
    expect(res.body).toContain("đã xác nhận đúng hạn");
    expect(res.body).toContain("Nội dung đã xác nhận");
    expect(res.body).not.toMatch(/hạn chót/i);
    expect(await app.submissionsFor(HELD)).toHaveLength(1);
    const again = await get(HELD);
    expect(again.body).toContain('<button type="submit">Gửi xác nhận cập nhật</button>');
  });

  it("says a late confirmation is late, in days after the last day to confirm", async () => {
    app.clock.now = new Date("2026-07-17T03:00:00Z"); // Friday 17/07, the cut-off 00:00 on 16/07
    const res = await postForm(app.form, app.link(HELD, UNTIL_2027), {
      idempotencyKey: "held-day-2",
      "submitter.name": "Nguyễn Văn An",
      "submitter.phone": "0912 345 678",
      "fields.ghi-chu": "Đã thực hiện",
    });
    expect(res.body).toContain('<span class="status late">xác nhận muộn 2 ngày</span>');
  });

  it("says which figures a quarterly report covers, on the form and on its receipt", async () => {
    app.clock.now = new Date("2026-03-02T02:00:00Z");
    const form = await get(QUARTER);
    expect(dd(form.body, "Kỳ")).toBe("quý I/2026");
    expect(dd(form.body, "Số liệu")).toBe("từ 15/12/2025 đến 14/03/2026");
    expect(dd(form.body, "Hạn chót")).toBe("23:59 thứ Bảy 14/03/2026");
    expect(form.body).toContain('<button type="submit">Nộp báo cáo</button>');
    const res = await postForm(app.form, app.link(QUARTER, UNTIL_2027), {
      idempotencyKey: "quarter-1",
      "submitter.name": "Trần Thị Bình",
      "submitter.phone": "0912 345 678",
      "fields.tom-tat": "Quý I: đạt 95% kế hoạch",
    });
    expect(res.body).toContain('<h1 id="da-nhan">Đã nhận báo cáo</h1>');
    expect(dd(res.body, "Số liệu")).toBe("từ 15/12/2025 đến 14/03/2026");
  });
});
