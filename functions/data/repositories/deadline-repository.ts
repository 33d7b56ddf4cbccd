/**
 * A deadline and everything in its partition: the definition, each unit's expectation and
 * submissions, the messages sent and the lifecycle's progress. Reads are GetItem or Query on a
 * key or index; a submission is one conditional PutItem; messages are claimed before they are sent.
 */
import { createHash } from "node:crypto";
import type { DeadlineDefinition } from "../../../shared/calendar/deadlines";
import {
  type DeadlineRef,
  deadlineOf,
  type InstanceRef,
  parseInstanceId,
} from "../../../shared/calendar/instance-id";
import type { Timeliness } from "../../../shared/submission/status";
import type { Submitter } from "../../../shared/submission/submission-schema";
import { deadlineEntity, deadlinePk } from "../entities/deadline";
import { byUnitPk, expectationEntity, unitPrefix } from "../entities/expectation";
import { lifecycleProgressEntity, stageDoneEntity } from "../entities/lifecycle-progress";
import { type ReviewRecord, reviewEntity } from "../entities/review";
import { type SendRecord, sendEntity } from "../entities/send";
import { type AttachmentRecord, type SubmissionRecord, submissionEntity } from "../entities/submission";
import {
  type ExpectationItem,
  type ExpectationWithSubmissions,
  foldExpectations,
  isOpen,
} from "../expectation-view";
import type { Condition, ConditionalPut, Item, TableClient } from "../table-client";

export type RecordResult =
  | { outcome: "created"; submission: SubmissionRecord }
  | { outcome: "duplicate"; submission: SubmissionRecord }
  | { outcome: "conflict"; submission: SubmissionRecord };

export interface LifecycleSnapshot {
  definition: DeadlineDefinition;
  stagesDone: Set<string>;
  units: ExpectationItem[];
  sends: SendRecord[];
  /** The office's decisions on the units' versions (why a report was returned). */
  reviews: ReviewRecord[];
}

/** A stage of a deadline's lifecycle carried out, written with the last records of its step. */
export interface StageRef {
  ref: DeadlineRef;
  stage: string;
  at: string;
}

export type SendClaim = Omit<SendRecord, "status" | "attempts" | "messageId" | "error" | "sentAt">;
export type SendOutcome =
  | { status: "sent"; messageId: string; attempts: number; at: string }
  | { status: "failed"; error: string; attempts: number; at: string };

export interface NewSubmission {
  instanceId: string;
  /** The plan year of the deadline (from its definition). */
  year: number;
  dueAt: string;
  receipt: string;
  submittedAt: Date;
  timeliness: Timeliness;
  submitter: Submitter;
  fields: Record<string, unknown>;
  attachments?: AttachmentRecord[];
  idempotencyKey: string;
}

const NEW_ITEM: Condition = { expression: "attribute_not_exists(pk)" };

