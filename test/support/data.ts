/** The data layer over a fresh DynamoDB Local table, and reads tests make of what was stored. */
import type { DataLayer, DataLayerOptions, SubmissionRecord } from "../../functions/data";
import { dataLayer } from "../../functions/data";
import { freshTable } from "./dynamodb";

export async function freshData(options: DataLayerOptions = {}) {
  const table = await freshTable();
  return { ...table, data: dataLayer(table.doc, table.tableName, options) };
}

/** Every version a unit submitted for one deadline instance, oldest first. */
export async function storedSubmissions(data: DataLayer, instanceId: string): Promise<SubmissionRecord[]> {
  return (await data.deadlines.expectation(instanceId))?.submissions ?? [];
}
