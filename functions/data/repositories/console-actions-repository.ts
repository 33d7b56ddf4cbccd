/**
 * The writes of the operations console's actions, each with its audit entry in one
 * TransactWriteItems: the change and the record of who made it, why, stand or fall together. The
 * audit entry is put with `attribute_not_exists`, so it is never written over (and IAM denies the
 * console any update or delete of it). Every other write carries the condition it was decided on
 * (the state read, the cut-off read), so a concurrent change refuses the action instead of being
 * overwritten; the use case reads again and says so.
 */
import type { DeadlineDefinition } from "../../../shared/calendar/deadlines";
import { type InstanceRef, parseInstanceId } from "../../../shared/calendar/instance-id";
import { type Contacts, ReminderPolicy } from "../../../shared/plan/schema";
import { type AuditRecord, auditEntity, auditPk } from "../entities/audit";
import { deadlineEntity } from "../entities/deadline";
import { byUnitPk, type ExpectationRecord, expectationEntity } from "../entities/expectation";
import { obligationEntity } from "../entities/obligation";
import { type ReviewRecord, reviewEntity } from "../entities/review";
import { submissionEntity } from "../entities/submission";
import { unitEntity } from "../entities/unit";
import { TABLE_KEYS } from "../table";
import type { Condition, TableClient, TransactOutcome, TransactWrite } from "../table-client";

/** A transaction holds at most 100 writes. */
const TRANSACTION_MAX = 100;
const NEW_ITEM: Condition = { expression: "attribute_not_exists(pk)" };

/** What an expectation's write is decided on: the state read, and its own cut-off read. */
export interface SeenExpectation {
  instanceId: string;
  state: ExpectationRecord["state"];
  extendedTo?: string;
}

/** One expectation's share of an extension for every unit. */
export interface ExpectationRetimed extends SeenExpectation {
  /** Leave "overdue" for "expected": the new cut-off is still to come for it. */
  reopen: boolean;
  /** Its own cut-off is no later than the new one: it follows the deadline's again. */
  dropExtension: boolean;
}

function refOf(instanceId: string): InstanceRef {
  const ref = parseInstanceId(instanceId);
  if (!ref) throw new Error(`not a deadline instance id: ${instanceId}`);
  return ref;
}

/** The condition that an expectation is as it was read (state and own cut-off). */
function asSeen(e: SeenExpectation, names: Record<string, string>): Condition {
  return {
    expression:
      e.extendedTo === undefined
        ? "#state = :seenState AND attribute_not_exists(#ext)"
        : "#state = :seenState AND #ext = :seenExt",
    names: { ...names, "#state": "state", "#ext": "extendedTo" },
    values: { ":seenState": e.state, ...(e.extendedTo !== undefined && { ":seenExt": e.extendedTo }) },
  };
}

export class ConsoleActionsRepository {
  constructor(private readonly table: TableClient) {}

  /** The conditional put of an audit entry: refused if an entry with its id exists. */
  private auditWrite(entry: AuditRecord): TransactWrite {
    return { put: auditEntity.item(entry), condition: NEW_ITEM };
  }

  /**
   * The first transaction holds the audit entry and the writes that must go with it, then as many
   * of the `rest` as fit; the others follow in transactions of their own (a plan with more than
   * 98 units expected, or a unit with more than 98 open deadlines), after the first is written.
   */
  private async writeWithAudit(
    entry: AuditRecord,
    first: readonly TransactWrite[],
    rest: readonly TransactWrite[] = [],
  ): Promise<TransactOutcome> {
    const head = [this.auditWrite(entry), ...first];
    const room = TRANSACTION_MAX - head.length;
    const outcome = await this.table.transact([...head, ...rest.slice(0, room)]);
    if (!outcome.ok) return outcome;
    for (let i = room; i < rest.length; i += TRANSACTION_MAX) {
      const chunk = rest.slice(i, i + TRANSACTION_MAX);
      // The action stands: a write whose condition no longer holds (the unit was waived meanwhile)
      // is left out, the others written one by one.
      if (!(await this.table.transact(chunk)).ok) for (const w of chunk) await this.table.transact([w]);
    }
    return outcome;
  }

  /** An audit entry alone (a reminder sent by hand changes nothing else); false if its id exists. */
  recordAudit(entry: AuditRecord): Promise<boolean> {
    return this.table.put(auditEntity.item(entry), NEW_ITEM);
  }

  /** A plan's audit log, oldest first. */
  async auditLog(planId: string): Promise<AuditRecord[]> {
    return auditEntity.among(await this.table.query({ pk: auditPk(planId) }));
  }

