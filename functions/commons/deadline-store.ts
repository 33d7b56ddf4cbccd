/**
 * The access patterns of hanchot over its one table (keys in keys.ts, table in table.ts, the list
 * in docs/data-model.md). No Scan anywhere: every read is a GetItem or a Query on a key or index.
 *
 * A submission is one conditional PutItem of an immutable item (only if its receipt is new), so it
 * is stored exactly once or not at all; where a unit stands is derived from its expectation and
 * its submissions (shared/submission/derive.ts), never written separately.
 */
import { createHash } from "node:crypto";
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  type NativeAttributeValue,
  PutCommand,
  paginateQuery,
  type QueryCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { type DeadlineInstance, expandPlan, planYears } from "../../shared/calendar/expand";
import { formFor } from "../../shared/plan/forms";
import type { Contacts, EscalationPolicy, FormField, PlanFile } from "../../shared/plan/schema";
import type { AttachmentKind } from "../../shared/submission/attachments";
import { deriveStatus, type ExpectationState } from "../../shared/submission/derive";
import type { ShortLink, StoredShortLink } from "../../shared/submission/short-link";
import type { ExpectationStatus, Timeliness } from "../../shared/submission/status";
import type { Submitter } from "../../shared/submission/submission-schema";
import { mapConcurrent } from "./concurrency";
import { type InstanceRef, keys, parseInstanceId } from "./keys";
import { TABLE_KEYS } from "./table";

/** What a deadline (one obligation in one period) asks of its units: the same for each of them. */
export interface DeadlineDefinition {
  planId: string;
  obligationId: string;
  period: string;
  title: string;
  timing: string;
  kind: DeadlineInstance["kind"];
  opensOn?: string;
  nominalDue: string;
  effectiveDue: string;
  dueAt: string;
  dueText: string;
  remindAt: string[];
  /** The plan's send time (HH:MM, Vietnam time) for messages not planned in advance. */
  sendAt?: string;
  deliverTo?: string;
  personalData: boolean;
  form: FormField[];
  units: string[];
  state: "active" | "cancelled";
  escalation: EscalationPolicy;
}

/** One unit's expectation as stored. */
interface StoredExpectation {
  instanceId: string;
  planId: string;
  obligationId: string;
  period: string;
  unitId: string;
  unitName: string;
  dueAt: string;
  state: ExpectationState;
  contacts?: Contacts;
}

/** One unit's deadline as read: the definition, the unit, and where it stands. */
export interface ExpectationItem extends Omit<DeadlineDefinition, "units" | "state" | "escalation"> {
  instanceId: string;
  unitId: string;
  unitName: string;
  contacts: Contacts;
  state: ExpectationState;
  status: ExpectationStatus;
  versions: number;
  submittedAt?: string;
  latestReceipt?: string;
  late?: boolean;
  lateByMs?: number;
  lateDays?: number;
}

/** One accepted attachment: what was checked, pinned where no upload form can write. */
export interface AttachmentRecord {
  field: string;
  /** The upload key it came from; writable while its form lives, so never read again. */
  key: string;
  /** The pinned copy under accepted/, named by the SHA-256 of its bytes. */
  acceptedKey: string;
  sha256: string;
  size: number;
  kind: AttachmentKind;
  /** The content type it is stored and served with, from its checked container. */
  contentType: string;
  extension: string;
  /** The S3 object version of the pinned copy, where the bucket is versioned (not s3rver). */
  versionId?: string;
  /** The name the unit gave the file, when its client said so. */
  fileName?: string;
}

