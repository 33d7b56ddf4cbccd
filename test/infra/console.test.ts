/**
 * The operations console in the CDK app: the user pool (who may sign in and how), the app client,
 * the console's routes on the HTTP API, and its function's permissions, asserted statement by
 * statement; cdk-nag with threat protection switched off by configuration.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { App, Aspects } from "aws-cdk-lib";
import { Annotations, Match, Template } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks } from "cdk-nag";
import { describe, expect, it } from "vitest";
import { HTTP_ROUTES } from "../../functions/routes";
import { stageConfig } from "../../infra/config";
import { copyIntoBundleCommands } from "../../infra/constructs/hanchot-function";
import { HanchotStack } from "../../infra/hanchot-stack";
import { TEMPLATES_FOLDER, templatesDir } from "../../shared/plan/templates";

const cdkContext = JSON.parse(readFileSync("cdk.json", "utf8")).context;

function synth(stage: string, overrides: Record<string, unknown> = {}) {
  // Bundling is skipped (test/infra/stack.test.ts synthesizes for real once).
  const app = new App({ context: { ...cdkContext, "aws:cdk:bundling-stacks": [] } });
  const stages = cdkContext["hanchot:stages"];
  const stack = new HanchotStack(app, `hanchot-${stage}`, {
    config: stageConfig({ ...stages, [stage]: { ...stages[stage], ...overrides } }, stage),
    env: { region: "ap-southeast-1", account: "123456789012" },
  });
  Aspects.of(app).add(new AwsSolutionsChecks());
  return { stack, template: Template.fromStack(stack) };
}

const dev = synth("dev");
const prod = synth("prod");
const noThreatProtection = synth("dev", { signInThreatProtection: false });

type Resource = { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, unknown> };
type Statement = {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
};

/** The logical id of the single resource of a type whose id starts with a prefix. */
function logicalId(template: Template, type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  expect(ids, `${type} ${prefix}*`).toHaveLength(1);
  return ids[0] as string;
}

/** The one resource of a type (of the console's, there is one each). */
function only(template: Template, type: string): Resource {
  const all = Object.values(template.findResources(type)) as Resource[];
  expect(all, type).toHaveLength(1);
  return all[0] as Resource;
}

/** The cdk-nag rules suppressed on a resource. */
function suppressionsOf(resource: Resource): Array<{ id: string; reason: string }> {
  const nag = resource.Metadata?.cdk_nag as
    | { rules_to_suppress: Array<{ id: string; reason: string }> }
    | undefined;
  return nag?.rules_to_suppress ?? [];
}

/** A policy resource as a reader would name it: logical ids without their hash, ARN suffixes kept. */
function nameOf(resource: unknown): string {
  if (typeof resource === "string") return resource;
  const r = resource as Record<string, unknown>;
  const bare = (id: unknown) => String(id).replace(/[0-9A-F]{8}$/, "");
  if ("Ref" in r) return bare(r.Ref);
  if ("Fn::GetAtt" in r) return bare((r["Fn::GetAtt"] as string[])[0]);
  if ("Fn::Join" in r) return (r["Fn::Join"] as [string, unknown[]])[1].map(nameOf).join("");
  throw new Error(`resource not named: ${JSON.stringify(resource)}`);
}

/** Every statement of the policies attached to the role of the function whose id starts with a prefix. */
function statementsOf(template: Template, functionPrefix: string): Statement[] {
  const policies = template.findResources("AWS::IAM::Policy") as Record<string, Resource>;
  return Object.values(policies)
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(`${functionPrefix}ServiceRole`))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

/** "action on resource" for each allowed pair, sorted. */
function allowed(statements: Statement[]): string[] {
  return statements
    .filter((s) => s.Effect === "Allow")
    .flatMap((s) => [s.Action].flat().flatMap((a) => [s.Resource].flat().map((r) => `${a} on ${nameOf(r)}`)))
    .sort();
}

const SES_IDENTITY = "arn:aws:ses:ap-southeast-1:123456789012:identity/hanchot-dev@example.org";
const SES_CONFIGURATION_SET = "arn:aws:ses:ap-southeast-1:123456789012:configuration-set/NotificationsEmails";

