/**
 * The console's CSRF keyring: inline for local runs, or read once from Secrets Manager in the
 * shape the CDK app generates it (no local engine for it, so its client is mocked), a failed read
 * tried again, a short key refused.
 */
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { ConsoleSecret } from "../../functions/console/console-secret";

const sm = mockClient(SecretsManagerClient);
afterEach(() => sm.reset());

const ARN = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:ConsoleSecret";
const secrets = () => new SecretsManagerClient({ region: "ap-southeast-1" });
// As the CDK app's secret generates it: 64 letters and digits (no punctuation) under k1.
const KEY = "Zk3pQ9vR2wX7yB4cN8dM1eL6fK5aJ0hG".repeat(2);
const GENERATED = JSON.stringify({ current: "k1", k1: KEY });

describe("the console's CSRF keyring", () => {
  it("is read once from Secrets Manager, whoever asks at the same time", async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: GENERATED });
    const secret = new ConsoleSecret({ secretArn: ARN }, secrets);
    expect(() => secret.keyring).toThrow(/not loaded/);
    await Promise.all([secret.load(), secret.load()]);
    await secret.load();
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(sm.commandCalls(GetSecretValueCommand)[0]?.args[0].input.SecretId).toBe(ARN);
    expect(secret.keyring).toEqual({ current: "k1", keys: { k1: Buffer.from(KEY, "base64") } });
    expect(JSON.stringify(process.env)).not.toContain(KEY);
  });

  it("is read again when the first read failed", async () => {
    sm.on(GetSecretValueCommand).rejectsOnce(new Error("throttled")).resolves({ SecretString: GENERATED });
    const secret = new ConsoleSecret({ secretArn: ARN }, secrets);
    await expect(secret.load()).rejects.toThrow("throttled");
    await secret.load();
    expect(secret.keyring.current).toBe("k1");
  });

  it("refuses a short key or a current key the keyring lacks, from either source", async () => {
    sm.on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: JSON.stringify({ current: "k1", k1: "c2hvcnQ=" }) })
      .resolvesOnce({ SecretString: JSON.stringify({ current: "k2", k1: KEY }) });
    await expect(new ConsoleSecret({ secretArn: ARN }, secrets).load()).rejects.toThrow(/too short/);
    await expect(new ConsoleSecret({ secretArn: ARN }, secrets).load()).rejects.toThrow(
      /"k2" is not in the keyring/,
    );
    expect(
      () => new ConsoleSecret({ inline: JSON.stringify({ current: "k1", k1: "c2hvcnQ=" }) }, secrets).keyring,
    ).toThrow(/too short/);
    const inline = new ConsoleSecret({ inline: GENERATED }, secrets);
    expect(inline.keyring.keys.k1).toHaveLength(48);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });
});
