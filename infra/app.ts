/**
 * The CDK app: `npx cdk synth` (offline, no credentials) and `npx cdk deploy -c stage=<stage>`.
 * cdk-nag's AwsSolutions checks run on every synth; a finding without a suppression fails it.
 */
import { App, Aspects } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { stageConfig } from "./config";
import { HanchotStack } from "./hanchot-stack";

const app = new App();
const stage = String(app.node.tryGetContext("stage") ?? "dev");
const config = stageConfig(app.node.tryGetContext("hanchot:stages"), stage);
new HanchotStack(app, `hanchot-${config.stage}`, {
  config,
  env: {
    region: config.region,
    ...(process.env.CDK_DEFAULT_ACCOUNT && { account: process.env.CDK_DEFAULT_ACCOUNT }),
  },
  description: `hanchot (${config.stage}): deadlines of local health plans — reminders, submissions, escalations`,
});
Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