describe("the console's user pool", () => {
  it("is filled by the office: no self sign-up, sign-in by case-insensitive email, recovery by email", () => {
    dev.template.resourceCountIs("AWS::Cognito::UserPool", 1);
    dev.template.hasResourceProperties("AWS::Cognito::UserPool", {
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
      UsernameAttributes: ["email"],
      UsernameConfiguration: { CaseSensitive: false },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "verified_email", Priority: 1 }] },
    });
  });

  it("demands strong passwords and a new one within 3 days of an invitation", () => {
    dev.template.hasResourceProperties("AWS::Cognito::UserPool", {
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 3,
          PasswordHistorySize: 5,
        },
      },
    });
  });

  it("offers TOTP as an optional second factor, and no SMS", () => {
    dev.template.hasResourceProperties("AWS::Cognito::UserPool", {
      MfaConfiguration: "OPTIONAL",
      EnabledMfas: ["SOFTWARE_TOKEN_MFA"],
    });
    dev.template.resourcePropertiesCountIs(
      "AWS::Cognito::UserPool",
      { SmsConfiguration: Match.anyValue() },
      0,
    );
  });

  it("scopes users by two mutable string attributes, plans and oversight", () => {
    const schema = only(dev.template, "AWS::Cognito::UserPool").Properties.Schema as Array<
      Record<string, unknown>
    >;
    const custom = schema.filter(
      (a) => a.AttributeDataType === "String" && !["email", "name"].includes(String(a.Name)),
    );
    expect(custom.map((a) => [a.Name, a.Mutable]).sort()).toEqual([
      ["oversight", true],
      ["plans", true],
    ]);
    expect(schema).toContainEqual({ Name: "email", Required: true, Mutable: true });
  });

  it("has one group per console role", () => {
    const groups = Object.values(dev.template.findResources("AWS::Cognito::UserPoolGroup")) as Resource[];
    expect(groups.map((g) => g.Properties.GroupName).sort()).toEqual([
      "committee",
      "standing-body",
      "viewer",
    ]);
    const poolId = logicalId(dev.template, "AWS::Cognito::UserPool", "ConsoleAuthUsers");
    for (const g of groups) expect(g.Properties.UserPoolId).toEqual({ Ref: poolId });
  });

  it("invites users in Vietnamese, with the console's address", () => {
    const pool = only(dev.template, "AWS::Cognito::UserPool");
    const invitation = JSON.stringify(
      (pool.Properties.AdminCreateUserConfig as { InviteMessageTemplate: unknown }).InviteMessageTemplate,
    );
    expect(invitation).toContain("mật khẩu tạm thời {####}");
    expect(invitation).toContain("{username}");
    expect(invitation).toContain("/console ");
    expect(invitation).toContain("ApiEndpoint");
  });

  it("enforces threat protection on the Plus plan, unless the stage switches it off", () => {
    dev.template.hasResourceProperties("AWS::Cognito::UserPool", {
      UserPoolTier: "PLUS",
      UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
    });
    noThreatProtection.template.hasResourceProperties("AWS::Cognito::UserPool", {
      UserPoolTier: "ESSENTIALS",
      UserPoolAddOns: Match.absent(),
    });
  });

  it("is protected from deletion in production and kept if the stack goes", () => {
    prod.template.hasResource("AWS::Cognito::UserPool", {
      Properties: Match.objectLike({ DeletionProtection: "ACTIVE" }),
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
    });
    dev.template.hasResource("AWS::Cognito::UserPool", {
      Properties: Match.objectLike({ DeletionProtection: "INACTIVE" }),
      DeletionPolicy: "Delete",
    });
  });
});

describe("the console's app client", () => {
  it("signs in server-side with a password or SRP: no secret, no OAuth, short-lived tokens", () => {
    dev.template.resourceCountIs("AWS::Cognito::UserPoolClient", 1);
    dev.template.hasResourceProperties("AWS::Cognito::UserPoolClient", {
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: false,
      AllowedOAuthFlows: Match.absent(),
      CallbackURLs: Match.absent(),
      PreventUserExistenceErrors: "ENABLED",
      EnableTokenRevocation: true,
      IdTokenValidity: 60,
      AccessTokenValidity: 60,
      RefreshTokenValidity: 720,
      TokenValidityUnits: { IdToken: "minutes", AccessToken: "minutes", RefreshToken: "minutes" },
    });
  });

  it("puts the scope attributes in the ID token, and lets no user change them", () => {
    const client = only(dev.template, "AWS::Cognito::UserPoolClient");
    expect(client.Properties.ReadAttributes).toEqual(
      expect.arrayContaining(["custom:plans", "custom:oversight", "email", "email_verified"]),
    );
    expect(client.Properties.WriteAttributes).toEqual(["name"]);
  });
});

