/**
 * AWS SDK clients, made here only, all from the same options (timeouts, retries): created once per
 * Lambda container and reused across invocations, and the same wherever they run (Lambda, the
 * local stack, the CLI, benchmarks, tests). Local runs point them at the embedded engines by
 * passing endpoints and fixed credentials (`localTarget`).
 */
import {
  CognitoIdentityProviderClient,
  type CognitoIdentityProviderClientConfig,
} from "@aws-sdk/client-cognito-identity-provider";
import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { SecretsManagerClient, type SecretsManagerClientConfig } from "@aws-sdk/client-secrets-manager";
import { SESClient, type SESClientConfig } from "@aws-sdk/client-ses";
import { SFNClient, type SFNClientConfig } from "@aws-sdk/client-sfn";
import { SNSClient, type SNSClientConfig } from "@aws-sdk/client-sns";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/**
 * A store that does not answer fails fast, as a 503 the user can retry, instead of holding the
 * request: the SDK's defaults have no request timeout, so a paused database held requests for
 * seconds. Worst case per call: maxAttempts × (connection or request timeout) plus a short backoff.
 */
export const SDK_LIMITS = { connectionTimeoutMs: 1000, requestTimeoutMs: 3000, maxAttempts: 2 } as const;

/** The options every client starts from; `extra` adds an endpoint, a region, credentials. */
export function clientConfig<T extends object>(extra?: T) {
  return {
    maxAttempts: SDK_LIMITS.maxAttempts,
    requestHandler: {
      connectionTimeout: SDK_LIMITS.connectionTimeoutMs,
      requestTimeout: SDK_LIMITS.requestTimeoutMs,
      // Without it the SDK only logs a warning when the request timeout passes, and keeps waiting.
      throwOnRequestTimeout: true,
    },
    ...extra,
  };
}

export function dynamoClient(extra: DynamoDBClientConfig = {}): DynamoDBClient {
  return new DynamoDBClient(clientConfig(extra));
}

export function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function s3Client(extra: S3ClientConfig = {}): S3Client {
  return new S3Client(clientConfig(extra));
}

export function sesClient(extra: SESClientConfig = {}): SESClient {
  return new SESClient(clientConfig(extra));
}

export function snsClient(extra: SNSClientConfig = {}): SNSClient {
  return new SNSClient(clientConfig(extra));
}

export function sfnClient(extra: SFNClientConfig = {}): SFNClient {
  return new SFNClient(clientConfig(extra));
}

export function secretsManagerClient(extra: SecretsManagerClientConfig = {}): SecretsManagerClient {
  return new SecretsManagerClient(clientConfig(extra));
}

export function cognitoClient(
  extra: CognitoIdentityProviderClientConfig = {},
): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient(clientConfig(extra));
}

export type Service = "dynamodb" | "s3" | "ses" | "sns" | "sfn" | "secretsManager" | "cognito";

/** Where the clients go: nothing in Lambda (region and credentials from the environment). */
export interface ClientTarget {
  region?: string;
  credentials?: Credentials;
  endpoints?: Partial<Record<Service, string>>;
  /** Credentials for one service only (s3rver accepts its own pair and no other). */
  serviceCredentials?: Partial<Record<Service, Credentials>>;
}

type Credentials = { accessKeyId: string; secretAccessKey: string };

/** The clients a composition root may use, each made on first use and then kept. */
export interface Clients {
  readonly documents: DynamoDBDocumentClient;
  readonly dynamodb: DynamoDBClient;
  readonly s3: S3Client;
  readonly ses: SESClient;
  readonly sns: SNSClient;
  readonly sfn: SFNClient;
  readonly secretsManager: SecretsManagerClient;
  readonly cognito: CognitoIdentityProviderClient;
}

export function clients(target: ClientTarget = {}): Clients {
  const extra = (service: Service) => ({
    ...(target.region && { region: target.region }),
    ...((target.serviceCredentials?.[service] ?? target.credentials) && {
      credentials: target.serviceCredentials?.[service] ?? target.credentials,
    }),
    ...(target.endpoints?.[service] && { endpoint: target.endpoints[service] }),
  });
  const made = new Map<string, unknown>();
  const once = <T>(name: string, make: () => T): T => {
    if (!made.has(name)) made.set(name, make());
    return made.get(name) as T;
  };
  return {
    get dynamodb() {
      return once("dynamodb", () => dynamoClient(extra("dynamodb")));
    },
    get documents() {
      return once("documents", () => documentClient(this.dynamodb));
    },
    // s3rver and other S3 emulators only answer path-style requests.
    get s3() {
      return once("s3", () =>
        s3Client({ ...extra("s3"), ...(target.endpoints?.s3 && { forcePathStyle: true }) }),
      );
    },
    get ses() {
      return once("ses", () => sesClient(extra("ses")));
    },
    get sns() {
      return once("sns", () => snsClient(extra("sns")));
    },
    get sfn() {
      return once("sfn", () => sfnClient(extra("sfn")));
    },
    get secretsManager() {
      return once("secretsManager", () => secretsManagerClient(extra("secretsManager")));
    },
    get cognito() {
      return once("cognito", () => cognitoClient(extra("cognito")));
    },
  };
}

/** The local engines' target: loopback endpoints, a fixed region, credentials they accept. */
export function localTarget(endpoints: Partial<Record<Service, string>>): ClientTarget {
  return {
    region: "ap-southeast-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    serviceCredentials: { s3: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } },
    endpoints,
  };
}

let containerClients: Clients | undefined;

/** The Lambda container's clients (region and credentials from the environment). */
export function lambdaClients(): Clients {
  containerClients ??= clients();
  return containerClients;
}