function hashOf(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

function refOf(instanceId: string): InstanceRef {
  const ref = parseInstanceId(instanceId);
  if (!ref) throw new Error(`not a deadline instance id: ${instanceId}`);
  return ref;
}

export class DeadlineRepository {
  private readonly definitions = new Map<
    string,
    { value: DeadlineDefinition | undefined; expires: number }
  >();

  constructor(
    private readonly table: TableClient,
    /** How long a deadline's definition is reused before it is read again (a plan amendment shows after this). */
    private readonly definitionTtlMs = 60_000,
  ) {}

  /** A deadline's definition, reused for definitionTtlMs: every unit's submission needs it. */
  async definition(ref: DeadlineRef): Promise<DeadlineDefinition | undefined> {
    const pk = deadlinePk(ref);
    const cached = this.definitions.get(pk);
    if (cached && cached.expires > Date.now()) return cached.value;
    const item = await this.table.get(deadlineEntity.key(ref));
    const value = item && deadlineEntity.parse(item);
    this.definitions.set(pk, { value, expires: Date.now() + this.definitionTtlMs });
    return value;
  }

  /** After a publication: definitions are read again. */
  forgetDefinitions(): void {
    this.definitions.clear();
  }

  /** A unit's own cut-off where the office extended it for that unit alone (one GetItem of one attribute). */
  async unitExtension(ref: InstanceRef): Promise<string | undefined> {
    const item = await this.table.get(expectationEntity.key(ref), ["extendedTo"]);
    return typeof item?.extendedTo === "string" ? item.extendedTo : undefined;
  }

  /** One unit's deadline with all its submissions, oldest first (one Query, the definition cached). */
  async expectation(instanceId: string): Promise<ExpectationWithSubmissions | undefined> {
    const ref = parseInstanceId(instanceId);
    if (!ref) return undefined;
    const [definition, items] = await Promise.all([
      this.definition(ref),
      this.table.query({ pk: deadlinePk(ref), sk: { beginsWith: unitPrefix(ref.unitId) } }),
    ]);
    return foldExpectations(items, () => definition)[0];
  }

  /**
   * A unit's deadlines by due instant, optionally with dueAt in [from, to): one Query on the byUnit
   * index (a unit's year: a few hundred items), plus the definitions of its deadlines, cached.
   */
  async unitExpectations(
    planId: string,
    unitId: string,
    range?: { from: string; to: string },
  ): Promise<ExpectationItem[]> {
    const items = await this.table.query({ index: "byUnit", pk: byUnitPk(planId, unitId) });
    const definitions = new Map<string, DeadlineDefinition | undefined>();
    for (const e of expectationEntity.among(items)) {
      const pk = deadlinePk(e);
      if (!definitions.has(pk)) definitions.set(pk, await this.definition(e));
    }
    return foldExpectations(items, (e) => definitions.get(deadlinePk(e)))
      .map((x) => x.expectation)
      .filter((e) => !range || (e.dueAt >= range.from && e.dueAt < range.to))
      .sort((a, b) =>
        a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.instanceId < b.instanceId ? -1 : 1,
      );
  }

  /** A unit's open deadlines: not yet submitted, waived or cancelled. */
  async unitOpenExpectations(planId: string, unitId: string): Promise<ExpectationItem[]> {
    return (await this.unitExpectations(planId, unitId)).filter(isOpen);
  }

  /**
   * Everything the lifecycle needs about one deadline, read fresh in one Query over its partition:
   * the definition, the stages done, each unit with its derived status, and every send recorded.
   */
  async lifecycleSnapshot(ref: DeadlineRef): Promise<LifecycleSnapshot | undefined> {
    const items = await this.table.query({ pk: deadlinePk(ref) });
    const [definition] = deadlineEntity.among(items);
    if (!definition) return undefined;
    const [progress] = lifecycleProgressEntity.among(items);
    return {
      definition,
      stagesDone: new Set([
        ...(progress?.stagesDone ?? []),
        ...stageDoneEntity.among(items).map((x) => x.stage),
      ]),
      units: foldExpectations(items, () => definition).map((x) => x.expectation),
      sends: sendEntity.among(items),
      reviews: reviewEntity.among(items),
    };
  }

  /** Marks a unit overdue on a deadline, if it is still expected of it (the workflows call this). */
  markOverdue(instanceId: string): Promise<boolean> {
    return this.table.update(expectationEntity.key(refOf(instanceId)), {
      UpdateExpression: "SET #s = :overdue",
      ConditionExpression: "#s = :expected",
      ExpressionAttributeNames: { "#s": "state" },
      ExpressionAttributeValues: { ":overdue": "overdue", ":expected": "expected" },
    });
  }

  /**
   * Records one submission version with one conditional PutItem: stored once, or not at all.
   * A retry with the same idempotency key (same receipt) finds the first submission and writes
   * nothing; the same key with a different payload is a conflict.
   */
  async recordSubmission(input: NewSubmission): Promise<RecordResult> {
    const ref = refOf(input.instanceId);
    const t = input.timeliness;
    const payloadHash = hashOf({ submitter: input.submitter, fields: input.fields });
    const submission: SubmissionRecord = {
      receipt: input.receipt,
      instanceId: input.instanceId,
      ...ref,
      year: input.year,
      submittedAt: input.submittedAt.toISOString(),
      dueAt: input.dueAt,
      late: t.late,
      lateByMs: t.lateByMs,
      lateDays: t.lateDays,
      submitter: input.submitter,
      fields: input.fields,
      attachments: input.attachments ?? [],
      idempotencyKey: input.idempotencyKey,
      payloadHash,
    };
    if (await this.table.put(submissionEntity.item(submission), NEW_ITEM)) {
      return { outcome: "created", submission };
    }
    const first = await this.table.get(submissionEntity.key(submission));
    if (!first) throw new Error(`submission ${input.receipt} was refused as existing, and is not there`);
    const stored = submissionEntity.parse(first);
    return { outcome: stored.payloadHash === payloadHash ? "duplicate" : "conflict", submission: stored };
  }

  /** Records a stage as carried out, alone (one PutItem); a sending step does it with its records. */
  async markStageDone(ref: DeadlineRef, stage: string, at = new Date().toISOString()): Promise<void> {
    await this.table.put(this.stageItem({ ref, stage, at }));
  }

  /**
   * Claims messages before they are sent; only the first claim of each succeeds, so a retried
   * Lambda or state machine never sends the same message twice. One transaction claims them all,
   * with the conditional puts that go with them (the short links their SMS carry), up to 100
   * items; if any condition failed, each is written alone. Returns which messages were claimed.
   */
  async claimSends(
    claims: readonly SendClaim[],
    alongside: readonly ConditionalPut[] = [],
  ): Promise<boolean[]> {
    const claiming = claims.map((c) => ({
      item: this.sendItem({ ...c, status: "sending", attempts: 0 }),
      condition: NEW_ITEM,
    }));
    const all = [...claiming, ...alongside];
    if (all.length <= 100 && all.length > 1 && (await this.table.putAll(all))) return claims.map(() => true);
    const [claimed] = await Promise.all([
      Promise.all(claiming.map(({ item, condition }) => this.table.put(item, condition))),
      Promise.all(alongside.map(({ item, condition }) => this.table.put(item, condition))),
    ]);
    return claimed;
  }

  /**
   * Records claimed messages as sent or failed: they are ours since the claim, so put whole, in
   * batches. The stage done, when given, goes in the same batch: a step's last write.
   */
  async recordSends(
    records: ReadonlyArray<{ claim: SendClaim; outcome: SendOutcome }>,
    stageDone?: StageRef,
  ): Promise<void> {
    await this.table.batchPut([
      ...records.map(({ claim, outcome }) =>
        this.sendItem({
          ...claim,
          status: outcome.status,
          attempts: outcome.attempts,
          sentAt: outcome.at,
          ...(outcome.status === "sent" ? { messageId: outcome.messageId } : { error: outcome.error }),
        }),
      ),
      ...(stageDone ? [this.stageItem(stageDone)] : []),
    ]);
  }

  private stageItem({ ref, stage, at }: StageRef): Item {
    const { planId, obligationId, period } = deadlineOf(ref);
    return stageDoneEntity.item({ planId, obligationId, period, stage, doneAt: at });
  }

  private sendItem(record: SendRecord): Item {
    return sendEntity.item(record);
  }
}
