/**
 * The only module that sends DynamoDB commands: gets, conditional puts and updates, paginated
 * queries, batch and transactional writes, each counted (benchmarks and tests check the cost of a
 * path by that count). Repositories say what to read and write; this says how.
 */
import {
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  type NativeAttributeValue,
  PutCommand,
  paginateQuery,
  TransactWriteCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from "@aws-sdk/lib-dynamodb";
import { mapConcurrent } from "../commons/concurrency";
import type { TableKey } from "./entity";
import { type IndexName, TABLE_KEYS } from "./table";

export type Item = Record<string, NativeAttributeValue>;

/** Counts the requests sent, so that benchmarks and tests can check the cost of each path. */
export interface RequestCounter {
  count: number;
}

export interface Condition {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, NativeAttributeValue>;
}

/** A put that holds only if its condition does (a claim, a short link): alone or in a transaction. */
export interface ConditionalPut {
  item: Item;
  condition: Condition;
}

/** One write of a transaction: a put, an update, a delete or a condition on another item, each optionally conditional. */
export type TransactWrite =
  | { put: Item; condition?: Condition }
  | { delete: TableKey; condition?: Condition }
  | {
      update: TableKey;
      expression: Omit<UpdateCommandInput, "TableName" | "Key" | "ConditionExpression">;
      condition?: Condition;
    }
  | { check: TableKey; condition: Condition };

/** A transaction written, or refused: the writes whose condition failed (by index), or a conflict with another. */
export type TransactOutcome = { ok: true } | { ok: false; failed: number[]; conflict: boolean };

export interface KeyQuery {
  index?: IndexName;
  pk: string;
  /** Items whose sort key starts with this, or lies between these two (inclusive). */
  sk?: { beginsWith: string } | { between: [string, string] };
  /** Only these attributes of each item (a smaller answer; the same read units). */
  projection?: readonly string[];
}

const isConditionFailure = (err: unknown) => (err as Error).name === "ConditionalCheckFailedException";

/** SET every defined attribute of `values`, plus `if_not_exists` defaults, in one UpdateExpression. */
export function setExpression(values: Item, defaults: Item = {}) {
  const names: Record<string, string> = {};
  const attrValues: Item = {};
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

export class TableClient {
  readonly requests: RequestCounter;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
    requests?: RequestCounter,
  ) {
    this.requests = requests ?? { count: 0 };
  }

  private send<T>(command: object): Promise<T> {
    this.requests.count++;
    return this.client.send(command as GetCommand) as Promise<T>;
  }

  async get(key: TableKey, projection?: readonly string[]): Promise<Item | undefined> {
    const out = await this.send<{ Item?: Item }>(
      new GetCommand({
        TableName: this.tableName,
        Key: key,
        ...(projection && {
          ProjectionExpression: projection.map((_, i) => `#p${i}`).join(", "),
          ExpressionAttributeNames: Object.fromEntries(projection.map((p, i) => [`#p${i}`, p])),
        }),
      }),
    );
    return out.Item;
  }

  /** Puts an item; false when its condition does not hold (nothing written). */
  put(item: Item, condition?: Condition): Promise<boolean> {
    return this.conditionally(
      condition,
      (c) => new PutCommand({ TableName: this.tableName, Item: item, ...c }),
    );
  }

  /** Deletes an item; false when its condition does not hold (nothing deleted). */
  delete(key: TableKey, condition?: Condition): Promise<boolean> {
    return this.conditionally(
      condition,
      (c) => new DeleteCommand({ TableName: this.tableName, Key: key, ...c }),
    );
  }

  /** One write under an optional condition: true when written, false when the condition failed. */
  private async conditionally(
    condition: Condition | undefined,
    command: (c: ReturnType<typeof conditionInput>) => PutCommand | DeleteCommand,
  ): Promise<boolean> {
    try {
      await this.send(command(conditionInput(condition)));
      return true;
    } catch (err) {
      if (condition && isConditionFailure(err)) return false;
      throw err;
    }
  }

  /** SETs `values` (and `defaults` where absent) on one item, creating it if needed. */
  async set(key: TableKey, values: Item, defaults: Item = {}): Promise<void> {
    await this.send(
      new UpdateCommand({ TableName: this.tableName, Key: key, ...setExpression(values, defaults) }),
    );
  }

  /** Any other update of one item; false when its condition does not hold. */
  async update(key: TableKey, update: Omit<UpdateCommandInput, "TableName" | "Key">): Promise<boolean> {
    try {
      await this.send(new UpdateCommand({ TableName: this.tableName, Key: key, ...update }));
      return true;
    } catch (err) {
      if (update.ConditionExpression && isConditionFailure(err)) return false;
      throw err;
    }
  }

  /** Every item of a key query, page after page (one request per 1 MB page). */
  async query(q: KeyQuery): Promise<Item[]> {
    const index = q.index ? TABLE_KEYS.indexes[q.index] : undefined;
    const pk = index?.partitionKey ?? TABLE_KEYS.partitionKey;
    const sk = index?.sortKey ?? TABLE_KEYS.sortKey;
    const values: Item = { ":pk": q.pk };
    let condition = "#pk = :pk";
    if (q.sk && "beginsWith" in q.sk) {
      condition += " AND begins_with(#sk, :sk)";
      values[":sk"] = q.sk.beginsWith;
    } else if (q.sk) {
      condition += " AND #sk BETWEEN :from AND :to";
      [values[":from"], values[":to"]] = q.sk.between;
    }
    const out: Item[] = [];
    for await (const page of paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        ...(index && { IndexName: index.name }),
        KeyConditionExpression: condition,
        ...(q.projection && { ProjectionExpression: q.projection.map((_, i) => `#p${i}`).join(", ") }),
        ExpressionAttributeNames: {
          "#pk": pk,
          ...(q.sk && { "#sk": sk }),
          ...Object.fromEntries((q.projection ?? []).map((p, i) => [`#p${i}`, p])),
        },
        ExpressionAttributeValues: values,
      },
    )) {
      this.requests.count++;
      out.push(...(page.Items ?? []));
    }
    return out;
  }

  /** Puts items 25 at a time (nothing to keep, no condition), retrying the unprocessed. */
  async batchPut(items: readonly Item[]): Promise<void> {
    const chunks: Item[][] = [];
    for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
    await mapConcurrent(chunks, 4, async (chunk) => {
      let requests = chunk.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt)));
        const out = await this.send<{ UnprocessedItems?: Record<string, typeof requests> }>(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
        );
        requests = out.UnprocessedItems?.[this.tableName] ?? [];
        if (attempt > 10 && requests.length > 0) throw new Error(`${requests.length} items left unprocessed`);
      }
    });
  }

  /**
   * Writes up to 100 puts, updates and condition checks, all or none (one request). Refused when
   * any condition fails (`failed` names them) or the transaction meets another (`conflict`).
   */
  async transact(writes: readonly TransactWrite[]): Promise<TransactOutcome> {
    if (writes.length === 0) return { ok: true };
    if (writes.length > 100)
      throw new RangeError(`a transaction holds at most 100 writes, not ${writes.length}`);
    const TransactItems = writes.map((w) => {
      if ("put" in w)
        return { Put: { TableName: this.tableName, Item: w.put, ...conditionInput(w.condition) } };
      if ("delete" in w)
        return { Delete: { TableName: this.tableName, Key: w.delete, ...conditionInput(w.condition) } };
      if ("check" in w)
        return {
          ConditionCheck: { TableName: this.tableName, Key: w.check, ...conditionInput(w.condition) },
        };
      const condition = conditionInput(w.condition);
      const names = { ...w.expression.ExpressionAttributeNames, ...condition.ExpressionAttributeNames };
      const values = { ...w.expression.ExpressionAttributeValues, ...condition.ExpressionAttributeValues };
      return {
        Update: {
          TableName: this.tableName,
          Key: w.update,
          UpdateExpression: w.expression.UpdateExpression,
          ...(condition.ConditionExpression && { ConditionExpression: condition.ConditionExpression }),
          ...(Object.keys(names).length > 0 && { ExpressionAttributeNames: names }),
          ...(Object.keys(values).length > 0 && { ExpressionAttributeValues: values }),
        },
      };
    });
    try {
      await this.send(new TransactWriteCommand({ TransactItems } as never));
      return { ok: true };
    } catch (err) {
      const name = (err as Error).name;
      if (name === "TransactionConflictException") return { ok: false, failed: [], conflict: true };
      if (name !== "TransactionCanceledException") throw err;
      const reasons = (err as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
      const failed = reasons.flatMap((r, i) => (r.Code === "ConditionalCheckFailed" ? [i] : []));
      return { ok: false, failed, conflict: reasons.some((r) => r.Code === "TransactionConflict") };
    }
  }

  /**
   * Puts up to 100 items, each only if its condition holds, all or none. False when any condition
   * failed or the transaction met another (nothing written): the caller falls back to single puts.
   */
  async putAll(entries: readonly ConditionalPut[]): Promise<boolean> {
    if (entries.length === 0) return true;
    try {
      await this.send(
        new TransactWriteCommand({
          TransactItems: entries.map(({ item, condition }) => ({
            Put: { TableName: this.tableName, Item: item, ...conditionInput(condition) },
          })),
        }),
      );
      return true;
    } catch (err) {
      const name = (err as Error).name;
      if (name === "TransactionCanceledException" || name === "TransactionConflictException") return false;
      throw err;
    }
  }
}

/** A condition as the DynamoDB request parameters that carry it (none without one). */
function conditionInput(condition: Condition | undefined): {
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
} {
  return condition
    ? {
        ConditionExpression: condition.expression,
        ...(condition.names && { ExpressionAttributeNames: condition.names }),
        ...(condition.values && { ExpressionAttributeValues: condition.values }),
      }
    : {};
}
