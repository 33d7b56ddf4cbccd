import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigError, parseLambdaConfig } from "../../functions/commons/config";

const minimal = { TABLE_NAME: "hanchot", PUBLIC_BASE_URL: "https://form.example.vn/" };

describe("the Lambda configuration", () => {
  it("reads every variable a handler uses", () => {
    expect(
      parseLambdaConfig({
        ...minimal,
        ATTACHMENT_BUCKET: "hanchot-attachments",
        LINK_KEYS_SECRET_ARN: "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:LinkKeys",
        SENDER_EMAIL: "pyt@longbien.example.vn",
        SES_CONFIGURATION_SET: "emails",
        SMS_SENDER_ID: "HANCHOT",
      }),
    ).toEqual({
      tableName: "hanchot",
      publicBaseUrl: "https://form.example.vn",
      attachmentBucket: "hanchot-attachments",
      linkKeys: { secretArn: "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:LinkKeys" },
      email: { from: "pyt@longbien.example.vn", configurationSet: "emails" },
      smsSenderId: "HANCHOT",
    });
  });

  it("has no default public URL: a missing one is named", () => {
    expect(() => parseLambdaConfig({ TABLE_NAME: "hanchot" })).toThrow(ConfigError);
    expect(() => parseLambdaConfig({ TABLE_NAME: "hanchot" })).toThrow("PUBLIC_BASE_URL: is not set");
  });

  it("names each invalid variable", () => {
    const attempt = () =>
      parseLambdaConfig({
        ...minimal,
        PUBLIC_BASE_URL: "form.example.vn",
        SENDER_EMAIL: "not-an-address",
        LINK_KEYS_SECRET_ARN: "LinkKeys",
        SMS_SENDER_ID: "HAN CHOT",
      });
    for (const name of ["PUBLIC_BASE_URL", "SENDER_EMAIL", "LINK_KEYS_SECRET_ARN", "SMS_SENDER_ID"])
      expect(attempt).toThrow(new RegExp(`${name}: `));
    expect(attempt).not.toThrow(/TABLE_NAME/);
  });

  it("takes the keyring from one source only", () => {
    expect(parseLambdaConfig({ ...minimal, LINK_KEYS_FILE: ".local/link-keys.json" }).linkKeys).toEqual({
      file: ".local/link-keys.json",
    });
    expect(() => parseLambdaConfig({ ...minimal, LINK_KEYS: "{}", LINK_KEYS_FILE: "k.json" })).toThrow(
      /only one of LINK_KEYS, LINK_KEYS_FILE and LINK_KEYS_SECRET_ARN/,
    );
  });
});

describe("the console's configuration", () => {
  const pool = { COGNITO_USER_POOL_ID: "ap-southeast-1_AbC123xyz", COGNITO_CLIENT_ID: "4h2k9example0client" };
  const secretArn = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:ConsoleSecret-AbCdEf";
  const KEYRING = JSON.stringify({ current: "local-1", keys: { "local-1": "a".repeat(44) } });

  it("reads the user pool, its app client and the CSRF key's secret (AWS)", () => {
    expect(
      parseLambdaConfig({
        ...minimal,
        ...pool,
        CONSOLE_SECRET_ARN: secretArn,
        LIFECYCLE_STATE_MACHINE_ARN: "arn:aws:states:ap-southeast-1:123456789012:stateMachine:Lifecycle",
      }),
    ).toMatchObject({
      console: {
        userPoolId: "ap-southeast-1_AbC123xyz",
        clientId: "4h2k9example0client",
        secret: { secretArn },
      },
      lifecycleStateMachineArn: "arn:aws:states:ap-southeast-1:123456789012:stateMachine:Lifecycle",
    });
  });

  it("reads cognito-local's address and an inline key (local runs)", () => {
    const config = parseLambdaConfig({
      ...minimal,
      COGNITO_USER_POOL_ID: "local_2a48LeFJ",
      COGNITO_CLIENT_ID: "55bd5ozadvaak0jkm2fz62m1x",
      COGNITO_ENDPOINT: "http://127.0.0.1:34201/",
      CONSOLE_SECRET: KEYRING,
    });
    expect(config.console).toEqual({
      userPoolId: "local_2a48LeFJ",
      clientId: "55bd5ozadvaak0jkm2fz62m1x",
      cognitoEndpoint: "http://127.0.0.1:34201",
      secret: { inline: KEYRING },
    });
  });

  it("has no console where none of its variables is set", () => {
    const config = parseLambdaConfig(minimal);
    expect(config).not.toHaveProperty("console");
    expect(config).not.toHaveProperty("lifecycleStateMachineArn");
  });

  it.each([
    [{ COGNITO_USER_POOL_ID: pool.COGNITO_USER_POOL_ID, CONSOLE_SECRET_ARN: secretArn }, "COGNITO_CLIENT_ID"],
    [{ COGNITO_CLIENT_ID: pool.COGNITO_CLIENT_ID, CONSOLE_SECRET_ARN: secretArn }, "COGNITO_USER_POOL_ID"],
    [pool, "CONSOLE_SECRET or CONSOLE_SECRET_ARN"],
    [{ CONSOLE_SECRET_ARN: secretArn }, "COGNITO_USER_POOL_ID, COGNITO_CLIENT_ID"],
  ])("names what the console still needs: %o", (env, missing) => {
    expect(() => parseLambdaConfig({ ...minimal, ...env })).toThrow(`the console needs ${missing} (given: `);
  });

  it("takes the CSRF key from one source only", () => {
    expect(() =>
      parseLambdaConfig({
        ...minimal,
        ...pool,
        CONSOLE_SECRET: KEYRING,
        CONSOLE_SECRET_ARN: secretArn,
      }),
    ).toThrow("set only one of CONSOLE_SECRET and CONSOLE_SECRET_ARN");
  });

  it("names each invalid console variable", () => {
    const attempt = () =>
      parseLambdaConfig({
        ...minimal,
        COGNITO_USER_POOL_ID: "AbC123",
        COGNITO_CLIENT_ID: "not a client id",
        COGNITO_ENDPOINT: "127.0.0.1:9229",
        CONSOLE_SECRET: JSON.stringify({ current: "k1", k1: "short" }),
        LIFECYCLE_STATE_MACHINE_ARN: "arn:aws:lambda:ap-southeast-1:123456789012:function:x",
      });
    for (const name of [
      "COGNITO_USER_POOL_ID",
      "COGNITO_CLIENT_ID",
      "COGNITO_ENDPOINT",
      "CONSOLE_SECRET",
      "LIFECYCLE_STATE_MACHINE_ARN",
    ])
      expect(attempt).toThrow(new RegExp(`${name}: `));
  });
});

describe("a function deployed without its configuration", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it.each(["submission-form", "submission-api", "short-link", "lifecycle-steps"])(
    "%s fails its cold start, naming the missing variable",
    async (name) => {
      vi.stubEnv("AWS_LAMBDA_FUNCTION_NAME", `hanchot-${name}`);
      vi.stubEnv("TABLE_NAME", "hanchot");
      vi.stubEnv("PUBLIC_BASE_URL", undefined);
      vi.resetModules();
      await expect(import(`../../functions/${name}/handler.ts`)).rejects.toThrow(
        "PUBLIC_BASE_URL: is not set",
      );
    },
  );
});
