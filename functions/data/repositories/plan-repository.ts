/**
 * A plan and what is read across it: its record and units, the deadlines whose lifecycle still
 * runs (the plan calendar), a plan-year's overview (the operations console), and the writes of a
 * publication (functions/use-cases/publish-plan.ts decides what to write).
 */

import { z } from "zod";
import type { DeadlineRef, InstanceRef } from "../../../shared/calendar/instance-id";
import type { Contacts } from "../../../shared/plan/schema";
import { deriveStatus, type ExpectationState } from "../../../shared/submission/derive";
import type { ExpectationStatus } from "../../../shared/submission/status";
import { DeadlineWindowRecord, deadlineEndsSk, deadlineEntity, planDeadlinesPk } from "../entities/deadline";
import { EXPECTATIONS_PREFIX, expectationEntity, planYearPk } from "../entities/expectation";
import { type PlanRecord, planEntity } from "../entities/plan";
import { type PlanFileRecord, planFileEntity } from "../entities/plan-file";
import { unitEntity, unitsOfPlan } from "../entities/unit";
import { compose } from "../entity";
import type { Item, TableClient } from "../table-client";

export interface PlanUnit {
  unitId: string;
  name: string;
  contacts: Contacts;
}

/** A unit as stored now, its names for matching: the console edits its contacts here, not in the plan file. */
export interface StoredUnit extends PlanUnit {
  aliases: string[];
}

export interface PlanContext {
  title: string;
  /** The plan number and date of issue as written. */
  number?: string;
  issuedOn?: string;
  committee: PlanUnit;
  standingBody: PlanUnit;
  /** The issuing People's Committee: told instead of the standing body when the standing body is late. */
  issuer: PlanUnit;
}

/** One unit's share of a deadline in a plan-year's overview. */
export interface OverviewCell {
  instanceId: string;
  obligationId: string;
  period: string;
  unitId: string;
  unitName: string;
  dueAt: string;
  state: ExpectationState;
  status: ExpectationStatus;
  versions: number;
  submittedAt?: string;
  late?: boolean;
  lateDays?: number;
}

export interface PlanOverview {
  deadlines: DeadlineWindowRecord[];
  cells: OverviewCell[];
}

/** What the byPlan index holds of an expectation or a submission (its projection). */
const ExpectationSummary = z.object({
  type: z.literal("expectation"),
  instanceId: z.string(),
  obligationId: z.string(),
  period: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  dueAt: z.string(),
  state: z.enum(["expected", "overdue", "waived", "cancelled"]),
});
const SubmissionSummary = z.object({
  type: z.literal("submission"),
  instanceId: z.string(),
  receipt: z.string(),
  submittedAt: z.string(),
});
const Summary = z.discriminatedUnion("type", [ExpectationSummary, SubmissionSummary]);

const NO_CONTACTS: Contacts = { emails: [], phones: [] };

export class PlanRepository {
  private readonly contexts = new Map<string, { value: Promise<PlanContext | undefined>; expires: number }>();

  constructor(
    private readonly table: TableClient,
    /** How long a plan's context is reused before it is read again. */
    private readonly contextTtlMs = 60_000,
  ) {}

  async record(planId: string): Promise<PlanRecord | undefined> {
    const item = await this.table.get(planEntity.key({ planId }));
    return item && planEntity.parse(item);
  }

  /** The stored hash and data model of a plan, to tell whether a publication changes anything. */
  async publication(
    planId: string,
  ): Promise<{ contentHash?: string; dataModel?: number; fileStored?: boolean } | undefined> {
    const item = await this.table.get(planEntity.key({ planId }), ["contentHash", "dataModel", "fileStored"]);
    return (
      item &&
      z
        .object({
          contentHash: z.string().optional(),
          dataModel: z.number().optional(),
          fileStored: z.boolean().optional(),
        })
        .parse(item)
    );
  }

  /** The plan file as last published (JSON text), if a copy is kept. */
  async file(planId: string): Promise<PlanFileRecord | undefined> {
    const item = await this.table.get(planFileEntity.key({ planId }));
    return item && planFileEntity.parse(item);
  }

  /** Keeps the copy of a plan already published with the same content (published before copies were kept). */
  async storeFile(copy: PlanFileRecord): Promise<void> {
    await this.table.put(planFileEntity.item(copy));
    await this.table.set(planEntity.key(copy), { fileStored: true });
  }

  async unit(planId: string, unitId: string): Promise<PlanUnit | undefined> {
    const item = await this.table.get(unitEntity.key({ planId, unitId }));
    if (!item) return undefined;
    const u = unitEntity.parse(item);
    return { unitId, name: u.name, contacts: u.contacts ?? NO_CONTACTS };
  }

  /** The plan's units with their current contacts (one Query of the plan's partition, UNIT# items). */
  async units(planId: string): Promise<StoredUnit[]> {
    const { pk, beginsWith } = unitsOfPlan(planId);
    return unitEntity.among(await this.table.query({ pk, sk: { beginsWith } })).map((u) => ({
      unitId: u.unitId,
      name: u.name,
      aliases: u.aliases ?? [],
      contacts: u.contacts ?? NO_CONTACTS,
    }));
  }

