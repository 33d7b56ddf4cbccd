/**
 * The middy stack every HTTP handler shares: normalised headers, the event validated against the
 * API Gateway v2 schema (Powertools parser), the Lambda context in logs, and errors that never leak
 * internals (middy's http-error-handler exposes only < 500).
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { parser } from "@aws-lambda-powertools/parser/middleware";
import { APIGatewayProxyEventV2Schema } from "@aws-lambda-powertools/parser/schemas";
import middy from "@middy/core";
import httpErrorHandler from "@middy/http-error-handler";
import httpHeaderNormalizer from "@middy/http-header-normalizer";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { linkKeysFromSecret } from "./link-keys-secret";

export const logger = new Logger({ serviceName: "hanchot" });

export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export function httpHandler(handler: HttpHandler) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger))
    .use(linkKeysFromSecret())
    .use(httpErrorHandler({ logger: (err: unknown) => logger.error("request failed", err as Error) }))
    .use(httpHeaderNormalizer())
    .use(
      parser({ schema: APIGatewayProxyEventV2Schema }) as middy.MiddlewareObj<
        APIGatewayProxyEventV2,
        APIGatewayProxyStructuredResultV2
      >,
    )
    .handler(handler);
}
