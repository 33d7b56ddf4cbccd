/**
 * Plan intake in the console, through the console's handler (the deployed code, its middlewares
 * included) on DynamoDB Local: drafts begun from a seed document uploaded as multipart, from Long
 * Biên 2025 moved to 2026, and from the template; rows corrected (a phrase read, a phrase not
 * read), contacts filled, the live preview, the YAML download; publishing (the plan, its
 * deadlines, its calendar started, the draft gone, the audit entry); and the refusals: roles,
 * another office's plan, CSRF, oversize and unknown documents, publishing with problems.
 *
 * Sign-in is not what is tested here (the access matrix does it on cognito-local): the users are
 * given by a ConsoleAuth that knows a few session tokens.
 */
import { readFileSync } from "node:fs";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { parseKeyring } from "../../functions/commons/config";
import { httpHandler } from "../../functions/commons/middleware";
import type { ConsoleAuth } from "../../functions/console/auth";
import { type ConsoleDeps, makeConsole } from "../../functions/console/handler";
import { csrfToken } from "../../functions/console/session";
import type { DataLayer } from "../../functions/data";
import { HTTP_ROUTES } from "../../functions/routes";
import type { ConsoleActionDeps } from "../../functions/use-cases/console/actions";
import { publishPlan } from "../../functions/use-cases/publish-plan";
import { expandPlan } from "../../shared/calendar/expand";
import type { ConsoleUser } from "../../shared/console/access";
import type { DraftsView, DraftView, TimingPreview } from "../../shared/console/model";
import { loadPlan, parsePlan } from "../../shared/plan/load";
import { DRAFT_PREVIEW_SCRIPT_HASH } from "../../shared/web/console";
import { freshData } from "../support/data";
import { lambdaContext } from "../support/http-events";

const SEED = "/work/shared/seeds/long-bien-2025-primary-health-care-plan.txt";
const BASE = "http://127.0.0.1:3000";
const NOW = new Date("2025-11-20T09:00:00+07:00");
const TEMPLATE = "xa-phuong-cham-soc-suc-khoe-ban-dau";

const USERS: Record<string, ConsoleUser> = {
  "sb.token.1": {
    id: "1",
    email: "vanphong@longbien.example.org",
    role: "standing-body",
    plans: ["long-bien-2025", "long-bien-2026", "bo-de-2026", "long-bien-nhap"],
    oversight: [],
  },
  "committee.token.1": {
    id: "2",
    email: "bcd@longbien.example.org",
    role: "committee",
    plans: ["long-bien-2025", "long-bien-2026"],
    oversight: [],
  },
  "viewer.token.1": {
    id: "3",
    email: "soyte@hanoi.example.org",
    role: "viewer",
    plans: [],
    oversight: ["so-y-te-ha-noi"],
  },
  "other.token.1": {
    id: "4",
    email: "vanphong@xa-khac.example.org",
    role: "standing-body",
    plans: ["xa-khac"],
    oversight: [],
  },
};
const SB = "sb.token.1";
const keys = parseKeyring(
  JSON.stringify({ current: "k1", keys: { k1: Buffer.alloc(40, 7).toString("base64") } }),
);
const csrfOf = (token: string) => csrfToken(keys, token);

const auth: ConsoleAuth = {
  signIn: async () => ({ ok: false, reason: "invalid" }),
  completeNewPassword: async () => ({ ok: false, reason: "invalid" }),
  verify: async (token) => USERS[token],
  signOut: async () => {},
};

interface Answer {
  status: number;
  location?: string;
  notice?: { kind: string; text: string };
  headers: Record<string, string>;
  text: string;
}

