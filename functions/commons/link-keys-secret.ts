/**
 * The link keyring of a function, from its source: inline or a file (local runs), or in AWS a
 * Secrets Manager secret, read once per container before the first invocation (the middy
 * middleware below) and kept in this object, never written to the environment. Rotating the
 * secret (and a new container) revokes links signed with keys it no longer holds.
 */
import { GetSecretValueCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type middy from "@middy/core";
import type { LinkKeyring } from "../../shared/submission/link-token";
import { lambdaClients } from "./clients";
import { type LinkKeysSource, lambdaConfig, parseKeyring, readKeyringSource } from "./config";

export class LinkKeys {
  #keyring: LinkKeyring | undefined;
  #loading: Promise<void> | undefined;

  constructor(
    private readonly source: LinkKeysSource | undefined,
    private readonly secrets: () => SecretsManagerClient,
  ) {}

  /** Reads the secret, once; concurrent callers share the one read, a failed read is tried again. */
  async load(): Promise<void> {
    const source = this.source;
    if (this.#keyring || !source || !("secretArn" in source)) return;
    this.#loading ??= this.secrets()
      .send(new GetSecretValueCommand({ SecretId: source.secretArn }))
      .then((out) => {
        if (!out.SecretString) throw new Error("the link key secret is empty");
        this.#keyring = parseKeyring(out.SecretString);
      });
    await this.#loading.catch((err) => {
      this.#loading = undefined;
      throw err;
    });
  }

  /** Read on first use: only the functions that sign or verify links are given a source. */
  get keyring(): LinkKeyring {
    if (this.#keyring) return this.#keyring;
    if (!this.source)
      throw new Error(
        "this function has no link keyring (LINK_KEYS, LINK_KEYS_FILE or LINK_KEYS_SECRET_ARN)",
      );
    if ("secretArn" in this.source) throw new Error("the link keyring secret was not loaded");
    this.#keyring = readKeyringSource(this.source);
    return this.#keyring;
  }
}

let container: LinkKeys | undefined;

/** The container's keyring, from its configuration. */
export function lambdaLinkKeys(): LinkKeys {
  container ??= new LinkKeys(lambdaConfig().linkKeys, () => lambdaClients().secretsManager);
  return container;
}

/** Before the first invocation: the configuration validated and the keyring secret read. */
export function linkKeysFromSecret(keys: () => LinkKeys = lambdaLinkKeys): middy.MiddlewareObj {
  return {
    before: async () => {
      await keys().load();
    },
  };
}
