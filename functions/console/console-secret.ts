/**
 * The console's CSRF key (functions/console/session.ts): inline for local runs (CONSOLE_SECRET),
 * in AWS a Secrets Manager secret (CONSOLE_SECRET_ARN) read once per container before the first
 * request, kept in this object and never written to the environment. Rotating it invalidates the
 * CSRF tokens of open pages, which then ask the user to reload: nothing else depends on it.
 */
import { GetSecretValueCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { ConsoleSecretSource } from "../commons/config";

/** Shorter keys are refused: an HMAC key should be as long as the hash (32 bytes). */
export const MIN_SECRET_LENGTH = 32;

export class ConsoleSecret {
  #key: Buffer | undefined;
  #loading: Promise<void> | undefined;

  constructor(
    private readonly source: ConsoleSecretSource,
    private readonly secrets: () => SecretsManagerClient,
  ) {}

  /** Reads the secret, once; concurrent callers share the one read, a failed read is tried again. */
  async load(): Promise<void> {
    const source = this.source;
    if (this.#key || !("secretArn" in source)) return;
    this.#loading ??= this.secrets()
      .send(new GetSecretValueCommand({ SecretId: source.secretArn }))
      .then((out) => {
        this.#key = keyOf(out.SecretString ?? "");
      });
    await this.#loading.catch((err) => {
      this.#loading = undefined;
      throw err;
    });
  }

  get key(): Buffer {
    if (this.#key) return this.#key;
    if ("secretArn" in this.source) throw new Error("the console secret was not loaded");
    this.#key = keyOf(this.source.inline);
    return this.#key;
  }
}

function keyOf(secret: string): Buffer {
  if (secret.length < MIN_SECRET_LENGTH)
    throw new Error(`the console secret is too short (at least ${MIN_SECRET_LENGTH} characters)`);
  return Buffer.from(secret, "utf8");
}
