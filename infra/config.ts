/**
 * Per-stage settings of the deployment, from cdk.json's context ("hanchot:stages") and the
 * `stage` context value (`npx cdk synth -c stage=prod`), validated with zod.
 */
import { z } from "zod";

export const StageConfig = z.object({
  stage: z.string().regex(/^[a-z][a-z0-9-]{1,15}$/),
  region: z.string().default("ap-southeast-1"),
  /** Verified SES identity messages are sent from. */
  senderEmail: z.email(),
  /** Registered alphanumeric SMS sender ID for Vietnam (brand name), if any. */
  smsSenderId: z
    .string()
    .regex(/^[A-Za-z0-9]{1,11}$/)
    .optional(),
  /** Operators told of alarms (failed executions, Lambda errors, bounces). */
  alarmEmails: z.array(z.email()).default([]),
  /** Days logs are kept. */
  logRetentionDays: z.number().int().positive().default(90),
  /** Production: deletion protection, retained data, longer backups. */
  production: z.boolean().default(false),
  /** Requests per second the submission API accepts (steady, burst). */
  apiRateLimit: z.number().positive().default(50),
  apiBurstLimit: z.number().int().positive().default(100),
  /**
   * The console's user pool on Cognito's Plus feature plan with threat protection enforced
   * (compromised-credential and risky sign-in detection). Plus costs more per active user and is
   * not offered in every region: set false there (the pool then stays on Essentials).
   */
  signInThreatProtection: z.boolean().default(true),
});
export type StageConfig = z.infer<typeof StageConfig>;

export function stageConfig(stages: unknown, stage: string): StageConfig {
  const all = z.record(z.string(), z.record(z.string(), z.unknown())).parse(stages ?? {});
  const raw = all[stage];
  if (!raw)
    throw new Error(
      `no stage "${stage}" in cdk.json context "hanchot:stages" (have: ${Object.keys(all).join(", ")})`,
    );
  return StageConfig.parse({ stage, ...raw });
}
