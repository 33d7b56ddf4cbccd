/**
 * The web form and the submission API: an HTTP API (HTTPS, throttled, access-logged) with the
 * routes of functions/routes.ts, each to its Lambda function.
 */
import {
  HttpApi,
  HttpMethod,
  type HttpRoute,
  HttpStage,
  LogGroupLogDestination,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { Effect, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import { HttpMethods } from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { type HandlerName, HTTP_ROUTES } from "../../functions/routes";
import { ACCEPTED_PREFIX, BROWSER_UPLOAD_CORS, UPLOADS_PREFIX } from "../../shared/submission/attachments";
import type { Data } from "./data";
import { HanchotFunction } from "./hanchot-function";

export interface SubmissionsApiProps {
  data: Data;
  logRetention: RetentionDays;
  rateLimit: number;
  burstLimit: number;
}

/** The handlers of functions/routes.ts this construct deploys (the console construct deploys its own). */
type SubmissionHandler = Exclude<HandlerName, "console">;

export class SubmissionsApi extends Construct {
  readonly api: HttpApi;
  readonly functions: Record<SubmissionHandler, HanchotFunction>;
  /** The routes of these functions (the units' routes: personal links, no accounts). */
  readonly routes: HttpRoute[] = [];
  readonly url: string;
  /** What every function behind the API is given: the table, the link keyring, the public URL. */
  readonly environment: {
    TABLE_NAME: string;
    LINK_KEYS_SECRET_ARN: string;
    PUBLIC_BASE_URL: string;
  };

  constructor(scope: Construct, id: string, props: SubmissionsApiProps) {
    super(scope, id);
    const { data } = props;
    this.api = new HttpApi(this, "Api", {
      description: "hanchot: web form and submission API",
      createDefaultStage: false,
    });
    const stage = new HttpStage(this, "Stage", {
      httpApi: this.api,
      stageName: "$default",
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit, burstLimit: props.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(
          new LogGroup(this, "AccessLogs", { retention: props.logRetention }),
        ),
      },
    });
    this.url = stage.url.replace(/\/$/, "");

    const environment = {
      TABLE_NAME: data.table.tableName,
      LINK_KEYS_SECRET_ARN: data.linkKeys.secretArn,
      PUBLIC_BASE_URL: this.api.apiEndpoint,
    };
    this.environment = environment;
    // The web form's script uploads from the form page straight to the bucket: a cross-origin
    // POST, allowed from the form's own origin only (the API's endpoint, PUBLIC_BASE_URL), with
    // POST only and no extra header. What may be written is still each presigned policy's alone.
    data.attachments.addCorsRule({
      allowedOrigins: [this.api.apiEndpoint],
      allowedMethods: BROWSER_UPLOAD_CORS.allowedMethods.map((m) => HttpMethods[m]),
      maxAge: BROWSER_UPLOAD_CORS.maxAgeSeconds,
    });
    const make = (name: HandlerName, description: string, extraEnvironment: Record<string, string> = {}) =>
      new HanchotFunction(this, name, {
        entry: `${name}/handler.ts`,
        handler: "handler",
        description,
        environment: { ...environment, ...extraEnvironment },
        logRetention: props.logRetention,
        reservedConcurrentExecutions: 20,
      });
    const submissions = (name: HandlerName, description: string) => {
      const f = make(name, description, { ATTACHMENT_BUCKET: data.attachments.bucketName });
      // Reads of deadlines and submissions, and the one conditional write of a submission.
      data.table.grant(f.fn, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query");
      data.key.grantEncryptDecrypt(f.fn);
      data.linkKeys.grantRead(f.fn);
      // Presigned uploads are signed with the function's credentials (each form names its one
      // key under uploads/); the checks read the uploaded file.
      f.fn.addToRolePolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ["s3:PutObject", "s3:GetObject"],
          resources: [data.attachments.arnForObjects(`${UPLOADS_PREFIX}*`)],
        }),
      );
      // The checked bytes are pinned under accepted/: written, never read back by the request path.
      f.fn.addToRolePolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ["s3:PutObject"],
          resources: [data.attachments.arnForObjects(`${ACCEPTED_PREFIX}*`)],
        }),
      );
      return f;
    };
    const shortLink = make("short-link", "hanchot: the short links of reminder SMS");
    // Reads only: the short link, the deadline, the contact to show; and the keyring to sign with.
    data.table.grant(shortLink.fn, "dynamodb:GetItem");
    data.key.grantDecrypt(shortLink.fn);
    data.linkKeys.grantRead(shortLink.fn);
    this.functions = {
      "submission-form": submissions("submission-form", "hanchot: the web form of a unit's personal link"),
      "submission-api": submissions("submission-api", "hanchot: the JSON API of submissions and uploads"),
      "short-link": shortLink,
    };

    const functions = this.functions;
    const served = (handler: HandlerName): handler is SubmissionHandler => Object.hasOwn(functions, handler);
    for (const route of HTTP_ROUTES) {
      const handler: HandlerName = route.handler;
      if (!served(handler)) continue;
      const [method, path] = route.routeKey.split(" ") as [keyof typeof HttpMethod, string];
      this.routes.push(
        ...this.api.addRoutes({
          path,
          methods: [HttpMethod[method]],
          integration: new HttpLambdaIntegration(
            `${handler}-${method}-${path}`.replace(/[^A-Za-z0-9]/g, ""),
            functions[handler].fn,
          ),
        }),
      );
    }
  }
}
