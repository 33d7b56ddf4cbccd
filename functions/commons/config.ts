/** Configuration from the environment, validated once per container. */
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { LinkKeyring } from "../../shared/submission/link-token";

const Env = z.object({
  TABLE_NAME: z.string().min(1),
  /** The public base URL of the web form, for links in pages and messages. */
  PUBLIC_BASE_URL: z.url().default("http://127.0.0.1:3000"),
  /** JSON keyring {"current": id, "keys": {id: base64}} inline, or a file holding it (local runs). */
  LINK_KEYS: z.string().optional(),
  LINK_KEYS_FILE: z.string().optional(),
});

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

export interface AppConfig {
  tableName: string;
  publicBaseUrl: string;
  /** Read on first use: only the functions that sign or verify links are given the keyring. */
  readonly keyring: LinkKeyring;
}

let config: AppConfig | undefined;

export function appConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  if (config) return config;
  const e = Env.parse(env);
  let keyring: LinkKeyring | undefined;
  config = {
    tableName: e.TABLE_NAME,
    publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/$/, ""),
    get keyring() {
      if (keyring) return keyring;
      const json = env.LINK_KEYS ?? (e.LINK_KEYS_FILE ? readFileSync(e.LINK_KEYS_FILE, "utf8") : undefined);
      if (!json) throw new Error("LINK_KEYS or LINK_KEYS_FILE must be set");
      keyring = parseKeyring(json);
      return keyring;
    },
  };
  return config;
}
