/**
 * GET /s/{id}, the short links of reminder SMS, on DynamoDB Local: the links are made by the
 * Remind step as in production, and opened on the test's clock (issue 8: a March 2025 SMS opened
 * in January 2027 must not become a fresh link).
 */
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import type { EmailMessage } from "../../functions/commons/notifications";
import { shortLinkEntity } from "../../functions/data/entities/short-link";
import { type LifecycleDeps, remind } from "../../functions/use-cases/lifecycle";
import { SmsOutbox } from "../../local/sms-outbox";
import { linkExpiry, newLinkKey, verifyLink } from "../../shared/submission/link-token";
import { issueShortLink } from "../../shared/submission/short-link";
import { BASE_URL, getForm, httpEvent, lambdaContext, submissionApp } from "../support/submission-app";

// Tổ dân phố 1 is reached by SMS only; the deadline's cut-off is 23:59 on 19/01/2025, its
// reminders at 08:00 on 10, 16 and 17/01.
const ID = "thu-nghiem:ke-hoach:2025:to-1";
const DEADLINE = { planId: "thu-nghiem", obligationId: "ke-hoach", period: "2025" };
const DAY_MS = 86_400_000;

async function setup() {
  const app = await submissionApp();
  const sms = new SmsOutbox({ now: () => app.clock.now });
  const emails: EmailMessage[] = [];
  const lifecycle: LifecycleDeps = {
    data: app.data,
    email: {
      sendEmail: async (m) => {
        emails.push(m);
        return { messageId: `m-${emails.length}` };
      },
    },
    sms,
    keyring: app.keyring,
    now: () => app.clock.now,
    baseUrl: BASE_URL,
    sleep: async () => {},
  };
  /**
   * Sends the reminder planned for `at` (one of the deadline's reminder instants: the Remind step
   * sends nothing for a stage the deadline no longer has); the id of the short link in to-1's SMS.
   */
  const remindAt = async (at: string) => {
    app.clock.now = new Date(at);
    await remind(lifecycle, DEADLINE, `remind@${at}`);
    const text = sms.list().at(-1)?.text ?? "";
    const id = new RegExp(`${BASE_URL}/s/([A-Za-z0-9_-]+)`).exec(text)?.[1];
    if (!id) throw new Error(`no short link in the SMS: ${text}`);
    return id;
  };
  const open = (id: string) =>
    app.shortLink(
      {
        ...httpEvent({ method: "GET", path: `/s/${id}`, routeKey: "GET /s/{id}", token: "" }),
        pathParameters: { id },
      },
      lambdaContext,
    );
  const form = (location: string) => {
    const token = decodeURIComponent(location.slice(`${BASE_URL}/f/`.length));
    return getForm(app.form, token);
  };
  const dueAt = (await app.data.deadlines.definition(DEADLINE))?.dueAt ?? "";
  return { app, sms, remindAt, open, form, dueAt };
}

const noLinkIn = (body: string | undefined) => {
  expect(body).not.toContain("/f/");
  expect(body).not.toContain("<form");
};

