/**
 * One action of one user in the operations console (extend, waive, remind now, return, accept,
 * edit contacts, publish a draft): who, when, what, before and after, and why. Written once with a condition,
 * in the same transaction as the change it records, and never updated or deleted (the console
 * function's IAM policy denies both on these keys).
 */
import { z } from "zod";
import { compose, defineEntity } from "../entity";

export const AuditAction = z.enum([
  "extend",
  "waive",
  "remind-now",
  "return",
  "accept",
  "edit-contacts",
  // A draft published from the console (plan intake): the plan's new or amended content.
  "publish-plan",
]);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditRecord = z.object({
  planId: z.string(),
  /** Unique among the plan's entries: the instant and a random suffix. */
  id: z.string(),
  at: z.string(),
  actor: z.object({ email: z.string(), role: z.string() }),
  action: AuditAction,
  /** What it acted on: a deadline ("obligation:period"), an instance, a unit, a receipt. */
  target: z.record(z.string(), z.string()),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  reason: z.string(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

/** The partition of a plan's audit log; IAM denies UpdateItem and DeleteItem on keys starting so. */
export const AUDIT_PK_PREFIX = "AUDIT#";
export const auditPk = (planId: string) => compose("AUDIT", planId);

export const auditEntity = defineEntity({
  type: "audit",
  description: "one console action: who, when, what, before and after, reason (immutable)",
  schema: AuditRecord,
  key: (a: { planId: string; id: string }) => ({ pk: auditPk(a.planId), sk: compose("AT", a.id) }),
});
