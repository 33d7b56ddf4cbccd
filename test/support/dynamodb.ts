/** Clients for the test run's DynamoDB Local and S3 server, refusing anything but loopback. */
import { randomUUID } from "node:crypto";
import { CreateTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { S3Client } from "@aws-sdk/client-s3";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { inject } from "vitest";
import { documentClient, dynamoClient, s3Client } from "../../functions/commons/clients";
import { createTableInput } from "../../functions/data/table";

/** Connected tests never touch a real AWS endpoint. */
export function loopbackOnly(endpoint: string): string {
  const host = new URL(endpoint).hostname;
  if (host !== "127.0.0.1" && host !== "localhost")
    throw new Error(`refusing non-local endpoint ${endpoint}`);
  return endpoint;
}

/** The engines tier's endpoints (test/support/global-setup.ts); other tiers start no engine. */
function engineEndpoint(name: "dynamodbEndpoint" | "s3Endpoint"): string {
  const endpoint = inject(name);
  if (!endpoint)
    throw new Error(
      `${name} is not provided: this test needs the engines, so name its file *.engine.test.ts (test/tiers.ts)`,
    );
  return loopbackOnly(endpoint);
}

export function localDynamoClient(): DynamoDBClient {
  return dynamoClient({
    endpoint: engineEndpoint("dynamodbEndpoint"),
    region: "ap-southeast-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
}

export function localS3Client(): S3Client {
  return s3Client({
    endpoint: engineEndpoint("s3Endpoint"),
    forcePathStyle: true,
    region: "ap-southeast-1",
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
}

export async function freshTable(): Promise<{
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  tableName: string;
}> {
  const client = localDynamoClient();
  const tableName = `hanchot-test-${randomUUID().slice(0, 8)}`;
  await client.send(new CreateTableCommand(createTableInput(tableName)));
  const doc = documentClient(client);
  return { client, doc, tableName };
}