describe("the console's routes", () => {
  const consoleRoutes = HTTP_ROUTES.filter((r) => r.handler === "console").map((r) => r.routeKey);

  it("serves every console route of functions/routes.ts on the one HTTP API, through the console function", () => {
    expect(consoleRoutes.length).toBeGreaterThan(30);
    const apiId = logicalId(dev.template, "AWS::ApiGatewayV2::Api", "SubmissionsApi");
    const consoleFn = logicalId(dev.template, "AWS::Lambda::Function", "ConsoleconsoleFunction");
    const integrations = dev.template.findResources("AWS::ApiGatewayV2::Integration") as Record<
      string,
      Resource
    >;
    const functionOf = (target: unknown) => {
      const id = JSON.stringify(target).match(/"Ref":"([A-Za-z0-9]+)"/)?.[1] ?? "";
      return nameOf(integrations[id]?.Properties.IntegrationUri);
    };
    const routes = Object.values(dev.template.findResources("AWS::ApiGatewayV2::Route")) as Resource[];
    const byKey = new Map(routes.map((r) => [r.Properties.RouteKey as string, r]));
    // Each route once, and nothing the table does not declare.
    expect(routes).toHaveLength(HTTP_ROUTES.length);
    expect([...byKey.keys()].sort()).toEqual(HTTP_ROUTES.map((r) => r.routeKey).sort());
    for (const { routeKey, handler } of HTTP_ROUTES) {
      const route = byKey.get(routeKey);
      expect(route?.Properties.ApiId, routeKey).toEqual({ Ref: apiId });
      const target = functionOf(route?.Properties.Target);
      if (handler === "console") expect(target, routeKey).toBe(nameOf({ "Fn::GetAtt": [consoleFn, "Arn"] }));
      else expect(target, routeKey).not.toContain("Consoleconsole");
    }
  });

  it("lets only this API invoke the console function", () => {
    const consoleFn = logicalId(dev.template, "AWS::Lambda::Function", "ConsoleconsoleFunction");
    const apiId = logicalId(dev.template, "AWS::ApiGatewayV2::Api", "SubmissionsApi");
    const permissions = (
      Object.values(dev.template.findResources("AWS::Lambda::Permission")) as Resource[]
    ).filter((p) => JSON.stringify(p.Properties.FunctionName).includes(consoleFn));
    expect(permissions.map((p) => p.Properties)).toEqual([
      {
        Action: "lambda:InvokeFunction",
        FunctionName: { "Fn::GetAtt": [consoleFn, "Arn"] },
        Principal: "apigateway.amazonaws.com",
        SourceArn: {
          "Fn::Join": ["", ["arn:aws:execute-api:ap-southeast-1:123456789012:", { Ref: apiId }, "/*/*/*"]],
        },
      },
    ]);
  });
});

