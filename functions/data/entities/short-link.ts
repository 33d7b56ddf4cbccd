/** An SMS short link id → the deadline instance it opens, with its key and expiry. */
import { z } from "zod";
import { compose, defineEntity } from "../entity";

/** keyId and linkExpiresAt are absent from those stored before they were kept. */
export const ShortLinkRecord = z.object({
  id: z.string(),
  instanceId: z.string(),
  keyId: z.string().optional(),
  /** Not "expiresAt", a TTL attribute's usual name: an expired short link must still say so (410). */
  linkExpiresAt: z.number().optional(),
  issuedAt: z.string().optional(),
});
export type ShortLinkRecord = z.infer<typeof ShortLinkRecord>;

export const shortLinkEntity = defineEntity({
  type: "short-link",
  description: "an SMS short link: the instance it opens, the link key it came from, its expiry",
  schema: ShortLinkRecord,
  key: (a: { id: string }) => ({ pk: compose("SHORT", a.id), sk: "SHORT" }),
});
