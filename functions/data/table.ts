/**
 * The one DynamoDB table of hanchot: its key schema and indexes, declared once, used by the
 * local runtime and the tests to create it and by the CDK app to deploy it, so they cannot drift.
 * Which item carries which key is declared by the entities (functions/data/entities/); the access
 * patterns they serve are listed in docs/data-model.md.
 */
import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
  /** The attributes copied into the index besides the keys; all of them when absent. */
  include?: readonly string[];
}

export const TABLE_KEYS = {
  partitionKey: "pk",
  sortKey: "sk",
  indexes: {
    /** A unit's deadlines by due instant, and its submissions by time. */
    byUnit: { name: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    /**
     * A plan's deadlines by the end of their lifecycle (the plan calendar), and a plan-year's
     * expectations and submissions (the operations overview). Only what those read is copied, so
     * that a plan-year fits in a page or two.
     */
    byPlan: {
      name: "gsi2",
      partitionKey: "gsi2pk",
      sortKey: "gsi2sk",
      include: [
        "type",
        "planId",
        "obligationId",
        "period",
        "year",
        "unitId",
        "unitName",
        "instanceId",
        "title",
        "state",
        "dueAt",
        // An activity held on a fixed day: the console shows its day beside the cut-off.
        "heldOn",
        "remindAt",
        "escalation",
        "receipt",
        "submittedAt",
        "late",
        "lateDays",
        "contacts",
        "extendedTo",
        "decision",
        "at",
        "stage",
        "channel",
        "status",
        "sentAt",
        // A plan under an oversight body (the ranking): its years and the names it is shown with.
        "untilYear",
        "names",
        "oversight",
        // A plan-year's figures snapshot, beside its plan in the oversight partition (the ranking).
        "figures",
      ],
    },
  } satisfies Record<string, IndexDefinition>,
} as const;

export type IndexName = keyof typeof TABLE_KEYS.indexes;

export function createTableInput(tableName: string): CreateTableCommandInput {
  const { partitionKey, sortKey, indexes } = TABLE_KEYS;
  const all: IndexDefinition[] = Object.values(indexes);
  const attributes = [partitionKey, sortKey, ...all.flatMap((i) => [i.partitionKey, i.sortKey])];
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: attributes.map((name) => ({ AttributeName: name, AttributeType: "S" })),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: "HASH" },
      { AttributeName: sortKey, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: all.map((i) => ({
      IndexName: i.name,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: "HASH" },
        { AttributeName: i.sortKey, KeyType: "RANGE" },
      ],
      Projection: i.include
        ? { ProjectionType: "INCLUDE", NonKeyAttributes: [...i.include] }
        : { ProjectionType: "ALL" },
    })),
  };
}
