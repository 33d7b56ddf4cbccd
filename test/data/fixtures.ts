/** What the data tests share: the fixture plan, and a submission timed as the API times it. */
import { readFileSync } from "node:fs";
import type { DataLayer } from "../../functions/data";
import { parseDeadlineId, parseInstanceId } from "../../shared/calendar/instance-id";
import { parsePlan } from "../../shared/plan/load";
import { receiptNumber } from "../../shared/submission/receipt";
import { timeliness } from "../../shared/submission/status";

export const fixture = parsePlan(readFileSync("test/fixtures/all-rules.yaml", "utf8"));

export async function submit(
  data: DataLayer,
  instanceId: string,
  key: string,
  at: Date,
  fields: Record<string, unknown> = { "tom-tat": "x" },
) {
  const ref = parseInstanceId(instanceId);
  const definition = ref && (await data.deadlines.definition(ref));
  if (!definition) throw new Error(`no deadline for ${instanceId}`);
  return data.deadlines.recordSubmission({
    instanceId,
    year: definition.year,
    dueAt: definition.dueAt,
    receipt: receiptNumber(instanceId, key),
    submittedAt: at,
    timeliness: timeliness(at.getTime(), definition.dueAt),
    submitter: { name: "Nguyễn Văn A", phone: "+84912345678" },
    fields,
    idempotencyKey: key,
  });
}

export const deadline = (id: string) => {
  const ref = parseDeadlineId(id);
  if (!ref) throw new Error(`not a deadline id: ${id}`);
  return ref;
};
