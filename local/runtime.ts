/**
 * The local stack: everything `npm start` brings up on loopback, with no AWS account and no Docker.
 *   - DynamoDB Local (AWS's own, from npm) with its data in .local/dynamodb, kept across restarts;
 *   - the hanchot table, created from the same definition the CDK app deploys;
 *   - an S3-compatible server (s3rver) for attachments, in .local/s3;
 *   - the plan published (idempotent: a restart with the same plan writes nothing);
 *   - the web form and the submission API: the Lambda handlers of functions/, served over HTTP.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
} from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { AttachmentStore } from "../functions/commons/attachments";
import { parseKeyring } from "../functions/commons/config";
import { DeadlineStore, type PublishResult } from "../functions/commons/deadline-store";
import { httpHandler } from "../functions/commons/middleware";
import type { SubmissionDeps } from "../functions/commons/submissions";
import { createTableInput } from "../functions/commons/table";
import { makeSubmissionApi } from "../functions/submission-api/handler";
import { makeSubmissionForm } from "../functions/submission-form/handler";
import { loadPlan } from "../shared/plan/load";
import type { PlanFile } from "../shared/plan/schema";
import { type LinkKeyring, newLinkKey } from "../shared/submission/link-token";
import { type DynamoDbLocal, freeLoopbackPort, startDynamoDbLocal } from "./dynamodb-local";
import { startHttpApi } from "./http-api";
import { ATTACHMENT_BUCKET, type S3Local, startS3Local } from "./s3-local";

export const TABLE_NAME = "hanchot";

export interface LocalStackOptions {
  planFile: string;
  /** Folder for the local data (DynamoDB files, link keys); in memory when undefined. */
  dataDir?: string;
  port?: number;
  /** A virtual start instant: the clock starts there and runs in real time. */
  startAt?: Date;
}

export interface LocalStack {
  plan: PlanFile;
  baseUrl: string;
  dynamodbEndpoint: string;
  s3Endpoint: string;
  published: PublishResult;
  keyring: LinkKeyring;
  store: DeadlineStore;
  now: () => Date;
  stop(): Promise<void>;
}

/** The link key of this machine: made once, kept in the data folder, so printed links stay valid. */
function localKeyring(dataDir: string | undefined): LinkKeyring {
  const file = dataDir ? join(dataDir, "link-keys.json") : undefined;
  if (file && existsSync(file)) return parseKeyring(readFileSync(file, "utf8"));
  const json = JSON.stringify({ current: "local-1", keys: { "local-1": newLinkKey().toString("base64") } });
  if (file) writeFileSync(file, json, { mode: 0o600 });
  return parseKeyring(json);
}

export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  }
}

async function listenPort(preferred: number | undefined): Promise<number> {
  if (preferred === 0) return freeLoopbackPort();
  return preferred ?? 3000;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const plan = await loadPlan(options.planFile);
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const [dynamo, s3]: [DynamoDbLocal, S3Local] = await Promise.all([
    startDynamoDbLocal(options.dataDir ? { dbPath: join(options.dataDir, "dynamodb") } : {}),
    startS3Local(options.dataDir ? { directory: join(options.dataDir, "s3") } : {}),
  ]);
  let server: Server | undefined;
  try {
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: "ap-southeast-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    await ensureTable(client, TABLE_NAME);
    const store = new DeadlineStore(
      DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
      TABLE_NAME,
    );
    const published = await store.publishPlan(plan);
    const keyring = localKeyring(options.dataDir);
    const offset = options.startAt ? options.startAt.getTime() - Date.now() : 0;
    const now = () => new Date(Date.now() + offset);
    const attachments = new AttachmentStore(
      new S3Client({
        endpoint: s3.endpoint,
        forcePathStyle: true,
        region: "ap-southeast-1",
        credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
      }),
      ATTACHMENT_BUCKET,
    );
    const deps: SubmissionDeps = { store, keyring, now, attachments };

    let baseUrl = "";
    const handlers = {
      "submission-api": httpHandler(makeSubmissionApi(() => deps)),
      "submission-form": httpHandler(
        makeSubmissionForm(
          () => deps,
          () => baseUrl,
        ),
      ),
    };
    let started: Awaited<ReturnType<typeof startHttpApi>>;
    try {
      started = await startHttpApi(handlers, await listenPort(options.port));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EADDRINUSE") throw err;
      started = await startHttpApi(handlers, 0);
    }
    server = started.server;
    baseUrl = started.url;
    const httpServer = server;
    return {
      plan,
      baseUrl,
      dynamodbEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
      published,
      keyring,
      store,
      now,
      stop: async () => {
        await new Promise<void>((r) => httpServer.close(() => r()));
        await Promise.all([dynamo.stop(), s3.stop()]);
      },
    };
  } catch (err) {
    server?.close();
    await Promise.all([dynamo.stop(), s3.stop()]);
    throw err;
  }
}