  async unitIds(planId: string): Promise<string[]> {
    const { pk, beginsWith } = unitsOfPlan(planId);
    return unitEntity.among(await this.table.query({ pk, sk: { beginsWith } })).map((u) => u.unitId);
  }

  /** The plan's title, steering committee, standing body and issuer with their contacts, cached. */
  context(planId: string): Promise<PlanContext | undefined> {
    const cached = this.contexts.get(planId);
    if (cached && cached.expires > Date.now()) return cached.value;
    const value = (async () => {
      const plan = await this.record(planId);
      if (!plan) return undefined;
      const { unit, standingBody } = plan.steeringCommittee;
      const find = async (unitId: string) =>
        (await this.unit(planId, unitId)) ?? { unitId, name: unitId, contacts: NO_CONTACTS };
      const [committee, standing, issuer] = await Promise.all([
        find(unit),
        find(standingBody),
        find(plan.issuer.unit),
      ]);
      return {
        title: plan.title,
        ...(plan.number !== undefined && { number: plan.number }),
        ...(plan.issuedOn !== undefined && { issuedOn: plan.issuedOn }),
        committee,
        standingBody: standing,
        issuer,
      };
    })();
    this.contexts.set(planId, { value, expires: Date.now() + this.contextTtlMs });
    return value;
  }

  /** The deadlines of a plan whose lifecycle has not ended by `at` (one Query on byPlan). */
  async deadlinesRunningAt(planId: string, at: Date): Promise<DeadlineWindowRecord[]> {
    const items = await this.table.query({
      index: "byPlan",
      pk: planDeadlinesPk(planId),
      sk: { between: [deadlineEndsSk(at.toISOString()), deadlineEndsSk("\uffff")] },
    });
    return items.filter((i) => i.type === deadlineEntity.type).map((i) => DeadlineWindowRecord.parse(i));
  }

  /** A plan-year's expectations (byPlan index; cancelled ones included) without their submissions. */
  async expectationsOfYear(planId: string, year: number): Promise<Array<z.infer<typeof ExpectationSummary>>> {
    const items = await this.table.query({
      index: "byPlan",
      pk: planYearPk(planId, year),
      sk: { beginsWith: EXPECTATIONS_PREFIX },
    });
    return items.flatMap((i) => (i.type === expectationEntity.type ? [ExpectationSummary.parse(i)] : []));
  }

  /**
   * A plan-year at a glance for the operations console: every deadline, and every unit's share of
   * each with its derived status. Two Queries on the byPlan index (one page each for a district).
   */
  async overview(planId: string, year: number): Promise<PlanOverview> {
    const [deadlineItems, items] = await Promise.all([
      this.table.query({ index: "byPlan", pk: planDeadlinesPk(planId) }),
      this.table.query({
        index: "byPlan",
        pk: planYearPk(planId, year),
        sk: { beginsWith: EXPECTATIONS_PREFIX },
      }),
    ]);
    const summaries = items.map((i) => Summary.parse(i));
    const submissions = Map.groupBy(
      summaries.filter((s) => s.type === "submission"),
      (s) => s.instanceId,
    );
    const deadlines = deadlineItems.map((i) => DeadlineWindowRecord.parse(i));
    const current = new Map(deadlines.map((d) => [compose(d.obligationId, d.period), d]));
    const cells = summaries.flatMap((e): OverviewCell[] => {
      if (e.type !== "expectation") return [];
      const dueAt = current.get(compose(e.obligationId, e.period))?.dueAt ?? e.dueAt;
      const derived = deriveStatus(e.state, dueAt, submissions.get(e.instanceId) ?? []);
      const { type: _t, ...cell } = e;
      return [
        {
          ...cell,
          dueAt,
          status: derived.status,
          versions: derived.versions,
          ...(derived.submittedAt && { submittedAt: derived.submittedAt }),
          ...(derived.timeliness && { late: derived.timeliness.late, lateDays: derived.timeliness.lateDays }),
        },
      ];
    });
    return { deadlines: deadlines.filter((d) => d.year === year), cells };
  }

  // ---- the writes of a publication --------------------------------------------------------

  /** Writes new items in batches: a first publication has nothing to keep. */
  putNew(items: readonly Item[]): Promise<void> {
    return this.table.batchPut(items);
  }

  /** Writes an item over what is stored, keeping `keep` attributes where they are already set. */
  async putKeeping(item: Item, keep: Item = {}): Promise<void> {
    const { pk, sk, ...values } = item;
    for (const name of Object.keys(keep)) delete values[name];
    await this.table.set({ pk, sk }, values, keep);
  }

  /** Cancels an expectation the amended plan no longer has (its submissions stay); false if it was not open. */
  cancelExpectation(ref: InstanceRef): Promise<boolean> {
    return this.table.update(expectationEntity.key(ref), {
      UpdateExpression: "SET #s = :cancelled",
      ConditionExpression: "#s IN (:expected, :overdue)",
      ExpressionAttributeNames: { "#s": "state" },
      ExpressionAttributeValues: {
        ":cancelled": "cancelled",
        ":expected": "expected",
        ":overdue": "overdue",
      },
    });
  }

  async cancelDeadline(ref: DeadlineRef): Promise<void> {
    await this.table.set(deadlineEntity.key(ref), { state: "cancelled" });
  }
}
