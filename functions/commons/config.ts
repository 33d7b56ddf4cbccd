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
  /** The console's user pool (Cognito) and its app client: both or neither. */
  COGNITO_USER_POOL_ID: z
    .string()
    .regex(/^[\w-]+_[0-9a-zA-Z]+$/, "must be a user pool id such as ap-southeast-1_AbC123")
    .optional(),
  COGNITO_CLIENT_ID: z
    .string()
    .regex(/^[\w+]{1,128}$/, "must be an app client id")
    .optional(),
  /** Local runs only: cognito-local's address. In AWS the SDK finds Cognito from the region. */
  COGNITO_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  /** The console's CSRF keyring (the link keyring's JSON shape): inline (local runs) or a Secrets Manager secret (AWS). */
  CONSOLE_SECRET: z
    .string()
    .refine((v) => {
      try {
        parseKeyring(v);
        return true;
      } catch {
        return false;
      }
    }, 'must be a keyring: {"current": "k1", "k1": "<base64 key, 40 characters or more>"}')
    .optional(),
  CONSOLE_SECRET_ARN: z
    .string()
    .regex(/^arn:aws[a-z-]*:secretsmanager:/, "must be a Secrets Manager ARN")
    .optional(),
  /**
   * The lifecycle steps' user pool, without the console's sign-in: escalations also go to the
   * plan's committee members (a pool's group), read from it.
   */
  COMMITTEE_USER_POOL_ID: z
    .string()
    .regex(/^[\w-]+_[0-9a-zA-Z]+$/, "must be a user pool id such as ap-southeast-1_AbC123")
    .optional(),
  /** The deadline-lifecycle state machine, for the console's restart of a deadline's lifecycle. */
  LIFECYCLE_STATE_MACHINE_ARN: z
    .string()
    .regex(/^arn:aws[a-z-]*:states:/, "must be a Step Functions state machine ARN")
    .optional(),
  /** The plan-calendar state machine, started by the console when it publishes a plan. */
  PLAN_CALENDAR_STATE_MACHINE_ARN: z
    .string()
    .regex(/^arn:aws[a-z-]*:states:/, "must be a Step Functions state machine ARN")
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
  /** Absent where the function has no console (everything but the console handler). */
  console?: ConsoleConfig;
  lifecycleStateMachineArn?: string;
  planCalendarStateMachineArn?: string;
  /** Where the committee's console users are listed (the lifecycle steps' escalations). */
  committeeUserPoolId?: string;
}

/** Where the console's CSRF key comes from. */
export type ConsoleSecretSource = { inline: string } | { secretArn: string };

export interface ConsoleConfig {
  userPoolId: string;
  clientId: string;
  /** cognito-local's address (local runs); absent in AWS. */
  cognitoEndpoint?: string;
  secret: ConsoleSecretSource;
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
  const consoleSettings = consoleConfig(e);
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
    ...(consoleSettings && { console: consoleSettings }),
    ...(e.LIFECYCLE_STATE_MACHINE_ARN && { lifecycleStateMachineArn: e.LIFECYCLE_STATE_MACHINE_ARN }),
    ...(e.COMMITTEE_USER_POOL_ID && { committeeUserPoolId: e.COMMITTEE_USER_POOL_ID }),
    ...(e.PLAN_CALENDAR_STATE_MACHINE_ARN && {
      planCalendarStateMachineArn: e.PLAN_CALENDAR_STATE_MACHINE_ARN,
    }),
  };
}

/** The console's settings, all or none: a pool without its client or its CSRF key is a mistake. */
function consoleConfig(e: z.output<typeof LambdaEnv>): ConsoleConfig | undefined {
  const given = CONSOLE_VARIABLES.filter((name) => e[name] !== undefined);
  if (given.length === 0) return undefined;
  if (e.CONSOLE_SECRET !== undefined && e.CONSOLE_SECRET_ARN !== undefined)
    throw new ConfigError("invalid configuration: set only one of CONSOLE_SECRET and CONSOLE_SECRET_ARN");
  const secret: ConsoleSecretSource | undefined =
    e.CONSOLE_SECRET !== undefined
      ? { inline: e.CONSOLE_SECRET }
      : e.CONSOLE_SECRET_ARN !== undefined
        ? { secretArn: e.CONSOLE_SECRET_ARN }
        : undefined;
  const { COGNITO_USER_POOL_ID: userPoolId, COGNITO_CLIENT_ID: clientId } = e;
  if (userPoolId === undefined || clientId === undefined || secret === undefined) {
    const missing = [
      userPoolId === undefined && "COGNITO_USER_POOL_ID",
      clientId === undefined && "COGNITO_CLIENT_ID",
      secret === undefined && "CONSOLE_SECRET or CONSOLE_SECRET_ARN",
    ].filter(Boolean);
    throw new ConfigError(
      `invalid configuration: the console needs ${missing.join(", ")} (given: ${given.join(", ")})`,
    );
  }
  return {
    userPoolId,
    clientId,
    ...(e.COGNITO_ENDPOINT && { cognitoEndpoint: e.COGNITO_ENDPOINT.replace(/\/$/, "") }),
    secret,
  };
}

const CONSOLE_VARIABLES = [
  "COGNITO_USER_POOL_ID",
  "COGNITO_CLIENT_ID",
  "COGNITO_ENDPOINT",
  "CONSOLE_SECRET",
  "CONSOLE_SECRET_ARN",
] as const;

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