describe("plan intake in the console (drafts) on DynamoDB Local", () => {
  let data: DataLayer;
  const started: string[] = [];
  let serve: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

  beforeAll(async () => {
    ({ data } = await freshData({ cacheTtlMs: 0 }));
    await publishPlan(data, await loadPlan("plans/long-bien-2025.yaml"), NOW);
    const deps: ConsoleDeps = {
      reads: { data, now: () => NOW },
      // The plan actions are not under test here.
      actions: {} as ConsoleActionDeps,
      auth,
      drafts: { data, now: () => NOW, calendar: { start: async (planId) => void started.push(planId) } },
      csrf: () => keys,
      publicBaseUrl: BASE,
    };
    const handler = httpHandler(makeConsole(() => deps));
    serve = (event) => handler(event, lambdaContext) as Promise<APIGatewayProxyStructuredResultV2>;
  }, 60_000);

  async function send(
    method: "GET" | "POST",
    path: string,
    token: string | undefined,
    body?: { form?: Record<string, string | string[]>; multipart?: FormData },
  ): Promise<Answer> {
    const url = new URL(path, BASE);
    const route = HTTP_ROUTES.find(({ routeKey }) => {
      const [m, template = ""] = routeKey.split(" ");
      const pattern = new RegExp(`^${template.replace(/\{\w+\}/g, "[^/]+")}$`);
      return m === method && pattern.test(url.pathname);
    });
    if (!route) throw new Error(`no route for ${method} ${url.pathname}`);
    const [, template = ""] = route.routeKey.split(" ");
    const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    const values =
      new RegExp(`^${template.replace(/\{\w+\}/g, "([^/]+)")}$`).exec(url.pathname)?.slice(1) ?? [];
    const headers: Record<string, string> = { host: "127.0.0.1:3000" };
    let raw: Buffer | undefined;
    if (body?.form) {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(body.form)) for (const x of [v].flat()) p.append(k, x);
      raw = Buffer.from(p.toString());
      headers["content-type"] = "application/x-www-form-urlencoded";
    } else if (body?.multipart) {
      const request = new Request(BASE, { method: "POST", body: body.multipart });
      raw = Buffer.from(await request.arrayBuffer());
      headers["content-type"] = request.headers.get("content-type") ?? "";
    }
    const now = Date.now();
    const event: APIGatewayProxyEventV2 = {
      version: "2.0",
      routeKey: route.routeKey,
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      ...(token && { cookies: [`hanchot-console=${token}`] }),
      headers,
      ...(url.search && { queryStringParameters: Object.fromEntries(url.searchParams) }),
      pathParameters: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(values[i] ?? "")])),
      requestContext: {
        accountId: "000000000000",
        apiId: "test",
        domainName: "127.0.0.1",
        domainPrefix: "test",
        http: {
          method,
          path: url.pathname,
          protocol: "HTTP/1.1",
          sourceIp: "127.0.0.1",
          userAgent: "vitest",
        },
        requestId: "r",
        routeKey: route.routeKey,
        stage: "$default",
        time: new Date(now).toUTCString(),
        timeEpoch: now,
      },
      // As API Gateway and the local HTTP API give a multipart body: base64.
      ...(raw && { body: body?.multipart ? raw.toString("base64") : raw.toString("utf8") }),
      isBase64Encoded: Boolean(raw && body?.multipart),
    };
    const r = await serve(event);
    const notice = r.cookies?.find((c) => c.startsWith("hanchot-notice="));
    const value = notice?.slice("hanchot-notice=".length).split(";")[0];
    const text =
      r.body === undefined ? "" : Buffer.from(r.body, r.isBase64Encoded ? "base64" : "utf8").toString("utf8");
    return {
      status: r.statusCode ?? 200,
      ...(typeof r.headers?.location === "string" && { location: r.headers.location }),
      ...(value && { notice: JSON.parse(Buffer.from(value, "base64url").toString()) }),
      headers: (r.headers ?? {}) as Record<string, string>,
      text,
    };
  }

  const post = (path: string, form: Record<string, string | string[]>, token = SB) =>
    send("POST", path, token, { form: { csrf: csrfOf(token), ...form } });
  const json = async <T>(path: string, token = SB): Promise<T> => {
    const a = await send("GET", path, token);
    expect(a.status, a.text.slice(0, 300)).toBe(200);
    return JSON.parse(a.text) as T;
  };
  const upload = (planId: string, name: string, bytes: Buffer, token = SB) => {
    const form = new FormData();
    form.append("csrf", csrfOf(token));
    form.append("planId", planId);
    form.append("source", "document");
    form.append("file", new Blob([new Uint8Array(bytes)]), name);
    return send("POST", "/console/drafts", token, { multipart: form });
  };
  const draftIdOf = (a: Answer) => {
    expect(a.status, `${a.text.slice(0, 200)} ${JSON.stringify(a.notice)}`).toBe(303);
    const m = /^\/console\/drafts\/([^/?]+)$/.exec(a.location ?? "");
    if (!m?.[1]) throw new Error(`not a draft page: ${a.location} ${JSON.stringify(a.notice)}`);
    return decodeURIComponent(m[1]);
  };

  let documentDraft = "";

  it("reads an uploaded seed document (multipart, base64) into a draft: rows dated, review items on their rows, compared with the published plan", async () => {
    const a = await upload("long-bien-2025", "long-bien-2025.txt", readFileSync(SEED));
    documentDraft = draftIdOf(a);
    expect(a.notice).toMatchObject({ kind: "ok" });
    expect(a.notice?.text).toMatch(/^Đã lập bản nháp long-bien-2025: \d+ nhiệm vụ \(\d+ có thời hạn\)/);
    const view = await json<DraftView>(`/api/console/drafts/${documentDraft}`);
    expect(view.summary).toMatchObject({
      planId: "long-bien-2025",
      origin: "document",
      source: "long-bien-2025.txt",
      createdBy: USERS[SB]?.email,
      amends: true,
      problems: 0,
    });
    expect(view.summary.obligations).toBeGreaterThan(50);
    expect(view.summary.dated).toBeGreaterThan(10);
    expect(view.summary.toReview).toBeGreaterThan(0);
    const quarterly = view.rows.find((r) => r.ruleKind === "quarterly" && r.dates.length === 4);
    expect(quarterly?.dates[0]).toMatchObject({
      period: "2025-Q1",
      periodText: "quý I/2025",
      dueAt: "2025-03-25T00:00:00+07:00",
    });
    expect(quarterly?.dates[0]?.dueText).toMatch(/^hạn chót: 23:59 thứ Hai 24\/03\/2025/);
    expect(quarterly?.ruleWords).toContain("hằng quý");
    // The reader's doubt, on the row it is about.
    const unsure = view.rows.find((r) => r.source === "Biểu 4, I.2, ý 3");
    expect(unsure?.review).toEqual(["không đọc được đơn vị chủ trì"]);
    expect(unsure?.certainty).toBeLessThan(1);
    expect(view.review.some((r) => r.where === "Biểu 4, I.2, ý 3")).toBe(false);
    // Against the plan published under the same id: many (unit, day) pairs the same.
    expect(view.comparison?.same).toBeGreaterThan(10);
    const list = await json<DraftsView>("/api/console/drafts");
    expect(list.drafts.map((d) => d.draftId)).toContain(documentDraft);
    expect(list.plans.find((p) => p.planId === "long-bien-2025")).toMatchObject({
      published: true,
      year: 2025,
    });
    expect(list.plans.find((p) => p.planId === "long-bien-2026")).toEqual({
      planId: "long-bien-2026",
      published: false,
    });
    expect(list.templates.map((t) => t.id)).toContain(TEMPLATE);
    expect(list.maxDocumentBytes).toBe(4 * 1024 * 1024);
    // The pages answer too (the pages helper's HTML; here the placeholder).
    for (const path of [
      `/console/drafts`,
      `/console/drafts/${documentDraft}`,
      `/console/drafts/${documentDraft}/units`,
    ])
      expect((await send("GET", path, SB)).status, path).toBe(200);
  });

  it("corrects a row: a phrase read gives dates and confirms the row; a phrase not read is kept, undated, and listed", async () => {
    const before = await json<DraftView>(`/api/console/drafts/${documentDraft}`);
    const row = before.rows.find((r) => r.source === "Biểu 4, I.2, ý 3");
    if (!row) throw new Error("no row");
    const path = `/console/drafts/${documentDraft}/obligations/${row.obligationId}`;
    const page = await send("GET", path, SB);
    expect(page.status).toBe(200);
    // This page alone runs a script, the preview's, by its hash; the draft's own page runs none.
    const scriptSrc = (csp: string | undefined) => /script-src ([^;]*)/.exec(csp ?? "")?.[1];
    expect(scriptSrc(page.headers["content-security-policy"])).toBe(`'${DRAFT_PREVIEW_SCRIPT_HASH}'`);
    const review = await send("GET", `/console/drafts/${documentDraft}`, SB);
    expect(scriptSrc(review.headers["content-security-policy"])).toBeUndefined();
    const leads = before.units.filter((u) => u.kind === "health-centre").map((u) => u.id);
    expect(leads.length).toBeGreaterThan(0);

    const read = await post(path, {
      title: "Báo cáo tỷ lệ trẻ suy dinh dưỡng",
      timing: "trước ngày 25 của tháng cuối quý",
      lead: leads.join(", "),
      coordinating: "",
      place: "Trạm Y tế các phường",
    });
    expect([read.status, read.location, read.notice]).toEqual([
      303,
      `/console/drafts/${encodeURIComponent(documentDraft)}`,
      { kind: "ok", text: "Đã lưu nhiệm vụ." },
    ]);
    let view = await json<DraftView>(`/api/console/drafts/${documentDraft}`);
    let fixed = view.rows.find((r) => r.obligationId === row.obligationId);
    expect(fixed).toMatchObject({
      title: "Báo cáo tỷ lệ trẻ suy dinh dưỡng",
      ruleKind: "quarterly",
      review: [],
      place: "Trạm Y tế các phường",
    });
    expect(fixed?.certainty).toBeUndefined();
    expect(fixed?.dates.map((d) => d.period)).toEqual(["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]);
    expect(fixed?.lead.map((u) => u.id)).toEqual(leads);
    expect(view.summary.toReview).toBe(before.summary.toReview - 1);
    // Stored: certain now, read where it was (the schema's origin, kept valid).
    const stored = await data.drafts.get("long-bien-2025", documentDraft);
    const obligation = JSON.parse(stored?.planJson ?? "{}").obligations.find(
      (o: { id: string }) => o.id === row.obligationId,
    );
    expect(obligation.origin).toEqual({ where: "Biểu 4, I.2, ý 3", confidence: 1 });
    expect(stored?.confirmed).toContain(row.obligationId);

    const unread = await post(path, {
      title: "Báo cáo tỷ lệ trẻ suy dinh dưỡng",
      timing: "sáng thứ hai tuần đầu",
      lead: leads,
    });
    expect(unread.notice?.text).toContain("Chưa đọc được thời hạn");
    view = await json<DraftView>(`/api/console/drafts/${documentDraft}`);
    fixed = view.rows.find((r) => r.obligationId === row.obligationId);
    expect(fixed).toMatchObject({ timing: "sáng thứ hai tuần đầu", ruleKind: "unstated", dates: [] });
    expect(fixed?.ruleWords).toBeUndefined();
    expect(fixed?.review).toHaveLength(1);
    expect(fixed?.review[0]).toContain('chưa đọc được thời hạn này: "sáng thứ hai tuần đầu"');
    expect(view.summary.problems).toBe(0);

    // A unit the draft does not have: the form again (400), what was typed kept, nothing saved.
    const version = (await data.drafts.get("long-bien-2025", documentDraft))?.version;
    const wrong = await post(path, { title: "X", timing: "Thường xuyên", lead: "khong-co-don-vi" });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain("khong-co-don-vi");
    expect((await data.drafts.get("long-bien-2025", documentDraft))?.version).toBe(version);

    // Removed: the row and its review item go.
    const removed = await post(`${path}/remove`, {});
    expect(removed.notice).toEqual({ kind: "ok", text: "Đã bỏ nhiệm vụ khỏi bản nháp." });
    view = await json<DraftView>(`/api/console/drafts/${documentDraft}`);
    expect(view.rows.some((r) => r.obligationId === row.obligationId)).toBe(false);
    expect((await send("GET", path, SB)).status).toBe(404);
  });

  let nextYear = "";

  it("moves Long Biên 2025 to 2026: a draft that passes plan:check, downloadable as a plan file, with a live preview", async () => {
    const a = await post("/console/drafts", {
      source: "plan",
      fromPlanId: "long-bien-2025",
      planId: "long-bien-2026",
      year: "2026",
    });
    nextYear = draftIdOf(a);
    const view = await json<DraftView>(`/api/console/drafts/${nextYear}`);
    const plan2025 = await loadPlan("plans/long-bien-2025.yaml");
    expect(view.summary).toMatchObject({
      planId: "long-bien-2026",
      year: 2026,
      origin: "plan",
      source: "long-bien-2025",
      amends: false,
      problems: 0,
    });
    expect(view.problems).toEqual([]);
    expect(view.rows).toHaveLength(plan2025.obligations.length);
    expect(view.number).toBe("…/KH-UBND");
    const dated2025 = new Set(expandPlan(plan2025, 2025).map((i) => i.obligationId));
    expect(view.summary.dated).toBe(dated2025.size);
    expect(view.rows.flatMap((r) => r.dates).every((d) => d.period.startsWith("2026"))).toBe(true);

    const yaml = await send("GET", `/console/drafts/${nextYear}/plan.yaml`, SB);
    expect(yaml.status).toBe(200);
    expect(yaml.headers["content-disposition"]).toBe('attachment; filename="long-bien-2026.yaml"');
    expect(yaml.text).toMatch(
      /^# yaml-language-server: \$schema=\.\/plan\.schema\.json\n# BẢN NHÁP chuyển từ kế hoạch long-bien-2025/,
    );
    expect(parsePlan(yaml.text, "long-bien-2026.yaml").year).toBe(2026);

    const monthly = await json<TimingPreview>(
      `/api/console/drafts/${nextYear}/preview?timing=${encodeURIComponent("trước ngày 04 hàng tháng")}`,
    );
    expect(monthly).toMatchObject({ ruleKind: "monthly", timing: "trước ngày 04 hàng tháng" });
    expect(monthly.dates).toHaveLength(12);
    expect(monthly.dates[0]).toMatchObject({ period: "2026-01", dueAt: "2026-02-04T00:00:00+07:00" });
    const unread = await json<TimingPreview>(
      `/api/console/drafts/${nextYear}/preview?timing=sang%20thu%20hai`,
    );
    expect(unread.dates).toEqual([]);
    expect(unread.problem).toContain("chưa đọc được thời hạn này");
  });

  it("publishes it through the same publication: the plan and its deadlines, its calendar started, the draft gone, one audit entry", async () => {
    const a = await post(`/console/drafts/${nextYear}/publish`, {});
    expect(a.status).toBe(303);
    expect(a.location).toBe("/console/plans/long-bien-2026");
    expect(a.notice?.kind).toBe("ok");
    expect(a.notice?.text).toMatch(/^Đã đăng kế hoạch long-bien-2026: \d+ hạn của các đơn vị/);
    const record = await data.plans.record("long-bien-2026");
    expect(record).toMatchObject({ year: 2026, fileStored: true });
    const next = parsePlan(
      JSON.stringify(JSON.parse((await data.plans.file("long-bien-2026"))?.file ?? "{}")),
    );
    expect(next.draft).toBeUndefined();
    const expectations = await data.plans.expectationsOfYear("long-bien-2026", 2026);
    expect(expectations.length).toBe(expandPlan(next, 2026).length);
    expect(expectations.length).toBeGreaterThan(100);
    expect(started).toEqual(["long-bien-2026"]);
    expect(await data.drafts.get("long-bien-2026", nextYear)).toBeUndefined();
    expect((await send("GET", `/console/drafts/${nextYear}`, SB)).status).toBe(404);
    const log = await data.consoleActions.auditLog("long-bien-2026");
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      action: "publish-plan",
      actor: { email: USERS[SB]?.email, role: "standing-body" },
      target: { planId: "long-bien-2026", draftId: nextYear },
      before: { published: false },
      after: { year: 2026, expectations: expectations.length },
    });
  });

  it("starts a ward's plan from the template, and fills a unit's contacts", async () => {
    const a = await post("/console/drafts", {
      source: "template",
      templateId: TEMPLATE,
      planId: "bo-de-2026",
      year: "2026",
      issuerName: "UBND phường Bồ Đề",
    });
    const id = draftIdOf(a);
    let view = await json<DraftView>(`/api/console/drafts/${id}`);
    expect(view.summary).toMatchObject({ origin: "template", source: TEMPLATE, problems: 0, year: 2026 });
    expect(view.issuer).toBe("UBND phường Bồ Đề");
    const station = view.units.find((u) => u.id === "tram-y-te");
    expect(station).toMatchObject({ name: "Trạm Y tế phường Bồ Đề", unreachable: true });
    expect(view.units.find((u) => u.id === "bcd")?.unreachable).toBe(false);

    const wrong = await post(`/console/drafts/${id}/units/tram-y-te`, {
      emails: "khong-phai-email",
      phones: "",
    });
    expect(wrong.notice?.kind).toBe("error");
    const ok = await post(`/console/drafts/${id}/units/tram-y-te`, {
      person: "Nguyễn Thị Lan",
      emails: "tramyte.bode@example.org",
      phones: "0912 345 678",
    });
    expect([ok.location, ok.notice?.kind]).toEqual([`/console/drafts/${encodeURIComponent(id)}/units`, "ok"]);
    view = await json<DraftView>(`/api/console/drafts/${id}`);
    expect(view.units.find((u) => u.id === "tram-y-te")).toMatchObject({
      unreachable: false,
      contacts: { person: "Nguyễn Thị Lan", emails: ["tramyte.bode@example.org"], phones: ["+84912345678"] },
    });

    const discarded = await post(`/console/drafts/${id}/discard`, {});
    expect([discarded.location, discarded.notice]).toEqual([
      "/console/drafts",
      { kind: "ok", text: "Đã bỏ bản nháp." },
    ]);
    expect(await data.drafts.get("bo-de-2026", id)).toBeUndefined();
  });

  it("refuses to publish a draft plan:check finds problems in, saying which; nothing published", async () => {
    const draft = await data.drafts.get("long-bien-2025", documentDraft);
    if (!draft) throw new Error("no draft");
    const plan = JSON.parse(draft.planJson);
    plan.obligations[0].lead = ["khong-co-don-vi"];
    const broken = {
      ...draft,
      draftId: "long-bien-nhap.0123456789",
      planId: "long-bien-nhap",
      planJson: JSON.stringify({ ...plan, id: "long-bien-nhap" }),
    };
    expect(await data.drafts.create(broken)).toBe(true);
    const view = await json<DraftView>(`/api/console/drafts/${broken.draftId}`);
    expect(view.problems).toHaveLength(1);
    expect(view.problems[0]).toContain('không có đơn vị hay nhóm nào mang mã "khong-co-don-vi"');
    const a = await post(`/console/drafts/${broken.draftId}/publish`, {});
    expect(a.location).toBe(`/console/drafts/${broken.draftId}`);
    expect(a.notice?.kind).toBe("error");
    expect(a.notice?.text).toContain("Chưa đăng được: bản nháp còn 1 lỗi");
    expect(await data.plans.record("long-bien-nhap")).toBeUndefined();
    expect(await data.drafts.get("long-bien-nhap", broken.draftId)).toBeDefined();
    // Nor is it handed out as a file plan:check would refuse.
    const file = await send("GET", `/console/drafts/${broken.draftId}/plan.yaml`, SB);
    expect(file.status).toBe(303);
    expect(file.location).toBe(`/console/drafts/${broken.draftId}`);
    expect(file.notice?.text).toContain("Chưa tải được tệp YAML: bản nháp còn 1 lỗi");
    expect(file.text).not.toContain("yaml-language-server");
  });

  it("refuses documents it cannot take: another type, empty, too large, nothing to read", async () => {
    const cases: Array<[string, Buffer, RegExp]> = [
      [
        "ke-hoach.xlsx",
        Buffer.from("x"),
        /chỉ nhận văn bản Word \(\.docx\), PDF \(\.pdf\) hoặc văn bản thường/,
      ],
      ["ke-hoach.txt", Buffer.alloc(0), /trống/],
      ["ke-hoach.txt", Buffer.alloc(4 * 1024 * 1024 + 1, 0x61), /lớn quá .* tối đa 4 MB/],
      [
        "ke-hoach.txt",
        Buffer.from("Chúc mừng năm mới.\nHẹn gặp lại.\n"),
        /Không đọc được nhiệm vụ hay chỉ tiêu nào/,
      ],
      ["ke-hoach.docx", Buffer.from("not a zip"), /Không mở được tệp/],
    ];
    const before = (await data.drafts.ofPlan("long-bien-2025")).length;
    for (const [name, bytes, message] of cases) {
      const a = await upload("long-bien-2025", name, bytes);
      expect([a.status, a.location, a.notice?.kind], name).toEqual([303, "/console/drafts", "error"]);
      expect(a.notice?.text, name).toMatch(message);
    }
    // Beyond what a request may carry: refused before it is read, nothing kept.
    const huge = await upload("long-bien-2025", "ke-hoach.txt", Buffer.alloc(5 * 1024 * 1024, 0x61));
    expect(huge.status).toBe(413);
    expect((await data.drafts.ofPlan("long-bien-2025")).length).toBe(before);
  });

  it("refuses the committee, viewers, another office, a stale form; a draft that does not exist is not found", async () => {
    const draftPath = `/console/drafts/${documentDraft}`;
    for (const token of ["committee.token.1", "viewer.token.1"]) {
      for (const path of [
        "/console/drafts",
        draftPath,
        "/api/console/drafts",
        `/api/console/drafts/${documentDraft}`,
      ])
        expect((await send("GET", path, token)).status, `${token} ${path}`).toBe(403);
      expect((await post(`${draftPath}/discard`, {}, token)).status, token).toBe(403);
      expect(
        (
          await post(
            "/console/drafts",
            { source: "plan", fromPlanId: "long-bien-2025", planId: "long-bien-2026" },
            token,
          )
        ).status,
      ).toBe(403);
    }
    // Another office's standing body: its own drafts page, not this draft; not a draft for this plan.
    const other = "other.token.1";
    expect((await send("GET", "/console/drafts", other)).status).toBe(200);
    expect((await send("GET", draftPath, other)).status).toBe(403);
    expect((await send("GET", `${draftPath}/plan.yaml`, other)).status).toBe(403);
    expect((await post(`${draftPath}/publish`, {}, other)).status).toBe(403);
    expect((await upload("long-bien-2025", "x.txt", readFileSync(SEED), other)).status).toBe(403);
    // Signed out: to the sign-in page, or 401 JSON.
    expect((await send("GET", draftPath, undefined)).status).toBe(303);
    expect((await send("GET", `/api/console/drafts/${documentDraft}`, undefined)).status).toBe(401);
    // No CSRF token, or another session's: a stale form, nothing done.
    const stale = await send("POST", `${draftPath}/discard`, SB, { form: {} });
    expect([stale.status, stale.text.includes("Biểu mẫu đã cũ")]).toEqual([403, true]);
    const foreign = await send("POST", `${draftPath}/discard`, SB, {
      form: { csrf: csrfOf("committee.token.1") },
    });
    expect(foreign.status).toBe(403);
    const form = new FormData();
    form.append("planId", "long-bien-2025");
    form.append("file", new Blob([readFileSync(SEED)]), "x.txt");
    expect((await send("POST", "/console/drafts", SB, { multipart: form })).status).toBe(403);
    expect(await data.drafts.get("long-bien-2025", documentDraft)).toBeDefined();
    // Not found: an id of no draft, an id that is not one.
    expect((await send("GET", "/console/drafts/long-bien-2025.0000000000", SB)).status).toBe(404);
    expect((await send("GET", "/console/drafts/khong-phai-ma", SB)).status).toBe(404);
  });
});