export interface SubmissionItem {
  receipt: string;
  instanceId: string;
  planId: string;
  unitId: string;
  submittedAt: string;
  /** The cut-off this submission was timed against when it arrived. */
  dueAt: string;
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
  | { outcome: "created"; submission: SubmissionItem }
  | { outcome: "duplicate"; submission: SubmissionItem }
  | { outcome: "conflict"; submission: SubmissionItem };

/** A short link as stored; keyId and linkExpiresAt are absent from those stored before they were kept. */
const StoredShortLinkItem = z.object({
  type: z.literal("short-link"),
  instanceId: z.string(),
  keyId: z.string().optional(),
  linkExpiresAt: z.number().optional(),
});

/** Bumped when stored items change shape: data of another version is refused, never misread. */
export const DATA_MODEL_VERSION = 4;

export class DataModelMismatchError extends Error {
  override name = "DataModelMismatchError";
}

export interface SendRecord {
  instanceId: string;
  unitId: string;
  stage: string;
  channel: "email" | "sms";
  recipient: string;
  status: "sending" | "sent" | "failed";
  attempts: number;
  claimedAt: string;
  messageId?: string;
  error?: string;
  sentAt?: string;
}

export interface PlanContext {
  title: string;
  /** The plan number and date of issue as written (absent on plan items stored before they were kept). */
  number?: string;
  issuedOn?: string;
  committee: { unitId: string; name: string; contacts: Contacts };
  standingBody: { unitId: string; name: string; contacts: Contacts };
  /** The issuing People's Committee: told instead of the standing body when the standing body is late. */
  issuer: { unitId: string; name: string; contacts: Contacts };
}

export interface LifecycleSnapshot {
  definition: DeadlineDefinition;
  stagesDone: Set<string>;
  units: ExpectationItem[];
  sends: SendRecord[];
}

/** Counts the requests sent, so that benchmarks and tests can check the cost of each path. */
export interface RequestCounter {
  count: number;
}

export interface DeadlineStoreOptions {
  /** How long a deadline's definition is reused before it is read again (a plan amendment shows after this). */
  definitionTtlMs?: number;
  requests?: RequestCounter;
}

function hashOf(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

/** SET every defined attribute of `values`, plus `if_not_exists` defaults, in one UpdateExpression. */
function setExpression(
  values: Record<string, NativeAttributeValue>,
  defaults: Record<string, NativeAttributeValue> = {},
) {
  const names: Record<string, string> = {};
  const attrValues: Record<string, NativeAttributeValue> = {};
  const parts: string[] = [];
  let i = 0;
  const add = (name: string, value: NativeAttributeValue, ifNotExists: boolean) => {
    names[`#a${i}`] = name;
    attrValues[`:v${i}`] = value;
    parts.push(ifNotExists ? `#a${i} = if_not_exists(#a${i}, :v${i})` : `#a${i} = :v${i}`);
    i++;
  };
  for (const [name, value] of Object.entries(values)) if (value !== undefined) add(name, value, false);
  for (const [name, value] of Object.entries(defaults)) add(name, value, true);
  return {
    UpdateExpression: `SET ${parts.join(", ")}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: attrValues,
  };
}

type Item = Record<string, NativeAttributeValue> & { sk?: string };

/** Expectations and their submissions (from one Query) → each unit's deadline as read. */
function fold(items: readonly Item[], definitions: (e: StoredExpectation) => DeadlineDefinition | undefined) {
  const submissions = new Map<string, SubmissionItem[]>();
  const expectations: StoredExpectation[] = [];
  for (const item of items) {
    if (item.type === "submission") {
      const s = item as unknown as SubmissionItem;
      submissions.set(s.instanceId, [...(submissions.get(s.instanceId) ?? []), s]);
    } else if (item.type === "expectation") {
      expectations.push(item as unknown as StoredExpectation);
    }
  }
  const out: Array<{ expectation: ExpectationItem; submissions: SubmissionItem[] }> = [];
  for (const e of expectations) {
    const definition = definitions(e);
    if (!definition) continue;
    const mine = (submissions.get(e.instanceId) ?? []).sort((a, b) =>
      a.submittedAt < b.submittedAt ? -1 : 1,
    );
    const derived = deriveStatus(e.state, definition.dueAt, mine);
    const { units: _units, state: _state, escalation: _escalation, ...shared } = definition;
    out.push({
      expectation: {
        ...shared,
        instanceId: e.instanceId,
        unitId: e.unitId,
        unitName: e.unitName,
        contacts: e.contacts ?? { emails: [], phones: [] },
        state: e.state,
        status: derived.status,
        versions: derived.versions,
        ...(derived.submittedAt && { submittedAt: derived.submittedAt }),
        ...(derived.latestReceipt && { latestReceipt: derived.latestReceipt }),
        ...(derived.timeliness && {
          late: derived.timeliness.late,
          lateByMs: derived.timeliness.lateByMs,
          lateDays: derived.timeliness.lateDays,
        }),
      },
      submissions: mine,
    });
  }
  return out;
}

export class DeadlineStore {
  readonly requests: RequestCounter;
  private readonly definitionTtlMs: number;
  private readonly definitions = new Map<
    string,
    { value: DeadlineDefinition | undefined; expires: number }
  >();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
    options: DeadlineStoreOptions = {},
  ) {
    this.requests = options.requests ?? { count: 0 };
    this.definitionTtlMs = options.definitionTtlMs ?? 60_000;
  }

  private async send<T>(command: GetCommand | UpdateCommand | PutCommand): Promise<T> {
    this.requests.count++;
    return (await this.client.send(command as GetCommand)) as T;
  }

  private async queryAll<T = Item>(input: Omit<QueryCommandInput, "TableName">): Promise<T[]> {
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

  /** Puts items 25 at a time (first publication only: there is nothing to keep), retrying the unprocessed. */
  private async batchPut(items: Array<Record<string, NativeAttributeValue>>): Promise<void> {
    const chunks: Array<Array<Record<string, NativeAttributeValue>>> = [];
    for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
    await mapConcurrent(chunks, 4, async (chunk) => {
      let requests = chunk.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt)));
        this.requests.count++;
        const out = await this.client.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
        );
        requests = (out.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
        if (attempt > 10 && requests.length > 0) throw new Error(`${requests.length} items left unprocessed`);
      }
    });
  }

  private update(key: Record<string, string>, values: Record<string, NativeAttributeValue>, defaults = {}) {
    return this.send(
      new UpdateCommand({ TableName: this.tableName, Key: key, ...setExpression(values, defaults) }),
    );
  }

  // ---- publishing -------------------------------------------------------------------------

  /**
   * Writes a plan's units, obligations and every deadline instance of the years it runs.
   * Idempotent: the same content again writes nothing. An amended plan updates what changed,
   * keeps every submission, and cancels the expectations it no longer has.
   */
  async publishPlan(plan: PlanFile, now = new Date()): Promise<PublishResult> {
    const before = this.requests.count;
    const contentHash = hashOf(plan);
    const existing = await this.send<{ Item?: { contentHash?: string; dataModel?: number } }>(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.plan(plan.id),
        ProjectionExpression: "contentHash, dataModel",
      }),
    );
    if (existing.Item && existing.Item.dataModel !== DATA_MODEL_VERSION) {
      throw new DataModelMismatchError(
        `plan ${plan.id} is stored in data model ${existing.Item.dataModel ?? 1}, this code reads ${DATA_MODEL_VERSION}`,
      );
    }
    if (existing.Item?.contentHash === contentHash) {
      return { changed: false, expectations: 0, cancelled: 0, requests: this.requests.count - before };
    }

    const previousUnits = existing.Item ? await this.planUnitIds(plan.id) : [];
    const instances = planYears(plan).flatMap((year) => expandPlan(plan, year));
    const obligations = new Map(plan.obligations.map((o) => [o.id, o]));
    const units = new Map(plan.units.map((u) => [u.id, u]));
    const deadlines = Map.groupBy(instances, (i) => keys.deadlinePk(i.planId, i.obligationId, i.period));
    // A first publication has nothing to keep: its items go in batches. Later ones update in place,
    // so that states recorded since (overdue, waived) survive.
    const first = existing.Item === undefined;
    const pending: Array<Record<string, NativeAttributeValue>> = [];
    const write = async (
      key: Record<string, string>,
      values: Record<string, NativeAttributeValue>,
      defaults = {},
    ) => {
      if (!first) return this.update(key, values, defaults);
      const item: Record<string, NativeAttributeValue> = { ...key, ...defaults };
      for (const [k, v] of Object.entries(values)) if (v !== undefined) item[k] = v;
      pending.push(item);
    };

    await mapConcurrent(plan.units, 16, (u) =>
      write(keys.unit(plan.id, u.id), { type: "unit", planId: plan.id, unitId: u.id, ...u }),
    );
    await mapConcurrent(plan.obligations, 16, (o) =>
      write(keys.obligation(plan.id, o.id), {
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
      }),
    );
    await mapConcurrent([...deadlines.values()], 16, (group) => {
      const first = group[0] as DeadlineInstance;
      const obligation = obligations.get(first.obligationId);
      const definition: DeadlineDefinition = {
        planId: first.planId,
        obligationId: first.obligationId,
        period: first.period,
        title: first.title,
        timing: first.timing,
        kind: first.kind,
        ...(first.opensOn && { opensOn: first.opensOn }),
        nominalDue: first.nominalDue,
        effectiveDue: first.effectiveDue,
        dueAt: first.dueAt,
        dueText: first.dueText,
        remindAt: first.remindAt,
        sendAt: (obligation?.reminders ?? plan.defaults.reminders).at,
        ...(first.deliverTo && { deliverTo: first.deliverTo }),
        personalData: obligation?.deliverable?.personalData ?? false,
        form: obligation ? formFor(plan, obligation) : [],
        units: group.map((i) => i.unitId),
        state: "active",
        escalation: obligation?.escalation ?? plan.defaults.escalation,
      };
      return write(keys.deadline(first.planId, first.obligationId, first.period), {
        type: "deadline",
        ...definition,
      });
    });
    await mapConcurrent(instances, 16, (inst) =>
      write(
        keys.expectation(parseInstanceId(inst.id) as InstanceRef),
        {
          type: "expectation",
          instanceId: inst.id,
          planId: inst.planId,
          obligationId: inst.obligationId,
          period: inst.period,
          unitId: inst.unitId,
          unitName: inst.unitName,
          contacts: units.get(inst.unitId)?.contacts,
          dueAt: inst.dueAt,
          [TABLE_KEYS.indexes.byUnit.partitionKey]: keys.byUnitPk(inst.planId, inst.unitId),
          [TABLE_KEYS.indexes.byUnit.sortKey]: keys.byUnitDue(inst.dueAt, inst.id),
        },
        { state: "expected" },
      ),
    );

    await this.batchPut(pending);

    // Expectations the amended plan no longer has are cancelled (their submissions stay).
    const current = new Set(instances.map((i) => i.id));
    const currentDeadlines = new Set(deadlines.keys());
    let cancelled = 0;
    for (const unitId of first ? [] : new Set([...previousUnits, ...plan.units.map((u) => u.id)])) {
      const stale = (await this.unitItems(plan.id, unitId)).filter(
        (e): e is Item & StoredExpectation =>
          e.type === "expectation" &&
          !current.has(e.instanceId) &&
          (e.state === "expected" || e.state === "overdue"),
      );
      for (const e of stale) {
        const ref = parseInstanceId(e.instanceId) as InstanceRef;
        await this.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: keys.expectation(ref),
            UpdateExpression: "SET #s = :cancelled REMOVE gsi2pk, gsi2sk",
            ExpressionAttributeNames: { "#s": "state" },
            ExpressionAttributeValues: { ":cancelled": "cancelled" },
          }),
        );
        const deadlinePk = keys.deadlinePk(ref.planId, ref.obligationId, ref.period);
        if (!currentDeadlines.has(deadlinePk)) {
          await this.update(keys.deadline(ref.planId, ref.obligationId, ref.period), { state: "cancelled" });
          currentDeadlines.add(deadlinePk); // once per deadline
        }
        cancelled++;
      }
    }

    // Last: the plan item with its hash, so that an interrupted publish is redone in full next time.
    await this.update(keys.plan(plan.id), {
      type: "plan",
      planId: plan.id,
      title: plan.title,
      number: plan.number,
      issuedOn: plan.issuedOn,
      year: plan.year,
      untilYear: plan.untilYear ?? plan.year,
      issuer: plan.issuer,
      steeringCommittee: plan.steeringCommittee,
      contentHash,
      dataModel: DATA_MODEL_VERSION,
      publishedAt: now.toISOString(),
    });
    this.definitions.clear();
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

  /** A deadline's definition, reused for definitionTtlMs: every unit's submission needs it. */
  async deadlineDefinition(ref: Omit<InstanceRef, "unitId">): Promise<DeadlineDefinition | undefined> {
    const pk = keys.deadlinePk(ref.planId, ref.obligationId, ref.period);
    const cached = this.definitions.get(pk);
    if (cached && cached.expires > Date.now()) return cached.value;
    const out = await this.send<{ Item?: DeadlineDefinition }>(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.deadline(ref.planId, ref.obligationId, ref.period),
      }),
    );
    this.definitions.set(pk, { value: out.Item, expires: Date.now() + this.definitionTtlMs });
    return out.Item;
  }

  /** One unit's deadline with all its submissions, oldest first (one Query). */
  async getExpectation(
    instanceId: string,
  ): Promise<{ expectation: ExpectationItem; submissions: SubmissionItem[] } | undefined> {
    const ref = parseInstanceId(instanceId);
    if (!ref) return undefined;
    const [definition, items] = await Promise.all([
      this.deadlineDefinition(ref),
      this.queryAll({
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: {
          ":pk": keys.deadlinePk(ref.planId, ref.obligationId, ref.period),
          ":prefix": keys.unitPrefix(ref.unitId),
        },
      }),
    ]);
    return fold(items, () => definition)[0];
  }

  /** A deadline's units and where each stands (one Query over the deadline's partition). */
  async deadlineExpectations(
    planId: string,
    obligationId: string,
    period: string,
  ): Promise<ExpectationItem[]> {
    const [definition, items] = await Promise.all([
      this.deadlineDefinition({ planId, obligationId, period }),
      this.queryAll({
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: {
          ":pk": keys.deadlinePk(planId, obligationId, period),
          ":prefix": keys.unitsPrefix,
        },
      }),
    ]);
    return fold(items, () => definition).map((x) => x.expectation);
  }

  /** The units of a deadline that still owe it. */
  async pendingUnits(planId: string, obligationId: string, period: string): Promise<ExpectationItem[]> {
    const all = await this.deadlineExpectations(planId, obligationId, period);
    return all.filter((e) => e.status === "pending" || e.status === "overdue");
  }

  private unitItems(planId: string, unitId: string): Promise<Item[]> {
    const { name, partitionKey } = TABLE_KEYS.indexes.byUnit;
    return this.queryAll({
      IndexName: name,
      KeyConditionExpression: `${partitionKey} = :pk`,
      ExpressionAttributeValues: { ":pk": keys.byUnitPk(planId, unitId) },
    });
  }

  private async withDefinitions(items: readonly Item[]) {
    const refs = new Map<string, InstanceRef>();
    for (const i of items)
      if (i.type === "expectation") refs.set(i.instanceId, parseInstanceId(i.instanceId) as InstanceRef);
    const defs = new Map<string, DeadlineDefinition | undefined>();
    await mapConcurrent([...refs.values()], 8, async (ref) => {
      const pk = keys.deadlinePk(ref.planId, ref.obligationId, ref.period);
      if (!defs.has(pk)) defs.set(pk, await this.deadlineDefinition(ref));
    });
    return fold(items, (e) => defs.get(keys.deadlinePk(e.planId, e.obligationId, e.period)));
  }

  /**
   * A unit's deadlines by due instant, optionally with dueAt in [from, to). One Query on the byUnit
   * index (a unit's partition holds its deadlines and submissions: a few hundred items a year),
   * plus the definitions of its deadlines, cached.
   */
  async unitExpectations(
    planId: string,
    unitId: string,
    range?: { from: string; to: string },
  ): Promise<ExpectationItem[]> {
    const folded = await this.withDefinitions(await this.unitItems(planId, unitId));
    return folded
      .map((x) => x.expectation)
      .filter((e) => !range || (e.dueAt >= range.from && e.dueAt < range.to))
      .sort((a, b) =>
        a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.instanceId < b.instanceId ? -1 : 1,
      );
  }

  /** A unit's open deadlines: not yet submitted, waived or cancelled. */
  async unitOpenExpectations(planId: string, unitId: string): Promise<ExpectationItem[]> {
    const all = await this.unitExpectations(planId, unitId);
    return all.filter((e) => e.status === "pending" || e.status === "overdue");
  }

  /** A unit's submissions, oldest first. */
  async unitSubmissions(planId: string, unitId: string): Promise<SubmissionItem[]> {
    const items = (await this.unitItems(planId, unitId)).filter((i) => i.type === "submission");
    return (items as unknown as SubmissionItem[]).sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : 1));
  }

  /** Every version a unit submitted for one deadline, oldest first. */
  async submissionsFor(instanceId: string): Promise<SubmissionItem[]> {
    return (await this.getExpectation(instanceId))?.submissions ?? [];
  }

  /** The units of a plan marked overdue and still without a submission, by due instant. */
  async overdueExpectations(planId: string): Promise<ExpectationItem[]> {
    const { name, partitionKey } = TABLE_KEYS.indexes.overdue;
    const items = await this.queryAll({
      IndexName: name,
      KeyConditionExpression: `${partitionKey} = :pk`,
      ExpressionAttributeValues: { ":pk": keys.overduePk(planId) },
    });
    return (await this.withDefinitions(items))
      .map((x) => x.expectation)
      .filter((e) => e.status === "overdue");
  }

  // ---- writes -----------------------------------------------------------------------------

  /** Marks a unit overdue on a deadline, if it is still expected of it (the workflows call this). */
  async markOverdue(instanceId: string): Promise<boolean> {
    const ref = parseInstanceId(instanceId) as InstanceRef;
    const { overdue } = TABLE_KEYS.indexes;
    try {
      await this.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.expectation(ref),
          UpdateExpression: `SET #s = :overdue, ${overdue.partitionKey} = :pk, ${overdue.sortKey} = :sk`,
          ConditionExpression: "#s = :expected",
          ExpressionAttributeNames: { "#s": "state" },
          ExpressionAttributeValues: {
            ":overdue": "overdue",
            ":expected": "expected",
            ":pk": keys.overduePk(ref.planId),
            ":sk": keys.overdueExpectationSk((await this.deadlineDefinition(ref))?.dueAt ?? "", instanceId),
          },
        }),
      );
      return true;
    } catch (err) {
      if ((err as Error).name === "ConditionalCheckFailedException") return false;
      throw err;
    }
  }

  /**
   * Records one submission version with one conditional PutItem: stored once, or not at all.
   * A retry with the same idempotency key (same receipt) finds the first submission and writes
   * nothing; the same key with a different payload is a conflict.
   */
  async recordSubmission(input: {
    instanceId: string;
    dueAt: string;
    receipt: string;
    submittedAt: Date;
    timeliness: Timeliness;
    submitter: Submitter;
    fields: Record<string, unknown>;
    attachments?: AttachmentRecord[];
    idempotencyKey: string;
  }): Promise<RecordResult> {
    const { receipt, timeliness: t } = input;
    const ref = parseInstanceId(input.instanceId) as InstanceRef;
    const submittedAt = input.submittedAt.toISOString();
    const payloadHash = hashOf({ submitter: input.submitter, fields: input.fields });
    const submission: SubmissionItem = {
      receipt,
      instanceId: input.instanceId,
      planId: ref.planId,
      unitId: ref.unitId,
      submittedAt,
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
    const { byUnit, overdue } = TABLE_KEYS.indexes;
    try {
      await this.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.submission(ref, receipt),
            type: "submission",
            ...submission,
            [byUnit.partitionKey]: keys.byUnitPk(ref.planId, ref.unitId),
            [byUnit.sortKey]: keys.byUnitSubmitted(submittedAt, receipt),
            // A late submission sorts beside the overdue mark it answers.
            ...(t.late && {
              [overdue.partitionKey]: keys.overduePk(ref.planId),
              [overdue.sortKey]: keys.overdueSubmissionSk(input.dueAt, input.instanceId, receipt),
            }),
          },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      return { outcome: "created", submission };
    } catch (err) {
      if ((err as Error).name !== "ConditionalCheckFailedException") throw err;
      const first = await this.send<{ Item?: SubmissionItem }>(
        new GetCommand({ TableName: this.tableName, Key: keys.submission(ref, receipt) }),
      );
      if (!first.Item) throw err;
      return {
        outcome: first.Item.payloadHash === payloadHash ? "duplicate" : "conflict",
        submission: first.Item,
      };
    }
  }

  // ---- the lifecycle of a deadline (the workflows) -----------------------------------------

  /**
   * Everything the lifecycle needs about one deadline, read fresh in one Query over its partition:
   * the definition, the stages done, each unit with its derived status, and every send recorded.
   */
  async lifecycleSnapshot(
    planId: string,
    obligationId: string,
    period: string,
  ): Promise<LifecycleSnapshot | undefined> {
    const items = await this.queryAll({
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.deadlinePk(planId, obligationId, period) },
    });
    const definition = items.find((i) => i.type === "deadline") as DeadlineDefinition | undefined;
    if (!definition) return undefined;
    const progress = items.find((i) => i.sk === "LIFECYCLE") as { stagesDone?: Set<string> } | undefined;
    return {
      definition,
      stagesDone: new Set(progress?.stagesDone ?? []),
      units: fold(items, () => definition).map((x) => x.expectation),
      sends: items.filter((i) => i.type === "send") as unknown as SendRecord[],
    };
  }

  async markStageDone(planId: string, obligationId: string, period: string, stage: string): Promise<void> {
    await this.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.lifecycle(planId, obligationId, period),
        UpdateExpression: "ADD stagesDone :stage SET #type = :type",
        ExpressionAttributeNames: { "#type": "type" },
        ExpressionAttributeValues: { ":stage": new Set([stage]), ":type": "lifecycle" },
      }),
    );
  }

  /**
   * Claims one message (stage, channel, recipient) of a unit before it is sent. Only the first
   * claim succeeds, so a retried Lambda or state machine never sends the same message twice.
   */
  async claimSend(
    record: Omit<SendRecord, "status" | "attempts" | "messageId" | "error" | "sentAt">,
  ): Promise<boolean> {
    const ref = parseInstanceId(record.instanceId) as InstanceRef;
    try {
      await this.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.send(ref, record.stage, record.channel, record.recipient),
            type: "send",
            ...record,
            status: "sending",
            attempts: 0,
          },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      return true;
    } catch (err) {
      if ((err as Error).name === "ConditionalCheckFailedException") return false;
      throw err;
    }
  }

  async completeSend(
    record: Pick<SendRecord, "instanceId" | "stage" | "channel" | "recipient">,
    outcome:
      | { status: "sent"; messageId: string; attempts: number; at: string }
      | { status: "failed"; error: string; attempts: number; at: string },
  ): Promise<void> {
    const ref = parseInstanceId(record.instanceId) as InstanceRef;
    await this.update(keys.send(ref, record.stage, record.channel, record.recipient), {
      status: outcome.status,
      attempts: outcome.attempts,
      sentAt: outcome.at,
      ...(outcome.status === "sent" ? { messageId: outcome.messageId } : { error: outcome.error }),
    });
  }

  /** The units of a plan by id, with their contacts (the committee and its standing body). */
  private async planUnits(
    planId: string,
    unitIds: readonly string[],
  ): Promise<Array<{ unitId: string; name: string; contacts: Contacts }>> {
    const out: Array<{ unitId: string; name: string; contacts: Contacts }> = [];
    for (const unitId of new Set(unitIds)) {
      const res = await this.send<{ Item?: { unitId: string; name: string; contacts?: Contacts } }>(
        new GetCommand({ TableName: this.tableName, Key: keys.unit(planId, unitId) }),
      );
      if (res.Item)
        out.push({ unitId, name: res.Item.name, contacts: res.Item.contacts ?? { emails: [], phones: [] } });
    }
    return out;
  }

  private async planRecord(planId: string): Promise<
    | {
        title: string;
        number?: string;
        issuedOn?: string;
        issuer: { unit: string };
        steeringCommittee: { unit: string; standingBody: string };
      }
    | undefined
  > {
    const res = await this.send<{
      Item?: {
        title: string;
        number?: string;
        issuedOn?: string;
        issuer: { unit: string };
        steeringCommittee: { unit: string; standingBody: string };
      };
    }>(new GetCommand({ TableName: this.tableName, Key: keys.plan(planId) }));
    return res.Item;
  }

  /** The deadlines of a plan still active (for the plan-calendar workflow), from its units' partitions. */
  async planDeadlines(planId: string): Promise<Array<Omit<InstanceRef, "unitId"> & { dueAt: string }>> {
    const seen = new Map<string, Omit<InstanceRef, "unitId"> & { dueAt: string }>();
    for (const unitId of await this.planUnitIds(planId)) {
      for (const item of await this.unitItems(planId, unitId)) {
        if (item.type !== "expectation" || item.state === "cancelled") continue;
        const pk = keys.deadlinePk(item.planId, item.obligationId, item.period);
        if (!seen.has(pk))
          seen.set(pk, { planId, obligationId: item.obligationId, period: item.period, dueAt: item.dueAt });
      }
    }
    return [...seen.values()].sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1));
  }

  // ---- short links for SMS ----------------------------------------------------------------

  /**
   * Stores a short link once per unit, deadline and link key. A reminder writes it again only to
   * carry it further: a later expiry (the deadline was extended), or a key renamed since. The
   * instance must match, so a colliding id never re-points another unit's link.
   */
  async saveShortLink(link: ShortLink, issuedAt: Date): Promise<boolean> {
    try {
      await this.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.shortLink(link.id),
            type: "short-link",
            instanceId: link.instanceId,
            keyId: link.keyId,
            // Not "expiresAt", the table's TTL attribute: an expired short link must still say so (410).
            linkExpiresAt: link.expiresAt,
            issuedAt: issuedAt.toISOString(),
          },
          ConditionExpression:
            "attribute_not_exists(pk) OR (instanceId = :i AND (attribute_not_exists(keyId) OR keyId <> :k OR linkExpiresAt < :e))",
          ExpressionAttributeValues: { ":i": link.instanceId, ":k": link.keyId, ":e": link.expiresAt },
        }),
      );
      return true;
    } catch (err) {
      if ((err as Error).name === "ConditionalCheckFailedException") return false;
      throw err;
    }
  }

  async resolveShortLink(id: string): Promise<StoredShortLink | undefined> {
    if (!/^[A-Za-z0-9_-]{6,32}$/.test(id)) return undefined;
    const out = await this.send<{ Item?: Record<string, unknown> }>(
      new GetCommand({ TableName: this.tableName, Key: keys.shortLink(id) }),
    );
    const item = StoredShortLinkItem.safeParse(out.Item);
    if (!item.success) return undefined;
    const { instanceId, keyId, linkExpiresAt } = item.data;
    return {
      id,
      instanceId,
      ...(keyId !== undefined && { keyId }),
      ...(linkExpiresAt !== undefined && { expiresAt: linkExpiresAt }),
    };
  }

  /** One unit of a plan with its contacts (whom a unit asks for a new link). */
  async planUnit(
    planId: string,
    unitId: string,
  ): Promise<{ unitId: string; name: string; contacts: Contacts } | undefined> {
    return (await this.planUnits(planId, [unitId]))[0];
  }

  private readonly planContexts = new Map<
    string,
    { value: Promise<PlanContext | undefined>; expires: number }
  >();

  /** The plan's title, steering committee and standing body with their contacts, reused like definitions. */
  planContext(planId: string): Promise<PlanContext | undefined> {
    const cached = this.planContexts.get(planId);
    if (cached && cached.expires > Date.now()) return cached.value;
    const value = (async () => {
      const plan = await this.planRecord(planId);
      if (!plan) return undefined;
      const { unit, standingBody } = plan.steeringCommittee;
      const units = await this.planUnits(planId, [unit, standingBody, plan.issuer.unit]);
      const find = (id: string) =>
        units.find((u) => u.unitId === id) ?? { unitId: id, name: id, contacts: { emails: [], phones: [] } };
      return {
        title: plan.title,
        ...(plan.number !== undefined && { number: plan.number }),
        ...(plan.issuedOn !== undefined && { issuedOn: plan.issuedOn }),
        committee: find(unit),
        standingBody: find(standingBody),
        issuer: find(plan.issuer.unit),
      };
    })();
    this.planContexts.set(planId, { value, expires: Date.now() + this.definitionTtlMs });
    return value;
  }
}
