/**
 * Contacts through plan intake, on DynamoDB Local: the contacts of a running plan are its unit
 * items (the console edits them there), not the kept plan file. A document or template read for a
 * running plan takes each matched unit's current contacts, with a review item; publishing it keeps
 * every such unit reachable; a draft that would leave a unit with none where the running plan has
 * some is refused through the console's form unless it posts dropContacts=yes; next year's plan
 * takes the contacts edited during the year.
 */
import { readFileSync } from "node:fs";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { parseKeyring } from "../../functions/commons/config";
import { httpHandler } from "../../functions/commons/middleware";
import type { ConsoleAuth } from "../../functions/console/auth";
import { type ConsoleDeps, makeConsole } from "../../functions/console/handler";
import { csrfToken } from "../../functions/console/session";
import type { DataLayer, DraftRecord } from "../../functions/data";
import { type ConsoleActionDeps, editContacts } from "../../functions/use-cases/console/actions";
import {
  createDraftFromDocument,
  createDraftFromPlan,
  createDraftFromTemplate,
  type DraftDeps,
  draftPlanOf,
  draftViewFor,
  publishDraft,
} from "../../functions/use-cases/console/drafts";
import { publishPlan } from "../../functions/use-cases/publish-plan";
import type { ConsoleUser } from "../../shared/console/access";
import { DROP_CONTACTS_FIELD, type DraftView } from "../../shared/console/model";
import { loadPlan } from "../../shared/plan/load";
import type { Contacts, PlanFile } from "../../shared/plan/schema";
import { freshData } from "../support/data";
import { BASE_URL, httpEvent, lambdaContext } from "../support/http-events";

const SEED = "/work/shared/seeds/long-bien-2025-primary-health-care-plan.txt";
const NOW = new Date("2025-11-20T09:00:00+07:00");
const TOKEN = "sb.token.1";
const OFFICE: ConsoleUser = {
  id: "1",
  email: "vanphong@longbien.example.org",
  role: "standing-body",
  plans: ["long-bien-2025", "long-bien-nhap", "long-bien-mau", "long-bien-moi"],
  oversight: [],
};
const ACTOR = { email: OFFICE.email, role: OFFICE.role };
const EDITED: Contacts = {
  person: "Chị Hoa",
  emails: ["moi.bode@longbien.example.org"],
  phones: ["+84912000111"],
};
const keys = parseKeyring(
  JSON.stringify({ current: "k1", keys: { k1: Buffer.alloc(40, 7).toString("base64") } }),
);
const auth: ConsoleAuth = {
  signIn: async () => ({ ok: false, reason: "invalid" }),
  completeNewPassword: async () => ({ ok: false, reason: "invalid" }),
  verify: async (token) => (token === TOKEN ? OFFICE : undefined),
  signOut: async () => {},
};

const reachable = (c: Contacts | undefined) => (c?.emails.length ?? 0) + (c?.phones.length ?? 0) > 0;