  /**
   * A new cut-off for every unit: the deadline's item whole (its byPlan key follows the end of its
   * lifecycle), only if its cut-off is still the one read; each expectation's copy of the cut-off
   * (with its byUnit key), reopened or brought back to the deadline's cut-off where needed.
   */
  extendDeadline(
    entry: AuditRecord,
    next: DeadlineDefinition,
    seenDueAt: string,
    expectations: readonly ExpectationRetimed[],
  ): Promise<TransactOutcome> {
    const deadline: TransactWrite = {
      put: deadlineEntity.item(next),
      condition: {
        expression: "#due = :seenDue AND #state = :active",
        names: { "#due": "dueAt", "#state": "state" },
        values: { ":seenDue": seenDueAt, ":active": "active" },
      },
    };
    const byUnit = TABLE_KEYS.indexes.byUnit;
    const retimed = (e: ExpectationRetimed): TransactWrite => {
      const ref = refOf(e.instanceId);
      const unitIndexSk = expectationEntity.indexes?.byUnit?.({
        ...ref,
        instanceId: e.instanceId,
        year: next.year,
        unitName: "",
        dueAt: next.dueAt,
        state: e.state,
      })?.sk;
      const names: Record<string, string> = { "#due": "dueAt", "#usk": byUnit.sortKey };
      const values: Record<string, string> = { ":due": next.dueAt, ":usk": unitIndexSk ?? "" };
      let set = "SET #due = :due, #usk = :usk";
      if (e.reopen) {
        set += ", #state = :expected";
        values[":expected"] = "expected";
      }
      const condition = asSeen(e, {});
      return {
        update: expectationEntity.key(ref),
        expression: {
          UpdateExpression: e.dropExtension ? `${set} REMOVE #ext` : set,
          ExpressionAttributeNames: { ...names, ...(e.dropExtension && { "#ext": "extendedTo" }) },
          ExpressionAttributeValues: values,
        },
        condition,
      };
    };
    // Reopening and dropping an extension decide the lifecycle: they go first, with the deadline
    // as far as they fit; the plain copies of the cut-off after them.
    const decisive = expectations.filter((e) => e.reopen || e.dropExtension);
    const copies = expectations.filter((e) => !e.reopen && !e.dropExtension);
    return this.writeWithAudit(entry, [deadline], [...decisive, ...copies].map(retimed));
  }

  /** A later cut-off for one unit, only if its expectation is as read; reopened (overdue → expected) if asked. */
  extendUnit(
    entry: AuditRecord,
    seen: SeenExpectation,
    extendedTo: string,
    reopen: boolean,
  ): Promise<TransactOutcome> {
    return this.writeWithAudit(entry, [
      {
        update: expectationEntity.key(refOf(seen.instanceId)),
        expression: {
          UpdateExpression: reopen ? "SET #ext = :ext, #state = :expected" : "SET #ext = :ext",
          ExpressionAttributeValues: { ":ext": extendedTo, ...(reopen && { ":expected": "expected" }) },
        },
        condition: asSeen(seen, {}),
      },
    ]);
  }

  /** Excuses a unit: only from expected or overdue, and only as read. */
  waive(entry: AuditRecord, seen: SeenExpectation): Promise<TransactOutcome> {
    return this.writeWithAudit(entry, [
      {
        update: expectationEntity.key(refOf(seen.instanceId)),
        expression: {
          UpdateExpression: "SET #state = :waived",
          ExpressionAttributeValues: { ":waived": "waived" },
        },
        condition: {
          expression: "#state = :seenState AND #state IN (:expected, :overdue)",
          names: { "#state": "state" },
          values: { ":seenState": seen.state, ":expected": "expected", ":overdue": "overdue" },
        },
      },
    ]);
  }

  /** A decision on a submission version: a new fact, put once, beside a version that exists. */
  review(entry: AuditRecord, review: ReviewRecord): Promise<TransactOutcome> {
    return this.writeWithAudit(entry, [
      { put: reviewEntity.item(review), condition: NEW_ITEM },
      {
        check: submissionEntity.key({ ...refOf(review.instanceId), receipt: review.receipt }),
        condition: { expression: "attribute_exists(pk)" },
      },
    ]);
  }

  /**
   * A unit's contacts: on its item, and on its expectations still open (expected or overdue), which
   * carry the contacts every message is sent to. The unit must exist.
   */
  editContacts(
    entry: AuditRecord,
    unit: { planId: string; unitId: string },
    contacts: Contacts,
    expectations: readonly string[],
  ): Promise<TransactOutcome> {
    const set = (key: { pk: string; sk: string }, condition: Condition): TransactWrite => ({
      update: key,
      expression: {
        UpdateExpression: "SET #contacts = :contacts",
        ExpressionAttributeNames: { "#contacts": "contacts" },
        ExpressionAttributeValues: { ":contacts": contacts },
      },
      condition,
    });
    return this.writeWithAudit(
      entry,
      [set(unitEntity.key(unit), { expression: "attribute_exists(pk)" })],
      expectations.map((id) =>
        set(expectationEntity.key(refOf(id)), {
          expression: "attribute_exists(pk) AND #state IN (:expected, :overdue)",
          names: { "#state": "state" },
          values: { ":expected": "expected", ":overdue": "overdue" },
        }),
      ),
    );
  }

  /** The reminder policy an obligation resolved at publication, if it is stored and readable. */
  async reminderPolicy(planId: string, obligationId: string): Promise<ReminderPolicy | undefined> {
    const item = await this.table.get(obligationEntity.key({ planId, obligationId }));
    const parsed = item && ReminderPolicy.safeParse(obligationEntity.parse(item).reminders);
    return parsed?.success ? parsed.data : undefined;
  }

  /** A unit's expectations across the plan's years (one Query on byUnit), as stored. */
  async unitExpectations(planId: string, unitId: string): Promise<ExpectationRecord[]> {
    return expectationEntity.among(await this.table.query({ index: "byUnit", pk: byUnitPk(planId, unitId) }));
  }
}
