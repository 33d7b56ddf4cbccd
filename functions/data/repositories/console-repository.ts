/**
 * What the operations console reads: a plan's record (cached), its deadlines and a plan-year's
 * facts on the byPlan index, a deadline's partition, a unit's items on the byUnit index, the plan's
 * own partition (units, obligations, targets), its audit log, and the plans under an oversight
 * body with their figures snapshots (the one thing written here: the ranking's cache). Each read
 * is one Query or GetItem (one per 1 MB page); items are parsed on the way out, those of an index
 * by what its projection holds. The use cases (functions/use-cases/console/) fold them into the
 * console's views.
 */
import { z } from "zod";
import type { DeadlineDefinition } from "../../../shared/calendar/deadlines";
import type { DeadlineRef, InstanceRef } from "../../../shared/calendar/instance-id";
import type { FormField } from "../../../shared/plan/schema";
import { type AuditRecord, auditEntity, auditPk } from "../entities/audit";
import { DeadlineWindowRecord, deadlineEntity, deadlinePk, planDeadlinesPk } from "../entities/deadline";
import {
  byUnitPk,
  EXPECTATIONS_PREFIX,
  ExpectationRecord,
  expectationEntity,
  planYearPk,
  unitPrefix,
} from "../entities/expectation";
import { obligationEntity } from "../entities/obligation";
import { oversightPk, type PlanRecord, planEntity } from "../entities/plan";
import { PlanYearFiguresRecord, planYearFiguresEntity } from "../entities/plan-year-figures";
import { type ReviewRecord, reviewEntity } from "../entities/review";
import { type SendRecord, sendEntity } from "../entities/send";
import { type SubmissionRecord, submissionEntity } from "../entities/submission";
import { type TargetRecord, targetEntity } from "../entities/target";
import { type UnitRecord, unitEntity } from "../entities/unit";
import type { Item, TableClient } from "../table-client";

// ---- what the byPlan index holds of each item (its projection) ------------------------------

const ExpectationShare = ExpectationRecord.pick({
  instanceId: true,
  obligationId: true,
  period: true,
  year: true,
  unitId: true,
  unitName: true,
  dueAt: true,
  state: true,
  contacts: true,
  extendedTo: true,
});
export type ExpectationShare = z.infer<typeof ExpectationShare>;

const SubmissionSummary = z.object({
  instanceId: z.string(),
  unitId: z.string(),
  receipt: z.string(),
  submittedAt: z.string(),
});
export type SubmissionSummary = z.infer<typeof SubmissionSummary>;

const ReviewSummary = z.object({
  instanceId: z.string(),
  receipt: z.string(),
  decision: z.enum(["accepted", "returned"]),
  at: z.string(),
});
export type ReviewSummary = z.infer<typeof ReviewSummary>;

const SendSummary = z.object({
  instanceId: z.string(),
  unitId: z.string(),
  stage: z.string(),
  channel: z.enum(["email", "sms"]),
  status: z.enum(["sending", "sent", "failed"]),
  sentAt: z.string().optional(),
});
export type SendSummary = z.infer<typeof SendSummary>;

/** The attributes a unit's status on a deadline is derived from, in a plan-year's partition. */
const STATUS_ATTRIBUTES = [
  "type",
  "instanceId",
  "obligationId",
  "period",
  "year",
  "unitId",
  "unitName",
  "dueAt",
  "state",
  "extendedTo",
  "receipt",
  "submittedAt",
  "decision",
  "at",
] as const;
/** And what the units late right now are shown with: their contacts and the messages sent to them. */
const LATE_NOW_ATTRIBUTES = ["contacts", "stage", "channel", "status", "sentAt"] as const;

/** A plan as the oversight partition of the byPlan index holds it. */
const OverseenPlan = z.object({
  planId: z.string(),
  title: z.string(),
  year: z.number(),
  untilYear: z.number().optional(),
  names: z.object({ issuer: z.string(), committee: z.string(), standingBody: z.string() }).optional(),
  oversight: z.object({ id: z.string(), name: z.string() }).optional(),
});
export type OverseenPlan = z.infer<typeof OverseenPlan>;

/** A plan-year's figures snapshot as the oversight partition holds it (its oversight id is the partition's). */
const FiguresSnapshot = PlanYearFiguresRecord.omit({ oversightId: true });
export type FiguresSnapshot = z.infer<typeof FiguresSnapshot>;

/** What an oversight body's partition of the byPlan index holds: its plans and their figures snapshots. */
export interface OversightItems {
  plans: OverseenPlan[];
  /** Every year's, as last computed (a plan-year never ranked has none). */
  figures: FiguresSnapshot[];
}

/** A plan-year's facts: every unit's share of every deadline, its versions, decisions and messages. */
export interface PlanYearItems {
  shares: ExpectationShare[];
  submissions: SubmissionSummary[];
  reviews: ReviewSummary[];
  /** Only when asked for (`withSends`). */
  sends: SendSummary[];
}

/** A deadline's partition, whole. */
export interface DeadlineItems {
  definition: DeadlineDefinition;
  expectations: ExpectationRecord[];
  submissions: SubmissionRecord[];
  reviews: ReviewRecord[];
  sends: SendRecord[];
}

/** A unit's items on the byUnit index (every year of the plan). */
export interface UnitItems {
  expectations: ExpectationRecord[];
  submissions: SubmissionRecord[];
  reviews: ReviewRecord[];
}

/** A plan's own partition: its record, units, obligations (with their forms) and targets. */
export interface PlanItems {
  plan?: PlanRecord;
  units: UnitRecord[];
  obligations: Array<{ obligationId: string; title: string; form: FormField[] }>;
  targets: TargetRecord[];
}