describe("the short links of reminder SMS", () => {
  it("redirect to a personal link that expires no later than the short link, even opened late", async () => {
    const t = await setup();
    const remindedAt = "2025-01-10T01:00:00.000Z";
    const id = await t.remindAt(remindedAt);
    const shortExpiry = linkExpiry(t.dueAt, new Date(remindedAt));
    // Opened 70 days after the cut-off: still valid, but a month from now would outlive it.
    t.app.clock.now = new Date(Date.parse(t.dueAt) + 70 * DAY_MS);
    const res = await t.open(id);
    expect(res.statusCode).toBe(302);
    const location = String(res.headers?.location);
    expect(location.startsWith(`${BASE_URL}/f/`)).toBe(true);
    const check = verifyLink(
      t.app.keyring,
      decodeURIComponent(location.slice(`${BASE_URL}/f/`.length)),
      t.app.clock.now.getTime(),
    );
    expect(check.ok && check.claims.instanceId).toBe(ID);
    expect(check.ok && check.claims.expiresAt).toBeLessThanOrEqual(shortExpiry);
    expect((await t.form(location)).statusCode).toBe(200);
  });

  it("answer an expired short link with a Vietnamese 410 page naming whom to contact, and no link", async () => {
    const t = await setup();
    const id = await t.remindAt("2025-01-10T01:00:00.000Z");
    t.app.clock.now = new Date("2027-01-15T02:00:00Z");
    const res = await t.open(id);
    expect(res.statusCode).toBe(410);
    expect(res.headers?.location).toBeUndefined();
    expect(res.headers?.["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.body).toContain('<html lang="vi">');
    expect(res.body).toContain("Đường dẫn đã hết hạn");
    // Late from 00:00 on 20/01/2025 (the cut-off "23:59 ngày 19/01"); the link lived 90 days after.
    expect(res.body).toContain("đã hết hạn lúc 00:00 ngày 20/04/2025");
    // No recipient is named for this deadline: the standing body, with its email and phone.
    expect(res.body).toContain("hãy liên hệ <strong>Trạm Y tế</strong>");
    expect(res.body).toContain('href="mailto:tyt@example.org"');
    expect(res.body).toContain('href="tel:+84900000099"');
    noLinkIn(res.body);
    expect(await t.app.submissionsFor(ID)).toHaveLength(0);
  });

  it("answer a short link stored before expiries were kept by its personal link's expiry (410)", async () => {
    const t = await setup();
    const legacy = issueShortLink(t.app.keyring, ID, 0);
    await t.app.doc.send(
      new PutCommand({
        TableName: t.app.tableName,
        Item: { ...shortLinkEntity.key(legacy), type: "short-link", instanceId: ID },
      }),
    );
    t.app.clock.now = new Date("2027-01-15T02:00:00Z");
    const res = await t.open(legacy.id);
    expect(res.statusCode).toBe(410);
    noLinkIn(res.body);
  });

  it("answer a short link whose key was rotated out of the keyring with a 403 page, and no link", async () => {
    const t = await setup();
    const id = await t.remindAt("2025-01-10T01:00:00.000Z");
    t.app.keyring.keys = { k2: newLinkKey() };
    t.app.keyring.current = "k2";
    const res = await t.open(id);
    expect(res.statusCode).toBe(403);
    expect(res.headers?.location).toBeUndefined();
    expect(res.body).toContain("Đường dẫn đã bị thu hồi");
    expect(res.body).toContain("hãy liên hệ <strong>Trạm Y tế</strong>");
    noLinkIn(res.body);
  });

  it("are re-issued under the new key by the next reminder after a rotation, and that one works", async () => {
    const t = await setup();
    const first = await t.remindAt("2025-01-10T01:00:00.000Z");
    t.app.keyring.keys = { k2: newLinkKey() };
    t.app.keyring.current = "k2";
    const second = await t.remindAt("2025-01-16T01:00:00.000Z");
    expect(second).not.toBe(first);
    expect((await t.open(first)).statusCode).toBe(403);
    const res = await t.open(second);
    expect(res.statusCode).toBe(302);
    expect((await t.form(String(res.headers?.location))).statusCode).toBe(200);
  });

  it("are stored once per key: a later reminder under the same key sends the same link", async () => {
    const t = await setup();
    const first = await t.remindAt("2025-01-10T01:00:00.000Z");
    const second = await t.remindAt("2025-01-16T01:00:00.000Z");
    expect(second).toBe(first);
    expect(await t.app.data.shortLinks.resolve(first)).toEqual({
      id: first,
      instanceId: ID,
      keyId: "k1",
      expiresAt: linkExpiry(t.dueAt, new Date("2025-01-10T01:00:00.000Z")),
    });
  });

  it("answer an unknown id with a 404 page", async () => {
    const t = await setup();
    const res = await t.open("AAAAAAAAAA");
    expect(res.statusCode).toBe(404);
    noLinkIn(res.body);
  });
});
