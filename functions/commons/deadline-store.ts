/**
 * The access patterns of hanchot over its one table (keys in keys.ts, table in table.ts).
 * No Scan anywhere: every read is a GetItem or a Query on a key or an index.
 *
 * Writes that must not be lost or doubled are conditional: a submission is one transaction that
 * creates the submission (only if that receipt does not exist yet) and updates the unit's status
 * (only if the deadline is still expected of it).
 */
import { createHash } from "node:crypto";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  GetCommand,
  type NativeAttributeValue,
  paginateQuery,
  type QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { type DeadlineInstance, expandPlan, planYears } from "../../shared/calendar/expand";
import { formFor } from "../../shared/plan/forms";
import type { FormField, PlanFile, Unit } from "../../shared/plan/schema";
import type { ExpectationStatus, Timeliness } from "../../shared/submission/status";
import type { Submitter } from "../../shared/submission/submission-schema";
import { type InstanceRef, keys, parseInstanceId } from "./keys";
import { TABLE_KEYS } from "./table";

export interface ExpectationItem {
  instanceId: string;
  planId: string;
  obligationId: string;
  period: string;
  unitId: string;
  unitName: string;
  title: string;
  timing: string;
  kind: DeadlineInstance["kind"];
  opensOn?: string;
  nominalDue: string;
  effectiveDue: string;
  dueAt: string;
  dueText: string;
  remindAt: string[];
  deliverTo?: string;
  personalData: boolean;
  form: FormField[];
  status: ExpectationStatus;
  versions: number;
  submittedAt?: string;
  latestReceipt?: string;
  late?: boolean;
  lateByMs?: number;
  lateDays?: number;
}

export interface AttachmentRecord {
  field: string;
  key: string;
  size: number;
  kind: string;
}

export interface SubmissionItem {
  receipt: string;
  instanceId: string;
  planId: string;
  unitId: string;
  submittedAt: string;
  late: boolean;
  lateByMs: number;
  lateDays: number;
  submitter: Submitter;
  fields: Record<string, unknown>;
  attachments: AttachmentRecord[];
  idempotencyKey: string;
  payloadHash: string;
}

export interface PublishResult {
  /** False when the same plan content was already published: nothing was written. */
  changed: boolean;
  expectations: number;
  cancelled: number;
  requests: number;
}

export type RecordResult =
  | { outcome: "created"; submission: SubmissionItem; expectation: ExpectationItem }
  | { outcome: "duplicate"; submission: SubmissionItem }
  | { outcome: "conflict"; submission: SubmissionItem }
  | { outcome: "not-expected"; status: ExpectationStatus | "missing" };

/** Counts the requests sent, so that benchmarks and tests can check the cost of each path. */
export interface RequestCounter {
  count: number;
}

function hashOf(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

async function mapConcurrent<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  });
  await Promise.all(workers);
}

