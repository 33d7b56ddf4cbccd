/**
 * The composition root of the lifecycle steps: their dependencies from the configuration (table,
 * link keys, sender identity, SMS sender ID, public URL) and the clients, built once per container.
 */
import { dataLayer } from "../data";
import type { LifecycleDeps } from "../use-cases/lifecycle";
import { type Clients, lambdaClients } from "./clients";
import { ConfigError, type LambdaConfig, lambdaConfig } from "./config";
import { type LinkKeys, lambdaLinkKeys } from "./link-keys-secret";
import { SesEmailSender, SnsSmsSender } from "./notifications";

export function buildLifecycleDeps(
  config: LambdaConfig,
  clients: Clients,
  linkKeys: LinkKeys,
): LifecycleDeps {
  if (!config.email) throw new ConfigError("invalid configuration: SENDER_EMAIL: is not set");
  return {
    data: dataLayer(clients.documents, config.tableName),
    email: new SesEmailSender(clients.ses, config.email),
    sms: new SnsSmsSender(clients.sns, { ...(config.smsSenderId && { senderId: config.smsSenderId }) }),
    ...(config.smsSenderId && { smsBrand: config.smsSenderId }),
    get keyring() {
      return linkKeys.keyring;
    },
    now: () => new Date(),
    baseUrl: config.publicBaseUrl,
  };
}

let deps: LifecycleDeps | undefined;

export function lifecycleDeps(): LifecycleDeps {
  deps ??= buildLifecycleDeps(lambdaConfig(), lambdaClients(), lambdaLinkKeys());
  return deps;
}
