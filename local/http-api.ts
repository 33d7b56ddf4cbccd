/**
 * Serves the Lambda handlers of functions/ over HTTP on loopback, the way API Gateway's HTTP API
 * (payload format 2.0) would: each request becomes an APIGatewayProxyEventV2 and the handler's
 * structured result becomes the response. The handlers are the deployed code, unchanged.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { type HandlerName, HTTP_ROUTES } from "../functions/routes";

export type LambdaHttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** A little above API Gateway's own limit, so that the handler's limit is the one users meet. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

interface CompiledRoute {
  method: string;
  routeKey: string;
  pattern: RegExp;
  params: string[];
  handler: HandlerName;
}

function compile(): CompiledRoute[] {
  return HTTP_ROUTES.map(({ routeKey, handler }) => {
    const [method, path] = routeKey.split(" ") as [string, string];
    const params: string[] = [];
    const pattern = new RegExp(
      `^${path.replace(/\{(\w+)\}/g, (_, name: string) => {
        params.push(name);
        return "([^/]+)";
      })}$`,
    );
    return { method, routeKey, pattern, params, handler };
  });
}

function lambdaContext(functionName: string): Context {
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:ap-southeast-1:000000000000:function:${functionName}`,
    memoryLimitInMB: "512",
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => 30_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

async function readRequest(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function toEvent(
  req: IncomingMessage,
  url: URL,
  route: CompiledRoute,
  params: Record<string, string>,
  body: Buffer,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    // Payload format 2.0 moves the Cookie header into `cookies`, one entry per cookie.
    if (k === "cookie")
      cookies = (Array.isArray(v) ? v : [v]).flatMap((c) => c.split(/;\s*/)).filter(Boolean);
    else headers[k] = Array.isArray(v) ? v.join(",") : v;
  }
  const now = Date.now();
  const isText = /^(text\/|application\/(json|x-www-form-urlencoded))/.test(headers["content-type"] ?? "");
  return {
    version: "2.0",
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies && { cookies }),
    headers,
    ...(url.search && { queryStringParameters: Object.fromEntries(url.searchParams) }),
    pathParameters: params,
    requestContext: {
      accountId: "000000000000",
      apiId: "local",
      domainName: url.host,
      domainPrefix: "local",
      http: {
        method: req.method ?? "GET",
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? "127.0.0.1",
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: "$default",
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    ...(body.length > 0 && { body: isText ? body.toString("utf8") : body.toString("base64") }),
    isBase64Encoded: body.length > 0 && !isText,
  };
}

/** The gateway's own answers (no route, too large, bad encoding) carry the same safety headers as the handlers'. */
const EDGE_HEADERS = {
  "content-type": "application/json",
  "x-content-type-options": "nosniff",
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
};

function decodePathParameters(names: string[], raw: string[]): Record<string, string> | undefined {
  try {
    return Object.fromEntries(names.map((p, i) => [p, decodeURIComponent(raw[i] ?? "")]));
  } catch {
    return undefined;
  }
}

/** Pages of the local stack only (the SMS outbox), served beside the Lambda routes. */
export type LocalPages = Record<string, (url: URL) => { contentType: string; body: string; status?: number }>;

export async function startHttpApi(
  /** A route whose function is not given answers 404, as if it were not deployed. */
  handlers: Partial<Record<HandlerName, LambdaHttpHandler>>,
  port: number,
  localPages: LocalPages = {},
): Promise<{ server: Server; url: string }> {
  const routes = compile();
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
      const page = req.method === "GET" ? localPages[url.pathname] : undefined;
      if (page) {
        const { contentType, body, status } = page(url);
        res.writeHead(status ?? 200, { "content-type": contentType, "cache-control": "no-store" }).end(body);
        return;
      }
      let matched: { route: CompiledRoute; params: Record<string, string> } | undefined;
      for (const route of routes) {
        const m = route.pattern.exec(url.pathname);
        if (!m) continue;
        if (route.method !== req.method) continue;
        const params = decodePathParameters(route.params, m.slice(1));
        if (!params) {
          // As API Gateway answers a malformed percent-encoding: the handler never sees it.
          res.writeHead(400, EDGE_HEADERS).end(JSON.stringify({ message: "Bad Request" }));
          return;
        }
        matched = { route, params };
        break;
      }
      const handler = matched && handlers[matched.route.handler];
      if (!matched || !handler) {
        res.writeHead(404, EDGE_HEADERS).end(JSON.stringify({ message: "Not Found" }));
        return;
      }
      const body = await readRequest(req);
      if (body === undefined) {
        res.writeHead(413, EDGE_HEADERS).end(JSON.stringify({ message: "Request Entity Too Large" }));
        return;
      }
      const result = await handler(
        toEvent(req, url, matched.route, matched.params, body),
        lambdaContext(matched.route.handler),
      );
      const headers: Record<string, string | string[]> = {
        ...(result.headers as Record<string, string> | undefined),
        // As API Gateway does with a 2.0 result's `cookies`: one Set-Cookie header each.
        ...(result.cookies?.length && { "set-cookie": result.cookies }),
      };
      res.writeHead(result.statusCode ?? 200, headers);
      res.end(
        result.body === undefined
          ? undefined
          : Buffer.from(result.body, result.isBase64Encoded ? "base64" : "utf8"),
      );
    } catch (err) {
      console.error(err);
      if (!res.headersSent) res.writeHead(500, EDGE_HEADERS);
      res.end(JSON.stringify({ message: "Internal Server Error" }));
    }
  });
  // A port in use is an 'error' event, not a thrown error: reject, so that the caller can choose
  // another port (unhandled, the event would crash the process).
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return { server, url: `http://127.0.0.1:${actualPort}` };
}