/** Set every attribute of `values` in one UpdateExpression, plus the `if_not_exists` defaults. */
function setExpression(
  values: Record<string, NativeAttributeValue>,
  defaults: Record<string, NativeAttributeValue> = {},
) {
  const names: Record<string, string> = {};
  const attrValues: Record<string, NativeAttributeValue> = {};
  const parts: string[] = [];
  let i = 0;
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    names[`#a${i}`] = name;
    attrValues[`:v${i}`] = value;
    parts.push(`#a${i} = :v${i}`);
    i++;
  }
  for (const [name, value] of Object.entries(defaults)) {
    names[`#a${i}`] = name;
    attrValues[`:v${i}`] = value;
    parts.push(`#a${i} = if_not_exists(#a${i}, :v${i})`);
    i++;
  }
  return {
    UpdateExpression: `SET ${parts.join(", ")}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: attrValues,
  };
}

export class DeadlineStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
    readonly requests: RequestCounter = { count: 0 },
  ) {}

  private async send<T>(command: GetCommand | UpdateCommand | TransactWriteCommand): Promise<T> {
    this.requests.count++;
    return (await this.client.send(command as GetCommand)) as T;
  }

  private async queryAll<T>(input: Omit<QueryCommandInput, "TableName">): Promise<T[]> {
    const out: T[] = [];
    for await (const page of paginateQuery(
      { client: this.client },
      { TableName: this.tableName, ...input },
    )) {
      this.requests.count++;
      out.push(...((page.Items ?? []) as T[]));
    }
    return out;
  }

  // ---- publishing -------------------------------------------------------------------------

  /**
   * Writes a plan's units, obligations and every deadline instance of the years it runs.
   * Idempotent: the same content again writes nothing. An amended plan updates what changed,
   * keeps every submission and status, and cancels the expectations it no longer has.
   */
  async publishPlan(plan: PlanFile, now = new Date()): Promise<PublishResult> {
    const before = this.requests.count;
    const contentHash = hashOf(plan);
    const existing = await this.send<{ Item?: { contentHash?: string } }>(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.plan(plan.id),
        ProjectionExpression: "contentHash",
      }),
    );
    if (existing.Item?.contentHash === contentHash) {
      return { changed: false, expectations: 0, cancelled: 0, requests: this.requests.count - before };
    }

    const previousUnits = existing.Item ? await this.planUnitIds(plan.id) : [];
    const instances = planYears(plan).flatMap((year) => expandPlan(plan, year));
    const obligations = new Map(plan.obligations.map((o) => [o.id, o]));
    const deadlines = Map.groupBy(instances, (i) => keys.deadlinePk(i.planId, i.obligationId, i.period));
    const update = (
      key: Record<string, string>,
      values: Record<string, NativeAttributeValue>,
      defaults = {},
    ) =>
      this.send(
        new UpdateCommand({ TableName: this.tableName, Key: key, ...setExpression(values, defaults) }),
      );

    await mapConcurrent(plan.units, 16, (u: Unit) =>
      update(keys.unit(plan.id, u.id), {
        type: "unit",
        planId: plan.id,
        unitId: u.id,
        ...u,
        updatedAt: now.toISOString(),
      }).then(() => {}),
    );
    await mapConcurrent(plan.obligations, 16, (o) =>
      update(keys.obligation(plan.id, o.id), {
        type: "obligation",
        planId: plan.id,
        obligationId: o.id,
        title: o.title,
        timing: o.timing,
        schedule: o.schedule,
        lead: o.lead,
        coordinating: o.coordinating,
        deliverable: o.deliverable,
        reminders: o.reminders ?? plan.defaults.reminders,
        escalation: o.escalation ?? plan.defaults.escalation,
        form: formFor(plan, o),
      }).then(() => {}),
    );
    await mapConcurrent([...deadlines.values()], 16, async (group) => {
      const first = group[0] as DeadlineInstance;
      await update(keys.deadline(first.planId, first.obligationId, first.period), {
        type: "deadline",
        planId: first.planId,
        obligationId: first.obligationId,
        period: first.period,
        title: first.title,
        timing: first.timing,
        kind: first.kind,
        dueAt: first.dueAt,
        nominalDue: first.nominalDue,
        effectiveDue: first.effectiveDue,
        opensOn: first.opensOn,
        remindAt: first.remindAt,
        deliverTo: first.deliverTo,
        units: group.map((i) => i.unitId),
        state: "active",
      });
    });
    await mapConcurrent(instances, 16, async (inst) => {
      const obligation = obligations.get(inst.obligationId);
      const ref = parseInstanceId(inst.id) as InstanceRef;
      await update(
        keys.expectation(ref),
        {
          type: "expectation",
          instanceId: inst.id,
          planId: inst.planId,
          obligationId: inst.obligationId,
          period: inst.period,
          unitId: inst.unitId,
          unitName: inst.unitName,
          title: inst.title,
          timing: inst.timing,
          kind: inst.kind,
          opensOn: inst.opensOn,
          nominalDue: inst.nominalDue,
          effectiveDue: inst.effectiveDue,
          dueAt: inst.dueAt,
          dueText: inst.dueText,
          remindAt: inst.remindAt,
          deliverTo: inst.deliverTo,
          personalData: obligation?.deliverable?.personalData ?? false,
          form: obligation ? formFor(plan, obligation) : [],
          [TABLE_KEYS.indexes.byUnit.partitionKey]: keys.byUnitPk(inst.planId, inst.unitId),
          [TABLE_KEYS.indexes.byUnit.sortKey]: keys.byUnitDue(inst.dueAt, inst.id),
        },
        { status: "pending", versions: 0 },
      );
    });

    // Expectations the amended plan no longer has: cancelled, unless already submitted.
    const current = new Set(instances.map((i) => i.id));
    const units = new Set([...previousUnits, ...plan.units.map((u) => u.id)]);
    let cancelled = 0;
    for (const unitId of units) {
      const previous = await this.unitExpectations(plan.id, unitId);
      for (const e of previous.filter(
        (x) => !current.has(x.instanceId) && (x.status === "pending" || x.status === "overdue"),
      )) {
        await this.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: keys.expectation(parseInstanceId(e.instanceId) as InstanceRef),
            UpdateExpression: "SET #s = :cancelled REMOVE gsi2pk, gsi2sk",
            ConditionExpression: "#s IN (:pending, :overdue)",
            ExpressionAttributeNames: { "#s": "status" },
            ExpressionAttributeValues: {
              ":cancelled": "cancelled",
              ":pending": "pending",
              ":overdue": "overdue",
            },
          }),
        ).catch((err: Error) => {
          if (err.name !== "ConditionalCheckFailedException") throw err;
        });
        cancelled++;
      }
    }

    // Last: the plan item with its hash, so that an interrupted publish is redone in full next time.
    await update(keys.plan(plan.id), {
      type: "plan",
      planId: plan.id,
      title: plan.title,
      year: plan.year,
      untilYear: plan.untilYear ?? plan.year,
      issuer: plan.issuer,
      steeringCommittee: plan.steeringCommittee,
      contentHash,
      publishedAt: now.toISOString(),
    });
    return {
      changed: true,
      expectations: instances.length,
      cancelled,
      requests: this.requests.count - before,
    };
  }

  private async planUnitIds(planId: string): Promise<string[]> {
    const { pk, skPrefix } = keys.unitsOfPlan(planId);
    const items = await this.queryAll<{ unitId: string }>({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": pk, ":prefix": skPrefix },
      ProjectionExpression: "unitId",
    });
    return items.map((i) => i.unitId);
  }

  // ---- reads ------------------------------------------------------------------------------

  async getExpectation(instanceId: string): Promise<ExpectationItem | undefined> {
    const ref = parseInstanceId(instanceId);
    if (!ref) return undefined;
    const out = await this.send<{ Item?: ExpectationItem }>(
      new GetCommand({ TableName: this.tableName, Key: keys.expectation(ref) }),
    );
    return out.Item;
  }

  /** A deadline's units and where each stands. */
  async deadlineExpectations(
    planId: string,
    obligationId: string,
    period: string,
  ): Promise<ExpectationItem[]> {
    return this.queryAll<ExpectationItem>({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: {
        ":pk": keys.deadlinePk(planId, obligationId, period),
        ":prefix": keys.expectationsPrefix,
      },
    });
  }

  /** The units of a deadline that still owe it (the partition holds one item per unit: ≤ a few hundred). */
  async pendingUnits(planId: string, obligationId: string, period: string): Promise<ExpectationItem[]> {
    const all = await this.deadlineExpectations(planId, obligationId, period);
    return all.filter((e) => e.status === "pending" || e.status === "overdue");
  }

  /** A unit's deadlines, by due instant (optionally within [fromIso, toIso)). */
  async unitExpectations(
    planId: string,
    unitId: string,
    range?: { from: string; to: string },
  ): Promise<ExpectationItem[]> {
    const { name, partitionKey, sortKey } = TABLE_KEYS.indexes.byUnit;
    return this.queryAll<ExpectationItem>({
      IndexName: name,
      KeyConditionExpression: range
        ? `${partitionKey} = :pk AND ${sortKey} BETWEEN :from AND :to`
        : `${partitionKey} = :pk AND begins_with(${sortKey}, :prefix)`,
      ExpressionAttributeValues: {
        ":pk": keys.byUnitPk(planId, unitId),
        ...(range
          ? { ":from": keys.byUnitDue(range.from, ""), ":to": keys.byUnitDue(range.to, "") }
          : { ":prefix": keys.byUnitDuePrefix }),
      },
    });
  }

  /** A unit's open deadlines: not yet submitted, waived or cancelled. */
  async unitOpenExpectations(planId: string, unitId: string): Promise<ExpectationItem[]> {
    const all = await this.unitExpectations(planId, unitId);
    return all.filter((e) => e.status === "pending" || e.status === "overdue");
  }

  /** A unit's submissions, oldest first. */
  async unitSubmissions(planId: string, unitId: string): Promise<SubmissionItem[]> {
    const { name, partitionKey, sortKey } = TABLE_KEYS.indexes.byUnit;
    return this.queryAll<SubmissionItem>({
      IndexName: name,
      KeyConditionExpression: `${partitionKey} = :pk AND begins_with(${sortKey}, :prefix)`,
      ExpressionAttributeValues: {
        ":pk": keys.byUnitPk(planId, unitId),
        ":prefix": keys.byUnitSubmittedPrefix,
      },
    });
  }

  /** Every version a unit submitted for one deadline. */
  async submissionsFor(instanceId: string): Promise<SubmissionItem[]> {
    const ref = parseInstanceId(instanceId);
    if (!ref) return [];
    const { pk, skPrefix } = keys.submissionsOf(ref);
    const items = await this.queryAll<SubmissionItem>({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": pk, ":prefix": skPrefix },
    });
    return items.sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : 1));
  }

  /** The overdue units across a plan, by due instant. */
  async overdueExpectations(planId: string): Promise<ExpectationItem[]> {
    const { name, partitionKey } = TABLE_KEYS.indexes.overdue;
    return this.queryAll<ExpectationItem>({
      IndexName: name,
      KeyConditionExpression: `${partitionKey} = :pk`,
      ExpressionAttributeValues: { ":pk": keys.overduePk(planId) },
    });
  }

  // ---- writes on the request path ---------------------------------------------------------

  /**
   * Records one submission version and the unit's new status in one transaction.
   * A retry with the same idempotency key finds the first submission (same receipt) and writes
   * nothing; the same key with a different payload is a conflict.
   */
  async recordSubmission(input: {
    expectation: ExpectationItem;
    receipt: string;
    submittedAt: Date;
    timeliness: Timeliness;
    submitter: Submitter;
    fields: Record<string, unknown>;
    attachments?: AttachmentRecord[];
    idempotencyKey: string;
  }): Promise<RecordResult> {
    const { expectation: e, receipt, timeliness: t } = input;
    const ref = parseInstanceId(e.instanceId) as InstanceRef;
    const submittedAt = input.submittedAt.toISOString();
    const payloadHash = hashOf({ submitter: input.submitter, fields: input.fields });
    const submission: SubmissionItem = {
      receipt,
      instanceId: e.instanceId,
      planId: e.planId,
      unitId: e.unitId,
      submittedAt,
      late: t.late,
      lateByMs: t.lateByMs,
      lateDays: t.lateDays,
      submitter: input.submitter,
      fields: input.fields,
      attachments: input.attachments ?? [],
      idempotencyKey: input.idempotencyKey,
      payloadHash,
    };
    const { byUnit } = TABLE_KEYS.indexes;
    try {
      await this.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.submission(ref, receipt),
                  type: "submission",
                  ...submission,
                  [byUnit.partitionKey]: keys.byUnitPk(e.planId, e.unitId),
                  [byUnit.sortKey]: keys.byUnitSubmitted(submittedAt, receipt),
                },
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: keys.expectation(ref),
                UpdateExpression:
                  "SET #s = :submitted, submittedAt = :at, latestReceipt = :receipt, late = :late, lateByMs = :lateBy, lateDays = :lateDays ADD versions :one REMOVE gsi2pk, gsi2sk",
                ConditionExpression: "attribute_exists(pk) AND #s IN (:pending, :overdue, :submitted)",
                ExpressionAttributeNames: { "#s": "status" },
                ExpressionAttributeValues: {
                  ":submitted": "submitted",
                  ":pending": "pending",
                  ":overdue": "overdue",
                  ":at": submittedAt,
                  ":receipt": receipt,
                  ":late": t.late,
                  ":lateBy": t.lateByMs,
                  ":lateDays": t.lateDays,
                  ":one": 1,
                },
              },
            },
          ],
        }),
      );
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      const [put, update] = err.CancellationReasons ?? [];
      if (put?.Code === "ConditionalCheckFailed") {
        const first = await this.send<{ Item?: SubmissionItem }>(
          new GetCommand({ TableName: this.tableName, Key: keys.submission(ref, receipt) }),
        );
        if (!first.Item) throw err;
        return {
          outcome: first.Item.payloadHash === payloadHash ? "duplicate" : "conflict",
          submission: first.Item,
        };
      }
      if (update?.Code === "ConditionalCheckFailed") {
        const now = await this.getExpectation(e.instanceId);
        return { outcome: "not-expected", status: now?.status ?? "missing" };
      }
      throw err;
    }
    return {
      outcome: "created",
      submission,
      expectation: {
        ...e,
        status: "submitted",
        submittedAt,
        latestReceipt: receipt,
        late: t.late,
        lateByMs: t.lateByMs,
        lateDays: t.lateDays,
        versions: e.versions + 1,
      },
    };
  }
}