describe("the console function", () => {
  const statements = statementsOf(dev.template, "ConsoleconsoleFunction");

  it("is granted exactly what its pages and actions use, each on its one resource", () => {
    expect(allowed(statements)).toEqual(
      [
        // Reads and the writes of actions (alone or as the items of a transaction), send records.
        ...["GetItem", "Query", "PutItem", "UpdateItem", "BatchWriteItem", "ConditionCheckItem"].flatMap(
          (a) => [`dynamodb:${a} on DataTable`, `dynamodb:${a} on DataTable/index/*`],
        ),
        // The data key: table items, secrets, pinned attachments.
        ...["Decrypt", "Encrypt", "GenerateDataKey*", "ReEncrypt*"].map((a) => `kms:${a} on DataDataKey`),
        "s3:GetObject on DataAttachments/accepted/*",
        ...["ConsoleCsrfKeys", "DataLinkKeys"].flatMap((s) => [
          `secretsmanager:DescribeSecret on ${s}`,
          `secretsmanager:GetSecretValue on ${s}`,
        ]),
        "cognito-idp:ListUsersInGroup on ConsoleAuthUsers",
        "states:StartExecution on WorkflowsDeadlineLifecycle",
        // A plan published from the console gets its calendar started.
        "states:StartExecution on WorkflowsPlanCalendar",
        // Drafts of plans deleted when published or discarded (only draft partitions: below).
        "dynamodb:DeleteItem on DataTable",
        `ses:SendEmail on ${SES_IDENTITY}`,
        `ses:SendEmail on ${SES_CONFIGURATION_SET}`,
        "sns:Publish on *",
        "xray:PutTelemetryRecords on *",
        "xray:PutTraceSegments on *",
      ].sort(),
    );
  });

  it("deletes drafts of plans and nothing else, and writes no attachment", () => {
    const allows = statements.filter((s) => s.Effect === "Allow");
    const deletes = allows.filter((s) => [s.Action].flat().includes("dynamodb:DeleteItem"));
    expect(deletes.map((s) => ({ ...s, Resource: nameOf(s.Resource) }))).toEqual([
      {
        Effect: "Allow",
        Action: "dynamodb:DeleteItem",
        Resource: "DataTable",
        Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["DRAFT#*"] } },
      },
    ]);
    const actions = allows.flatMap((s) => [s.Action].flat());
    expect(actions).not.toContain("dynamodb:Scan");
    expect(actions.filter((a) => a.startsWith("s3:") && a !== "s3:GetObject")).toEqual([]);
  });

  it("can never update or delete an entry of the audit log", () => {
    const denies = statements.filter((s) => s.Effect === "Deny");
    expect(denies).toHaveLength(1);
    expect({ ...denies[0], Resource: nameOf(denies[0]?.Resource) }).toEqual({
      Effect: "Deny",
      Action: ["dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:UpdateItem"],
      Resource: "DataTable",
      Condition: { "ForAnyValue:StringLike": { "dynamodb:LeadingKeys": ["AUDIT#*"] } },
    });
  });

  it("starts executions of the deadline lifecycle and the plan calendar only", () => {
    const machine = (prefix: string) => logicalId(dev.template, "AWS::StepFunctions::StateMachine", prefix);
    const starts = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith("states:")));
    expect(starts.map((s) => ({ ...s, Resource: [s.Resource].flat() }))).toEqual([
      {
        Effect: "Allow",
        Action: "states:StartExecution",
        Resource: [{ Ref: machine("WorkflowsDeadlineLifecycle") }, { Ref: machine("WorkflowsPlanCalendar") }],
      },
    ]);
  });

  it("bundles the plan templates beside its handler, where shared/plan/templates.ts finds them", () => {
    expect(dev.stack.console.function.copiedIntoBundle).toEqual([TEMPLATES_FOLDER]);
    // The afterBundling commands, run as the bundling runs them: the templates land in the bundle.
    const bundle = mkdtempSync(join(tmpdir(), "hanchot-bundle-"));
    const commands = copyIntoBundleCommands([TEMPLATES_FOLDER], process.cwd(), bundle);
    const run = spawnSync("sh", ["-c", commands.join(" && ")], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    const copied = readdirSync(join(bundle, TEMPLATES_FOLDER)).filter((f) => f.endsWith(".yaml"));
    expect(copied.sort()).toEqual(
      readdirSync(TEMPLATES_FOLDER)
        .filter((f) => f.endsWith(".yaml"))
        .sort(),
    );
    expect(copied.length).toBeGreaterThan(0);
    // The bundle's index.mjs sits at its root: templatesDir() looks there first.
    writeFileSync(join(bundle, "index.mjs"), "");
    expect(templatesDir(pathToFileURL(join(bundle, "index.mjs")).href)).toBe(join(bundle, TEMPLATES_FOLDER));
    expect(() => copyIntoBundleCommands(["../etc"], "/in", "/out")).toThrow();
  });

  it("is configured with the table, the pool, the keys, the lifecycle and the sender", () => {
    const fn = dev.template.findResources("AWS::Lambda::Function")[
      logicalId(dev.template, "AWS::Lambda::Function", "ConsoleconsoleFunction")
    ] as Resource;
    const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const named = Object.fromEntries(
      Object.entries(env)
        .filter(([k]) => !k.startsWith("POWERTOOLS_") && k !== "NODE_OPTIONS")
        .map(([k, v]) => [k, nameOf(v)]),
    );
    expect(named).toEqual({
      TABLE_NAME: "DataTable",
      PUBLIC_BASE_URL: "SubmissionsApi",
      ATTACHMENT_BUCKET: "DataAttachments",
      COGNITO_USER_POOL_ID: "ConsoleAuthUsers",
      COGNITO_CLIENT_ID: "ConsoleAuthUsersConsole",
      CONSOLE_SECRET_ARN: "ConsoleCsrfKeys",
      LINK_KEYS_SECRET_ARN: "DataLinkKeys",
      LIFECYCLE_STATE_MACHINE_ARN: "WorkflowsDeadlineLifecycle",
      PLAN_CALENDAR_STATE_MACHINE_ARN: "WorkflowsPlanCalendar",
      SENDER_EMAIL: "hanchot-dev@example.org",
      SES_CONFIGURATION_SET: "NotificationsEmails",
    });
    expect(env.PUBLIC_BASE_URL).toEqual({
      "Fn::GetAtt": [expect.stringMatching(/^SubmissionsApi/), "ApiEndpoint"],
    });
    // The stage's SMS sender ID where it has one.
    prod.template.hasResourceProperties("AWS::Lambda::Function", {
      Description: "hanchot: the operations console (pages, actions, exports, JSON API)",
      Environment: { Variables: Match.objectLike({ SMS_SENDER_ID: "HANCHOT" }) },
    });
  });

  it("signs its CSRF tokens with a generated keyring encrypted with the data key", () => {
    const key = logicalId(dev.template, "AWS::KMS::Key", "DataDataKey");
    dev.template.hasResourceProperties("AWS::SecretsManager::Secret", {
      Description: "hanchot: HMAC keys of the operations console's CSRF tokens",
      KmsKeyId: { "Fn::GetAtt": [key, "Arn"] },
      GenerateSecretString: Match.objectLike({
        SecretStringTemplate: '{"current":"k1"}',
        GenerateStringKey: "k1",
        PasswordLength: 64,
      }),
    });
  });

  it("is alarmed on like every other function", () => {
    const consoleFn = logicalId(dev.template, "AWS::Lambda::Function", "ConsoleconsoleFunction");
    for (const metric of ["Errors", "Throttles"])
      dev.template.hasResourceProperties("AWS::CloudWatch::Alarm", {
        MetricName: metric,
        Dimensions: [{ Name: "FunctionName", Value: { Ref: consoleFn } }],
      });
  });
});

