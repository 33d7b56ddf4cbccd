/**
 * One DynamoDB Local for the whole test run (the JVM takes a few seconds to start); each test file
 * creates its own table in it, so files stay independent.
 */
import type { TestProject } from "vitest/node";
import { type DynamoDbLocal, startDynamoDbLocal } from "../../local/dynamodb-local";
import { type S3Local, startS3Local } from "../../local/s3-local";

let dynamo: DynamoDbLocal | undefined;
let s3: S3Local | undefined;

export async function setup(project: TestProject) {
  [dynamo, s3] = await Promise.all([startDynamoDbLocal(), startS3Local()]);
  project.provide("dynamodbEndpoint", dynamo.endpoint);
  project.provide("s3Endpoint", s3.endpoint);
}

export async function teardown() {
  await Promise.all([dynamo?.stop(), s3?.stop()]);
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    s3Endpoint: string;
  }
}
