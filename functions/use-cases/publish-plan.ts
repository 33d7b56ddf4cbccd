/**
 * Publishing a plan: its units, obligations, targets, and every deadline and expectation of the
 * years it runs, and a copy of the whole plan file (the console moves it to next year). Idempotent: the same content again writes nothing. An amended plan updates what changed,
 * keeps every submission and recorded state, and cancels the expectations it no longer has.
 */
import { createHash } from "node:crypto";
import { planDeadlines } from "../../shared/calendar/deadlines";
import { parseInstanceId } from "../../shared/calendar/instance-id";
import { formFor } from "../../shared/plan/forms";
import type { PlanFile } from "../../shared/plan/schema";
import { mapConcurrent } from "../commons/concurrency";
import { DATA_MODEL_VERSION, type DataLayer, DataModelMismatchError } from "../data";
import { deadlineEntity } from "../data/entities/deadline";
import { expectationEntity } from "../data/entities/expectation";
import { obligationEntity } from "../data/entities/obligation";
import { planEntity } from "../data/entities/plan";
import { PLAN_FILE_MAX_BYTES, type PlanFileRecord, planFileEntity } from "../data/entities/plan-file";
import { targetEntity } from "../data/entities/target";
import { unitEntity } from "../data/entities/unit";
import type { Item } from "../data/table-client";

export interface PublishResult {
  /** False when the same plan content was already published: nothing was written. */
  changed: boolean;
  expectations: number;
  cancelled: number;
  requests: number;
}

const hashOf = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex");

export async function publishPlan(data: DataLayer, plan: PlanFile, now = new Date()): Promise<PublishResult> {
  const { requests } = data.table;
  const before = requests.count;
  const contentHash = hashOf(plan);
  const existing = await data.plans.publication(plan.id);
  if (existing && existing.dataModel !== DATA_MODEL_VERSION) {
    throw new DataModelMismatchError(
      `plan ${plan.id} is stored in data model ${existing.dataModel ?? 1}, this code reads ${DATA_MODEL_VERSION}`,
    );
  }
  const copy = fileCopy(plan, contentHash, now);
  if (existing?.contentHash === contentHash) {
    // Published before copies were kept: keep one now, once (the console moves it to next year).
    if (!existing.fileStored && copy) await data.plans.storeFile(copy);
    return { changed: false, expectations: 0, cancelled: 0, requests: requests.count - before };
  }
  const previous = existing ? await data.plans.record(plan.id) : undefined;

  const deadlines = planDeadlines(plan);
  const units = new Map(plan.units.map((u) => [u.id, u]));
  // States recorded since (overdue, waived) survive a republication; a first one has none.
  const keep = { state: "expected" };
  const items: Array<{ item: Item; keep?: Item }> = [
    ...(copy ? [{ item: planFileEntity.item(copy) }] : []),
    ...plan.units.map((u) => ({ item: unitEntity.item({ ...u, planId: plan.id, unitId: u.id }) })),
    ...plan.obligations.map((o) => ({
      item: obligationEntity.item({
        planId: plan.id,
        obligationId: o.id,
        title: o.title,
        timing: o.timing,
        schedule: o.schedule,
        ...(o.alsoSchedules && { alsoSchedules: o.alsoSchedules }),
        lead: o.lead,
        coordinating: o.coordinating,
        deliverable: o.deliverable,
        reminders: o.reminders ?? plan.defaults.reminders,
        escalation: o.escalation ?? plan.defaults.escalation,
        form: formFor(plan, o),
      }),
    })),
    ...plan.targets.map((t) => ({ item: targetEntity.item({ planId: plan.id, targetId: t.id, target: t }) })),
    ...deadlines.map(({ definition }) => ({ item: deadlineEntity.item(definition) })),
    ...deadlines.flatMap(({ definition, instances }) =>
      instances.map((inst) => ({
        item: expectationEntity.item({
          instanceId: inst.id,
          planId: inst.planId,
          obligationId: inst.obligationId,
          period: inst.period,
          year: definition.year,
          unitId: inst.unitId,
          unitName: inst.unitName,
          contacts: units.get(inst.unitId)?.contacts,
          dueAt: inst.dueAt,
          state: "expected",
        }),
        keep,
      })),
    ),
  ];
  if (!existing) await data.plans.putNew(items.map((i) => i.item));
  else await mapConcurrent(items, 16, (i) => data.plans.putKeeping(i.item, i.keep));

  // Expectations the amended plan no longer has are cancelled (their submissions stay), and so
  // are deadlines left with none: one Query per plan year, old and new.
  let cancelled = 0;
  if (previous) {
    const current = new Set(deadlines.flatMap((d) => d.instances.map((i) => i.id)));
    const currentDeadlines = new Set(deadlines.map((d) => deadlineEntity.key(d.definition).pk));
    const years = new Set([...yearsOf(previous), ...yearsOf(plan)]);
    for (const year of years) {
      for (const e of await data.plans.expectationsOfYear(plan.id, year)) {
        if (current.has(e.instanceId) || (e.state !== "expected" && e.state !== "overdue")) continue;
        const ref = parseInstanceId(e.instanceId);
        if (!ref || !(await data.plans.cancelExpectation(ref))) continue;
        const pk = deadlineEntity.key(ref).pk;
        if (!currentDeadlines.has(pk)) {
          await data.plans.cancelDeadline(ref);
          currentDeadlines.add(pk); // once per deadline
        }
        cancelled++;
      }
    }
  }

  // Last: the plan item with its hash, so that an interrupted publication is redone in full next time.
  await data.plans.putKeeping(
    planEntity.item({
      planId: plan.id,
      title: plan.title,
      number: plan.number,
      issuedOn: plan.issuedOn,
      year: plan.year,
      untilYear: plan.untilYear ?? plan.year,
      issuer: plan.issuer,
      steeringCommittee: plan.steeringCommittee,
      ...(plan.oversight && { oversight: plan.oversight }),
      // What the console shows of the plan without reading its units.
      names: {
        issuer: plan.issuer.name,
        committee: units.get(plan.steeringCommittee.unit)?.name ?? plan.steeringCommittee.unit,
        standingBody:
          units.get(plan.steeringCommittee.standingBody)?.name ?? plan.steeringCommittee.standingBody,
      },
      unitOrder: plan.units.map((u) => u.id),
      targetIds: plan.targets.map((t) => t.id),
      contentHash,
      dataModel: DATA_MODEL_VERSION,
      ...(copy && { fileStored: true }),
      publishedAt: now.toISOString(),
    }),
  );
  data.deadlines.forgetDefinitions();
  return {
    changed: true,
    expectations: deadlines.reduce((n, d) => n + d.instances.length, 0),
    cancelled,
    requests: requests.count - before,
  };
}

/** The whole plan file, kept beside the plan record while it fits an item. */
function fileCopy(plan: PlanFile, contentHash: string, now: Date): PlanFileRecord | undefined {
  const file = JSON.stringify(plan);
  if (Buffer.byteLength(file, "utf8") > PLAN_FILE_MAX_BYTES) return undefined;
  return { planId: plan.id, file, contentHash, publishedAt: now.toISOString() };
}

function yearsOf(p: { year: number; untilYear?: number }): number[] {
  const years: number[] = [];
  for (let y = p.year; y <= (p.untilYear ?? p.year); y++) years.push(y);
  return years;
}
