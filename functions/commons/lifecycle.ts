/**
 * What the deadline-lifecycle state machine's tasks do: plan the next step from the data, remind
 * the units still missing, mark them overdue at the cut-off, escalate them to the steering
 * committee. Each message is claimed before it is sent (DeadlineStore.claimSend), retried with
 * backoff, and recorded as sent or failed, so none is sent twice, none is dropped silently, and
 * failures reach the escalation.
 */
import { type LifecycleAction, nextStep, reminderStage } from "../../shared/lifecycle/next-step";
import { authorityOf } from "../../shared/notify/authority";
import type { ReminderContent } from "../../shared/notify/content";
import { escalationEmail } from "../../shared/notify/escalation-email";
import { reminderEmail } from "../../shared/notify/reminder-email";
import { reminderSms } from "../../shared/notify/sms";
import { type LinkKeyring, linkExpiry, signLink } from "../../shared/submission/link-token";
import { issueShortLink } from "../../shared/submission/short-link";
import { mapConcurrent } from "./concurrency";
import type {
  DeadlineStore,
  ExpectationItem,
  LifecycleSnapshot,
  PlanContext,
  SendRecord,
} from "./deadline-store";
import type { EmailSender, SendMeta, SmsSender } from "./notifications";

export interface DeadlineRef {
  planId: string;
  obligationId: string;
  period: string;
}

export interface LifecycleDeps {
  store: DeadlineStore;
  email: EmailSender;
  sms: SmsSender;
  keyring: LinkKeyring;
  now: () => Date;
  /** Public base URL of the web form, for links in messages. */
  baseUrl: string;
  /** Attempts per message before it is recorded as failed. */
  sendAttempts?: number;
  /** Pause between attempts (exponential backoff from 200 ms); tests and simulations pass a no-op. */
  sleep?: (ms: number) => Promise<void>;
  /** The brand name that opens every SMS: the registered sender ID (carriers require it in the text). */
  smsBrand?: string;
  /** Told of every message actually handed to a sender, by its send key (simulations count duplicates). */
  onDelivered?: (sendKey: string, channel: "email" | "sms", stage: string) => void;
}

const DAY_MS = 86_400_000;
const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function deadlineId(ref: DeadlineRef): string {
  return `${ref.planId}:${ref.obligationId}:${ref.period}`;
}

export function parseDeadlineId(id: string): DeadlineRef | undefined {
  const parts = id.split(":");
  if (parts.length !== 3 || parts.some((p) => p === "")) return undefined;
  const [planId, obligationId, period] = parts as [string, string, string];
  return { planId, obligationId, period };
}

const DEFAULT_SMS_BRAND = "hanchot";

async function snapshot(deps: LifecycleDeps, ref: DeadlineRef): Promise<LifecycleSnapshot> {
  const s = await deps.store.lifecycleSnapshot(ref.planId, ref.obligationId, ref.period);
  if (!s) throw new Error(`deadline ${deadlineId(ref)} does not exist`);
  return s;
}

const missing = (units: readonly ExpectationItem[]) =>
  units.filter((u) => u.status === "pending" || u.status === "overdue");

/** PlanNextStep: what to do next and when, from the data as it is now. */
export async function planNextStep(deps: LifecycleDeps, ref: DeadlineRef): Promise<LifecycleAction> {
  const s = await deps.store.lifecycleSnapshot(ref.planId, ref.obligationId, ref.period);
  if (!s) return { action: "done", reason: "cancelled" };
  return nextStep(
    {
      state: s.definition.state,
      dueAt: s.definition.dueAt,
      remindAt: s.definition.remindAt,
      escalation: s.definition.escalation,
      missingUnits: missing(s.units).length,
      stagesDone: s.stagesDone,
      sendAt: s.definition.sendAt ?? "08:00",
    },
    deps.now().getTime(),
  );
}

interface Outcome {
  sent: number;
  failed: number;
  skipped: number;
}

