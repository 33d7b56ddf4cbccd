/**
 * The console actions' engine tests: the lifecycle fixture plan published on DynamoDB Local, the
 * real lifecycle run by the local workflows on a virtual clock, email and SMS recorded as sent,
 * and submissions taken through the submission use case with the unit's signed link.
 */
import type { EmailMessage, SendMeta, SmsMessage } from "../../functions/commons/notifications";
import { dataLayer } from "../../functions/data";
import { acceptSubmission } from "../../functions/use-cases/accept-submission";
import type { ConsoleActionDeps } from "../../functions/use-cases/console/actions";
import type { LifecycleDeps } from "../../functions/use-cases/lifecycle";
import { publishPlan } from "../../functions/use-cases/publish-plan";
import { LocalWorkflows, VirtualClock } from "../../local/workflows";
import { parseInstanceId } from "../../shared/calendar/instance-id";
import type { PlanFile } from "../../shared/plan/schema";
import { linkExpiry, signLink } from "../../shared/submission/link-token";
import { freshTable } from "../support/dynamodb";
import { lifecyclePlan } from "../support/lifecycle-plan";

export const DEADLINE = { planId: "thu", obligationId: "bao-cao", period: "2025" };
export const DEADLINE_ID = "thu:bao-cao:2025";
export const ID = (unit: string) => `thu:bao-cao:2025:${unit}`;
/** The fixture's cut-off: 00:00 on 25/03/2025 in Vietnam. */
export const DUE = "2025-03-25T00:00:00+07:00";
export const STANDING_BODY = { email: "pyt@example.org", role: "standing-body" } as const;
export const REASON = "Thiếu chữ ký của lãnh đạo đơn vị; đề nghị bổ sung và gửi lại.";

export interface Sent<M> {
  message: M;
  meta?: SendMeta;
  at: number;
}

export async function setup(options: { plan?: PlanFile; start?: string; committeeUsers?: string[] } = {}) {
  const { doc, tableName } = await freshTable();
  const data = dataLayer(doc, tableName, { cacheTtlMs: 0 });
  await publishPlan(data, options.plan ?? lifecyclePlan);
  const clock = new VirtualClock(new Date(options.start ?? "2025-03-01T00:00:00Z"));
  const emails: Array<Sent<EmailMessage>> = [];
  const sms: Array<Sent<SmsMessage>> = [];
  let n = 0;
  const keyring = { current: "k", keys: { k: Buffer.alloc(32, 3) } };
  const lifecycleDeps: LifecycleDeps = {
    data,
    email: {
      sendEmail: async (message, meta) => {
        emails.push({ message, ...(meta && { meta }), at: clock.now().getTime() });
        return { messageId: `e-${++n}` };
      },
    },
    sms: {
      sendSms: async (message, meta) => {
        sms.push({ message, ...(meta && { meta }), at: clock.now().getTime() });
        return { messageId: `s-${++n}` };
      },
    },
    keyring,
    now: clock.now,
    baseUrl: "http://127.0.0.1:3000",
    sleep: async () => {},
    smsBrand: "TYTXATHU",
    ...(options.committeeUsers && {
      directory: { committeeEmails: async () => options.committeeUsers ?? [] },
    }),
  };
  const workflows = new LocalWorkflows(lifecycleDeps, clock);
  const deps: ConsoleActionDeps = { ...lifecycleDeps, lifecycle: workflows };

  /** Runs `work` at virtual instant `at`, the test being an actor of the clock meanwhile. */
  const at = async <T>(instant: string | number, work: () => Promise<T>): Promise<T> => {
    clock.enter();
    try {
      await clock.until(typeof instant === "number" ? instant : Date.parse(instant));
      return await work();
    } finally {
      clock.leave();
    }
  };

  /** The unit's personal link token, as a reminder would sign it. */
  const tokenOf = (unit: string) =>
    signLink(keyring, { instanceId: ID(unit), unitId: unit, expiresAt: linkExpiry(DUE, clock.now()) });

  /** A submission through the submission use case, with a link token (the unit's by default). */
  const submit = async (unit: string, key: string, token = tokenOf(unit)) => {
    const result = await acceptSubmission(
      { data, keyring, now: clock.now },
      {
        token,
        idempotencyKey: `${key}-${unit}-submission`,
        body: {
          submitter: { name: "Người nộp", phone: "0912345678" },
          fields: { "ghi-chu": `Báo cáo ${key}` },
        },
      },
    );
    if (!result.ok) throw new Error(`submission refused: ${JSON.stringify(result.error)}`);
    return result.submission;
  };

  const status = async () => {
    const s = await data.deadlines.lifecycleSnapshot(DEADLINE);
    return Object.fromEntries((s?.units ?? []).map((u) => [u.unitId, u.status]));
  };

  /** Messages to one address or number, by the stage they were sent for. */
  const to = (recipient: string) => ({
    emails: emails.filter((e) => e.message.to.includes(recipient)),
    sms: sms.filter((s) => s.message.to === recipient),
  });

  const auditLog = () => data.consoleActions.auditLog(DEADLINE.planId);

  return { data, clock, deps, workflows, emails, sms, at, submit, tokenOf, status, to, auditLog };
}

/** The personal link token in a message's text (the last path segment of its /f/ link). */
export function tokenIn(text: string): string {
  const match = /\/f\/([A-Za-z0-9_.-]+)/.exec(text);
  if (!match?.[1]) throw new Error("no personal link in the message");
  return match[1];
}

export const unitOf = (instanceId: string) => parseInstanceId(instanceId)?.unitId;
