/**
 * Receipt numbers: short, unambiguous to read aloud or type (Crockford base32: no I, L, O, U), and
 * derived from the deadline and the request's idempotency key, so that a retried request finds the
 * receipt of the first one instead of creating a second submission.
 */
import { createHash } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function receiptNumber(instanceId: string, idempotencyKey: string): string {
  const digest = createHash("sha256").update(`${instanceId}\n${idempotencyKey}`).digest();
  let out = "";
  for (let i = 0; i < 10; i++) out += ALPHABET[(digest[i] ?? 0) % 32];
  return `HC-${out.slice(0, 5)}-${out.slice(5)}`;
}

export const RECEIPT_PATTERN = /^HC-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;
