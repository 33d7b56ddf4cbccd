import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { parseKeyring } from "../../functions/commons/config";
import { LinkKeys, linkKeysFromSecret } from "../../functions/commons/link-keys-secret";

const sm = mockClient(SecretsManagerClient);
afterEach(() => sm.reset());

const ARN = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:LinkKeys";
const secrets = () => new SecretsManagerClient({ region: "ap-southeast-1" });

describe("the link keyring from Secrets Manager", () => {
  it("is read once, before the first invocation, in the shape Secrets Manager generates, and kept out of the environment", async () => {
    const generated = JSON.stringify({ current: "k1", k1: "a".repeat(64) });
    sm.on(GetSecretValueCommand).resolves({ SecretString: generated });
    const keys = new LinkKeys({ secretArn: ARN }, secrets);
    const middleware = linkKeysFromSecret(() => keys);
    await Promise.all([middleware.before?.({} as never), middleware.before?.({} as never)]);
    await middleware.before?.({} as never);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(sm.commandCalls(GetSecretValueCommand)[0]?.args[0].input.SecretId).toBe(ARN);
    expect(keys.keyring.current).toBe("k1");
    expect(keys.keyring.keys.k1).toEqual(Buffer.from("a".repeat(64), "base64"));
    expect(JSON.stringify(process.env)).not.toContain("a".repeat(64));
  });

  it("is read again on the next invocation when the first read failed", async () => {
    sm.on(GetSecretValueCommand)
      .rejectsOnce(new Error("throttled"))
      .resolves({ SecretString: JSON.stringify({ current: "k1", k1: "b".repeat(64) }) });
    const keys = new LinkKeys({ secretArn: ARN }, secrets);
    await expect(keys.load()).rejects.toThrow("throttled");
    expect(() => keys.keyring).toThrow(/not loaded/);
    await keys.load();
    expect(keys.keyring.current).toBe("k1");
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it("comes from a file or inline JSON without Secrets Manager", async () => {
    const json = JSON.stringify({ current: "f1", keys: { f1: "c".repeat(64) } });
    const file = join(mkdtempSync(join(tmpdir(), "hanchot-keys-")), "link-keys.json");
    writeFileSync(file, json);
    for (const keys of [new LinkKeys({ file }, secrets), new LinkKeys({ inline: json }, secrets)]) {
      await keys.load();
      expect(keys.keyring.current).toBe("f1");
    }
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it("is refused by a function given no source, with the variables to set", () => {
    expect(() => new LinkKeys(undefined, secrets).keyring).toThrow(/LINK_KEYS_SECRET_ARN/);
  });

  it("refuses a keyring whose current key is missing or too short", () => {
    expect(() => parseKeyring(JSON.stringify({ current: "k2", k1: "a".repeat(64) }))).toThrow(/k2/);
    expect(() => parseKeyring(JSON.stringify({ current: "k1", k1: "short" }))).toThrow(/too short/);
  });
});
