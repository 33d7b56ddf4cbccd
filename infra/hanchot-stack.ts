/**
 * hanchot on AWS: data (KMS, DynamoDB, S3, Secrets Manager), the web form and submission API,
 * the workflows, notifications, the operations console and its user pool, and monitoring, as
 * constructs of one stack per stage.
 */
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import type { StageConfig } from "./config";
import { Console } from "./constructs/console";
import { ConsoleAuth } from "./constructs/console-auth";
import { Data } from "./constructs/data";
import { Monitoring } from "./constructs/monitoring";
import { Notifications } from "./constructs/notifications";
import { SubmissionsApi } from "./constructs/submissions-api";
import { Workflows } from "./constructs/workflows";
import { applyNagSuppressions } from "./nag-suppressions";

export interface HanchotStackProps extends StackProps {
  config: StageConfig;
}

/** CloudWatch accepts only some retention values: the largest not above the configured days. */
function retention(days: number): RetentionDays {
  const allowed = Object.values(RetentionDays)
    .filter((v): v is RetentionDays => typeof v === "number" && v > 0)
    .sort((a, b) => a - b);
  return allowed.filter((v) => v <= days).at(-1) ?? RetentionDays.ONE_DAY;
}

export class HanchotStack extends Stack {
  readonly data: Data;
  readonly api: SubmissionsApi;
  readonly workflows: Workflows;
  readonly notifications: Notifications;
  readonly auth: ConsoleAuth;
  readonly console: Console;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: HanchotStackProps) {
    super(scope, id, props);
    const { config } = props;
    const logRetention = retention(config.logRetentionDays);
    this.data = new Data(this, "Data", { production: config.production });
    this.notifications = new Notifications(this, "Notifications", {
      senderEmail: config.senderEmail,
      alarmEmails: config.alarmEmails,
      key: this.data.key,
    });
    this.api = new SubmissionsApi(this, "Submissions", {
      data: this.data,
      logRetention,
      rateLimit: config.apiRateLimit,
      burstLimit: config.apiBurstLimit,
    });
    const sending = {
      senderEmail: config.senderEmail,
      sesIdentityArn: this.notifications.identityArn,
      sesConfigurationSet: this.notifications.configurationSet.configurationSetName,
      sesConfigurationSetArn: this.notifications.configurationSetArn,
      ...(config.smsSenderId && { smsSenderId: config.smsSenderId }),
    };
    this.workflows = new Workflows(this, "Workflows", {
      data: this.data,
      logRetention,
      publicBaseUrl: this.api.api.apiEndpoint,
      ...sending,
    });
    const consoleUrl = `${this.api.api.apiEndpoint}/console`;
    this.auth = new ConsoleAuth(this, "ConsoleAuth", {
      production: config.production,
      threatProtection: config.signInThreatProtection,
      consoleUrl,
    });
    this.console = new Console(this, "Console", {
      data: this.data,
      auth: this.auth,
      api: this.api.api,
      environment: this.api.environment,
      deadlineLifecycle: this.workflows.deadlineLifecycle,
      planCalendar: this.workflows.planCalendar,
      logRetention,
      production: config.production,
      ...sending,
    });
    // The lifecycle steps share one handler module (and its dependencies): each gets the pool's
    // id; only Escalate, which emails a plan's committee, may list the group's members.
    for (const step of Object.values(this.workflows.functions)) {
      step.fn.addEnvironment("COMMITTEE_USER_POOL_ID", this.auth.userPool.userPoolId);
    }
    this.auth.grantListGroupMembers(this.workflows.functions.Escalate.fn);
    this.monitoring = new Monitoring(this, "Monitoring", {
      operators: this.notifications.operators,
      deliveryProblems: this.notifications.deliveryProblems,
      functions: {
        ...Object.fromEntries(Object.entries(this.api.functions).map(([k, f]) => [k, f.fn])),
        ...Object.fromEntries(Object.entries(this.workflows.functions).map(([k, f]) => [k, f.fn])),
        console: this.console.function.fn,
      },
      stateMachines: {
        DeadlineLifecycle: this.workflows.deadlineLifecycle,
        PlanCalendar: this.workflows.planCalendar,
      },
    });
    new CfnOutput(this, "TableName", { value: this.data.table.tableName });
    new CfnOutput(this, "FormBaseUrl", { value: this.api.api.apiEndpoint });
    new CfnOutput(this, "PlanCalendarArn", { value: this.workflows.planCalendar.stateMachineArn });
    new CfnOutput(this, "LinkKeysSecretArn", { value: this.data.linkKeys.secretArn });
    new CfnOutput(this, "ConsoleUrl", { value: consoleUrl, description: "Where offices sign in" });
    new CfnOutput(this, "UserPoolId", {
      value: this.auth.userPool.userPoolId,
      description: "npm run -s users -- add … --user-pool-id <this>",
    });
    new CfnOutput(this, "UserPoolClientId", { value: this.auth.client.userPoolClientId });
    applyNagSuppressions(this);
  }
}
