/**
 * PLACEHOLDER, to be replaced by the console's handler (issue 10): it exists so that the CDK app
 * can bundle the console function. Every route answers 503 until then.
 */
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { jsonResponse } from "../commons/http";

export const handler = async (): Promise<APIGatewayProxyStructuredResultV2> =>
  jsonResponse(503, { error: "unavailable", message: "Bảng điều hành chưa sẵn sàng." });
