/**
 * The route table of functions/routes.ts drives every HTTP function: each route key reaches its
 * function's code for that route (chosen by routeKey, never by path), and a failure on our side
 * is answered in the format the table gives the route.
 */
import { describe, expect, it } from "vitest";
import { httpHandler } from "../../functions/commons/middleware";
import type { DataLayer } from "../../functions/data";
import { HTTP_ROUTES } from "../../functions/routes";
import { makeShortLink } from "../../functions/short-link/handler";
import { makeSubmissionApi } from "../../functions/submission-api/handler";
import { makeSubmissionForm } from "../../functions/submission-form/handler";
import type { SubmissionDeps } from "../../functions/use-cases/accept-submission";
import { newLinkKey, signLink } from "../../shared/submission/link-token";
import { BASE_URL, httpEvent, lambdaContext } from "../support/http-events";

const keyring = { current: "k", keys: { k: newLinkKey() } };
const calls: string[] = [];
/** A data layer whose every read fails unexpectedly, and records which read was asked for. */
const failingRepository = (name: string) =>
  new Proxy(
    {},
    {
      get: (_, method) => () => {
        calls.push(`${name}.${String(method)}`);
        return Promise.reject(new TypeError("boom"));
      },
    },
  );
const data = new Proxy({} as DataLayer, { get: (_, name) => failingRepository(String(name)) });
const deps: SubmissionDeps = { data, keyring, now: () => new Date("2025-03-20T00:00:00Z") };
const functions = {
  "submission-form": makeSubmissionForm(
    () => deps,
    () => BASE_URL,
  ),
  "submission-api": makeSubmissionApi(() => deps),
  "short-link": makeShortLink(
    () => deps,
    () => BASE_URL,
  ),
};
const token = signLink(keyring, { instanceId: "p:o:2025-Q1:u1", unitId: "u1", expiresAt: 2_000_000_000 });

const bodies: Record<string, { body: string; contentType: string }> = {
  "POST /f/{token}": { body: "submitter.name=A", contentType: "application/x-www-form-urlencoded" },
  "POST /api/links/{token}/uploads": { body: '{"field":"tep"}', contentType: "application/json" },
  "POST /api/links/{token}/submissions": { body: "{}", contentType: "application/json" },
};
/** The store read each route's code starts with. */
const firstRead: Record<string, string> = {
  "GET /f/{token}": "deadlines.expectation",
  "POST /f/{token}": "deadlines.expectation",
  "GET /s/{id}": "shortLinks.resolve",
  "GET /api/links/{token}": "deadlines.expectation",
  "POST /api/links/{token}/uploads": "deadlines.definition",
  "POST /api/links/{token}/submissions": "deadlines.definition",
};

describe("the route table", () => {
  it("gives each function exactly its routes", () => {
    for (const [name, routes] of Object.entries(functions))
      expect(Object.keys(routes).sort()).toEqual(
        HTTP_ROUTES.filter((r) => r.handler === name)
          .map((r) => r.routeKey)
          .sort(),
      );
  });

  it.each(HTTP_ROUTES.filter((r) => r.handler !== "console"))(
    "sends $routeKey to its code, and answers its failures as $format",
    async (route) => {
      calls.length = 0;
      const method = route.routeKey.split(" ")[0] as "GET" | "POST";
      const extra = bodies[route.routeKey];
      const event = httpEvent({
        method,
        // A path that names no route: the function must go by the route key alone.
        path: "/elsewhere",
        routeKey: route.routeKey,
        token,
        ...(extra && { body: extra.body, contentType: extra.contentType }),
        // Only the submissions route asks for one (without it, that code answers 400 reading nothing).
        ...(route.routeKey.endsWith("/submissions") && { headers: { "idempotency-key": "routing-key-1" } }),
      });
      event.pathParameters = { token, id: "abc" };
      const res = await httpHandler(functions[route.handler])(event, lambdaContext);
      expect(calls[0]).toBe(firstRead[route.routeKey]);
      expect(res.statusCode).toBe(500);
      expect(res.headers?.["content-type"]).toMatch(
        route.format === "html" ? /^text\/html/ : /^application\/json/,
      );
    },
  );

  it("answers a route key the function does not serve with 404, running nothing", async () => {
    calls.length = 0;
    const event = httpEvent({ method: "GET", path: "/s/abc", routeKey: "GET /s/{id}", token });
    const res = await httpHandler(functions["submission-api"])(event, lambdaContext);
    expect(res.statusCode).toBe(404);
    expect(calls).toEqual([]);
  });
});
