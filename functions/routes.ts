/**
 * The HTTP routes of hanchot, declared once: for each route key, the Lambda function (handler
 * module) that serves it and the format its failures are answered in. The local HTTP server and
 * the CDK app route to those functions from this table, and each function selects the route's
 * code by the event's routeKey from the same table (`httpHandler`): nothing dispatches on paths.
 */
export const HTTP_ROUTES = [
  { routeKey: "GET /f/{token}", handler: "submission-form", format: "html" },
  { routeKey: "POST /f/{token}", handler: "submission-form", format: "html" },
  { routeKey: "GET /s/{id}", handler: "short-link", format: "html" },
  { routeKey: "GET /api/links/{token}", handler: "submission-api", format: "json" },
  { routeKey: "POST /api/links/{token}/submissions", handler: "submission-api", format: "json" },
  { routeKey: "POST /api/links/{token}/uploads", handler: "submission-api", format: "json" },
  // The operations console (functions/console/): pages, actions, exports, and its JSON API.
  { routeKey: "GET /console", handler: "console", format: "html" },
  { routeKey: "GET /console/sign-in", handler: "console", format: "html" },
  { routeKey: "POST /console/sign-in", handler: "console", format: "html" },
  { routeKey: "POST /console/sign-out", handler: "console", format: "html" },
  { routeKey: "GET /console/plans/{planId}", handler: "console", format: "html" },
  { routeKey: "GET /console/plans/{planId}/heatmap", handler: "console", format: "html" },
  {
    routeKey: "GET /console/plans/{planId}/deadlines/{obligationId}/{period}",
    handler: "console",
    format: "html",
  },
  {
    routeKey: "GET /console/plans/{planId}/submissions/{instanceId}/{receipt}",
    handler: "console",
    format: "html",
  },
  { routeKey: "GET /console/plans/{planId}/units/{unitId}", handler: "console", format: "html" },
  { routeKey: "GET /console/plans/{planId}/targets", handler: "console", format: "html" },
  { routeKey: "GET /console/plans/{planId}/audit", handler: "console", format: "html" },
  { routeKey: "GET /console/oversight/{oversightId}", handler: "console", format: "html" },
  {
    routeKey: "POST /console/plans/{planId}/deadlines/{obligationId}/{period}/extend",
    handler: "console",
    format: "html",
  },
  {
    routeKey: "POST /console/plans/{planId}/deadlines/{obligationId}/{period}/waive",
    handler: "console",
    format: "html",
  },
  {
    routeKey: "POST /console/plans/{planId}/deadlines/{obligationId}/{period}/remind",
    handler: "console",
    format: "html",
  },
  {
    routeKey: "POST /console/plans/{planId}/submissions/{instanceId}/{receipt}/return",
    handler: "console",
    format: "html",
  },
  {
    routeKey: "POST /console/plans/{planId}/submissions/{instanceId}/{receipt}/accept",
    handler: "console",
    format: "html",
  },
  { routeKey: "POST /console/plans/{planId}/units/{unitId}/contacts", handler: "console", format: "html" },
  { routeKey: "GET /console/plans/{planId}/timeliness.csv", handler: "console", format: "html" },
  { routeKey: "GET /console/plans/{planId}/timeliness.xlsx", handler: "console", format: "html" },
  {
    routeKey: "GET /console/plans/{planId}/deadlines/{obligationId}/{period}/submissions.csv",
    handler: "console",
    format: "html",
  },
  {
    routeKey: "GET /console/plans/{planId}/deadlines/{obligationId}/{period}/submissions.xlsx",
    handler: "console",
    format: "html",
  },
  { routeKey: "GET /console/plans/{planId}/audit.csv", handler: "console", format: "html" },
  { routeKey: "GET /console/plans/{planId}/audit.xlsx", handler: "console", format: "html" },
  // Plan intake in the console: drafts read from a document, moved from a plan, or from a template.
  { routeKey: "GET /console/drafts", handler: "console", format: "html" },
  { routeKey: "POST /console/drafts", handler: "console", format: "html" },
  { routeKey: "GET /console/drafts/{draftId}", handler: "console", format: "html" },
  {
    routeKey: "GET /console/drafts/{draftId}/obligations/{obligationId}",
    handler: "console",
    format: "html",
  },
  {
    routeKey: "POST /console/drafts/{draftId}/obligations/{obligationId}",
    handler: "console",
    format: "html",
  },
  {
    routeKey: "POST /console/drafts/{draftId}/obligations/{obligationId}/remove",
    handler: "console",
    format: "html",
  },
  { routeKey: "GET /console/drafts/{draftId}/units", handler: "console", format: "html" },
  { routeKey: "POST /console/drafts/{draftId}/units/{unitId}", handler: "console", format: "html" },
  { routeKey: "POST /console/drafts/{draftId}/publish", handler: "console", format: "html" },
  { routeKey: "POST /console/drafts/{draftId}/discard", handler: "console", format: "html" },
  { routeKey: "GET /console/drafts/{draftId}/plan.yaml", handler: "console", format: "html" },
  { routeKey: "POST /api/console/session", handler: "console", format: "json" },
  { routeKey: "DELETE /api/console/session", handler: "console", format: "json" },
  { routeKey: "GET /api/console/me", handler: "console", format: "json" },
  { routeKey: "GET /api/console/plans/{planId}/overview", handler: "console", format: "json" },
  { routeKey: "GET /api/console/plans/{planId}/timeliness", handler: "console", format: "json" },
  { routeKey: "GET /api/console/plans/{planId}/heatmap", handler: "console", format: "json" },
  {
    routeKey: "GET /api/console/plans/{planId}/deadlines/{obligationId}/{period}",
    handler: "console",
    format: "json",
  },
  {
    routeKey: "GET /api/console/plans/{planId}/submissions/{instanceId}/{receipt}",
    handler: "console",
    format: "json",
  },
  { routeKey: "GET /api/console/plans/{planId}/units/{unitId}", handler: "console", format: "json" },
  { routeKey: "GET /api/console/plans/{planId}/targets", handler: "console", format: "json" },
  { routeKey: "GET /api/console/plans/{planId}/audit", handler: "console", format: "json" },
  { routeKey: "GET /api/console/oversight/{oversightId}/ranking", handler: "console", format: "json" },
  { routeKey: "GET /api/console/drafts", handler: "console", format: "json" },
  { routeKey: "GET /api/console/drafts/{draftId}", handler: "console", format: "json" },
  { routeKey: "GET /api/console/drafts/{draftId}/preview", handler: "console", format: "json" },
] as const;

type Route = (typeof HTTP_ROUTES)[number];
export type HandlerName = Route["handler"];
export type RouteKey = Route["routeKey"];
/** The route keys one function serves. */
export type RouteKeysOf<H extends HandlerName> = Extract<Route, { handler: H }>["routeKey"];

export function routeOf(routeKey: string): Route | undefined {
  return HTTP_ROUTES.find((r) => r.routeKey === routeKey);
}
