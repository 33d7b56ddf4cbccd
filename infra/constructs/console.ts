/**
 * The operations console: one Lambda function serving every "console" route of
 * functions/routes.ts on the same HTTP API as the web form, the key its CSRF tokens are signed
 * with, and exactly the permissions its pages and actions use.
 */
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { type HttpApi, HttpMethod, type HttpRoute } from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { Effect, PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { RetentionDays } from "aws-cdk-lib/aws-logs";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import type { IStateMachine } from "aws-cdk-lib/aws-stepfunctions";
import { Construct } from "constructs";
import { AUDIT_PK_PREFIX } from "../../functions/data/entities/audit";
import { DRAFT_PK_PREFIX } from "../../functions/data/entities/draft";
import { HTTP_ROUTES } from "../../functions/routes";
import { TEMPLATES_FOLDER } from "../../shared/plan/templates";
import { ACCEPTED_PREFIX } from "../../shared/submission/attachments";
import type { ConsoleAuth } from "./console-auth";
import type { Data } from "./data";
import { HanchotFunction } from "./hanchot-function";
import type { SubmissionsApi } from "./submissions-api";

export interface ConsoleProps {
  data: Data;
  auth: ConsoleAuth;
  api: HttpApi;
  /** What every function behind the API is given (table, link keyring, public base URL). */
  environment: SubmissionsApi["environment"];
  /** The deadline lifecycle, restarted when a deadline is extended. */
  deadlineLifecycle: IStateMachine;
  /** The plan calendar, started when a plan is published from the console (plan intake). */
  planCalendar: IStateMachine;
  logRetention: RetentionDays;
  production: boolean;
  /** Sending, as the lifecycle sends: "remind now" and the notices of returned submissions. */
  senderEmail: string;
  sesIdentityArn: string;
  sesConfigurationSet: string;
  sesConfigurationSetArn: string;
  smsSenderId?: string;
}

/**
 * The table actions of the console. Reads: GetItem, Query (table and indexes). Writes: PutItem and
 * UpdateItem, alone or as the items of a TransactWriteItems (IAM authorises a transaction by the
 * actions of its items: there is no TransactWriteItems action), and BatchWriteItem for the records
 * of the messages "remind now" sends, as the lifecycle's Remind records them. No DeleteItem here:
 * only drafts are deleted, by a statement of their own below.
 */
export const CONSOLE_TABLE_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:Query",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:BatchWriteItem",
  // A return checks, in its transaction, that the version it reviews exists.
  "dynamodb:ConditionCheckItem",
] as const;

export class Console extends Construct {
  readonly function: HanchotFunction;
  /** The HMAC keys of the console's CSRF tokens, as a keyring: {"current": "k1", "k1": "<64 characters>"}. */
  readonly csrfKeys: Secret;
  readonly routes: HttpRoute[];

  constructor(scope: Construct, id: string, props: ConsoleProps) {
    super(scope, id);
    const { data, auth } = props;

    // The link keyring's shape, so that a key can be rotated the same way: add k2, make it
    // current, remove k1 once the tokens it signed have expired.
    this.csrfKeys = new Secret(this, "CsrfKeys", {
      description: "hanchot: HMAC keys of the operations console's CSRF tokens",
      encryptionKey: data.key,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ current: "k1" }),
        generateStringKey: "k1",
        passwordLength: 64,
        excludePunctuation: true,
      },
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    this.function = new HanchotFunction(this, "console", {
      entry: "console/handler.ts",
      handler: "handler",
      description: "hanchot: the operations console (pages, actions, exports, JSON API)",
      environment: {
        ...props.environment,
        ATTACHMENT_BUCKET: data.attachments.bucketName,
        COGNITO_USER_POOL_ID: auth.userPool.userPoolId,
        COGNITO_CLIENT_ID: auth.client.userPoolClientId,
        CONSOLE_SECRET_ARN: this.csrfKeys.secretArn,
        LIFECYCLE_STATE_MACHINE_ARN: props.deadlineLifecycle.stateMachineArn,
        PLAN_CALENDAR_STATE_MACHINE_ARN: props.planCalendar.stateMachineArn,
        SENDER_EMAIL: props.senderEmail,
        SES_CONFIGURATION_SET: props.sesConfigurationSet,
        ...(props.smsSenderId && { SMS_SENDER_ID: props.smsSenderId }),
      },
      logRetention: props.logRetention,
      // The spreadsheet exports build a workbook in memory.
      memorySize: 512,
      timeout: Duration.seconds(30),
      reservedConcurrentExecutions: 10,
      // The plan templates offered for new drafts, read from files beside the bundle's index.mjs
      // (shared/plan/templates.ts): YAML stays their format, reviewed like any plan file.
      copyIntoBundle: [TEMPLATES_FOLDER],
    });
    const fn = this.function.fn;

    data.table.grant(fn, ...CONSOLE_TABLE_ACTIONS);
    // The audit log is written once and never changed: whatever else is granted, nothing of this
    // function updates or deletes an item whose partition key starts with AUDIT#. LeadingKeys holds
    // every partition key a request touches (a batch's too), so ForAnyValue denies a request that
    // touches any audit item. A PutItem over an existing entry is refused by its write condition.
    fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        actions: ["dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"],
        resources: [data.table.tableArn],
        conditions: {
          "ForAnyValue:StringLike": { "dynamodb:LeadingKeys": [`${AUDIT_PK_PREFIX}*`] },
        },
      }),
    );
    // Items and the secrets are encrypted with the data key; the pinned attachments too.
    data.key.grantEncryptDecrypt(fn);
    // Short-lived presigned GETs of the pinned copies are signed with this function's credentials.
    fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ["s3:GetObject"],
        resources: [data.attachments.arnForObjects(`${ACCEPTED_PREFIX}*`)],
      }),
    );
    this.csrfKeys.grantRead(fn);
    // The personal links in "remind now" messages and return notices.
    data.linkKeys.grantRead(fn);
    // Signing in is InitiateAuth with the public client (no IAM); signing out everywhere and
    // finding a plan's committee are administrator calls on the pool.
    auth.grantListGroupMembers(fn);
    // An extended deadline gets a new lifecycle execution; a plan published from the console, its calendar.
    props.deadlineLifecycle.grantStartExecution(fn);
    props.planCalendar.grantStartExecution(fn);
    // Drafts of plans are deleted when published or discarded: DeleteItem on draft partitions only
    // (dynamodb:LeadingKeys names every partition key a request touches).
    fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ["dynamodb:DeleteItem"],
        resources: [data.table.tableArn],
        conditions: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [`${DRAFT_PK_PREFIX}*`] } },
      }),
    );
    // Sending as the lifecycle's Remind does: email through the identity and configuration set,
    // SMS as an SNS Publish to a phone number (no topic, so the resource can only be "*").
    fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ["ses:SendEmail"],
        resources: [props.sesIdentityArn, props.sesConfigurationSetArn],
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: ["sns:Publish"], resources: ["*"] }),
    );

    // One integration for every console route, and one permission for the API to invoke the
    // function: API Gateway can reach it only through the routes below, and the function answers
    // only the route keys of functions/routes.ts.
    const integration = new HttpLambdaIntegration("Integration", fn, { scopePermissionToRoute: false });
    this.routes = HTTP_ROUTES.filter((r) => r.handler === "console").flatMap((route) => {
      const [method, path] = route.routeKey.split(" ") as [keyof typeof HttpMethod, string];
      return props.api.addRoutes({ path, methods: [HttpMethod[method]], integration });
    });
  }
}
