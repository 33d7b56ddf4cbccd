/**
 * The middy stack every HTTP function shares: normalised headers, the event validated against the
 * API Gateway v2 schema (Powertools parser), the Lambda context in logs, the route's code chosen by
 * the event's routeKey (functions/routes.ts), and errors that never leak internals: middy's
 * http-error-handler exposes only < 500; failures on our side become a 503 with Retry-After when
 * the store is unavailable, else a 500, either way a Vietnamese page or JSON error (the route's
 * format) with the security headers.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { parser } from "@aws-lambda-powertools/parser/middleware";
import { APIGatewayProxyEventV2Schema } from "@aws-lambda-powertools/parser/schemas";
import middy from "@middy/core";
import httpErrorHandler from "@middy/http-error-handler";
import httpHeaderNormalizer from "@middy/http-header-normalizer";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { type HandlerName, type RouteKey, type RouteKeysOf, routeOf } from "../routes";
import { failureResponse, jsonResponse } from "./http";
import { isServiceUnavailable, unavailableSummary } from "./unavailable";

export const logger = new Logger({ serviceName: "hanchot" });

export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** The code of each route a function serves, exactly those routes.ts gives it. */
export type Routes<H extends HandlerName> = Record<RouteKeysOf<H>, HttpHandler>;

/** Our own failures, answered in the route's format; client errors (< 500) are left to http-error-handler. */
function serverFailures(): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    onError: (request) => {
      if (request.response !== undefined) return;
      const err = request.error as { statusCode?: unknown; expose?: unknown } | null;
      if (typeof err?.statusCode === "number" && err.statusCode < 500 && err.expose !== false) return;
      const format = routeOf(request.event?.routeKey ?? "")?.format ?? "json";
      if (isServiceUnavailable(err)) {
        logger.warn("store unavailable, answered 503", {
          route: request.event?.routeKey,
          ...unavailableSummary(err),
        });
        request.response = failureResponse(format, "store_unavailable");
      } else {
        logger.error("request failed", err as Error);
        request.response = failureResponse(format, "internal_error");
      }
    },
  };
}

/** Selects the route's code by the event's routeKey; API Gateway sends a function only its own routes. */
function dispatch(routes: Partial<Record<RouteKey, HttpHandler>>): HttpHandler {
  return (event, context) => {
    const serve = routes[event.routeKey as RouteKey];
    return serve ? serve(event, context) : Promise.resolve(jsonResponse(404, { message: "Not Found" }));
  };
}

/** `before`: middlewares that ready the container (Lambda: the link keyring from its secret). */
export function httpHandler(
  routes: Partial<Record<RouteKey, HttpHandler>>,
  options: { before?: middy.MiddlewareObj[] } = {},
) {
  return (
    middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
      .use(injectLambdaContext(logger))
      .use(options.before ?? [])
      .use(httpErrorHandler({ logger: (err: unknown) => logger.error("request failed", err as Error) }))
      // Added after http-error-handler so that this onError runs before it (middy runs them in reverse).
      .use(serverFailures())
      .use(httpHeaderNormalizer())
      .use(
        parser({ schema: APIGatewayProxyEventV2Schema }) as middy.MiddlewareObj<
          APIGatewayProxyEventV2,
          APIGatewayProxyStructuredResultV2
        >,
      )
      .handler(dispatch(routes))
  );
}
