/**
 * GET /s/{id}: the short link of a reminder SMS → 302 to the unit's personal link, which expires
 * when the short link does. An expired short link (410) or one whose key was rotated out of the
 * keyring (403) gets a page that says so and whom to ask for a new link, never a link.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { parseInstanceId } from "../../shared/calendar/instance-id";
import { submissionError } from "../../shared/submission/errors";
import { type LinkKeyring, signLink } from "../../shared/submission/link-token";
import { checkShortLink } from "../../shared/submission/short-link";
import { errorPage, refusedLinkPage } from "../../shared/web/pages";
import { inLambdaContainer, lambdaConfig } from "../commons/config";
import { htmlResponse } from "../commons/http";
import { linkKeysFromSecret } from "../commons/link-keys-secret";
import { httpHandler, type Routes } from "../commons/middleware";
import { buildSubmissionDeps, submissionDeps } from "../commons/submission-deps";
import type { DataLayer } from "../data";
import { deadlineContact } from "../use-cases/refused-link";

export interface ShortLinkDeps {
  data: DataLayer;
  keyring: LinkKeyring;
  now: () => Date;
}

export function makeShortLink(deps: () => ShortLinkDeps, publicBaseUrl: () => string): Routes<"short-link"> {
  return { "GET /s/{id}": (event) => redirect(deps(), publicBaseUrl(), event) };
}

async function redirect(
  d: ShortLinkDeps,
  publicBaseUrl: string,
  event: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2> {
  const notFound = () =>
    htmlResponse(
      404,
      errorPage({ title: "Không tìm thấy", message: submissionError("deadline_not_found").message }),
    );
  const stored = await d.data.shortLinks.resolve(event.pathParameters?.id ?? "");
  const ref = stored ? parseInstanceId(stored.instanceId) : undefined;
  if (!stored || !ref) return notFound();
  const definition = await d.data.deadlines.definition(ref);
  if (!definition) return notFound();

  const check = checkShortLink(d.keyring, stored, definition.dueAt, d.now().getTime());
  if (!check.ok) {
    const contact = await deadlineContact(d.data, definition);
    return check.reason === "expired"
      ? htmlResponse(
          410,
          refusedLinkPage({ refusal: "expired", contact, expiredAt: check.expiresAt * 1000, inSms: true }),
        )
      : htmlResponse(403, refusedLinkPage({ refusal: "revoked", contact, inSms: true }));
  }
  // The personal link lives no longer than the short link that stands for it.
  const token = signLink(d.keyring, {
    instanceId: check.link.instanceId,
    unitId: ref.unitId,
    expiresAt: check.link.expiresAt,
  });
  return {
    statusCode: 302,
    headers: {
      location: `${publicBaseUrl}/f/${encodeURIComponent(token)}`,
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
    },
  };
}

/** This function reads the table and the link keyring: the HTTP functions' composition root serves it. */
// A misconfigured function fails its cold start, naming the variable, before it serves anything.
if (inLambdaContainer()) submissionDeps();

export const buildDeps = buildSubmissionDeps;
export const handler = httpHandler(
  makeShortLink(submissionDeps, () => lambdaConfig().publicBaseUrl),
  { before: [linkKeysFromSecret()] },
);
