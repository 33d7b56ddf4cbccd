/**
 * The data layer: one table client and a repository per aggregate, built together over one
 * DocumentClient. Use cases take this as `data` and reach DynamoDB only through it.
 */
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ConsoleActionsRepository } from "./repositories/console-actions-repository";
import { ConsoleRepository } from "./repositories/console-repository";
import { DeadlineRepository } from "./repositories/deadline-repository";
import { DraftRepository } from "./repositories/draft-repository";
import { PlanRepository } from "./repositories/plan-repository";
import { ShortLinkRepository } from "./repositories/short-link-repository";
import { type RequestCounter, TableClient } from "./table-client";

/** Bumped when stored items change shape: data of another version is refused, never misread. */
export const DATA_MODEL_VERSION = 6;

export class DataModelMismatchError extends Error {
  override name = "DataModelMismatchError";
}

export interface DataLayer {
  table: TableClient;
  plans: PlanRepository;
  deadlines: DeadlineRepository;
  shortLinks: ShortLinkRepository;
  /** What the operations console reads. */
  console: ConsoleRepository;
  /** The console's actions, each written with its audit entry. */
  consoleActions: ConsoleActionsRepository;
  /** Drafts of plans reviewed in the console before they are published. */
  drafts: DraftRepository;
}

export interface DataLayerOptions {
  /** How long definitions and plan contexts are reused before they are read again (60 s). */
  cacheTtlMs?: number;
  requests?: RequestCounter;
}

export function dataLayer(
  client: DynamoDBDocumentClient,
  tableName: string,
  options: DataLayerOptions = {},
): DataLayer {
  const table = new TableClient(client, tableName, options.requests);
  return {
    table,
    plans: new PlanRepository(table, options.cacheTtlMs),
    deadlines: new DeadlineRepository(table, options.cacheTtlMs),
    shortLinks: new ShortLinkRepository(table),
    console: new ConsoleRepository(table, options.cacheTtlMs),
    consoleActions: new ConsoleActionsRepository(table),
    drafts: new DraftRepository(table),
  };
}

export type { DeadlineDefinition } from "../../shared/calendar/deadlines";
export type { DraftRecord } from "./entities/draft";
export type { SendRecord } from "./entities/send";
export type { AttachmentRecord, SubmissionRecord } from "./entities/submission";
export type { ExpectationItem, ExpectationWithSubmissions } from "./expectation-view";
export type { DeadlineItems, PlanYearItems } from "./repositories/console-repository";
export type { LifecycleSnapshot, RecordResult } from "./repositories/deadline-repository";
export type { PlanContext, PlanOverview, StoredUnit } from "./repositories/plan-repository";
