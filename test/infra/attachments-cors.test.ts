/**
 * The attachments bucket's CORS, as the web form's script needs it and no more: the browser
 * uploads from the form page (the HTTP API's own endpoint, the functions' PUBLIC_BASE_URL) straight
 * to the bucket with a presigned POST. Only that origin, only POST, no extra request header.
 */
import { readFileSync } from "node:fs";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { stageConfig } from "../../infra/config";
import { HanchotStack } from "../../infra/hanchot-stack";

const cdkContext = JSON.parse(readFileSync("cdk.json", "utf8")).context;

function template(stage: string): Template {
  // Bundling skipped: only the template is asserted here.
  const app = new App({ context: { ...cdkContext, "aws:cdk:bundling-stacks": [] } });
  const stack = new HanchotStack(app, `hanchot-${stage}`, {
    config: stageConfig(cdkContext["hanchot:stages"], stage),
    env: { region: "ap-southeast-1", account: "123456789012" },
  });
  return Template.fromStack(stack);
}

type CorsRule = {
  AllowedMethods: string[];
  AllowedOrigins: unknown[];
  AllowedHeaders?: unknown;
  MaxAge?: number;
};
type BucketProps = { CorsConfiguration?: { CorsRules: CorsRule[] }; VersioningConfiguration?: unknown };

describe.each(["dev", "prod"])("the attachments bucket's CORS (%s)", (stage) => {
  const t = template(stage);
  const buckets = Object.values(t.findResources("AWS::S3::Bucket")).map(
    (b) => (b as { Properties: BucketProps }).Properties,
  );
  // The attachments bucket is the versioned one (the access-log bucket is not).
  const attachments = buckets.filter((b) => b.VersioningConfiguration !== undefined);

  it("has one rule: POST from the form's origin only, with no header allowed beyond the safelisted", () => {
    expect(attachments).toHaveLength(1);
    const rules = attachments[0]?.CorsConfiguration?.CorsRules ?? [];
    expect(rules).toHaveLength(1);
    const [rule] = rules;
    expect(rule?.AllowedMethods).toEqual(["POST"]);
    expect(rule?.AllowedHeaders).toBeUndefined();
    expect(rule?.MaxAge).toBeGreaterThan(0);
    // Never "*": the one origin is the submissions API's endpoint, as the form functions' PUBLIC_BASE_URL.
    expect(rule?.AllowedOrigins).toHaveLength(1);
    expect(JSON.stringify(rule?.AllowedOrigins)).not.toContain('"*"');
    const formFunctions = Object.values(t.findResources("AWS::Lambda::Function"))
      .map(
        (f) =>
          (f as { Properties: { Environment?: { Variables?: Record<string, unknown> } } }).Properties
            .Environment?.Variables ?? {},
      )
      .filter((v) => v.ATTACHMENT_BUCKET !== undefined && v.PUBLIC_BASE_URL !== undefined);
    expect(formFunctions.length).toBeGreaterThan(0);
    for (const env of formFunctions) expect(rule?.AllowedOrigins[0]).toEqual(env.PUBLIC_BASE_URL);
    expect(rule?.AllowedOrigins[0]).toEqual({
      "Fn::GetAtt": [expect.stringMatching(/^SubmissionsApi/), "ApiEndpoint"],
    });
  });

  it("no other bucket lets a browser in", () => {
    for (const b of buckets.filter((x) => x.VersioningConfiguration === undefined))
      expect(b.CorsConfiguration).toBeUndefined();
  });
});