/** Claims, sends with retries and backoff, and records one message. */
async function deliver(
  deps: LifecycleDeps,
  record: Omit<SendRecord, "status" | "attempts" | "claimedAt">,
  send: (meta: SendMeta) => Promise<{ messageId: string }>,
  outcome: Outcome,
): Promise<void> {
  const claimed = await deps.store.claimSend({ ...record, claimedAt: deps.now().toISOString() });
  if (!claimed) {
    outcome.skipped++;
    return;
  }
  const attempts = deps.sendAttempts ?? 3;
  const sleep = deps.sleep ?? realSleep;
  let lastError = "";
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let messageId: string;
    try {
      // What the message is about, for senders that record it (the local mail and SMS pages).
      const meta: SendMeta = { unitId: record.unitId, stage: record.stage, instanceId: record.instanceId };
      ({ messageId } = await send(meta));
    } catch (err) {
      lastError = `${(err as Error).name}: ${(err as Error).message}`;
      if (attempt < attempts) await sleep(200 * 2 ** (attempt - 1));
      continue;
    }
    // Recording is outside the retry: a message that went out is never sent again, even if
    // recording it fails (the claim stays "sending", and the step's retry skips it).
    deps.onDelivered?.(
      `${record.instanceId}|${record.stage}|${record.channel}|${record.recipient}`,
      record.channel,
      record.stage,
    );
    await deps.store.completeSend(record, {
      status: "sent",
      messageId,
      attempts: attempt,
      at: deps.now().toISOString(),
    });
    outcome.sent++;
    return;
  }
  await deps.store.completeSend(record, {
    status: "failed",
    error: lastError,
    attempts,
    at: deps.now().toISOString(),
  });
  outcome.failed++;
}

/** Remind: each unit still missing, by email and SMS, with its personal link. */
export async function remind(deps: LifecycleDeps, ref: DeadlineRef, stage: string): Promise<Outcome> {
  const [s, plan] = await Promise.all([snapshot(deps, ref), deps.store.planContext(ref.planId)]);
  const standingBody = plan?.standingBody;
  const now = deps.now();
  const outcome: Outcome = { sent: 0, failed: 0, skipped: 0 };
  const d = s.definition;
  // The first reminder of an activity's window is the one sent when the window opens.
  const opening =
    d.opensOn !== undefined && d.remindAt[0] !== undefined && stage === reminderStage(d.remindAt[0]);
  const windowOpen = opening && Date.parse(d.remindAt[0] ?? "") < Date.parse(d.opensOn ?? "") + 5 * DAY_MS;
  await mapConcurrent(missing(s.units), SEND_CONCURRENCY, async (unit) => {
    const expiresAt = linkExpiry(d.dueAt, now);
    const token = signLink(deps.keyring, { instanceId: unit.instanceId, unitId: unit.unitId, expiresAt });
    const content: ReminderContent = {
      authority: authorityOf(plan),
      unitName: unit.unitName,
      title: d.title,
      period: d.period,
      timing: d.timing,
      dueAt: d.dueAt,
      kind: d.kind,
      stage: windowOpen ? "window-open" : "before-due",
      daysLeft: Math.max(0, Math.ceil((Date.parse(d.dueAt) - now.getTime()) / DAY_MS)),
      link: `${deps.baseUrl}/f/${token}`,
      contact: {
        name: standingBody?.name ?? "Cơ quan thường trực",
        ...(standingBody?.contacts.emails[0] && { email: standingBody.contacts.emails[0] }),
        ...(standingBody?.contacts.phones[0] && { phone: standingBody.contacts.phones[0] }),
      },
      personalData: d.personalData,
      planTitle: plan?.title ?? "",
    };
    const base = { instanceId: unit.instanceId, unitId: unit.unitId, stage };
    const email = reminderEmail(content);
    const short = issueShortLink(deps.keyring, unit.instanceId, expiresAt);
    // Offered at every reminder, stored once per key: after a key rotation the next reminder
    // carries a new short link that works, while the old one stays revoked.
    if (unit.contacts.phones.length > 0) await deps.store.saveShortLink(short, now);
    const sms = reminderSms({
      ...content,
      shortLink: `${deps.baseUrl}/s/${short.id}`,
      brand: deps.smsBrand ?? DEFAULT_SMS_BRAND,
    });
    await Promise.all([
      ...unit.contacts.emails.map((to) =>
        deliver(
          deps,
          { ...base, channel: "email", recipient: to },
          (meta) => deps.email.sendEmail({ to: [to], ...email }, meta),
          outcome,
        ),
      ),
      ...unit.contacts.phones.map((to) =>
        deliver(
          deps,
          { ...base, channel: "sms", recipient: to },
          (meta) => deps.sms.sendSms({ to, text: sms }, meta),
          outcome,
        ),
      ),
    ]);
  });
  await deps.store.markStageDone(ref.planId, ref.obligationId, ref.period, stage);
  return outcome;
}

/** Units are reminded side by side, a few at a time: SES and SNS have per-second send quotas. */
const SEND_CONCURRENCY = 8;

/** MarkOverdue: at the cut-off, every unit still missing becomes overdue. */
export async function markOverdue(deps: LifecycleDeps, ref: DeadlineRef): Promise<{ marked: number }> {
  const s = await snapshot(deps, ref);
  let marked = 0;
  for (const unit of s.units.filter((u) => u.status === "pending")) {
    if (await deps.store.markOverdue(unit.instanceId)) marked++;
  }
  await deps.store.markStageDone(ref.planId, ref.obligationId, ref.period, "overdue");
  return { marked };
}

