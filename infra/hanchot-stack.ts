/**
 * hanchot on AWS: data (KMS, DynamoDB, S3, Secrets Manager), the web form and submission API,
 * the workflows, notifications and monitoring, as constructs of one stack per stage.
 */
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import type { StageConfig } from "./config";
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
    this.workflows = new Workflows(this, "Workflows", {
      data: this.data,
      logRetention,
      publicBaseUrl: this.api.api.apiEndpoint,
      senderEmail: config.senderEmail,
      sesIdentityArn: this.notifications.identityArn,
      sesConfigurationSet: this.notifications.configurationSet.configurationSetName,
      sesConfigurationSetArn: this.notifications.configurationSetArn,
      ...(config.smsSenderId && { smsSenderId: config.smsSenderId }),
    });
    this.monitoring = new Monitoring(this, "Monitoring", {
      operators: this.notifications.operators,
      deliveryProblems: this.notifications.deliveryProblems,
      functions: {
        ...Object.fromEntries(Object.entries(this.api.functions).map(([k, f]) => [k, f.fn])),
        ...Object.fromEntries(Object.entries(this.workflows.functions).map(([k, f]) => [k, f.fn])),
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
    applyNagSuppressions(this);
  }
}
