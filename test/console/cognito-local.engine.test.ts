/**
 * Signing in to the console against cognito-local, as `npm start` runs it: the pool made with its
 * groups and custom attributes, the demo users seeded, a right and a wrong password, the session
 * token verified into the console user the demo file describes, forged tokens refused, the
 * committee directory, and the pool and sessions kept across a restart.
 */
import { generateKeyPairSync, sign } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clients, localTarget } from "../../functions/commons/clients";
import { buildConsoleAuth, type ConsoleAuth } from "../../functions/console/auth";
import { CognitoUserDirectory, DIRECTORY_TTL_MS } from "../../functions/console/user-directory";
import { createConsoleUser } from "../../functions/console/user-pool";
import { type CognitoLocal, seedUsers, startCognitoLocal } from "../../local/cognito-local";
import { type DemoUser, loadDemoUsers } from "../../local/demo-users";
import { freeLoopbackPort } from "../../local/dynamodb-local";

const demo = loadDemoUsers();
const demoUser = (role: DemoUser["role"]) => {
  const user = demo.find((u) => u.role === role);
  if (!user) throw new Error(`local/demo-users.yaml has no ${role}`);
  return user;
};

describe("console sign-in on cognito-local", () => {
  const dir = mkdtempSync(join(tmpdir(), "hanchot-cognito-"));
  let local: CognitoLocal;
  let auth: ConsoleAuth;
  const send: CognitoLocal["client"]["send"] = (command) => local.client.send(command);

  beforeAll(async () => {
    local = await startCognitoLocal({ dir });
    const seeded = await seedUsers(local.client, local.userPoolId, demo);
    expect(seeded.map((s) => s.outcome)).toEqual(demo.map(() => "created"));
    // As a function configured with COGNITO_ENDPOINT builds it: the JWKS fetched over http.
    auth = await buildConsoleAuth(
      { userPoolId: local.userPoolId, clientId: local.clientId, cognitoEndpoint: local.endpoint },
      local.client,
    );
  });
  afterAll(async () => {
    await local?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("signs the standing body in for an hour; its token is its session", async () => {
    const user = demoUser("standing-body");
    const before = Date.now();
    const result = await auth.signIn(user.email, user.password);
    if (!result.ok) throw new Error(`sign-in refused: ${result.reason}`);
    const minutes = (result.expiresAt.getTime() - before) / 60_000;
    expect(minutes).toBeGreaterThan(58);
    expect(minutes).toBeLessThanOrEqual(60);
    expect(await auth.verify(result.token)).toEqual(result.user);
    // The email as a person types it.
    expect((await auth.signIn(` ${user.email.toUpperCase()} `, user.password)).ok).toBe(true);
  });

  it.each(demo.map((u) => [u.email, u] as const))(
    "%s is the console user the demo file describes",
    async (_, user) => {
      const result = await auth.signIn(user.email, user.password);
      if (!result.ok) throw new Error(`sign-in refused: ${result.reason}`);
      const verified = await auth.verify(result.token);
      expect(verified).toMatchObject({
        email: user.email,
        role: user.role,
        plans: user.plans,
        oversight: user.oversight,
      });
      expect(verified?.id).toMatch(/^[0-9a-f-]{36}$/);
    },
  );

  it("refuses a wrong password and an unknown email alike", async () => {
    const user = demoUser("committee");
    expect(await auth.signIn(user.email, `${user.password}x`)).toEqual({ ok: false, reason: "invalid" });
    expect(await auth.signIn("nobody@longbien.example.org", user.password)).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await auth.signIn(user.email, "")).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a token it did not sign, and one altered after signing", async () => {
    const user = demoUser("standing-body");
    const signedIn = await auth.signIn(user.email, user.password);
    if (!signedIn.ok) throw new Error(signedIn.reason);
    const [header, payload, signature] = signedIn.token.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const widened = Buffer.from(
      JSON.stringify({ ...claims, "custom:plans": "long-bien-2025,hai-phong-2024" }),
    ).toString("base64url");
    expect(await auth.verify(`${header}.${widened}.${signature}`)).toBeUndefined();
    // The same header (cognito-local's key id), issuer and audience, signed with another key.
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const forged = `${header}.${widened}`;
    const forgedSignature = sign("sha256", Buffer.from(forged), privateKey).toString("base64url");
    expect(await auth.verify(`${forged}.${forgedSignature}`)).toBeUndefined();
    expect(await auth.verify("")).toBeUndefined();
  });

  it("lets in no user outside the console groups", async () => {
    const email = "khach@longbien.example.org";
    await send(
      new AdminCreateUserCommand({
        UserPoolId: local.userPoolId,
        Username: email,
        UserAttributes: [{ Name: "email", Value: email }],
        MessageAction: "SUPPRESS",
      }),
    );
    await send(
      new AdminSetUserPasswordCommand({
        UserPoolId: local.userPoolId,
        Username: email,
        Password: "Khach-LongBien-2025!",
        Permanent: true,
      }),
    );
    expect(await auth.signIn(email, "Khach-LongBien-2025!")).toEqual({ ok: false, reason: "no-role" });
  });

  it("asks a user with a temporary password for a new one, then signs them in with it", async () => {
    const email = "moi@longbien.example.org";
    await createConsoleUser(
      local.client,
      local.userPoolId,
      { email, role: "committee", plans: ["long-bien-2025"], oversight: [] },
      { temporary: "Tam-thoi-2025!" },
    );
    expect(await auth.signIn(email, "Tam-thoi-2025!")).toEqual({
      ok: false,
      reason: "new-password-required",
    });
    const changed = await auth.completeNewPassword(email, "Tam-thoi-2025!", "Moi-2025-Rieng!");
    if (!changed.ok) throw new Error(changed.reason);
    expect(changed.user).toMatchObject({ email, role: "committee", plans: ["long-bien-2025"] });
    expect((await auth.signIn(email, "Moi-2025-Rieng!")).ok).toBe(true);
  });

  it("finds a plan's committee members, and reads the pool again after five minutes", async () => {
    let now = new Date("2025-03-20T02:00:00Z");
    const directory = new CognitoUserDirectory({
      cognito: local.client,
      userPoolId: local.userPoolId,
      now: () => now,
    });
    const committee = demoUser("committee");
    const plan = committee.plans[0] ?? "";
    const before = await directory.committeeEmails(plan);
    expect(before).toContain(committee.email);
    expect(before).not.toContain(demoUser("standing-body").email);
    expect(await directory.committeeEmails("ke-hoach-khac")).toEqual([]);

    const added = "thanhvien@longbien.example.org";
    const leaving = "nghiviec@longbien.example.org";
    for (const email of [added, leaving])
      await createConsoleUser(
        local.client,
        local.userPoolId,
        { email, role: "committee", plans: ["ke-hoach-khac", plan], oversight: [] },
        { permanent: "ThanhVien-2025!" },
      );
    await send(new AdminDisableUserCommand({ UserPoolId: local.userPoolId, Username: leaving }));
    now = new Date(now.getTime() + DIRECTORY_TTL_MS - 1000);
    expect(await directory.committeeEmails(plan)).toEqual(before);
    now = new Date(now.getTime() + 1000);
    const after = await directory.committeeEmails(plan);
    expect(after).toEqual([...before, added].sort());
    // A disabled user is not told.
    expect(after).not.toContain(leaving);
  });

  it("brings a demo user changed by hand back to the demo file on the next seeding", async () => {
    const user = demoUser("standing-body");
    await send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: local.userPoolId,
        Username: user.email,
        UserAttributes: [{ Name: "custom:plans", Value: "hai-phong-2024" }],
      }),
    );
    await send(
      new AdminRemoveUserFromGroupCommand({
        UserPoolId: local.userPoolId,
        Username: user.email,
        GroupName: user.role,
      }),
    );
    await send(
      new AdminAddUserToGroupCommand({
        UserPoolId: local.userPoolId,
        Username: user.email,
        GroupName: "viewer",
      }),
    );
    const seeded = await seedUsers(local.client, local.userPoolId, [user]);
    expect(seeded).toEqual([{ email: user.email, outcome: "updated" }]);
    const result = await auth.signIn(user.email, user.password);
    if (!result.ok) throw new Error(result.reason);
    expect(result.user).toMatchObject({ role: user.role, plans: user.plans });
  });

  it("keeps the pool, its users and their sessions across a restart", async () => {
    const user = demoUser("viewer");
    const before = await auth.signIn(user.email, user.password);
    if (!before.ok) throw new Error(before.reason);
    const { userPoolId, clientId, port } = local;
    await local.stop();
    local = await startCognitoLocal({ dir });
    expect({ userPoolId: local.userPoolId, clientId: local.clientId, port: local.port }).toEqual({
      userPoolId,
      clientId,
      port,
    });
    const again = await seedUsers(local.client, local.userPoolId, demo);
    expect(again.map((s) => s.outcome)).toEqual(demo.map(() => "updated"));
    const restarted = await buildConsoleAuth(
      { userPoolId, clientId, cognitoEndpoint: local.endpoint },
      local.client,
    );
    // The same issuer (same port) and key: a session from before the restart is still one.
    expect(await restarted.verify(before.token)).toMatchObject({ email: user.email, role: "viewer" });
    expect((await restarted.signIn(user.email, user.password)).ok).toBe(true);
  });

  it("answers unavailable, not invalid, when the pool does not answer", async () => {
    const nowhere = clients(localTarget({ cognito: `http://127.0.0.1:${await freeLoopbackPort()}` })).cognito;
    const down = await buildConsoleAuth(
      { userPoolId: local.userPoolId, clientId: local.clientId, cognitoEndpoint: local.endpoint },
      nowhere,
    );
    const user = demoUser("committee");
    expect(await down.signIn(user.email, user.password)).toEqual({ ok: false, reason: "unavailable" });
  });
});
