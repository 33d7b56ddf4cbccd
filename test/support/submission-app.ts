/**
 * The submission handlers wired to a fresh table in DynamoDB Local, with a clock the test moves.
 * Called in beforeEach: each case starts from its own table, whatever an earlier one stored.
 */
import { readFileSync } from "node:fs";
import { AttachmentStore } from "../../functions/commons/attachments";
import { httpHandler } from "../../functions/commons/middleware";
import { dataLayer } from "../../functions/data";
import { makeShortLink } from "../../functions/short-link/handler";
import { makeSubmissionApi } from "../../functions/submission-api/handler";
import { makeSubmissionForm } from "../../functions/submission-form/handler";
import type { SubmissionDeps } from "../../functions/use-cases/accept-submission";
import { publishPlan } from "../../functions/use-cases/publish-plan";
import { ATTACHMENT_BUCKET } from "../../local/s3-local";
import { parseInstanceId } from "../../shared/calendar/instance-id";
import { parsePlan } from "../../shared/plan/load";
import { type LinkKeyring, newLinkKey, signLink } from "../../shared/submission/link-token";
import { storedSubmissions } from "./data";
import { freshTable, localS3Client } from "./dynamodb";
import { BASE_URL } from "./http-events";

export {
  BASE_URL,
  getForm,
  httpEvent,
  type Invoke,
  lambdaContext,
  postForm,
  postJson,
  uploadThrough,
} from "./http-events";

export async function submissionApp(planFile = "test/fixtures/all-rules.yaml") {
  const { doc, tableName } = await freshTable();
  const data = dataLayer(doc, tableName);
  const plan = parsePlan(readFileSync(planFile, "utf8"));
  await publishPlan(data, plan);
  const keyring: LinkKeyring = { current: "k1", keys: { k1: newLinkKey() } };
  const clock = { now: new Date("2025-03-20T02:00:00Z") };
  const attachments = new AttachmentStore(localS3Client(), ATTACHMENT_BUCKET);
  const deps: SubmissionDeps = { data, keyring, now: () => clock.now, attachments };
  const api = httpHandler(makeSubmissionApi(() => deps));
  const form = httpHandler(
    makeSubmissionForm(
      () => deps,
      () => BASE_URL,
    ),
  );
  const shortLink = httpHandler(
    makeShortLink(
      () => deps,
      () => BASE_URL,
    ),
  );
  const link = (instanceId: string, expiresAt = Date.parse("2026-01-01T00:00:00Z") / 1000) =>
    signLink(keyring, { instanceId, unitId: parseInstanceId(instanceId)?.unitId ?? "", expiresAt });
  const submissionsFor = (instanceId: string) => storedSubmissions(data, instanceId);
  return {
    doc,
    data,
    submissionsFor,
    plan,
    keyring,
    clock,
    deps,
    api,
    form,
    shortLink,
    link,
    tableName,
    attachments,
  };
}
