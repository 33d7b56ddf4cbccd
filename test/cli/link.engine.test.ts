/**
 * `npm run link`: re-issuing a unit's personal link. The printed link is opened with the web form
 * handler on DynamoDB Local; the deployed mode reads the keyring from Secrets Manager, which has
 * no local engine here, so its client is mocked.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { issuePersonalLink, LinkRefused } from "../../cli/personal-link";
import { expectationEntity } from "../../functions/data/entities/expectation";
import { parseInstanceId } from "../../shared/calendar/instance-id";
import { getForm, submissionApp } from "../support/submission-app";

const FIXTURE = "test/fixtures/all-rules.yaml";
const ID = "thu-nghiem:ke-hoach:2025:to-1";
const URL_LINE = /^http:\/\/127\.0\.0\.1:3000\/f\/(\S+)$/m;

function link(...args: string[]) {
  const run = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "cli/link.ts", ...args], {
    encoding: "utf8",
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("npm run link", () => {
  let app: Awaited<ReturnType<typeof submissionApp>>;
  let keysFile: string;
  beforeEach(async () => {
    app = await submissionApp(FIXTURE);
    // The keyring as the local stack keeps it in .local/link-keys.json.
    keysFile = join(mkdtempSync(join(tmpdir(), "hanchot-link-")), "link-keys.json");
    const keys = Object.fromEntries(
      Object.entries(app.keyring.keys).map(([id, k]) => [id, k.toString("base64")]),
    );
    writeFileSync(keysFile, JSON.stringify({ current: app.keyring.current, keys }));
  });
  const open = (token: string) => getForm(app.form, token);

  it("prints a personal link that opens the unit's form, and its expiry in Vietnam time", async () => {
    const run = link("--plan", FIXTURE, "--instance", ID, "--keys", keysFile);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Tổ dân phố 1 — Xây dựng kế hoạch");
    // The cut-off as the reminder emails word it: 19/01/2025 is a Sunday.
    expect(run.stdout).toContain(
      "kỳ năm 2025, hạn chót: 23:59 Chủ nhật 19/01/2025 — ngày làm việc cuối: thứ Sáu 17/01\n",
    );
    expect(run.stdout).toMatch(/dùng được đến \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4} \(giờ Việt Nam\)/);
    const token = decodeURIComponent(URL_LINE.exec(run.stdout)?.[1] ?? "");
    const res = await open(token);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Tổ dân phố 1");
  });

  it("takes the unit, obligation and period instead of the instance id", async () => {
    const run = link(
      "--plan",
      FIXTURE,
      "--unit",
      "to-1",
      "--obligation",
      "ke-hoach",
      "--period",
      "2025",
      "--keys",
      keysFile,
    );
    expect(run.code, run.stderr).toBe(0);
    expect((await open(decodeURIComponent(URL_LINE.exec(run.stdout)?.[1] ?? ""))).statusCode).toBe(200);
  });

  it.each([
    ["an unknown instance", ["--instance", "thu-nghiem:khong-co:2025:to-1"], "không có hạn nào"],
    ["a unit not expected for it", ["--instance", "thu-nghiem:ke-hoach:2025:tyt"], "không phải nộp"],
    ["another plan's instance", ["--instance", "long-bien-2025:ke-hoach:2025:to-1"], "thuộc kế hoạch"],
  ])("refuses %s in Vietnamese, printing no link", (_, args, message) => {
    const run = link("--plan", FIXTURE, ...args, "--keys", keysFile);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(message);
    expect(run.stdout).not.toContain("/f/");
  });

  it("refuses to sign without a keyring", () => {
    const run = link("--plan", FIXTURE, "--instance", ID, "--keys", join(tmpdir(), "khong-co-khoa.json"));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("không có khóa ký đường dẫn");
    expect(run.stdout).not.toContain("/f/");
  });

  describe("against a deployed stack (the table on DynamoDB Local, the keyring in Secrets Manager)", () => {
    const secrets = mockClient(SecretsManagerClient);
    afterEach(() => secrets.reset());
    const ARN = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:LinkKeys";
    const issue = (instanceId: string) =>
      issuePersonalLink({
        instanceId,
        deadlines: { plan: app.plan, data: app.data },
        keys: { secretArn: ARN, secrets: new SecretsManagerClient({ region: "ap-southeast-1" }) },
        baseUrl: "http://127.0.0.1:3000/",
        now: app.clock.now,
      });

    it("signs with the secret's current key a link the form opens", async () => {
      // The shape Secrets Manager generates: {"current": id, id: secret}.
      const k1 = app.keyring.keys.k1?.toString("base64") ?? "";
      secrets
        .on(GetSecretValueCommand, { SecretId: ARN })
        .resolves({ SecretString: JSON.stringify({ current: "k1", k1 }) });
      const issued = await issue(ID);
      const token = decodeURIComponent(URL_LINE.exec(issued.url)?.[1] ?? "");
      expect((await open(token)).statusCode).toBe(200);
    });

    it("gives a unit its own later cut-off, and a link that lives 90 days past it", async () => {
      const k1 = app.keyring.keys.k1?.toString("base64") ?? "";
      secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ current: "k1", k1 }) });
      // to-1 alone was given until 23:59 on Monday 03/02/2025 (an extension from the console).
      const extendedTo = "2025-02-04T00:00:00+07:00";
      await app.doc.send(
        new UpdateCommand({
          TableName: app.tableName,
          Key: expectationEntity.key(
            parseInstanceId(ID) ?? { planId: "", obligationId: "", period: "", unitId: "" },
          ),
          UpdateExpression: "SET extendedTo = :ext",
          ExpressionAttributeValues: { ":ext": extendedTo },
        }),
      );
      const issued = await issue(ID);
      expect(issued.dueAt).toBe(extendedTo);
      expect(issued.expiresAt).toBe(Date.parse(extendedTo) / 1000 + 90 * 86_400);
    });

    it("refuses an instance the table does not hold, before reading the keyring", async () => {
      await expect(issue("thu-nghiem:ke-hoach:2024:to-1")).rejects.toThrow(LinkRefused);
      expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(0);
    });
  });
});
