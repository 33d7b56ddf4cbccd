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
