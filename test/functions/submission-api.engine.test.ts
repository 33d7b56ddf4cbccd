import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { RECEIPT_PATTERN } from "../../shared/submission/receipt";
import { httpEvent, lambdaContext, postJson, submissionApp } from "../support/submission-app";

type App = Awaited<ReturnType<typeof submissionApp>>;
const QUARTERLY = "thu-nghiem:bao-cao-quy:2025-Q1:tyt";
const valid = {
  submitter: { name: "Trần Thị Bình", phone: "0912 345 678" },
  fields: { "tom-tat": "Đã hoàn thành 95% chỉ tiêu quý I." },
};

function json(res: { body?: string }) {
  return JSON.parse(res.body ?? "null");
}

describe("POST /api/links/{token}/submissions on DynamoDB Local", () => {
  let app: App;
  beforeEach(async () => {
    app = await submissionApp();
  });
  const stored = (id = QUARTERLY) => app.submissionsFor(id).then((s) => s.length);

  it("stores a valid submission, on time, with a receipt, and a retry with the same key returns it once", async () => {
    const res = await postJson(app.api, app.link(QUARTERLY), valid, { "Idempotency-Key": "abc-12345" });
    expect(res.statusCode).toBe(201);
    const body = json(res);
    expect(body.receipt).toMatch(RECEIPT_PATTERN);
    expect(body).toMatchObject({ duplicate: false, late: false, lateDays: 0, statusText: "đã nộp đúng hạn" });
    expect(body.deadline).toMatchObject({
      instanceId: QUARTERLY,
      dueText: "hạn chót: 23:59 ngày 24/03/2025",
    });
    const again = await postJson(app.api, app.link(QUARTERLY), valid, { "Idempotency-Key": "abc-12345" });
    expect(again.statusCode).toBe(200);
    expect(json(again)).toMatchObject({ receipt: body.receipt, duplicate: true });
    expect(await stored()).toBe(1);
    const [submission] = await app.submissionsFor(QUARTERLY);
    expect(submission?.submitter).toEqual({ name: "Trần Thị Bình", phone: "+84912345678" });
  });

  it("accepts a late submission and says how late; a correction after an on-time report keeps it on time", async () => {
    const onTime = await postJson(app.api, app.link(QUARTERLY), valid);
    expect(json(onTime)).toMatchObject({ late: false });
    app.clock.now = new Date("2025-03-27T03:00:00Z"); // 10:00 on 27/03, cut-off 00:00 on 25/03
    const correction = await postJson(app.api, app.link(QUARTERLY), valid);
    expect(correction.statusCode).toBe(201);
    expect(json(correction)).toMatchObject({ late: true, lateDays: 3 });
    const status = await app.data.deadlines.expectation(QUARTERLY);
    expect(status?.expectation).toMatchObject({ status: "submitted", late: false, versions: 2 });

    app.clock.now = new Date("2025-04-02T03:00:00Z");
    const lateReport = await postJson(app.api, app.link("thu-nghiem:bao-cao-thang:2025-02:tyt"), valid);
    expect(json(lateReport)).toMatchObject({ late: true, lateDays: 30, statusText: "nộp muộn 30 ngày" });
  });

  it("serves the deadline and its status to GET /api/links/{token}", async () => {
    const token = app.link("thu-nghiem:ke-hoach:2025:to-1");
    const res = await app.api(
      httpEvent({ method: "GET", path: `/api/links/${token}`, routeKey: "GET /api/links/{token}", token }),
      lambdaContext,
    );
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({
      unitId: "to-1",
      status: "pending",
      dueText: "hạn chót: 23:59 ngày 19/01/2025",
    });
  });

  describe("refuses bad input with a 4xx, a machine code and a Vietnamese message, storing nothing", () => {
    const id = "thu-nghiem:bao-cao-thang:2025-03:to-1";
    it.each([
      ["malformed JSON", () => ["{not json", {}], 400, "invalid_json"],
      ["an array body", () => [[1, 2], {}], 400, "invalid_body"],
      [
        "wrong types",
        () => [{ submitter: { name: 42, phone: true }, fields: { "tom-tat": ["x"] } }, {}],
        422,
        "validation_failed",
      ],
      ["missing fields", () => [{ submitter: { name: "Lê Văn C" } }, {}], 422, "validation_failed"],
      [
        "an unknown field",
        () => [{ ...valid, fields: { ...valid.fields, "khong-co": 1 } }, {}],
        422,
        "validation_failed",
      ],
      [
        "a foreign phone number",
        () => [{ ...valid, submitter: { name: "John Smith", phone: "+1 415 555 0100" } }, {}],
        422,
        "validation_failed",
      ],
      [
        "a bad email",
        () => [{ ...valid, submitter: { ...valid.submitter, email: "a@b" } }, {}],
        422,
        "validation_failed",
      ],
      [
        "a text too long",
        () => [{ ...valid, fields: { "tom-tat": "x".repeat(5001) } }, {}],
        422,
        "validation_failed",
      ],
      [
        "an oversized body",
        () => [{ ...valid, fields: { "tom-tat": "x".repeat(70_000) } }, {}],
        413,
        "body_too_large",
      ],
    ] as const)("%s", async (_name, make, status, code) => {
      const [body, headers] = make();
      const res = await postJson(app.api, app.link(id), body, headers);
      expect(res.statusCode).toBe(status);
      const error = json(res).error;
      expect(error.code).toBe(code);
      expect(error.message).toMatch(/[àáảãạâăđêôơư]/i);
      expect(await stored(id)).toBe(0);
    });

    it("names each wrong field in Vietnamese", async () => {
      const res = await postJson(app.api, app.link(id), {
        submitter: { name: "", phone: "12345" },
        fields: {},
      });
      expect(json(res).error.fields).toEqual({
        "submitter.name": "Cần nhập họ và tên người nộp",
        "submitter.phone": "Số điện thoại Việt Nam không hợp lệ (ví dụ 0912 345 678)",
        "fields.tom-tat": "Cần điền “Tóm tắt”",
      });
    });

    it("refuses other media types", async () => {
      const res = await app.api(
        httpEvent({
          method: "POST",
          path: "/x",
          routeKey: "POST /api/links/{token}/submissions",
          token: app.link(id),
          body: "a=b",
          contentType: "text/plain",
        }),
        lambdaContext,
      );
      expect(res.statusCode).toBe(415);
    });

    it.each([
      [
        "a tampered link",
        (t: string) => `${t.slice(0, -3)}${t.slice(-3) === "AAA" ? "BBB" : "AAA"}`,
        401,
        "link_tampered",
      ],
      [
        "a link naming another unit",
        (t: string) => {
          const [v, k, payload, sig] = t.split(".");
          const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString());
          const other = Buffer.from(
            JSON.stringify({ ...claims, i: "thu-nghiem:bao-cao-thang:2025-03:to-2" }),
          ).toString("base64url");
          return [v, k, other, sig].join(".");
        },
        401,
        "link_tampered",
      ],
      ["garbage", () => "not-a-token", 401, "link_malformed"],
    ] as const)("%s", async (_name, mutate, status, code) => {
      const res = await postJson(app.api, mutate(app.link(id)), valid);
      expect(res.statusCode).toBe(status);
      expect(json(res).error.code).toBe(code);
      expect(await stored(id)).toBe(0);
    });

    it("an expired link, a revoked key, a link for an unknown deadline, and one signed for another unit's deadline", async () => {
      const expired = await postJson(app.api, app.link(id, Date.parse("2025-03-01T00:00:00Z") / 1000), valid);
      expect([expired.statusCode, json(expired).error.code]).toEqual([410, "link_expired"]);

      const notExpected = await postJson(app.api, app.link("thu-nghiem:ke-hoach:2025:tyt"), valid);
      expect([notExpected.statusCode, json(notExpected).error.code]).toEqual([409, "not_expected"]);

      const unknown = await postJson(app.api, app.link("thu-nghiem:khong-co:2025:to-1"), valid);
      expect([unknown.statusCode, json(unknown).error.code]).toEqual([404, "deadline_not_found"]);

      const { signLink } = await import("../../shared/submission/link-token");
      const crossed = signLink(app.keyring, { instanceId: id, unitId: "to-2", expiresAt: 1_900_000_000 });
      const res = await postJson(app.api, crossed, valid);
      expect([res.statusCode, json(res).error.code]).toEqual([403, "wrong_unit"]);

      const old = app.link(id);
      app.keyring.keys.k2 = Buffer.alloc(32, 7);
      app.keyring.current = "k2";
      delete app.keyring.keys.k1; // rotating the key revokes every earlier link
      const revoked = await postJson(app.api, old, valid);
      expect([revoked.statusCode, json(revoked).error.code]).toEqual([403, "link_revoked"]);
      // The API names no body it cannot know: the plan's standing body, in general words.
      for (const res of [expired, revoked]) {
        expect(json(res).error.message).toContain(
          "Hãy liên hệ cơ quan thường trực của kế hoạch để nhận đường dẫn mới.",
        );
      }
      expect((await postJson(app.api, app.link(id), valid)).statusCode).toBe(201);
      expect(await stored(id)).toBe(1);
    });
  });

  it("property: every request is either stored exactly once with a 2xx or refused with a 4xx storing nothing", async () => {
    const id = "thu-nghiem:bao-cao-thang:2025-05:tyt";
    const text = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom("<script>alert(1)</script>", "Báo cáo tháng 5", "", " ", "x".repeat(6000)),
    );
    const phone = fc.oneof(
      fc.constantFrom(
        "0912345678",
        "+84 912 345 678",
        "84987654321",
        "024 3825 1234",
        "12345",
        "+1 415 555 0100",
        "",
      ),
      fc.string({ maxLength: 15 }),
    );
    const payload = fc.oneof(
      fc.record({
        submitter: fc.record(
          { name: text, phone, email: fc.option(fc.constantFrom("a@b.vn", "sai@", ""), { nil: undefined }) },
          { requiredKeys: ["name", "phone"] },
        ),
        fields: fc.record(
          { "tom-tat": fc.oneof(text, fc.integer(), fc.constant(null)), "ghi-chu": text },
          { requiredKeys: [] },
        ),
      }),
      fc.anything().map((v) => JSON.stringify(v) ?? "null"),
      fc.string(),
    );
    let expected = await stored(id);
    await fc.assert(
      fc.asyncProperty(payload, fc.option(fc.uuid(), { nil: undefined }), async (body, key) => {
        const res = await postJson(app.api, app.link(id), body, { "Idempotency-Key": key });
        const status = res.statusCode ?? 500;
        const count = await stored(id);
        if (status === 201) expected += 1;
        expect([200, 201, 400, 413, 422]).toContain(status);
        expect(count).toBe(expected);
        if (status >= 400) expect(json(res).error.code).toMatch(/^[a-z_]+$/);
        // Without a key nothing is ever stored, whatever the body.
        if (key === undefined) expect(status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("the Idempotency-Key header on DynamoDB Local", () => {
  let app: App;
  beforeEach(async () => {
    app = await submissionApp();
  });
  const id = "thu-nghiem:bao-cao-thang:2025-06:tyt";

  it("is required: two identical POSTs without it store nothing, with a 400 and a Vietnamese message", async () => {
    for (let i = 0; i < 2; i++) {
      const res = await postJson(app.api, app.link(id), valid, { "Idempotency-Key": undefined });
      expect(res.statusCode).toBe(400);
      expect(json(res).error).toMatchObject({
        code: "idempotency_key_required",
        message: expect.stringContaining("Idempotency-Key"),
      });
    }
    expect(await app.submissionsFor(id)).toHaveLength(0);
  });

  it.each([
    ["empty", ""],
    ["too short", "abc1234"],
    ["too long", "k".repeat(129)],
    ["with a space", "abcd efgh"],
    ["not ASCII", "lần-nộp-thứ-nhất"],
  ])("refuses a key that is %s, storing nothing", async (_name, key) => {
    const res = await postJson(app.api, app.link(id), valid, { "Idempotency-Key": key });
    expect(res.statusCode).toBe(400);
    expect(json(res).error.code).toMatch(/^idempotency_key_(required|invalid)$/);
    expect(await app.submissionsFor(id)).toHaveLength(0);
  });
});

describe("numbers and text as a Vietnamese clerk types them, on DynamoDB Local", () => {
  let app: App;
  beforeEach(async () => {
    app = await submissionApp("test/fixtures/report-fields.yaml");
  });
  const REPORT = "so-lieu:bao-cao-thang:2025-02:tyt";
  const submitter = { name: "Trần Thị Bình", phone: "0912 345 678" };
  const post = (fields: Record<string, unknown>, who: Record<string, unknown> = submitter) =>
    postJson(app.api, app.link(REPORT), {
      submitter: who,
      fields: { "so-nguoi-duoc-kham": "1", "tom-tat": "Đã khám xong", ...fields },
    });
  const storedCount = () => app.submissionsFor(REPORT).then((s) => s.length);

  it("stores 1.234 as 1234, 12,5 as 12.5, and NFD text and names as NFC", async () => {
    const before = await storedCount();
    const nfd = (text: string) => text.normalize("NFD");
    const res = await post(
      {
        "so-nguoi-duoc-kham": "1.234",
        "kinh-phi": "12,5",
        "ty-le": "86,5",
        "tom-tat": nfd(" Đã khám cho người cao tuổi\u200b "),
        "noi-kham": nfd("Trạm Y tế phường"),
      },
      { ...submitter, name: nfd("Trần Thị Bình") },
    );
    expect(res.statusCode).toBe(201);
    expect(await storedCount()).toBe(before + 1);
    const saved = (await app.submissionsFor(REPORT)).find((s) => s.receipt === json(res).receipt);
    expect(saved?.fields).toEqual({
      "so-nguoi-duoc-kham": 1234,
      "kinh-phi": 12.5,
      "ty-le": 86.5,
      "tom-tat": "Đã khám cho người cao tuổi".normalize("NFC"),
      "noi-kham": "Trạm Y tế phường".normalize("NFC"),
    });
    expect(saved?.submitter.name).toBe("Trần Thị Bình".normalize("NFC"));
  });

  it("keeps JSON numbers as numbers (1234, 12.5) and takes a percent written with %", async () => {
    const res = await post({ "so-nguoi-duoc-kham": 1234, "kinh-phi": 12.5, "ty-le": "86,5 %" });
    expect(res.statusCode).toBe(201);
    const saved = (await app.submissionsFor(REPORT)).find((s) => s.receipt === json(res).receipt);
    expect(saved?.fields).toMatchObject({ "so-nguoi-duoc-kham": 1234, "kinh-phi": 12.5, "ty-le": 86.5 });
  });

  it.each([
    ["hex", { "kinh-phi": "0x10" }, "kinh-phi", "chỉ gồm chữ số"],
    ["binary", { "kinh-phi": "0b11" }, "kinh-phi", "chỉ gồm chữ số"],
    ["an exponent", { "kinh-phi": "1e3" }, "kinh-phi", "chỉ gồm chữ số"],
    ["Infinity", { "kinh-phi": "Infinity" }, "kinh-phi", "chỉ gồm chữ số"],
    ["an English decimal point", { "kinh-phi": "1.23" }, "kinh-phi", "Có phải ý bạn là 1,23?"],
    ["1,234 (thousands or decimals?)", { "kinh-phi": "1,234" }, "kinh-phi", "số nghìn hay số thập phân"],
    ["a fraction in a count", { "so-nguoi-duoc-kham": "12,5" }, "so-nguoi-duoc-kham", "số nguyên"],
    ["a JSON fraction in a count", { "so-nguoi-duoc-kham": 12.5 }, "so-nguoi-duoc-kham", "số nguyên"],
    ["a JSON number too big to store exactly", { "kinh-phi": 1e300 }, "kinh-phi", "quá nhiều chữ số"],
    ["a boolean for a number", { "kinh-phi": true }, "kinh-phi", "phải là một số"],
    ["blanks for a required count", { "so-nguoi-duoc-kham": "   " }, "so-nguoi-duoc-kham", "Cần điền"],
    ["blanks for a required text", { "tom-tat": "   " }, "tom-tat", "Cần điền"],
    ["a lone zero-width space for a required text", { "tom-tat": "\u200b" }, "tom-tat", "Cần điền"],
    ["a lone surrogate", { "tom-tat": "Báo cáo \ud800" }, "tom-tat", "cắt dở"],
    ["a control character", { "tom-tat": "Báo cáo \u0007" }, "tom-tat", "ký tự điều khiển"],
    ["a line break in one-line text", { "noi-kham": "Trạm\nY tế" }, "noi-kham", "một dòng"],
  ])(
    "refuses %s with a Vietnamese message on that field, storing nothing",
    async (_name, fields, field, says) => {
      const before = await storedCount();
      const res = await post(fields);
      expect(res.statusCode).toBe(422);
      const error = json(res).error;
      expect(error.code).toBe("validation_failed");
      expect(Object.keys(error.fields)).toEqual([`fields.${field}`]);
      expect(error.fields[`fields.${field}`]).toContain(says);
      expect(await storedCount()).toBe(before);
    },
  );

  it("refuses a submitter name that is only invisible characters", async () => {
    const res = await post({}, { ...submitter, name: "\u200b\u200b\u200b" });
    expect(res.statusCode).toBe(422);
    expect(json(res).error.fields).toEqual({ "submitter.name": "Cần nhập họ và tên người nộp" });
  });
});

describe("GET /api/links/{token} of the plan's new forms (test/fixtures/real-phrases.yaml), on DynamoDB Local", () => {
  let app: App;
  beforeEach(async () => {
    app = await submissionApp("test/fixtures/real-phrases.yaml");
  });
  const read = (id: string) => {
    const token = app.link(id, Date.parse("2027-01-01T00:00:00Z") / 1000);
    return app.api(
      httpEvent({ method: "GET", path: `/api/links/${token}`, routeKey: "GET /api/links/{token}", token }),
      lambdaContext,
    );
  };

  it("gives the day an activity is held (heldOn), its cut-off the last moment to confirm it", async () => {
    app.clock.now = new Date("2026-07-08T02:00:00Z");
    const body = json(await read("thu-nghiem-cum-tu:ngay-dan-so-the-gioi:2026:ubnd"));
    expect(body).toMatchObject({
      heldOn: "2026-07-11",
      dueAt: "2026-07-16T00:00:00+07:00",
      dueText: "diễn ra ngày 11/07/2026, xác nhận trước: 23:59 ngày 15/07/2026",
      status: "pending",
      statusText: "chưa xác nhận",
    });
    expect(body).not.toHaveProperty("covers");
  });

  it("gives the figures a quarterly report covers (covers), and no heldOn", async () => {
    app.clock.now = new Date("2026-03-02T02:00:00Z");
    const body = json(await read("thu-nghiem-cum-tu:bao-cao-quy:2026-Q1:tyt"));
    expect(body).toMatchObject({
      covers: { from: "2025-12-15", to: "2026-03-14" },
      statusText: "chưa nộp",
    });
    expect(body).not.toHaveProperty("heldOn");
    const submitted = await postJson(
      app.api,
      app.link("thu-nghiem-cum-tu:bao-cao-quy:2026-Q1:tyt", Date.parse("2027-01-01T00:00:00Z") / 1000),
      { submitter: { name: "Trần Thị Bình", phone: "0912 345 678" }, fields: { "tom-tat": "Quý I" } },
    );
    expect(json(submitted).deadline).toMatchObject({ covers: { from: "2025-12-15", to: "2026-03-14" } });
  });
});
