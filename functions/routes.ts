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
] as const;

type Route = (typeof HTTP_ROUTES)[number];
export type HandlerName = Route["handler"];
export type RouteKey = Route["routeKey"];
/** The route keys one function serves. */
export type RouteKeysOf<H extends HandlerName> = Extract<Route, { handler: H }>["routeKey"];

export function routeOf(routeKey: string): Route | undefined {
  return HTTP_ROUTES.find((r) => r.routeKey === routeKey);
}