/** Escalate: the overdue units, to the steering committee through its standing body. */
export async function escalate(
  deps: LifecycleDeps,
  ref: DeadlineRef,
  stage: string,
  number: number,
): Promise<Outcome & { overdue: number }> {
  const [s, plan] = await Promise.all([snapshot(deps, ref), deps.store.planContext(ref.planId)]);
  const outcome = { sent: 0, failed: 0, skipped: 0, overdue: 0 };
  const overdue = missing(s.units);
  outcome.overdue = overdue.length;
  if (plan && overdue.length > 0) {
    const { committee } = plan;
    const now = deps.now().getTime();
    const message = (units: readonly ExpectationItem[]) =>
      escalationEmail({
        authority: authorityOf(plan),
        committeeName: committee.name,
        title: s.definition.title,
        period: s.definition.period,
        dueAt: s.definition.dueAt,
        escalationNumber: number,
        planTitle: plan.title,
        overdue: units.map((u) => {
          const sends = s.sends.filter((x) => x.unitId === u.unitId && x.stage.startsWith("remind@"));
          return {
            unitName: u.unitName,
            daysLate: Math.max(1, Math.ceil((now - Date.parse(s.definition.dueAt)) / DAY_MS)),
            leadContact: {
              ...(u.contacts.person && { name: u.contacts.person }),
              ...(u.contacts.emails[0] && { email: u.contacts.emails[0] }),
              ...(u.contacts.phones[0] && { phone: u.contacts.phones[0] }),
            },
            remindersSent: sends.filter((x) => x.status === "sent").length,
            failedSends: sends.filter((x) => x.status === "failed").length,
          };
        }),
      });
    // The committee's messages are recorded in the deadline's partition under the committee's id.
    const instanceId = `${deadlineId(ref)}:${committee.unitId}`;
    const sent = new Set<string>();
    for (const { recipients, units } of escalationAudiences(plan, overdue)) {
      if (units.length === 0) continue;
      const email = message(units);
      for (const to of recipients.filter((r) => !sent.has(r))) {
        sent.add(to);
        await deliver(
          deps,
          { instanceId, unitId: committee.unitId, stage, channel: "email", recipient: to },
          (meta) => deps.email.sendEmail({ to: [to], ...email }, meta),
          outcome,
        );
      }
    }
  }
  await deps.store.markStageDone(ref.planId, ref.obligationId, ref.period, stage);
  return outcome;
}

/**
 * Who is told of which overdue units. Normally the standing body and the committee get the list.
 * When the standing body is itself late, it is not the one to be told: the committee (or, when the
 * committee has no address, the issuing People's Committee) gets the whole list, and the standing
 * body only the others.
 */
export function escalationAudiences(
  plan: PlanContext,
  overdue: readonly ExpectationItem[],
): Array<{ recipients: string[]; units: readonly ExpectationItem[] }> {
  const { committee, standingBody, issuer } = plan;
  if (!overdue.some((u) => u.unitId === standingBody.unitId)) {
    return [{ recipients: [...standingBody.contacts.emails, ...committee.contacts.emails], units: overdue }];
  }
  const above = committee.contacts.emails.length > 0 ? committee.contacts.emails : issuer.contacts.emails;
  return [
    { recipients: above, units: overdue },
    {
      recipients: standingBody.contacts.emails,
      units: overdue.filter((u) => u.unitId !== standingBody.unitId),
    },
  ];
}

/** A lifecycle starts a week before its first step, and is over after its last escalation. */
const START_AHEAD_MS = 7 * DAY_MS;

/** ListDueDeadlines: the deadlines whose lifecycle should run now, and whether any are still to come. */
export async function listDueDeadlines(
  deps: LifecycleDeps,
  planId: string,
): Promise<{ deadlines: DeadlineRef[]; finished: boolean }> {
  const now = deps.now().getTime();
  const deadlines: DeadlineRef[] = [];
  let later = 0;
  for (const d of await deps.store.planDeadlines(planId)) {
    const def = await deps.store.deadlineDefinition(d);
    if (!def || def.state === "cancelled") continue;
    const first = Math.min(Date.parse(def.dueAt), ...def.remindAt.map(Date.parse));
    const { graceDays, repeatEveryDays, maxEscalations } = def.escalation;
    const end = Date.parse(def.dueAt) + (graceDays + repeatEveryDays * maxEscalations + 1) * DAY_MS;
    if (now < first - START_AHEAD_MS) later++;
    else if (now <= end) deadlines.push({ planId, obligationId: d.obligationId, period: d.period });
  }
  return { deadlines, finished: later === 0 };
}
