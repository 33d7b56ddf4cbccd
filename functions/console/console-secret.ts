/**
 * The console's CSRF keyring (functions/console/session.ts), in the link keyring's shape
 * ({"current": "k1", "k1": "<base64, 40 characters or more>"}, as Secrets Manager generates it, or
 * {"current": …, "keys": {…}}): inline for local runs (CONSOLE_SECRET), in AWS a Secrets Manager
 * secret (CONSOLE_SECRET_ARN) read once per container before the first request, kept in this
 * object and never written to the environment. Rotating it (add a key, make it current, remove the
 * old one an hour later) keeps the CSRF tokens of open pages valid.
 */
import { GetSecretValueCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { type ConsoleSecretSource, parseKeyring } from "../commons/config";
import type { CsrfKeyring } from "./session";

export class ConsoleSecret {
  #keyring: CsrfKeyring | undefined;
  #loading: Promise<void> | undefined;

  constructor(
    private readonly source: ConsoleSecretSource,
    private readonly secrets: () => SecretsManagerClient,
  ) {}

  /** Reads the secret, once; concurrent callers share the one read, a failed read is tried again. */
  async load(): Promise<void> {
    const source = this.source;
    if (this.#keyring || !("secretArn" in source)) return;
    this.#loading ??= this.secrets()
      .send(new GetSecretValueCommand({ SecretId: source.secretArn }))
      .then((out) => {
        if (!out.SecretString) throw new Error("the console secret is empty");
        this.#keyring = parseKeyring(out.SecretString);
      });
    await this.#loading.catch((err) => {
      this.#loading = undefined;
      throw err;
    });
  }

  get keyring(): CsrfKeyring {
    if (this.#keyring) return this.#keyring;
    if ("secretArn" in this.source) throw new Error("the console secret was not loaded");
    this.#keyring = parseKeyring(this.source.inline);
    return this.#keyring;
  }
}
