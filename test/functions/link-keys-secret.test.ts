import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { parseKeyring } from "../../functions/commons/config";
import { linkKeysFromSecret } from "../../functions/commons/link-keys-secret";

const sm = mockClient(SecretsManagerClient);
afterEach(() => {
  sm.reset();
  delete process.env.LINK_KEYS;
  delete process.env.LINK_KEYS_SECRET_ARN;
});

describe("the link keyring from Secrets Manager", () => {
  it("is read once, before the first invocation, in the shape Secrets Manager generates", async () => {
    const generated = JSON.stringify({ current: "k1", k1: "a".repeat(64) });
    sm.on(GetSecretValueCommand).resolves({ SecretString: generated });
    process.env.LINK_KEYS_SECRET_ARN = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:LinkKeys";
    const middleware = linkKeysFromSecret(new SecretsManagerClient({ region: "ap-southeast-1" }));
    await middleware.before?.({} as never);
    await middleware.before?.({} as never);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(process.env.LINK_KEYS).toBe(generated);
    const keyring = parseKeyring(generated);
    expect(keyring.current).toBe("k1");
    expect(keyring.keys.k1?.length).toBe(48);
  });

  it("refuses a keyring whose current key is missing or too short", () => {
    expect(() => parseKeyring(JSON.stringify({ current: "k2", k1: "a".repeat(64) }))).toThrow(/k2/);
    expect(() => parseKeyring(JSON.stringify({ current: "k1", k1: "short" }))).toThrow(/too short/);
  });
});
