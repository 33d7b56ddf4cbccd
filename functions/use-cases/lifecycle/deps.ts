/**
 * What every lifecycle step shares: its dependencies, the fresh read of its deadline, and the
 * delivery of messages. Each message is claimed before it is sent, retried with backoff, and
 * recorded as sent or failed, so none is sent twice, none is dropped silently, and failures reach
 * the escalation. The claims of a group of messages go in one transaction (with the short links
 * their SMS carry) and their records in one batch, the step's last batch with its stage done: a
 * step costs a few requests, not two per message.
 */
import { type DeadlineRef, deadlineId } from "../../../shared/calendar/instance-id";
import type { UserDirectory } from "../../../shared/console/access";
import type { LinkKeyring } from "../../../shared/submission/link-token";
import type { EmailSender, SendMeta, SmsSender } from "../../commons/notifications";
import type { DataLayer, ExpectationItem, LifecycleSnapshot, SendRecord } from "../../data";
import { isOpen } from "../../data/expectation-view";
import type { SendClaim, SendOutcome } from "../../data/repositories/deadline-repository";
import type { ConditionalPut } from "../../data/table-client";

export interface LifecycleDeps {
  data: DataLayer;
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
  /** The console's users, for the committee members escalations also go to (absent: the plan's contacts only). */
  directory?: UserDirectory;
  /** Told of every message actually handed to a sender, by its send key (simulations count duplicates). */
  onDelivered?: (sendKey: string, channel: "email" | "sms", stage: string) => void;
}

export interface Outcome {
  sent: number;
  failed: number;
  skipped: number;
  /** The step was planned on data that has changed since (an extension): nothing done, nothing recorded. */
  stale?: boolean;
}

export const DAY_MS = 86_400_000;
const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function snapshot(deps: LifecycleDeps, ref: DeadlineRef): Promise<LifecycleSnapshot> {
  const s = await deps.data.deadlines.lifecycleSnapshot(ref);
  if (!s) throw new Error(`deadline ${deadlineId(ref)} does not exist`);
  return s;
}

/** The units that still owe the deadline. */
export const missing = (units: readonly ExpectationItem[]) => units.filter(isOpen);

export interface Message {
  claim: Omit<SendClaim, "claimedAt">;
  /** Sends it; `meta` says what it is about, for senders that record it (the local mail and SMS pages). */
  send: (meta: SendMeta) => Promise<{ messageId: string }>;
  /** Written in the claim's transaction, once however many messages carry it (an SMS's short link). */
  alongside?: ConditionalPut;
}

const sendKey = (s: Pick<SendRecord, "instanceId" | "stage" | "channel" | "recipient">) =>
  `${s.instanceId}|${s.stage}|${s.channel}|${s.recipient}`;

/**
 * Claims, sends with retries and backoff, and records a group of messages. Those the snapshot
 * already shows as claimed are skipped without a request; a claim lost to a concurrent run too.
 * The step's last group carries its stage, recorded done with the messages (with none, alone).
 */
export async function deliver(
  deps: LifecycleDeps,
  known: readonly SendRecord[],
  messages: readonly Message[],
  outcome: Outcome,
  stageDone?: { ref: DeadlineRef; stage: string },
): Promise<void> {
  const done = new Set(known.map(sendKey));
  const fresh = messages.filter((m) => !done.has(sendKey(m.claim)));
  outcome.skipped += messages.length - fresh.length;
  const claimedAt = deps.now().toISOString();
  const claims = fresh.map((m) => ({ ...m.claim, claimedAt }));
  const alongside = new Map<string, ConditionalPut>();
  for (const { alongside: put } of fresh) if (put) alongside.set(`${put.item.pk}|${put.item.sk}`, put);
  const claimed = await deps.data.deadlines.claimSends(claims, [...alongside.values()]);
  const attempts = deps.sendAttempts ?? 3;
  const sleep = deps.sleep ?? realSleep;
  const records: Array<{ claim: SendClaim; outcome: SendOutcome }> = [];
  await Promise.all(
    fresh.map(async (m, i) => {
      const claim = claims[i] as SendClaim;
      if (!claimed[i]) {
        outcome.skipped++;
        return;
      }
      let lastError = "";
      for (let attempt = 1; attempt <= attempts; attempt++) {
        let messageId: string;
        try {
          ({ messageId } = await m.send({
            unitId: claim.unitId,
            stage: claim.stage,
            instanceId: claim.instanceId,
          }));
        } catch (err) {
          lastError = `${(err as Error).name}: ${(err as Error).message}`;
          if (attempt < attempts) await sleep(200 * 2 ** (attempt - 1));
          continue;
        }
        // Recording is outside the retry: a message that went out is never sent again, even if
        // recording it fails (the claim stays "sending", and the step's retry skips it).
        deps.onDelivered?.(sendKey(claim), claim.channel, claim.stage);
        records.push({
          claim,
          outcome: { status: "sent", messageId, attempts: attempt, at: deps.now().toISOString() },
        });
        outcome.sent++;
        return;
      }
      records.push({
        claim,
        outcome: { status: "failed", error: lastError, attempts, at: deps.now().toISOString() },
      });
      outcome.failed++;
    }),
  );
  await deps.data.deadlines.recordSends(records, stageDone && { ...stageDone, at: deps.now().toISOString() });
}
