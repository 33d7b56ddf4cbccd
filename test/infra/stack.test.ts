/**
 * The CDK app's template, asserted for intent (encryption, backups, least privilege, the state
 * machines being the workflows/ files, throttling, alarms), checked by cdk-nag, and synthesized for
 * real once with local esbuild bundling and no network.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Aspects } from "aws-cdk-lib";
import { Annotations, Match, Template } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks } from "cdk-nag";
import { describe, expect, it } from "vitest";
import { HTTP_ROUTES } from "../../functions/routes";
import { stageConfig } from "../../infra/config";
import { HanchotStack } from "../../infra/hanchot-stack";
import { WORKFLOWS, type WorkflowName, workflowPath } from "../../workflows/definitions";

const cdkContext = JSON.parse(readFileSync("cdk.json", "utf8")).context;

function synth(stage: string) {
  // Bundling is skipped here (it is exercised by the real synth below) to keep these tests fast.
  const app = new App({ context: { ...cdkContext, "aws:cdk:bundling-stacks": [] } });
  const stack = new HanchotStack(app, `hanchot-${stage}`, {
    config: stageConfig(cdkContext["hanchot:stages"], stage),
    env: { region: "ap-southeast-1", account: "123456789012" },
  });
  Aspects.of(app).add(new AwsSolutionsChecks());
  return { app, stack, template: Template.fromStack(stack) };
}

const dev = synth("dev");
const prod = synth("prod");

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
function statementsOf(template: Template, functionLogicalIdPrefix: string): Statement[] {
  const policies = template.findResources("AWS::IAM::Policy");
  return Object.entries(policies)
    .filter(([, p]) =>
      JSON.stringify((p as { Properties: { Roles: unknown } }).Properties.Roles).includes(
        functionLogicalIdPrefix,
      ),
    )
    .flatMap(
      ([, p]) =>
        (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
          .Statement,
    );
}
const actionsOf = (statements: Statement[]) =>
  new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));

describe("the hanchot stack", () => {
  it("encrypts the table with its own KMS key, keeps point-in-time recovery, and protects it in production", () => {
    dev.template.hasResourceProperties("AWS::DynamoDB::Table", {
      BillingMode: "PAY_PER_REQUEST",
      SSESpecification: { SSEEnabled: true, SSEType: "KMS", KMSMasterKeyId: Match.anyValue() },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: [
        Match.objectLike({ IndexName: "gsi1" }),
        Match.objectLike({ IndexName: "gsi2" }),
      ],
      // Nothing expires: submissions are records, and an expired short link still answers 410.
      TimeToLiveSpecification: Match.absent(),
    });
    prod.template.hasResource("AWS::DynamoDB::Table", {
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
      DeletionPolicy: "Retain",
    });
    dev.template.hasResourceProperties("AWS::KMS::Key", { EnableKeyRotation: true });
  });

  it("keeps attachments private, encrypted with the data key, over TLS only", () => {
    dev.template.hasResourceProperties("AWS::S3::Bucket", {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: "aws:kms" }) }),
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: "Enabled" },
      LoggingConfiguration: Match.anyValue(),
    });
    dev.template.hasResourceProperties("AWS::S3::BucketPolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        ]),
      },
    });
    dev.template.hasResourceProperties("AWS::SecretsManager::Secret", {
      KmsKeyId: Match.anyValue(),
      GenerateSecretString: Match.objectLike({ GenerateStringKey: "k1", PasswordLength: 64 }),
    });
  });

  it("runs every function on Node.js 22, arm64, traced, with retention on its logs", () => {
    const functions = dev.template.findResources("AWS::Lambda::Function");
    const ours = Object.values(functions).filter((f) =>
      JSON.stringify((f as { Properties: unknown }).Properties).includes("hanchot:"),
    );
    expect(ours).toHaveLength(9);
    for (const f of ours) {
      expect((f as { Properties: Record<string, unknown> }).Properties).toMatchObject({
        Runtime: "nodejs22.x",
        Architectures: ["arm64"],
        TracingConfig: { Mode: "Active" },
        ReservedConcurrentExecutions: expect.any(Number),
      });
    }
    dev.template.allResourcesProperties("AWS::Logs::LogGroup", { RetentionInDays: Match.anyValue() });
  });

  it("lets the submission functions read uploads and only write pinned copies, and expires uploads", () => {
    // Which object prefix of the attachments bucket each S3 statement is for: "uploads/*", "accepted/*", …
    const prefixOf = (resource: unknown) => /\/([a-z]+\/\*)"/.exec(JSON.stringify(resource))?.[1] ?? "?";
    for (const fn of ["SubmissionssubmissionapiFunction", "SubmissionssubmissionformFunction"]) {
      const s3 = statementsOf(dev.template, fn)
        .flatMap((st) =>
          [st.Action]
            .flat()
            .filter((a) => a.startsWith("s3:"))
            .flatMap((a) => [st.Resource].flat().map((r) => `${a} ${prefixOf(r)}`)),
        )
        .sort();
      expect(s3, fn).toEqual(["s3:GetObject uploads/*", "s3:PutObject accepted/*", "s3:PutObject uploads/*"]);
    }
    dev.template.hasResourceProperties("AWS::S3::Bucket", {
      VersioningConfiguration: { Status: "Enabled" },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Prefix: "uploads/",
            ExpirationInDays: 2,
            NoncurrentVersionExpiration: { NoncurrentDays: 1 },
            Status: "Enabled",
          }),
        ]),
      },
    });
  });

  it("grants no Scan, and a wildcard only where AWS has nothing narrower, each one listed", () => {
    // Resource "*" only for actions that take no resource ARN; the reason beside each.
    const noResourceArn = "has no resource-level permissions";
    const starResourceAllowed: Record<string, string> = {
      "xray:PutTraceSegments": `X-Ray tracing ${noResourceArn}`,
      "xray:PutTelemetryRecords": `X-Ray tracing ${noResourceArn}`,
      "xray:GetSamplingRules": `X-Ray tracing ${noResourceArn}`,
      "xray:GetSamplingTargets": `X-Ray tracing ${noResourceArn}`,
      "sns:Publish":
        "an SMS published to a phone number has no topic ARN (Remind and the console only, below)",
      ...Object.fromEntries(
        [
          "CreateLogDelivery",
          "DeleteLogDelivery",
          "DescribeLogGroups",
          "DescribeResourcePolicies",
          "GetLogDelivery",
          "ListLogDeliveries",
          "PutResourcePolicy",
          "UpdateLogDelivery",
        ].map((a) => [`logs:${a}`, `Step Functions' log delivery to CloudWatch Logs ${noResourceArn}`]),
      ),
    };
    // Wildcards inside an action only as CDK's key grants write them, on the data key.
    const starActionAllowed = ["kms:GenerateDataKey*", "kms:ReEncrypt*"];
    for (const { template } of [dev, prod]) {
      const policies = Object.entries(template.findResources("AWS::IAM::Policy")) as Array<
        [
          string,
          { Properties: { PolicyDocument: { Statement: Array<Statement & Record<string, unknown>> } } },
        ]
      >;
      const statements = policies.flatMap(([id, p]) =>
        p.Properties.PolicyDocument.Statement.map((st) => ({ id, ...st })),
      );
      expect(statements.filter((st) => "NotAction" in st || "NotResource" in st)).toEqual([]);
      const allowed = statements.filter((st) => st.Effect === "Allow");
      const actions = (st: Statement) => [st.Action].flat();
      expect(allowed.flatMap(actions).filter((a) => a === "dynamodb:Scan")).toEqual([]);
      expect(
        allowed.flatMap(actions).filter((a) => a.includes("*") && !starActionAllowed.includes(a)),
      ).toEqual([]);
      const onStar = allowed.filter((st) => [st.Resource].flat().includes("*"));
      expect([...new Set(onStar.flatMap(actions))].sort()).toEqual(Object.keys(starResourceAllowed).sort());
      // The resource-less SMS permission is Remind's and the console's ("remind now") alone.
      expect(
        onStar
          .filter((st) => actions(st).includes("sns:Publish"))
          .map((st) => st.id.replace(/[0-9A-F]{8}$/, ""))
          .sort(),
      ).toEqual([
        "ConsoleconsoleFunctionServiceRoleDefaultPolicy",
        "WorkflowsRemindFunctionServiceRoleDefaultPolicy",
      ]);
    }
  });

  it("grants each function only the table actions it uses", () => {
    const dynamo = (prefix: string) =>
      [...actionsOf(statementsOf(dev.template, prefix))].filter((a) => a.startsWith("dynamodb:")).sort();
    expect(dynamo("SubmissionssubmissionapiFunction")).toEqual([
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
    ]);
    expect(dynamo("SubmissionssubmissionformFunction")).toEqual([
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
    ]);
    // The short links of SMS only read: the link, the deadline, the contact to show.
    expect(dynamo("SubmissionsshortlinkFunction")).toEqual(["dynamodb:GetItem"]);
    const shortLink = actionsOf(statementsOf(dev.template, "SubmissionsshortlinkFunction"));
    expect(shortLink.has("secretsmanager:GetSecretValue")).toBe(true);
    expect(
      [...shortLink].filter((a) => /^(s3|sns|ses):|^kms:(Encrypt|ReEncrypt|GenerateDataKey)/.test(a)),
    ).toEqual([]);
    expect(dynamo("WorkflowsPlanNextStepFunction")).toEqual(["dynamodb:Query"]);
    expect(dynamo("WorkflowsMarkOverdueFunction")).toEqual([
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
    ]);
    // The plan calendar reads its running deadlines with one Query on the byPlan index.
    expect(dynamo("WorkflowsListDeadlinesFunction")).toEqual(["dynamodb:Query"]);
    // Sends are claimed with (transactional) PutItem and recorded in batches, with the stage done:
    // no UpdateItem.
    expect(dynamo("WorkflowsRemindFunction")).toEqual([
      "dynamodb:BatchWriteItem",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
    ]);
    expect(actionsOf(statementsOf(dev.template, "WorkflowsPlanNextStepFunction")).has("ses:SendEmail")).toBe(
      false,
    );
    expect(actionsOf(statementsOf(dev.template, "WorkflowsRemindFunction")).has("ses:SendEmail")).toBe(true);
    expect(actionsOf(statementsOf(dev.template, "SubmissionssubmissionapiFunction")).has("sns:Publish")).toBe(
      false,
    );
    // Only Remind sends SMS and signs personal links; Escalate only emails; the others neither.
    const remind = actionsOf(statementsOf(dev.template, "WorkflowsRemindFunction"));
    expect(remind.has("sns:Publish") && remind.has("secretsmanager:GetSecretValue")).toBe(true);
    const escalate = actionsOf(statementsOf(dev.template, "WorkflowsEscalateFunction"));
    expect([
      escalate.has("ses:SendEmail"),
      escalate.has("sns:Publish"),
      escalate.has("secretsmanager:GetSecretValue"),
    ]).toEqual([true, false, false]);
    for (const quiet of [
      "WorkflowsPlanNextStepFunction",
      "WorkflowsMarkOverdueFunction",
      "WorkflowsListDeadlinesFunction",
    ]) {
      const actions = actionsOf(statementsOf(dev.template, quiet));
      expect(
        [
          actions.has("ses:SendEmail"),
          actions.has("sns:Publish"),
          actions.has("secretsmanager:GetSecretValue"),
        ],
        quiet,
      ).toEqual([false, false, false]);
    }
  });

  it.each(Object.keys(WORKFLOWS) as WorkflowName[])(
    "deploys workflows/%s unchanged, its placeholders substituted",
    (name) => {
      const machines = dev.template.findResources("AWS::StepFunctions::StateMachine");
      const file = readFileSync(workflowPath(name), "utf8");
      const match = Object.values(machines).find(
        (m) => (m as { Properties: { DefinitionString: unknown } }).Properties.DefinitionString === file,
      ) as
        | {
            Properties: {
              DefinitionSubstitutions: Record<string, unknown>;
              TracingConfiguration: unknown;
              LoggingConfiguration: unknown;
            };
          }
        | undefined;
      expect(match).toBeDefined();
      expect(Object.keys(match?.Properties.DefinitionSubstitutions ?? {}).sort()).toEqual(
        [...WORKFLOWS[name].placeholders].sort(),
      );
      expect(match?.Properties.TracingConfiguration).toEqual({ Enabled: true });
      expect(match?.Properties.LoggingConfiguration).toMatchObject({
        Level: "ALL",
        IncludeExecutionData: false,
      });
    },
  );

  it("lets the plan calendar start lifecycles and continue as a new execution of itself, nothing else", () => {
    dev.template.hasResourceProperties("AWS::StepFunctions::StateMachine", {
      StateMachineName: "hanchot-dev-plan-calendar",
    });
    const statements = statementsOf(dev.template, "WorkflowsPlanCalendarRole");
    const starts = statements.filter((s) =>
      (Array.isArray(s.Action) ? s.Action : [s.Action]).includes("states:StartExecution"),
    );
    expect(JSON.stringify(starts)).toContain("stateMachine:hanchot-dev-plan-calendar");
    expect(JSON.stringify(starts)).toContain("WorkflowsDeadlineLifecycle");
    expect(actionsOf(statements).has("states:*")).toBe(false);
  });

  it("throttles the HTTP API and routes every route of functions/routes.ts", () => {
    dev.template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: Match.anyValue(),
    });
    prod.template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
    });
    const routes = Object.values(dev.template.findResources("AWS::ApiGatewayV2::Route")).map(
      (r) => (r as { Properties: { RouteKey: string } }).Properties.RouteKey,
    );
    expect(routes.sort()).toEqual(HTTP_ROUTES.map((r) => r.routeKey).sort());
    expect(routes).toContain("POST /api/links/{token}/submissions");
  });

  it("alarms the operators on failed executions, Lambda errors and throttles, and email delivery problems", () => {
    const alarms = Object.values(dev.template.findResources("AWS::CloudWatch::Alarm")) as Array<{
      Properties: { MetricName: string; AlarmActions: unknown[] };
    }>;
    const metrics = alarms.map((a) => a.Properties.MetricName);
    expect(metrics.filter((m) => m === "ExecutionsFailed")).toHaveLength(2);
    expect(metrics.filter((m) => m === "Errors")).toHaveLength(9);
    expect(metrics.filter((m) => m === "Throttles")).toHaveLength(9);
    expect(metrics).toContain("NumberOfMessagesPublished");
    for (const a of alarms) expect(a.Properties.AlarmActions).toHaveLength(1);
    prod.template.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: "operators@example.org",
    });
    dev.template.hasResourceProperties("AWS::SES::ConfigurationSetEventDestination", {
      EventDestination: Match.objectLike({ MatchingEventTypes: Match.arrayWith(["bounce", "complaint"]) }),
    });
  });

  it("wires every handler of functions/ to exactly one function", () => {
    const exported: string[] = [];
    for (const dir of readdirSync("functions", { withFileTypes: true }).filter(
      // Function folders hold a handler.ts; commons/, data/ and use-cases/ are what they share.
      (d) => d.isDirectory() && !["commons", "data", "use-cases"].includes(d.name),
    )) {
      const source = readFileSync(join("functions", dir.name, "handler.ts"), "utf8");
      for (const m of source.matchAll(/^export const (\w*[hH]andler)\b/gm))
        exported.push(`${dir.name}/handler.ts#${m[1]}`);
    }
    const wired = [
      ...Object.values(dev.stack.api.functions),
      ...Object.values(dev.stack.workflows.functions),
      dev.stack.console.function,
    ].map((f) => f.source);
    expect(wired.sort()).toEqual(exported.sort());
    expect(new Set(wired).size).toBe(wired.length);
  });

  it("has no unsuppressed cdk-nag AwsSolutions finding, in either stage", () => {
    for (const { stack } of [dev, prod]) {
      const errors = Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
      const warnings = Annotations.fromStack(stack).findWarning(
        "*",
        Match.stringLikeRegexp("AwsSolutions-.*"),
      );
      expect(errors.map((e) => e.entry.data)).toEqual([]);
      expect(warnings.map((e) => e.entry.data)).toEqual([]);
    }
  });

  it("synthesizes offline with `npx cdk synth`, bundling every function with the local esbuild", () => {
    const out = mkdtempSync(join(tmpdir(), "hanchot-cdk-"));
    const run = spawnSync("npx", ["cdk", "synth", "--quiet", "--output", out], {
      encoding: "utf8",
      env: { ...process.env, CDK_DISABLE_VERSION_CHECK: "1", AWS_EC2_METADATA_DISABLED: "true" },
      timeout: 180_000,
    });
    expect(run.status, run.stderr).toBe(0);
    // cdk.json sets aws-cdk-lib's recommended feature flags: no notice about unset ones.
    expect(`${run.stdout}${run.stderr}`).not.toContain("feature flags are not configured");
    expect(existsSync(join(out, "hanchot-dev.template.json"))).toBe(true);
    const bundles = readdirSync(out).filter(
      (d) => d.startsWith("asset.") && existsSync(join(out, d, "index.mjs")),
    );
    // One bundle per handler file: functions that share a file (the lifecycle steps) share its bundle.
    const handlerFiles = new Set(
      [
        ...Object.values(dev.stack.api.functions),
        ...Object.values(dev.stack.workflows.functions),
        dev.stack.console.function,
      ].map((f) => f.source.split("#")[0]),
    );
    expect(bundles).toHaveLength(handlerFiles.size);
    // The console's bundle carries the plan templates beside its index.mjs (afterBundling hook).
    const withTemplates = bundles.filter((d) => existsSync(join(out, d, "plans", "templates")));
    expect(withTemplates).toHaveLength(1);
    const templates = readdirSync(join(out, withTemplates[0] as string, "plans", "templates"));
    expect(templates).toEqual(readdirSync("plans/templates"));
  }, 200_000);
});