describe("contacts through plan intake on DynamoDB Local", () => {
  let data: DataLayer;
  let deps: DraftDeps;
  let plan: PlanFile;
  let serve: (
    method: "GET" | "POST",
    path: string,
    routeKey: string,
    draftId: string,
    form?: Record<string, string>,
  ) => Promise<APIGatewayProxyStructuredResultV2>;

  /** editContacts reads and writes the store only: no message is sent. */
  const actionDeps = () =>
    ({ data, now: () => NOW }) as Pick<ConsoleActionDeps, "data" | "now"> as ConsoleActionDeps;
  const fileOf = async (planId: string) =>
    JSON.parse((await data.plans.file(planId))?.file ?? "{}") as PlanFile;
  const edit = async (planId: string, unitId: string, contacts: Contacts) =>
    expect(
      await editContacts(actionDeps(), {
        planId,
        unitId,
        contacts,
        actor: ACTOR,
        reason: "Đổi cán bộ phụ trách",
      }),
    ).toMatchObject({ ok: true });

  beforeAll(async () => {
    ({ data } = await freshData({ cacheTtlMs: 0 }));
    plan = await loadPlan("plans/long-bien-2025.yaml");
    deps = { data, now: () => NOW, calendar: { start: async () => {} } };
    const handler = httpHandler(
      makeConsole(
        (): ConsoleDeps => ({
          reads: { data, now: () => NOW },
          actions: actionDeps(),
          auth,
          drafts: deps,
          csrf: () => keys,
          publicBaseUrl: BASE_URL,
        }),
      ),
    );
    serve = async (method, path, routeKey, draftId, form) => {
      const body = form && new URLSearchParams({ csrf: csrfToken(keys, TOKEN), ...form }).toString();
      const event = {
        ...httpEvent({
          method,
          path,
          routeKey,
          token: TOKEN,
          ...(body !== undefined && { body, contentType: "application/x-www-form-urlencoded" }),
        }),
        pathParameters: { draftId },
        cookies: [`hanchot-console=${TOKEN}`],
      };
      return (await handler(event, lambdaContext)) as APIGatewayProxyStructuredResultV2;
    };
  }, 60_000);

  it("a document read for a running plan takes each matched unit's current contacts, lists each for review, and publishing keeps them reachable", async () => {
    await publishPlan(data, plan, NOW);
    // During the year the office changed a ward's contacts in the console: the unit item has them,
    // the kept plan file still has the old ones.
    await edit("long-bien-2025", "p-bo-de", EDITED);
    expect((await fileOf("long-bien-2025")).units.find((u) => u.id === "p-bo-de")?.contacts).not.toEqual(
      EDITED,
    );
    const running = new Map((await data.plans.units("long-bien-2025")).map((u) => [u.unitId, u]));

    const created = await createDraftFromDocument(
      deps,
      OFFICE,
      "long-bien-2025",
      "ke-hoach.txt",
      readFileSync(SEED),
    );
    if (!created.ok) throw new Error(created.message);
    const draft = draftPlanOf(created.draft);
    const unit = (id: string) => draft.units?.find((u) => u.id === id);
    // The same id: today's contacts, not the file's.
    expect(unit("p-bo-de")?.contacts).toEqual(EDITED);
    expect(unit("pyt")?.contacts).toEqual(running.get("pyt")?.contacts);
    // Another id, the same unit by name ("UBND quận Long Biên" read as ubnd, "Th. Thanh" as
    // Thượng Thanh): the draft takes the running id, and its contacts.
    expect([unit("ubnd"), unit("p-th-thanh")]).toEqual([undefined, undefined]);
    expect(unit("ubnd-quan")?.contacts).toEqual(running.get("ubnd-quan")?.contacts);
    expect(unit("p-thuong-thanh")?.contacts).toEqual(running.get("p-thuong-thanh")?.contacts);

    // One review item per unit carried, one for each new unit with none.
    const review = draft.draft?.review ?? [];
    const carried = review.filter((r) => r.why.startsWith("liên hệ lấy từ kế hoạch đang chạy"));
    const fresh = review.filter((r) => r.why.startsWith("đơn vị mới"));
    const units = draft.units ?? [];
    expect(carried.map((r) => r.what).sort()).toEqual(
      units
        .filter((u) => u.id !== "thanh-vien-bcd")
        .map((u) => u.name)
        .sort(),
    );
    expect(carried.find((r) => r.what === "UBND phường Bồ Đề")?.why).toContain(
      "moi.bode@longbien.example.org",
    );
    expect(fresh.map((r) => r.what)).toEqual(["Các đơn vị thành viên Ban Chỉ đạo"]);
    expect(reachable(units.find((u) => u.id === "thanh-vien-bcd")?.contacts as Contacts | undefined)).toBe(
      false,
    );

    const view = await draftViewFor(deps, OFFICE, created.draft.draftId);
    if ("ok" in view) throw new Error(view.message);
    expect(view.contactsDropped).toEqual([]);
    const page = await serve(
      "GET",
      `/console/drafts/${created.draft.draftId}`,
      "GET /console/drafts/{draftId}",
      created.draft.draftId,
    );
    expect([page.statusCode, page.body?.includes(`name="${DROP_CONTACTS_FIELD}"`)]).toEqual([200, false]);
    expect(view.review.some((r) => r.what === "UBND phường Bồ Đề" && r.where === "đơn vị")).toBe(true);
    expect(view.units.filter((u) => u.unreachable).every((u) => u.id === "thanh-vien-bcd")).toBe(true);

    const published = await publishDraft(deps, OFFICE, created.draft.draftId);
    expect(published).toMatchObject({ ok: true, amended: true, contactsDropped: [] });
    // Every unit that had a counterpart is reachable on its item and on its open expectations.
    for (const u of units.filter((x) => x.id !== "thanh-vien-bcd")) {
      expect(reachable((await data.plans.unit("long-bien-2025", u.id))?.contacts), u.id).toBe(true);
      const open = (await data.consoleActions.unitExpectations("long-bien-2025", u.id)).filter(
        (e) => e.state === "expected" || e.state === "overdue",
      );
      for (const e of open) expect(reachable(e.contacts), e.instanceId).toBe(true);
    }
    const bode = await data.consoleActions.unitExpectations("long-bien-2025", "p-bo-de");
    expect(bode.length).toBeGreaterThan(0);
    expect(
      bode.filter((e) => e.state === "expected").every((e) => e.contacts?.emails[0] === EDITED.emails[0]),
    ).toBe(true);
  }, 60_000);

  it("a draft that leaves units with no contacts where the running plan has some is refused without the form's confirmation, published with it", async () => {
    await publishPlan(data, { ...plan, id: "long-bien-nhap" }, NOW);
    const emptied = new Set(["pyt", "p-bo-de"]);
    const record: DraftRecord = {
      planId: "long-bien-nhap",
      draftId: "long-bien-nhap.0123456789",
      origin: "plan",
      source: "long-bien-2025",
      createdBy: OFFICE.email,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      planJson: JSON.stringify({
        ...plan,
        id: "long-bien-nhap",
        units: plan.units.map((u) =>
          emptied.has(u.id) ? { ...u, contacts: { emails: [], phones: [] } } : u,
        ),
      }),
      confirmed: [],
      version: 1,
    };
    expect(await data.drafts.create(record)).toBe(true);
    const dropped = plan.units.filter((u) => emptied.has(u.id)).map((u) => ({ id: u.id, name: u.name }));
    const view = (await draftViewFor(deps, OFFICE, record.draftId)) as DraftView;
    expect(view.contactsDropped).toEqual(dropped);

    const page = await serve(
      "GET",
      `/console/drafts/${record.draftId}`,
      "GET /console/drafts/{draftId}",
      record.draftId,
    );
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`name="${DROP_CONTACTS_FIELD}" value="yes"`);

    const path = `/console/drafts/${record.draftId}/publish`;
    const route = "POST /console/drafts/{draftId}/publish";
    const refused = await serve("POST", path, route, record.draftId, {});
    expect([refused.statusCode, refused.headers?.location]).toEqual([
      303,
      `/console/drafts/${record.draftId}`,
    ]);
    const notice = refused.cookies?.find((c) => c.startsWith("hanchot-notice="))?.split(/[=;]/)[1] ?? "";
    const { kind, text } = JSON.parse(Buffer.from(notice, "base64url").toString()) as {
      kind: string;
      text: string;
    };
    expect(kind).toBe("error");
    expect(text).toContain("Chưa đăng được: 2 đơn vị");
    for (const u of dropped) expect(text).toContain(u.name);
    // Nothing published: the running units keep their contacts, the draft stays.
    expect(reachable((await data.plans.unit("long-bien-nhap", "pyt"))?.contacts)).toBe(true);
    expect(await data.drafts.get("long-bien-nhap", record.draftId)).toBeDefined();
    // Only "yes" confirms.
    expect(
      (await serve("POST", path, route, record.draftId, { [DROP_CONTACTS_FIELD]: "on" })).headers?.location,
    ).toBe(`/console/drafts/${record.draftId}`);

    const confirmed = await serve("POST", path, route, record.draftId, { [DROP_CONTACTS_FIELD]: "yes" });
    expect([confirmed.statusCode, confirmed.headers?.location]).toEqual([
      303,
      "/console/plans/long-bien-nhap",
    ]);
    for (const u of dropped)
      expect(reachable((await data.plans.unit("long-bien-nhap", u.id))?.contacts), u.id).toBe(false);
    const log = await data.consoleActions.auditLog("long-bien-nhap");
    expect(log.find((e) => e.action === "publish-plan")?.after).toMatchObject({
      contactsDropped: dropped.map((u) => u.id),
    });
  });

  it("next year's plan takes the contacts edited in the console during the year, not those first published", async () => {
    await publishPlan(data, { ...plan, id: "long-bien-mau" }, NOW);
    const ttyt: Contacts = { emails: ["ttyt.moi@longbien.example.org"], phones: ["+84912000222"] };
    await edit("long-bien-mau", "ttyt", ttyt);
    const file = await fileOf("long-bien-mau");
    expect(file.units.find((u) => u.id === "ttyt")?.contacts).not.toEqual(ttyt);

    const next = await createDraftFromPlan(deps, OFFICE, "long-bien-mau", "long-bien-moi", 2026);
    if (!next.ok) throw new Error(next.message);
    const units = draftPlanOf(next.draft).units ?? [];
    expect(units.find((u) => u.id === "ttyt")?.contacts).toEqual(ttyt);
    // The others as they are (unchanged since published).
    expect(units.filter((u) => u.id !== "ttyt")).toEqual(file.units.filter((u) => u.id !== "ttyt"));
  });

  it("a template for a running plan takes the contacts of the units it shares with it", async () => {
    const created = await createDraftFromTemplate(
      deps,
      OFFICE,
      "xa-phuong-cham-soc-suc-khoe-ban-dau",
      "long-bien-mau",
      2026,
      "UBND quận Long Biên",
    );
    if (!created.ok) throw new Error(created.message);
    const draft = draftPlanOf(created.draft);
    const running = new Map((await data.plans.units("long-bien-mau")).map((u) => [u.unitId, u]));
    expect(draft.units?.find((u) => u.id === "bcd")?.contacts).toEqual(running.get("bcd")?.contacts);
    const review = draft.draft?.review ?? [];
    expect(
      review.some((r) => r.where === "đơn vị" && r.why.startsWith("liên hệ lấy từ kế hoạch đang chạy")),
    ).toBe(true);
    const station = draft.units?.find((u) => u.id === "tram-y-te");
    expect(review.some((r) => r.what === station?.name && r.why.startsWith("đơn vị mới"))).toBe(true);
  });
});