describe("the lifecycle steps and the user pool", () => {
  it("lets Escalate, alone of the steps, list a group's members (the committee it emails)", () => {
    const lister = (prefix: string) =>
      allowed(statementsOf(dev.template, prefix)).filter((a) => a.startsWith("cognito-idp:"));
    expect(lister("WorkflowsEscalateFunction")).toEqual(["cognito-idp:ListUsersInGroup on ConsoleAuthUsers"]);
    for (const step of ["PlanNextStep", "Remind", "MarkOverdue", "ListDeadlines"])
      expect(lister(`Workflows${step}Function`), step).toEqual([]);
  });

  it("gives every step the pool's id (they share one handler module)", () => {
    const poolId = logicalId(dev.template, "AWS::Cognito::UserPool", "ConsoleAuthUsers");
    const steps = Object.entries(dev.template.findResources("AWS::Lambda::Function")).filter(([id]) =>
      /^Workflows[A-Za-z]+Function[0-9A-F]{8}$/.test(id),
    ) as Array<[string, Resource]>;
    expect(steps).toHaveLength(5);
    for (const [id, fn] of steps)
      expect(
        (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables,
        id,
      ).toMatchObject({
        COMMITTEE_USER_POOL_ID: { Ref: poolId },
      });
  });
});

describe("the console and cdk-nag", () => {
  it("has no unsuppressed AwsSolutions finding with threat protection switched off either", () => {
    const annotations = Annotations.fromStack(noThreatProtection.stack);
    const findings = [
      ...annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")),
      ...annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")),
    ];
    expect(findings.map((f) => f.entry.data)).toEqual([]);
  });

  it("suppresses the Plus-plan finding only where the stage switched threat protection off", () => {
    const suppressed = (template: Template) => {
      const rules = suppressionsOf(only(template, "AWS::Cognito::UserPool"));
      return rules.map((r) => r.id).sort();
    };
    expect(suppressed(dev.template)).toEqual(["AwsSolutions-COG2"]);
    expect(suppressed(noThreatProtection.template)).toEqual(["AwsSolutions-COG2", "AwsSolutions-COG8"]);
  });

  it("gives each route the reason that holds for its audience: units' personal links, or console sign-in", () => {
    const routes = Object.values(dev.template.findResources("AWS::ApiGatewayV2::Route")) as Resource[];
    for (const route of routes) {
      const key = route.Properties.RouteKey as string;
      const rules = suppressionsOf(route);
      expect(
        rules.map((r) => r.id),
        key,
      ).toEqual(["AwsSolutions-APIG4"]);
      const consoleRoute = HTTP_ROUTES.find((r) => r.routeKey === key)?.handler === "console";
      expect(rules[0]?.reason, key).toMatch(consoleRoute ? /Cognito ID token/ : /personal link/);
    }
    // No stack-wide APIG4 suppression that would cover a route added later without a reason.
    const stackRules = JSON.stringify(dev.stack.templateOptions.metadata ?? {});
    expect(stackRules).not.toContain("AwsSolutions-APIG4");
  });

  it("outputs what a deployer needs: the console's URL, the user pool and its client", () => {
    const outputs = dev.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(nameOf(outputs.ConsoleUrl?.Value)).toBe("SubmissionsApi/console");
    expect(nameOf(outputs.UserPoolId?.Value)).toBe("ConsoleAuthUsers");
    expect(nameOf(outputs.UserPoolClientId?.Value)).toBe("ConsoleAuthUsersConsole");
  });
});
