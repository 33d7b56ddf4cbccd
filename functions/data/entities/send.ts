/**
 * One message of one lifecycle stage to one recipient of one unit: claimed before it is sent
 * (a conditional put), recorded as sent or failed after, so that it is never sent twice.
 */
import { z } from "zod";
import { parseInstanceId } from "../../../shared/calendar/instance-id";
import { compose, defineEntity } from "../entity";
import { deadlinePk } from "./deadline";
import { planYearPk, SENDS_PREFIX, unitPrefix } from "./expectation";

export const SendRecord = z.object({
  instanceId: z.string(),
  /** The plan year of the deadline: messages recorded with it are listed in the plan-year's overview. */
  year: z.number().optional(),
  unitId: z.string(),
  stage: z.string(),
  channel: z.enum(["email", "sms"]),
  recipient: z.string(),
  status: z.enum(["sending", "sent", "failed"]),
  attempts: z.number(),
  claimedAt: z.string(),
  messageId: z.string().optional(),
  error: z.string().optional(),
  sentAt: z.string().optional(),
  /** The short link an SMS carried and until when (epoch seconds): stored once, not at every reminder. */
  shortLinkId: z.string().optional(),
  linkExpiresAt: z.number().optional(),
});
export type SendRecord = z.infer<typeof SendRecord>;

export type SendKey = Pick<SendRecord, "instanceId" | "stage" | "channel" | "recipient">;

function instanceOf(instanceId: string) {
  const ref = parseInstanceId(instanceId);
  if (!ref) throw new Error(`not a deadline instance id: ${instanceId}`);
  return ref;
}

export const sendEntity = defineEntity({
  type: "send",
  description: "one message (stage, channel, recipient) of a unit: claimed, then sent or failed",
  schema: SendRecord,
  key: (a: SendKey) => {
    const ref = instanceOf(a.instanceId);
    return {
      pk: deadlinePk(ref),
      sk: compose(`${unitPrefix(ref.unitId)}SEND`, a.stage, a.channel, a.recipient),
    };
  },
  indexes: {
    byPlan: (s) => {
      if (s.year === undefined) return undefined;
      const ref = instanceOf(s.instanceId);
      return {
        pk: planYearPk(ref.planId, s.year),
        sk: `${SENDS_PREFIX}${compose(ref.obligationId, ref.period, ref.unitId, s.stage, s.channel, s.recipient)}`,
      };
    },
  },
});
