/**
 * The HTTP routes of hanchot and the handler module behind each, declared once: the local HTTP
 * server serves them and the CDK app wires API Gateway to them.
 */
export const HTTP_ROUTES = [
  { routeKey: "GET /f/{token}", handler: "submission-form" },
  { routeKey: "GET /s/{id}", handler: "short-link" },
  { routeKey: "POST /f/{token}", handler: "submission-form" },
  { routeKey: "GET /api/links/{token}", handler: "submission-api" },
  { routeKey: "POST /api/links/{token}/submissions", handler: "submission-api" },
  { routeKey: "POST /api/links/{token}/uploads", handler: "submission-api" },
] as const;

export type HandlerName = (typeof HTTP_ROUTES)[number]["handler"];
