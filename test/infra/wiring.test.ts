/**
 * Dependency wiring: every Lambda function the CDK app deploys gets an environment that the Lambda
 * configuration accepts, and its handler module's composition root builds its dependencies from
 * that configuration (with clients aimed at loopback) without throwing. A variable the code
 * requires and the infra forgets fails here, not at the first cold start in AWS.
 */
import { readFileSync } from "node:fs";
import { App, Stack } from "aws-cdk-lib";
import type { CfnFunction } from "aws-cdk-lib/aws-lambda";
import { describe, expect, it } from "vitest";
import { clients, localTarget } from "../../functions/commons/clients";
import { type LambdaConfig, parseLambdaConfig } from "../../functions/commons/config";
import { LinkKeys } from "../../functions/commons/link-keys-secret";
import { stageConfig } from "../../infra/config";
import { HanchotFunction } from "../../infra/constructs/hanchot-function";
import { LIFECYCLE_STEPS } from "../../infra/constructs/workflows";
import { HanchotStack } from "../../infra/hanchot-stack";

const cdkContext = JSON.parse(readFileSync("cdk.json", "utf8")).context;

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/** The value CloudFormation would give an intrinsic, in the shape the deployed function would see. */
function resolve(value: unknown, resources: Resources): string {
  if (typeof value === "string") return value;
  const v = value as Record<string, unknown>;
  if ("Ref" in v) {
    const ref = String(v.Ref);
    if (ref === "AWS::Region") return "ap-southeast-1";
    if (ref === "AWS::URLSuffix") return "amazonaws.com";
    if (ref === "AWS::AccountId") return "123456789012";
    if (ref === "AWS::Partition") return "aws";
    const type = resources[ref]?.Type;
    if (type === undefined) throw new Error(`Ref to unknown resource ${ref}`);
    // A secret's Ref is its ARN; a table's, bucket's, API's or configuration set's is its name or id.
    if (type === "AWS::SecretsManager::Secret")
      return `arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:${ref}-AbCdEf`;
    // A user pool's Ref is its id (region_suffix), a state machine's its ARN.
    if (type === "AWS::Cognito::UserPool") return `ap-southeast-1_${ref.replace(/[^A-Za-z0-9]/g, "")}`;
    if (type === "AWS::StepFunctions::StateMachine")
      return `arn:aws:states:ap-southeast-1:123456789012:stateMachine:${ref}`;
    return ref.toLowerCase();
  }
  if ("Fn::Join" in v) {
    const [sep, parts] = v["Fn::Join"] as [string, unknown[]];
    return parts.map((p) => resolve(p, resources)).join(sep);
  }
  if ("Fn::GetAtt" in v) {
    const [id, attribute] = v["Fn::GetAtt"] as [string, string];
    if (attribute === "ApiEndpoint")
      return `https://${id.toLowerCase()}.execute-api.ap-southeast-1.amazonaws.com`;
    return `${id}.${attribute}`.toLowerCase();
  }
  throw new Error(`intrinsic not resolved: ${JSON.stringify(value)}`);
}

const app = new App({ context: { ...cdkContext, "aws:cdk:bundling-stacks": [] } });
const stack = new HanchotStack(app, "hanchot-dev", {
  config: stageConfig(cdkContext["hanchot:stages"], "dev"),
  env: { region: "ap-southeast-1", account: "123456789012" },
});
const resources = app.synth().getStackByName(stack.stackName).template.Resources as Resources;
const functions = stack.node.findAll().filter((c): c is HanchotFunction => c instanceof HanchotFunction);

const deployed = functions.map((f) => {
  const id = Stack.of(f).getLogicalId(f.fn.node.defaultChild as CfnFunction);
  const props = resources[id]?.Properties as { Environment: { Variables: Record<string, unknown> } };
  const env = Object.fromEntries(
    Object.entries(props.Environment.Variables).map(([k, v]) => [k, resolve(v, resources)]),
  );
  const [entry = "", handler = ""] = f.source.split("#");
  return { name: f.node.path, entry, handler, env };
});

/** Functions that sign or verify personal links, so need a keyring source. */
const signsLinks = (entry: string, handler: string) =>
  !entry.startsWith("lifecycle-steps/") ||
  Object.values(LIFECYCLE_STEPS).some((s) => s.handler === handler && s.signsLinks);

const loopback = localTarget({
  dynamodb: "http://127.0.0.1:9",
  s3: "http://127.0.0.1:9",
  ses: "http://127.0.0.1:9",
  sns: "http://127.0.0.1:9",
  secretsManager: "http://127.0.0.1:9",
});

describe("the environment each deployed function gets", () => {
  it("covers every function of the stack", () => {
    expect(deployed.map((d) => d.entry).sort()).toEqual(
      [
        "console/handler.ts",
        "short-link/handler.ts",
        "submission-api/handler.ts",
        "submission-form/handler.ts",
        ...Object.keys(LIFECYCLE_STEPS).map(() => "lifecycle-steps/handler.ts"),
      ].sort(),
    );
  });

  it.each(deployed)("$name satisfies the Lambda configuration and builds its dependencies", async (d) => {
    const config: LambdaConfig = parseLambdaConfig(d.env);
    expect(config.publicBaseUrl).toMatch(/^https:\/\//);
    if (signsLinks(d.entry, d.handler)) expect(config.linkKeys).toHaveProperty("secretArn");
    const module = (await import(`../../functions/${d.entry}`)) as Record<string, unknown> & {
      buildDeps: (config: LambdaConfig, c: ReturnType<typeof clients>, keys: LinkKeys) => object;
    };
    expect(typeof module[d.handler]).toBe("function");
    const c = clients(loopback);
    const deps = module.buildDeps(config, c, new LinkKeys(config.linkKeys, () => c.secretsManager));
    // The console's reads and actions share one data layer; every other function has its own.
    expect("reads" in deps ? (deps as { reads: object }).reads : deps).toHaveProperty("data");
  });
});
