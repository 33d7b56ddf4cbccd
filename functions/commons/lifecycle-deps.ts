/**
 * The composition root of the lifecycle steps: their dependencies from the configuration (table,
 * link keys, sender identity, SMS sender ID, public URL) and the clients, built once per container.
 * The console's actions send and restart lifecycles with the same dependencies, plus a starter.
 */
import type { SFNClient } from "@aws-sdk/client-sfn";
import type { UserDirectory } from "../../shared/console/access";
import { CognitoUserDirectory } from "../console/user-directory";
import { dataLayer } from "../data";
import type { ConsoleActionDeps } from "../use-cases/console/actions";
import type { LifecycleDeps } from "../use-cases/lifecycle";
import { type Clients, lambdaClients } from "./clients";
import { ConfigError, type LambdaConfig, lambdaConfig } from "./config";
import { SfnLifecycleStarter } from "./lifecycle-starter";
import { type LinkKeys, lambdaLinkKeys } from "./link-keys-secret";
import { SesEmailSender, SnsSmsSender } from "./notifications";

export function buildLifecycleDeps(
  config: LambdaConfig,
  clients: Clients,
  linkKeys: LinkKeys,
  /** The console's users: escalations also go to the plan's committee members (Cognito). */
  directory?: UserDirectory,
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
    ...(directory && { directory }),
  };
}

/**
 * The console actions' dependencies: the lifecycle's (they send the return notice and the
 * reminders asked for by hand) and the starter of the deadline-lifecycle state machine. The keyring
 * stays a getter: it is loaded by a middleware after the container starts.
 */
export function buildConsoleActionDeps(
  lifecycle: LifecycleDeps,
  sfn: SFNClient,
  /** LIFECYCLE_STATE_MACHINE_ARN. */
  stateMachineArn: string,
): ConsoleActionDeps {
  const deps = Object.create(lifecycle) as ConsoleActionDeps;
  deps.lifecycle = new SfnLifecycleStarter(sfn, stateMachineArn);
  return deps;
}

let deps: LifecycleDeps | undefined;

export function lifecycleDeps(): LifecycleDeps {
  if (deps) return deps;
  const config = lambdaConfig();
  const clients = lambdaClients();
  const directory =
    config.committeeUserPoolId !== undefined
      ? new CognitoUserDirectory({ cognito: clients.cognito, userPoolId: config.committeeUserPoolId })
      : undefined;
  deps = buildLifecycleDeps(config, clients, lambdaLinkKeys(), directory);
  return deps;
}
