/**
 * The local stack's configuration (`npm start`, the browser tests): its options validated once,
 * with the defaults the local engines use. Lambda's configuration is functions/commons/config.ts.
 */
import { z } from "zod";

/** Fixed for the local engines: one region, the table the CDK app also names, a sender SES Local accepts. */
export const LOCAL = {
  region: "ap-southeast-1",
  tableName: "hanchot",
  senderEmail: "hanchot@example.org",
} as const;

const LocalStackConfig = z.object({
  planFile: z.string().min(1),
  /** Folder for the local data (DynamoDB files, attachments, link keys, SMS); in memory when undefined. */
  dataDir: z.string().min(1).optional(),
  /** 0 for any free port. */
  port: z.number().int().min(0).max(65_535).default(3000),
  /** A start instant for the clock other than now (to try a plan of a past year). */
  startAt: z.date().optional(),
  /** Virtual seconds per real second. */
  speed: z.number().positive().max(1_000_000).default(1),
  /** Run the plan-calendar and deadline-lifecycle workflows. */
  workflows: z.boolean().default(true),
  /** While replaying this plan-year on a scaled clock, units submit as simulated ones (local/replay-units.ts). */
  simulatedUnitsYear: z.number().int().min(2000).max(2100).optional(),
});

export type LocalStackConfig = z.output<typeof LocalStackConfig>;

/** The options as the stack runs them, or an error naming each invalid one. */
export function localStackConfig(options: z.input<typeof LocalStackConfig>): LocalStackConfig {
  const parsed = LocalStackConfig.safeParse(options);
  if (!parsed.success)
    throw new Error(
      `Tùy chọn không hợp lệ: ${parsed.error.issues.map((i) => `${i.path.join(".")} (${i.message})`).join("; ")}`,
    );
  return parsed.data;
}
