/**
 * The operations console's actions, for the standing body only, each with a reason and one
 * immutable audit entry written in the same transaction as the change:
 *
 *   extendDeadline   a later cut-off for every unit (the deadline's) or for one (its own)
 *   waiveUnit        excuse a unit that has not submitted: no more reminders or escalations
 *   remindNow        a reminder now to one unit or every open one, at most once per unit per day
 *   returnVersion    return a unit's latest version with a reason: the unit is told and submits again
 *   acceptVersion    record that a version is accepted (the reason optional)
 *   editContacts     a unit's emails and phones, used by the next message
 *
 * The running lifecycles honour them because they read the data before every step (PlanNextStep);
 * a lifecycle that had already ended is started again when the action makes something owed
 * (restart-lifecycle.ts). Results are `{ ok: true, auditId, … }` or `{ ok: false, code, message }`
 * with the message in Vietnamese.
 */
import {
  addDays,
  formatVietnameseInstant,
  startOfDayInVietnam,
  toVietnamIso,
  vietnamDateOf,
} from "../../../shared/calendar/civil-date";
import { deadlineWords } from "../../../shared/calendar/deadline-text";
import { policyReminderInstants } from "../../../shared/calendar/expand";
import { type DeadlineRef, deadlineOf, parseInstanceId } from "../../../shared/calendar/instance-id";
import { lifecycleWindow } from "../../../shared/lifecycle/window";
import { Contacts } from "../../../shared/plan/schema";
import { decisions } from "../../../shared/submission/derive";
import { normaliseVietnamesePhone } from "../../../shared/submission/submission-schema";
import type { ExpectationItem, LifecycleSnapshot } from "../../data";
import type { TransactOutcome } from "../../data/table-client";
import { type LifecycleDeps, missing, type Outcome, snapshot } from "../lifecycle/deps";
import { notifyReturn } from "../lifecycle/notify-return";
import { remind } from "../lifecycle/remind";
import {
  type ActionFailure,
  type ActionResult,
  type Actor,
  auditEntry,
  CHANGED,
  checkActor,
  fail,
} from "./audit";
import { type LifecycleStarter, restartIfOwedAgain } from "./restart-lifecycle";

export type { ActionErrorCode, ActionFailure, ActionResult, Actor } from "./audit";
export type { LifecycleStarter } from "./restart-lifecycle";

export interface ConsoleActionDeps extends LifecycleDeps {
  /** Starts a deadline's lifecycle again when an action makes something owed after it ended. */
  lifecycle: LifecycleStarter;
}

const target = (ref: DeadlineRef, more: Record<string, string> = {}) => ({
  deadline: `${ref.obligationId}:${ref.period}`,
  ...more,
});

/** "23:59 thứ Hai 24/03/2025", as every page and message says a cut-off. */
const cutOffText = (dueAt: string) => deadlineWords(dueAt).at;

async function deadlineSnapshot(
  deps: LifecycleDeps,
  ref: DeadlineRef,
): Promise<LifecycleSnapshot | ActionFailure> {
  const s = await deps.data.deadlines.lifecycleSnapshot(ref);
  if (!s) return fail("not-found", "Không tìm thấy hạn này trong kế hoạch.");
  if (s.definition.state === "cancelled")
    return fail("cancelled", "Hạn này đã bị hủy theo kế hoạch sửa đổi; không thao tác được.");
  return s;
}

const isFailure = (x: object): x is ActionFailure => "ok" in x && x.ok === false;

function unitOf(s: LifecycleSnapshot, unitId: string): ExpectationItem | ActionFailure {
  return (
    s.units.find((u) => u.unitId === unitId) ??
    fail("not-found", "Đơn vị này không có trong danh sách phải thực hiện hạn này.")
  );
}

/** A refused transaction: the audit id met another (retry), or the data changed since it was read. */
function refused(outcome: Exclude<TransactOutcome, { ok: true }>): ActionFailure {
  return outcome.failed.includes(0)
    ? fail("conflict", "Không ghi được nhật ký thao tác (trùng mã). Vui lòng thử lại.")
    : CHANGED;
}

