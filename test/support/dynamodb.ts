/** A fresh table in the test run's DynamoDB Local, refusing anything but a loopback endpoint. */
import { randomUUID } from "node:crypto";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { inject } from "vitest";
import { createTableInput } from "../../functions/commons/table";

export function localDynamoClient(): DynamoDBClient {
  const endpoint = inject("dynamodbEndpoint");
  const host = new URL(endpoint).hostname;
  // Connected tests never touch a real AWS endpoint.
  if (host !== "127.0.0.1" && host !== "localhost")
    throw new Error(`refusing non-local DynamoDB endpoint ${endpoint}`);
  return new DynamoDBClient({
    endpoint,
    region: "ap-southeast-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
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
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return { client, doc, tableName };
}
