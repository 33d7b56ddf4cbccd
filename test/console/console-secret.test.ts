/**
 * The console's CSRF key: inline for local runs, or read once from Secrets Manager (no local
 * engine for it, so its client is mocked), a failed read tried again, a short key refused.
 */
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { ConsoleSecret } from "../../functions/console/console-secret";

const sm = mockClient(SecretsManagerClient);
afterEach(() => sm.reset());

const ARN = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:ConsoleSecret";
const secrets = () => new SecretsManagerClient({ region: "ap-southeast-1" });
const GENERATED = "Zk3#pQ9!vR2$wX7&yB4^cN8*dM1(eL6)fK5";

describe("the console secret", () => {
  it("is read once from Secrets Manager, whoever asks at the same time", async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: GENERATED });
    const secret = new ConsoleSecret({ secretArn: ARN }, secrets);
    expect(() => secret.key).toThrow(/not loaded/);
    await Promise.all([secret.load(), secret.load()]);
    await secret.load();
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(sm.commandCalls(GetSecretValueCommand)[0]?.args[0].input.SecretId).toBe(ARN);
    expect(secret.key).toEqual(Buffer.from(GENERATED));
  });

  it("is read again when the first read failed", async () => {
    sm.on(GetSecretValueCommand).rejectsOnce(new Error("throttled")).resolves({ SecretString: GENERATED });
    const secret = new ConsoleSecret({ secretArn: ARN }, secrets);
    await expect(secret.load()).rejects.toThrow("throttled");
    await secret.load();
    expect(secret.key).toEqual(Buffer.from(GENERATED));
  });

  it("refuses a key shorter than 32 characters, from either source", async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: "short" });
    await expect(new ConsoleSecret({ secretArn: ARN }, secrets).load()).rejects.toThrow(/too short/);
    expect(() => new ConsoleSecret({ inline: "x".repeat(31) }, secrets).key).toThrow(/too short/);
    expect(new ConsoleSecret({ inline: "x".repeat(32) }, secrets).key).toHaveLength(32);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });
});
