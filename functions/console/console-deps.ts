/**
 * The composition root of the console function: its reads, its actions (which send and restart
 * lifecycles like the lifecycle steps do), its drafts (which publish and start plan calendars), its sign-in and its CSRF keyring, from the
 * configuration and the clients, built once per container.
 */
import type middy from "@middy/core";
import { type Clients, lambdaClients } from "../commons/clients";
import { ConfigError, type LambdaConfig, lambdaConfig } from "../commons/config";
import { buildConsoleActionDeps, buildLifecycleDeps } from "../commons/lifecycle-deps";
import { type LinkKeys, lambdaLinkKeys } from "../commons/link-keys-secret";
import { SfnPlanCalendarStarter } from "../commons/plan-calendar-starter";
import { attachmentPresigner } from "../commons/presign";
import { CognitoConsoleAuth, cognitoIdTokenVerifier } from "./auth";
import { ConsoleSecret } from "./console-secret";
import type { ConsoleDeps } from "./handler";
import { CognitoUserDirectory } from "./user-directory";

export function buildConsoleDeps(
  config: LambdaConfig,
  clients: Clients,
  linkKeys: LinkKeys,
  secret: ConsoleSecret = new ConsoleSecret(consoleSettings(config).secret, () => clients.secretsManager),
): ConsoleDeps {
  const settings = consoleSettings(config);
  if (!config.lifecycleStateMachineArn)
    throw new ConfigError("invalid configuration: LIFECYCLE_STATE_MACHINE_ARN: is not set");
  if (!config.planCalendarStateMachineArn)
    throw new ConfigError("invalid configuration: PLAN_CALENDAR_STATE_MACHINE_ARN: is not set");
  const { userPoolId, clientId } = settings;
  const directory = new CognitoUserDirectory({ cognito: clients.cognito, userPoolId });
  const lifecycle = buildLifecycleDeps(config, clients, linkKeys, directory);
  return {
    reads: {
      data: lifecycle.data,
      now: () => new Date(),
      ...(config.attachmentBucket && { presign: attachmentPresigner(clients.s3, config.attachmentBucket) }),
    },
    actions: buildConsoleActionDeps(lifecycle, clients.sfn, config.lifecycleStateMachineArn),
    // Plan intake: the templates are bundled beside the handler (shared/plan/templates.ts finds them).
    drafts: {
      data: lifecycle.data,
      now: () => new Date(),
      calendar: new SfnPlanCalendarStarter(clients.sfn, config.planCalendarStateMachineArn),
    },
    auth: new CognitoConsoleAuth({
      cognito: clients.cognito,
      clientId,
      verifier: cognitoIdTokenVerifier({ userPoolId, clientId }),
    }),
    csrf: () => secret.keyring,
    publicBaseUrl: config.publicBaseUrl,
  };
}

function consoleSettings(config: LambdaConfig) {
  if (!config.console)
    throw new ConfigError(
      "invalid configuration: the console needs COGNITO_USER_POOL_ID, COGNITO_CLIENT_ID and CONSOLE_SECRET_ARN",
    );
  return config.console;
}

let secret: ConsoleSecret | undefined;
let deps: ConsoleDeps | undefined;

function containerSecret(): ConsoleSecret {
  secret ??= new ConsoleSecret(consoleSettings(lambdaConfig()).secret, () => lambdaClients().secretsManager);
  return secret;
}

export function consoleDeps(): ConsoleDeps {
  deps ??= buildConsoleDeps(lambdaConfig(), lambdaClients(), lambdaLinkKeys(), containerSecret());
  return deps;
}

/** Before the first request: the link keyring (messages carry personal links) and the CSRF keyring. */
export function consoleSecretsLoaded(): middy.MiddlewareObj {
  return {
    before: async () => {
      await Promise.all([lambdaLinkKeys().load(), containerSecret().load()]);
    },
  };
}