// ---- extend -------------------------------------------------------------------------------------

export interface ExtendInput {
  ref: DeadlineRef;
  /** The new last on-time day (Vietnam time), "YYYY-MM-DD": the cut-off is the midnight after it. */
  until: string;
  /** One unit only (its own cut-off); every unit when absent. */
  unitId?: string;
  actor: Actor;
  reason: string;
}

/** The cut-off at the end of a civil day in Vietnam, or undefined for anything but a real date. */
function cutOffAfter(until: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(until)) return undefined;
  const ms = Date.parse(`${until}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== until) return undefined;
  return startOfDayInVietnam(addDays(until, 1));
}

/** The new cut-off as the extension gives it: the instant, as stored, and in words. */
interface NewCutOff {
  until: string;
  ms: number;
  dueAt: string;
  dueText: string;
}

/** What an extension wrote (or why it was refused before writing). */
type Written = ActionFailure | { entryId: string; outcome: TransactOutcome };

export async function extendDeadline(
  deps: ConsoleActionDeps,
  input: ExtendInput,
): Promise<ActionResult<{ dueAt: string; dueText: string; restarted: boolean }>> {
  const reason = checkActor(input.actor, input.reason);
  if (typeof reason !== "string") return reason;
  const ms = cutOffAfter(input.until);
  if (ms === undefined) return fail("invalid-date", "Ngày hạn mới không hợp lệ (cần dạng năm-tháng-ngày).");
  const before = await deadlineSnapshot(deps, input.ref);
  if (isFailure(before)) return before;
  const cutOff: NewCutOff = {
    until: input.until,
    ms,
    dueAt: toVietnamIso(ms),
    dueText: `hạn chót: ${formatVietnameseInstant(ms - 60_000)}`,
  };
  const written =
    input.unitId === undefined
      ? await extendForAll(deps, input, reason, before, cutOff)
      : await extendForOne(deps, input, input.unitId, reason, before, cutOff);
  if (isFailure(written)) return written;
  if (!written.outcome.ok) return refused(written.outcome);
  deps.data.deadlines.forgetDefinitions();
  const after = await snapshot(deps, input.ref);
  const restarted = await restartIfOwedAgain(deps, input.ref, before, after, `extend-${written.entryId}`);
  return { ok: true, auditId: written.entryId, dueAt: cutOff.dueAt, dueText: cutOff.dueText, restarted };
}

/**
 * The deadline's cut-off for every unit. Reminders already sent stay in its list (their stages are
 * done); those still to come are the ones the plan's reminder policy gives the new cut-off, so the
 * units hear of the new date. Units marked overdue at the old cut-off are expected again.
 */
async function extendForAll(
  deps: ConsoleActionDeps,
  input: ExtendInput,
  reason: string,
  before: LifecycleSnapshot,
  cutOff: NewCutOff,
): Promise<Written> {
  const d = before.definition;
  if (cutOff.ms <= Date.parse(d.dueAt))
    return fail(
      "not-later",
      `Hạn mới (${cutOffText(cutOff.dueAt)}) phải sau hạn chót hiện tại (${cutOffText(d.dueAt)}).`,
    );
  const now = deps.now();
  const policy = await deps.data.consoleActions.reminderPolicy(d.planId, d.obligationId);
  const kept = d.remindAt.filter((at) => Date.parse(at) <= now.getTime());
  const coming = (
    policy
      ? policyReminderInstants(policy, cutOff.until, d.opensOn, cutOff.ms)
      : d.remindAt.filter((at) => Date.parse(at) < cutOff.ms)
  ).filter((at) => Date.parse(at) > now.getTime());
  const remindAt = [...new Set([...kept, ...coming])].sort((a, b) => Date.parse(a) - Date.parse(b));
  const { dueAt, dueText } = cutOff;
  const next = {
    ...d,
    dueAt,
    dueText,
    effectiveDue: cutOff.until,
    originalDueAt: d.originalDueAt ?? d.dueAt,
    remindAt,
    lifecycleEndsAt: new Date(
      lifecycleWindow({ dueAt, remindAt, escalation: d.escalation }).endsAt,
    ).toISOString(),
  };
  const entry = auditEntry({
    planId: d.planId,
    actor: input.actor,
    action: "extend",
    target: target(input.ref),
    before: { dueAt: d.dueAt, dueText: d.dueText, remindAt: d.remindAt },
    after: { dueAt, dueText, remindAt },
    reason,
    at: now,
  });
  const units = before.units
    .filter((u) => u.state !== "cancelled")
    .map((u) => {
      const own = u.extendedTo !== undefined && Date.parse(u.extendedTo) > cutOff.ms ? u.extendedTo : dueAt;
      return {
        instanceId: u.instanceId,
        state: u.state,
        ...(u.extendedTo !== undefined && { extendedTo: u.extendedTo }),
        // Marked overdue at the old cut-off, expected again until the new one.
        reopen: u.state === "overdue" && Date.parse(own) > now.getTime(),
        // Its own cut-off no later than everyone's: it follows the deadline's again.
        dropExtension: u.extendedTo !== undefined && Date.parse(u.extendedTo) <= cutOff.ms,
      };
    });
  return {
    entryId: entry.id,
    outcome: await deps.data.consoleActions.extendDeadline(entry, next, d.dueAt, units),
  };
}

/** One unit's own cut-off, later than its current one; expected again if it was marked overdue. */
async function extendForOne(
  deps: ConsoleActionDeps,
  input: ExtendInput,
  unitId: string,
  reason: string,
  before: LifecycleSnapshot,
  cutOff: NewCutOff,
): Promise<Written> {
  const unit = unitOf(before, unitId);
  if (isFailure(unit)) return unit;
  if (unit.state === "waived" || unit.state === "cancelled")
    return fail(
      "not-open",
      `${unit.unitName} ${unit.state === "waived" ? "đã được miễn" : "không còn phải thực hiện"} hạn này.`,
    );
  const current = Math.max(Date.parse(unit.dueAt), Date.parse(before.definition.dueAt));
  if (cutOff.ms <= current)
    return fail(
      "not-later",
      `Hạn mới của ${unit.unitName} (${cutOffText(cutOff.dueAt)}) phải sau hạn chót hiện tại của đơn vị (${cutOffText(toVietnamIso(current))}).`,
    );
  const now = deps.now();
  const entry = auditEntry({
    planId: input.ref.planId,
    actor: input.actor,
    action: "extend",
    target: target(input.ref, { unitId: unit.unitId, instanceId: unit.instanceId }),
    before: { dueAt: unit.dueAt, ...(unit.extendedTo !== undefined && { extendedTo: unit.extendedTo }) },
    after: { dueAt: cutOff.dueAt, extendedTo: cutOff.dueAt },
    reason,
    at: now,
  });
  const seen = {
    instanceId: unit.instanceId,
    state: unit.state,
    ...(unit.extendedTo !== undefined && { extendedTo: unit.extendedTo }),
  };
  const reopen = unit.state === "overdue" && cutOff.ms > now.getTime();
  return {
    entryId: entry.id,
    outcome: await deps.data.consoleActions.extendUnit(entry, seen, cutOff.dueAt, reopen),
  };
}

// ---- waive --------------------------------------------------------------------------------------

export async function waiveUnit(
  deps: ConsoleActionDeps,
  input: { ref: DeadlineRef; unitId: string; actor: Actor; reason: string },
): Promise<ActionResult> {
  const reason = checkActor(input.actor, input.reason);
  if (typeof reason !== "string") return reason;
  const s = await deadlineSnapshot(deps, input.ref);
  if (isFailure(s)) return s;
  const unit = unitOf(s, input.unitId);
  if (isFailure(unit)) return unit;
  switch (unit.status) {
    case "submitted":
      return fail("already-submitted", `${unit.unitName} đã nộp; không miễn được.`);
    case "returned":
      return fail(
        "already-submitted",
        `${unit.unitName} đã nộp (bản mới nhất bị trả lại); hãy chờ bản mới hoặc chấp nhận bản đã nộp, không miễn được.`,
      );
    case "waived":
      return fail("not-open", `${unit.unitName} đã được miễn hạn này.`);
    case "cancelled":
      return fail("not-open", `${unit.unitName} không còn phải thực hiện hạn này.`);
  }
  const entry = auditEntry({
    planId: input.ref.planId,
    actor: input.actor,
    action: "waive",
    target: target(input.ref, { unitId: unit.unitId, instanceId: unit.instanceId }),
    before: { state: unit.state, status: unit.status },
    after: { state: "waived", status: "waived" },
    reason,
    at: deps.now(),
  });
  const written = await deps.data.consoleActions.waive(entry, {
    instanceId: unit.instanceId,
    state: unit.state,
  });
  if (!written.ok) return refused(written);
  return { ok: true, auditId: entry.id };
}

// ---- remind now ---------------------------------------------------------------------------------

/** The stage of reminders sent by hand on one day (Vietnam time): one per unit and contact that day. */
export const manualStage = (now: Date) => `manual@${vietnamDateOf(now.getTime())}`;

export async function remindNow(
  deps: ConsoleActionDeps,
  input: { ref: DeadlineRef; unitId?: string; actor: Actor; reason: string },
): Promise<ActionResult<Outcome & { stage: string; units: string[] }>> {
  const reason = checkActor(input.actor, input.reason);
  if (typeof reason !== "string") return reason;
  const s = await deadlineSnapshot(deps, input.ref);
  if (isFailure(s)) return s;
  let units = missing(s.units);
  if (input.unitId !== undefined) {
    const unit = unitOf(s, input.unitId);
    if (isFailure(unit)) return unit;
    if (!units.includes(unit))
      return fail(
        "not-open",
        `${unit.unitName} không còn nợ hạn này (đã nộp, được miễn hoặc không còn phải thực hiện).`,
      );
    units = [unit];
  }
  if (units.length === 0) return fail("nothing-to-remind", "Không còn đơn vị nào chưa nộp hạn này.");
  const now = deps.now();
  const stage = manualStage(now);
  const claimed = new Set(s.sends.filter((x) => x.stage === stage).map((x) => `${x.unitId}|${x.recipient}`));
  const recipients = (u: ExpectationItem) => [...u.contacts.emails, ...u.contacts.phones];
  const reachable = units.filter((u) => recipients(u).length > 0);
  if (reachable.length === 0)
    return fail("no-contacts", "Đơn vị chưa có email hoặc số điện thoại; hãy cập nhật liên hệ trước.");
  // A second click the same day finds every message claimed: nothing is sent, and it says so.
  const fresh = reachable.filter((u) => recipients(u).some((r) => !claimed.has(`${u.unitId}|${r}`)));
  if (fresh.length === 0)
    return fail(
      "already-reminded",
      units.length === 1
        ? `${units[0]?.unitName} đã được nhắc hôm nay; mỗi đơn vị chỉ được nhắc ngay một lần mỗi ngày. Không gửi lại.`
        : "Các đơn vị chưa nộp đã được nhắc hôm nay; mỗi đơn vị chỉ được nhắc ngay một lần mỗi ngày. Không gửi lại.",
    );
  const unitIds = fresh.map((u) => u.unitId);
  // The entry first: who asked for which reminders is on record even if sending is cut short.
  const entry = auditEntry({
    planId: input.ref.planId,
    actor: input.actor,
    action: "remind-now",
    target: target(input.ref, input.unitId !== undefined ? { unitId: input.unitId } : {}),
    after: { stage, units: unitIds },
    reason,
    at: now,
  });
  if (!(await deps.data.consoleActions.recordAudit(entry)))
    return fail("conflict", "Không ghi được nhật ký thao tác (trùng mã). Vui lòng thử lại.");
  const sent = await remind(deps, input.ref, stage, { unitIds, recordStage: false });
  return { ok: true, auditId: entry.id, stage, units: unitIds, ...sent };
}

// ---- return and accept --------------------------------------------------------------------------

interface VersionInput {
  instanceId: string;
  receipt: string;
  actor: Actor;
  reason?: string;
}

async function versionOf(deps: LifecycleDeps, input: VersionInput) {
  const ref = parseInstanceId(input.instanceId);
  if (!ref) return fail("not-found", "Không tìm thấy bản nộp này.");
  const found = await deps.data.deadlines.expectation(input.instanceId);
  const version = found?.submissions.find((x) => x.receipt === input.receipt);
  if (!found || !version) return fail("not-found", `Không tìm thấy bản nộp mã ${input.receipt}.`);
  if (found.expectation.state === "cancelled")
    return fail("not-open", `${found.expectation.unitName} không còn phải thực hiện hạn này.`);
  const latest = found.submissions.at(-1);
  if (latest?.receipt !== input.receipt)
    return fail(
      "not-latest",
      `Bản mã ${input.receipt} không phải bản mới nhất (bản mới nhất: ${latest?.receipt}); chỉ xét bản mới nhất.`,
    );
  return {
    ref,
    deadline: deadlineOf(ref),
    found,
    version,
    decided: decisions(found.reviews).get(input.receipt),
  };
}

/** The office's decision on a version: its review item and its audit entry, in one transaction. */
async function recordDecision(
  deps: ConsoleActionDeps,
  v: Exclude<Awaited<ReturnType<typeof versionOf>>, ActionFailure>,
  input: VersionInput,
  decision: "accepted" | "returned",
  reason: string,
) {
  const now = deps.now();
  const unit = v.found.expectation;
  const entry = auditEntry({
    planId: v.ref.planId,
    actor: input.actor,
    action: decision === "returned" ? "return" : "accept",
    target: target(v.deadline, { unitId: unit.unitId, instanceId: input.instanceId, receipt: input.receipt }),
    before: { status: unit.status, ...(v.decided && { decision: v.decided }) },
    after: { status: decision === "returned" ? "returned" : "submitted", decision },
    reason,
    at: now,
  });
  const written = await deps.data.consoleActions.review(entry, {
    ...v.ref,
    instanceId: input.instanceId,
    year: v.version.year,
    receipt: input.receipt,
    decision,
    reason,
    at: now.toISOString(),
    by: input.actor.email,
  });
  return { entry, written };
}

export async function returnVersion(
  deps: ConsoleActionDeps,
  input: VersionInput & { reason: string },
): Promise<ActionResult<{ notified: Outcome; restarted: boolean }>> {
  const reason = checkActor(input.actor, input.reason);
  if (typeof reason !== "string") return reason;
  const v = await versionOf(deps, input);
  if (isFailure(v)) return v;
  if (v.decided === "returned") return fail("already-decided", `Bản mã ${input.receipt} đã bị trả lại.`);
  const before = await snapshot(deps, v.deadline);
  const unit = v.found.expectation;
  const { entry, written } = await recordDecision(deps, v, input, "returned", reason);
  if (!written.ok) return refused(written);
  const after = await snapshot(deps, v.deadline);
  const notified = await notifyReturn(deps, v.deadline, after, {
    unitId: unit.unitId,
    receipt: input.receipt,
    submittedAt: v.version.submittedAt,
    reason,
  });
  const restarted = await restartIfOwedAgain(deps, v.deadline, before, after, `return-${entry.id}`);
  return { ok: true, auditId: entry.id, notified, restarted };
}

export async function acceptVersion(deps: ConsoleActionDeps, input: VersionInput): Promise<ActionResult> {
  const reason = checkActor(input.actor, input.reason, false);
  if (typeof reason !== "string") return reason;
  const v = await versionOf(deps, input);
  if (isFailure(v)) return v;
  if (v.decided === "accepted") return fail("already-decided", `Bản mã ${input.receipt} đã được chấp nhận.`);
  const { entry, written } = await recordDecision(deps, v, input, "accepted", reason);
  if (!written.ok) return refused(written);
  return { ok: true, auditId: entry.id };
}

// ---- contacts -----------------------------------------------------------------------------------

/** "0912 345 678", "+84 912.345.678" → "+84912345678" (as the form reads a submitter's); else as typed. */
const normalisePhone = (phone: string) => normaliseVietnamesePhone(phone) ?? phone.replace(/\s+/g, "");

/** Contacts as typed: trimmed, phones in +84 form, duplicates dropped, then checked by the plan's schema. */
export function parseContacts(input: unknown): { ok: true; contacts: Contacts } | ActionFailure {
  const raw = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const list = (v: unknown) =>
    (Array.isArray(v) ? v : typeof v === "string" ? v.split(/[\n,;]+/) : [])
      .map((x) => (typeof x === "string" ? x.trim() : x))
      .filter((x) => x !== "");
  const unique = <T>(xs: T[]) => [...new Set(xs)];
  const person = typeof raw.person === "string" ? raw.person.trim() : raw.person;
  const candidate = {
    ...(person !== undefined && person !== "" && { person }),
    emails: unique(list(raw.emails).map((e) => (typeof e === "string" ? e.toLowerCase() : e))),
    phones: unique(list(raw.phones).map((p) => (typeof p === "string" ? normalisePhone(p) : p))),
  };
  const parsed = Contacts.safeParse(candidate);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.map(String).join(".") || "contacts";
      const known = issue.message.includes("email") || issue.message.includes("+84");
      fieldErrors[key] ??= known ? issue.message : "giá trị không hợp lệ";
    }
    return fail("invalid-contacts", "Thông tin liên hệ chưa hợp lệ.", fieldErrors);
  }
  if (parsed.data.emails.length === 0 && parsed.data.phones.length === 0)
    return fail("invalid-contacts", "Cần ít nhất một email hoặc một số điện thoại.", {
      contacts: "cần ít nhất một email hoặc một số điện thoại",
    });
  return { ok: true, contacts: parsed.data };
}

export async function editContacts(
  deps: ConsoleActionDeps,
  input: { planId: string; unitId: string; contacts: unknown; actor: Actor; reason: string },
): Promise<ActionResult<{ contacts: Contacts; expectations: number }>> {
  const reason = checkActor(input.actor, input.reason);
  if (typeof reason !== "string") return reason;
  const parsed = parseContacts(input.contacts);
  if (!parsed.ok) return parsed;
  const unit = await deps.data.plans.unit(input.planId, input.unitId);
  if (!unit) return fail("not-found", "Không tìm thấy đơn vị này trong kế hoạch.");
  // The expectations still open carry the contacts every message goes to (a waived or cancelled
  // one is never written to again).
  const open = (await deps.data.consoleActions.unitExpectations(input.planId, input.unitId))
    .filter((e) => e.state === "expected" || e.state === "overdue")
    .map((e) => e.instanceId);
  const entry = auditEntry({
    planId: input.planId,
    actor: input.actor,
    action: "edit-contacts",
    target: { unitId: input.unitId },
    before: unit.contacts,
    after: parsed.contacts,
    reason,
    at: deps.now(),
  });
  const written = await deps.data.consoleActions.editContacts(
    entry,
    { planId: input.planId, unitId: input.unitId },
    parsed.contacts,
    open,
  );
  if (!written.ok) return refused(written);
  return { ok: true, auditId: entry.id, contacts: parsed.contacts, expectations: open.length };
}
