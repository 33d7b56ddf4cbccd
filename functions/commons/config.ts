/**
 * The Lambda functions' configuration: every environment variable a handler reads, validated here
 * once per container (nothing else reads process.env). A missing or invalid variable stops the
 * function before it serves anything, with a message that names the variable.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { LinkKeyring } from "../../shared/submission/link-token";

const LambdaEnv = z.object({
  TABLE_NAME: z.string().min(1),
  /** The public base URL of the web form, for links in pages and messages: no default, a link to localhost helps nobody. */
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }),
  /** Where attachments go; without it file fields cannot be filled (the form says so). */
  ATTACHMENT_BUCKET: z.string().min(3).optional(),
  /** The link keyring: inline JSON, a file holding it (local runs), or a secret (AWS). */
  LINK_KEYS: z.string().min(1).optional(),
  LINK_KEYS_FILE: z.string().min(1).optional(),
  LINK_KEYS_SECRET_ARN: z
    .string()
    .regex(/^arn:aws[a-z-]*:secretsmanager:/, "must be a Secrets Manager ARN")
    .optional(),
  /** The verified SES identity reminders are sent from (the lifecycle steps need it). */
  SENDER_EMAIL: z.email().optional(),
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /** A registered alphanumeric SMS sender ID (brand name). */
  SMS_SENDER_ID: z
    .string()
    .regex(/^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/, "must be 1 to 11 letters or digits, at least one letter")
    .optional(),
});

/** Where the link keyring comes from. */
export type LinkKeysSource = { inline: string } | { file: string } | { secretArn: string };

export interface LambdaConfig {
  tableName: string;
  publicBaseUrl: string;
  attachmentBucket?: string;
  /** Absent where the function neither signs nor verifies links. */
  linkKeys?: LinkKeysSource;
  email?: { from: string; configurationSet?: string };
  smsSenderId?: string;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** The configuration in `env`, or a ConfigError naming each missing or invalid variable. */
export function parseLambdaConfig(env: Record<string, string | undefined>): LambdaConfig {
  const parsed = LambdaEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.join(".")}: ${env[String(i.path[0])] === undefined ? "is not set" : i.message}`,
    );
    throw new ConfigError(`invalid configuration: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  const sources = [e.LINK_KEYS, e.LINK_KEYS_FILE, e.LINK_KEYS_SECRET_ARN].filter((v) => v !== undefined);
  if (sources.length > 1)
    throw new ConfigError(
      "invalid configuration: set only one of LINK_KEYS, LINK_KEYS_FILE and LINK_KEYS_SECRET_ARN",
    );
  const linkKeys: LinkKeysSource | undefined = e.LINK_KEYS
    ? { inline: e.LINK_KEYS }
    : e.LINK_KEYS_FILE
      ? { file: e.LINK_KEYS_FILE }
      : e.LINK_KEYS_SECRET_ARN
        ? { secretArn: e.LINK_KEYS_SECRET_ARN }
        : undefined;
  return {
    tableName: e.TABLE_NAME,
    publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/$/, ""),
    ...(e.ATTACHMENT_BUCKET && { attachmentBucket: e.ATTACHMENT_BUCKET }),
    ...(linkKeys && { linkKeys }),
    ...(e.SENDER_EMAIL && {
      email: {
        from: e.SENDER_EMAIL,
        ...(e.SES_CONFIGURATION_SET && { configurationSet: e.SES_CONFIGURATION_SET }),
      },
    }),
    ...(e.SMS_SENDER_ID && { smsSenderId: e.SMS_SENDER_ID }),
  };
}

/** In a Lambda container (set by the runtime): handlers then build their dependencies at init. */
export function inLambdaContainer(): boolean {
  return process.env.AWS_LAMBDA_FUNCTION_NAME !== undefined;
}

let config: LambdaConfig | undefined;

/** The container's configuration, read from the environment on first use and kept. */
export function lambdaConfig(): LambdaConfig {
  config ??= parseLambdaConfig(process.env);
  return config;
}

const Keyring = z.union([
  z.object({ current: z.string().min(1), keys: z.record(z.string(), z.string().min(40)) }),
  // As Secrets Manager generates it: {"current": "k1", "k1": "<random>"}.
  z
    .record(z.string(), z.string())
    .refine((r) => typeof r.current === "string", "current is missing")
    .transform((r) => {
      const { current = "", ...keys } = r;
      return { current, keys };
    }),
]);

export function parseKeyring(json: string): LinkKeyring {
  const parsed = Keyring.parse(JSON.parse(json));
  for (const [id, secret] of Object.entries(parsed.keys)) {
    if (secret.length < 40) throw new Error(`link key "${id}" is too short (at least 40 characters)`);
  }
  if (!Object.hasOwn(parsed.keys, parsed.current))
    throw new Error(`link key "${parsed.current}" is not in the keyring`);
  return {
    current: parsed.current,
    keys: Object.fromEntries(
      Object.entries(parsed.keys).map(([id, b64]) => [id, Buffer.from(b64, "base64")]),
    ),
  };
}

/** The keyring of an inline or file source (a secret is read by LinkKeys, asynchronously). */
export function readKeyringSource(source: { inline: string } | { file: string }): LinkKeyring {
  return parseKeyring("inline" in source ? source.inline : readFileSync(source.file, "utf8"));
}
