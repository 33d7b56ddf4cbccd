/**
 * What every console action shares: who acts, why, and the audit entry that records it. The
 * reason is required (non-empty once trimmed, at most 500 characters), except when accepting a
 * version; only the standing body acts.
 */
import { randomBytes } from "node:crypto";
import type { Role } from "../../../shared/console/access";
import type { AuditAction, AuditRecord } from "../../data/entities/audit";

export interface Actor {
  email: string;
  role: Role;
}

export const REASON_MAX = 500;

export type ActionErrorCode =
  | "forbidden"
  | "invalid-reason"
  | "not-found"
  | "cancelled"
  | "invalid-date"
  | "not-later"
  | "not-open"
  | "already-submitted"
  | "not-latest"
  | "already-decided"
  | "invalid-contacts"
  | "no-contacts"
  | "already-reminded"
  | "nothing-to-remind"
  | "conflict";

export interface ActionFailure {
  ok: false;
  code: ActionErrorCode;
  /** In Vietnamese, for the user. */
  message: string;
  /** Per field (contacts: "emails.0", "phones.1", …), in Vietnamese. */
  fieldErrors?: Record<string, string>;
}

export type ActionResult<T extends object = object> = ({ ok: true; auditId: string } & T) | ActionFailure;

export const fail = (
  code: ActionErrorCode,
  message: string,
  fieldErrors?: Record<string, string>,
): ActionFailure => ({
  ok: false,
  code,
  message,
  ...(fieldErrors && { fieldErrors }),
});

/** Refused before anything is read: another role, or a reason missing or too long. */
export function checkActor(
  actor: Actor,
  reason: string | undefined,
  required = true,
): ActionFailure | string {
  if (actor.role !== "standing-body")
    return fail("forbidden", "Chỉ cơ quan thường trực của kế hoạch được thực hiện thao tác này.");
  const trimmed = (reason ?? "").trim();
  if (required && trimmed === "") return fail("invalid-reason", "Cần ghi lý do.");
  if (trimmed.length > REASON_MAX)
    return fail("invalid-reason", `Lý do dài quá ${REASON_MAX} ký tự (hiện ${trimmed.length}).`);
  return trimmed;
}

/** The record of one action: its id is the instant and a random suffix, unique in the plan's log. */
export function auditEntry(input: {
  planId: string;
  actor: Actor;
  action: AuditAction;
  target: Record<string, string>;
  before?: unknown;
  after?: unknown;
  reason: string;
  at: Date;
}): AuditRecord {
  const at = input.at.toISOString();
  return {
    planId: input.planId,
    id: `${at}-${randomBytes(4).toString("hex")}`,
    at,
    actor: { email: input.actor.email, role: input.actor.role },
    action: input.action,
    target: input.target,
    ...(input.before !== undefined && { before: input.before }),
    ...(input.after !== undefined && { after: input.after }),
    reason: input.reason,
  };
}

/** The message for a write refused because the data changed since it was read. */
export const CHANGED = fail(
  "conflict",
  "Dữ liệu vừa được thay đổi (có thể bởi người khác hoặc do đơn vị vừa nộp). Tải lại trang rồi thử lại.",
);
