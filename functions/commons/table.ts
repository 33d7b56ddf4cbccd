/**
 * The one DynamoDB table of hanchot: its key schema and indexes, declared once, used by the
 * local runtime and the tests to create it and by the CDK app to deploy it, so they cannot drift.
 * The access patterns that these keys serve are in docs/data-model.md and keys.ts.
 */
import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

export const TABLE_KEYS = {
  partitionKey: "pk",
  sortKey: "sk",
  indexes: {
    /** A unit's deadlines by due instant, and its submissions by time. */
    byUnit: { name: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    /** Sparse: the overdue expectations of a plan, by due instant. */
    overdue: { name: "gsi2", partitionKey: "gsi2pk", sortKey: "gsi2sk" },
  },
} as const;

export function createTableInput(tableName: string): CreateTableCommandInput {
  const { partitionKey, sortKey, indexes } = TABLE_KEYS;
  const attributes = [
    partitionKey,
    sortKey,
    ...Object.values(indexes).flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: attributes.map((name) => ({ AttributeName: name, AttributeType: "S" })),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: "HASH" },
      { AttributeName: sortKey, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: Object.values(indexes).map((i) => ({
      IndexName: i.name,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: "HASH" },
        { AttributeName: i.sortKey, KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "ALL" },
    })),
  };
}
