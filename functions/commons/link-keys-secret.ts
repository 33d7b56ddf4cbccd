/**
 * In AWS the link keyring lives in Secrets Manager (LINK_KEYS_SECRET_ARN); this middy middleware
 * reads it once per container, before the first invocation, into LINK_KEYS, which appConfig reads.
 * Rotating the secret (and a new container) revokes links signed with keys it no longer holds.
 */
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type middy from "@middy/core";
import { clientConfig } from "./clients";

let loading: Promise<void> | undefined;

export function linkKeysFromSecret(client = new SecretsManagerClient(clientConfig())): middy.MiddlewareObj {
  return {
    before: async () => {
      const arn = process.env.LINK_KEYS_SECRET_ARN;
      if (process.env.LINK_KEYS || !arn) return;
      loading ??= client.send(new GetSecretValueCommand({ SecretId: arn })).then((out) => {
        if (!out.SecretString) throw new Error("the link key secret is empty");
        process.env.LINK_KEYS = out.SecretString;
      });
      await loading.catch((err) => {
        loading = undefined;
        throw err;
      });
    },
  };
}