const ObligationForm = z.looseObject({
  obligationId: z.string(),
  title: z.string(),
  form: z.array(z.custom<FormField>((v) => typeof v === "object" && v !== null)).default([]),
});

const ofType = <T>(items: readonly Item[], type: string, schema: z.ZodType<T>): T[] =>
  items.flatMap((i) => (i.type === type ? [schema.parse(i)] : []));

export class ConsoleRepository {
  private readonly records = new Map<string, { value: Promise<PlanRecord | undefined>; expires: number }>();

  constructor(
    private readonly table: TableClient,
    /** How long a plan's record is reused before it is read again (its header and scope). */
    private readonly recordTtlMs = 60_000,
  ) {}

  /** A plan's record, reused for recordTtlMs: every console page asks it (scope, header). */
  plan(planId: string): Promise<PlanRecord | undefined> {
    const cached = this.records.get(planId);
    if (cached && cached.expires > Date.now()) return cached.value;
    const value = this.table.get(planEntity.key({ planId })).then((item) => item && planEntity.parse(item));
    // A failed read is not kept: the next page asks again.
    value.catch(() => this.records.delete(planId));
    this.records.set(planId, { value, expires: Date.now() + this.recordTtlMs });
    return value;
  }

  /** Every deadline of a plan, every year (one Query on byPlan: a plan's few hundred deadlines). */
  async deadlines(planId: string): Promise<DeadlineWindowRecord[]> {
    const items = await this.table.query({ index: "byPlan", pk: planDeadlinesPk(planId) });
    return ofType(items, deadlineEntity.type, DeadlineWindowRecord);
  }

  /**
   * A plan-year's expectations, submissions and reviews with what their statuses are derived from,
   * and with `withSends` the units' contacts and the messages sent too, in one Query of its byPlan
   * partition (one request per 1 MB page: a district's year is one).
   */
  async planYear(planId: string, year: number, withSends = false): Promise<PlanYearItems> {
    const items = await this.table.query({
      index: "byPlan",
      pk: planYearPk(planId, year),
      ...(withSends
        ? { projection: [...STATUS_ATTRIBUTES, ...LATE_NOW_ATTRIBUTES] }
        : { sk: { beginsWith: EXPECTATIONS_PREFIX }, projection: STATUS_ATTRIBUTES }),
    });
    return {
      shares: ofType(items, expectationEntity.type, ExpectationShare),
      submissions: ofType(items, submissionEntity.type, SubmissionSummary),
      reviews: ofType(items, reviewEntity.type, ReviewSummary),
      sends: ofType(items, sendEntity.type, SendSummary),
    };
  }

  /** A deadline's partition, whole (one Query): definition, expectations, versions, decisions, messages. */
  async deadline(ref: DeadlineRef): Promise<DeadlineItems | undefined> {
    const items = await this.table.query({ pk: deadlinePk(ref) });
    const [definition] = deadlineEntity.among(items);
    if (!definition) return undefined;
    return {
      definition,
      expectations: expectationEntity.among(items),
      submissions: submissionEntity.among(items),
      reviews: reviewEntity.among(items),
      sends: sendEntity.among(items),
    };
  }

  /** One unit's share of a deadline (one Query of its part of the deadline's partition). */
  async instance(ref: InstanceRef): Promise<Omit<DeadlineItems, "definition">> {
    const items = await this.table.query({ pk: deadlinePk(ref), sk: { beginsWith: unitPrefix(ref.unitId) } });
    return {
      expectations: expectationEntity.among(items),
      submissions: submissionEntity.among(items),
      reviews: reviewEntity.among(items),
      sends: sendEntity.among(items),
    };
  }

  /** A unit's expectations, versions and decisions, every year (one Query on byUnit). */
  async unit(planId: string, unitId: string): Promise<UnitItems> {
    const items = await this.table.query({ index: "byUnit", pk: byUnitPk(planId, unitId) });
    return {
      expectations: expectationEntity.among(items),
      submissions: submissionEntity.among(items),
      reviews: reviewEntity.among(items),
    };
  }

  /** A plan's unit record (its current contacts). */
  async unitRecord(planId: string, unitId: string): Promise<UnitRecord | undefined> {
    const item = await this.table.get(unitEntity.key({ planId, unitId }));
    return item && unitEntity.parse(item);
  }

  /** The plan's own partition in one Query: record, units, obligations with their forms, targets. */
  async planItems(planId: string): Promise<PlanItems> {
    const items = await this.table.query({ pk: planEntity.key({ planId }).pk });
    const [plan] = planEntity.among(items);
    return {
      ...(plan && { plan }),
      units: unitEntity.among(items),
      obligations: ofType(items, obligationEntity.type, ObligationForm),
      targets: targetEntity.among(items),
    };
  }

  /** A plan's audit log, newest first (one Query per page). */
  async audit(planId: string): Promise<AuditRecord[]> {
    const items = await this.table.query({ pk: auditPk(planId) });
    return auditEntity.among(items).reverse();
  }

  /** The plans an oversight body reads and their figures snapshots (one Query on byPlan). */
  async oversight(oversightId: string): Promise<OversightItems> {
    const items = await this.table.query({ index: "byPlan", pk: oversightPk(oversightId) });
    return {
      plans: ofType(items, planEntity.type, OverseenPlan),
      figures: ofType(items, planYearFiguresEntity.type, FiguresSnapshot),
    };
  }

  /**
   * Puts plan-years' figures snapshots, unconditionally (one BatchWriteItem per 25): two rankings
   * computing the same plan-year at once both computed it from the stored facts, the last one wins.
   */
  async saveFigures(snapshots: readonly PlanYearFiguresRecord[]): Promise<void> {
    await this.table.batchPut(snapshots.map((f) => planYearFiguresEntity.item(f)));
  }
}
