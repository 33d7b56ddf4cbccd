/**
 * The calendar in motion: the lifecycle-step functions and the two state machines, deployed from
 * the very files in workflows/ (inline in the template, byte for byte) with their placeholders
 * substituted by CloudFormation (DefinitionSubstitutions), logged and traced.
 */
import { readFileSync } from "node:fs";
import { ArnFormat, Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import { Effect, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from "aws-cdk-lib/aws-stepfunctions";
import { Construct } from "constructs";
import { workflowPath } from "../../workflows/definitions";
import type { Data } from "./data";
import { HanchotFunction } from "./hanchot-function";

export interface WorkflowsProps {
  data: Data;
  logRetention: RetentionDays;
  publicBaseUrl: string;
  senderEmail: string;
  sesIdentityArn: string;
  sesConfigurationSet: string;
  sesConfigurationSetArn: string;
  smsSenderId?: string;
}

/** Each step's table actions, the channels it sends on, and whether it signs personal links. */
/**
 * A step that sends: reads its deadline, claims (PutItem, alone or in a TransactWriteItems, with
 * the short links its SMS carry), records in batches (the last with its stage done).
 */
const SENDING_ACTIONS = ["dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:BatchWriteItem"];

export const LIFECYCLE_STEPS = {
  PlanNextStep: {
    handler: "planNextStepHandler",
    actions: ["dynamodb:Query"],
    channels: [],
    signsLinks: false,
  },
  Remind: {
    handler: "remindHandler",
    // PutItem (claims: alone or in one TransactWriteItems), BatchWriteItem (the records of sends).
    actions: SENDING_ACTIONS,
    channels: ["email", "sms"],
    signsLinks: true,
  },
  MarkOverdue: {
    handler: "markOverdueHandler",
    // UpdateItem (each unit overdue, on condition), PutItem (the stage done).
    actions: ["dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:PutItem"],
    channels: [],
    signsLinks: false,
  },
  Escalate: {
    handler: "escalateHandler",
    actions: SENDING_ACTIONS,
    channels: ["email"],
    signsLinks: false,
  },
  ListDeadlines: {
    handler: "listDeadlinesHandler",
    actions: ["dynamodb:Query"],
    channels: [],
    signsLinks: false,
  },
} as const;

export class Workflows extends Construct {
  readonly functions: Record<keyof typeof LIFECYCLE_STEPS, HanchotFunction>;
  readonly deadlineLifecycle: StateMachine;
  readonly planCalendar: StateMachine;

  constructor(scope: Construct, id: string, props: WorkflowsProps) {
    super(scope, id);
    const { data } = props;
    const environment = {
      TABLE_NAME: data.table.tableName,
      PUBLIC_BASE_URL: props.publicBaseUrl,
      SENDER_EMAIL: props.senderEmail,
      SES_CONFIGURATION_SET: props.sesConfigurationSet,
      ...(props.smsSenderId && { SMS_SENDER_ID: props.smsSenderId }),
    };
    const entries = Object.entries(LIFECYCLE_STEPS) as Array<
      [keyof typeof LIFECYCLE_STEPS, (typeof LIFECYCLE_STEPS)[keyof typeof LIFECYCLE_STEPS]]
    >;
    this.functions = Object.fromEntries(
      entries.map(([name, step]) => {
        const f = new HanchotFunction(this, name, {
          entry: "lifecycle-steps/handler.ts",
          handler: step.handler,
          description: `hanchot: lifecycle step ${name}`,
          environment: {
            ...environment,
            ...(step.signsLinks && { LINK_KEYS_SECRET_ARN: data.linkKeys.secretArn }),
          },
          logRetention: props.logRetention,
          timeout: Duration.minutes(step.channels.length > 0 ? 5 : 1),
          reservedConcurrentExecutions: 10,
        });
        data.table.grant(f.fn, ...step.actions);
        data.key.grantEncryptDecrypt(f.fn);
        if (step.signsLinks) data.linkKeys.grantRead(f.fn);
        if ((step.channels as readonly string[]).includes("email")) {
          f.fn.addToRolePolicy(
            new PolicyStatement({
              effect: Effect.ALLOW,
              actions: ["ses:SendEmail"],
              resources: [props.sesIdentityArn, props.sesConfigurationSetArn],
            }),
          );
        }
        if ((step.channels as readonly string[]).includes("sms")) {
          // SMS to phone numbers is an SNS Publish without a topic: the resource can only be "*".
          f.fn.addToRolePolicy(
            new PolicyStatement({ effect: Effect.ALLOW, actions: ["sns:Publish"], resources: ["*"] }),
          );
        }
        return [name, f];
      }),
    ) as Record<keyof typeof LIFECYCLE_STEPS, HanchotFunction>;

    const logs = (name: string) =>
      ({
        destination: new LogGroup(this, `${name}Logs`, {
          retention: props.logRetention,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
        level: LogLevel.ALL,
        includeExecutionData: false, // executions carry ids only; no personal data in the logs
      }) as const;

    this.deadlineLifecycle = new StateMachine(this, "DeadlineLifecycle", {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(readFileSync(workflowPath("deadlineLifecycle"), "utf8")),
      definitionSubstitutions: {
        PlanNextStepFunctionArn: this.functions.PlanNextStep.fn.functionArn,
        RemindFunctionArn: this.functions.Remind.fn.functionArn,
        MarkOverdueFunctionArn: this.functions.MarkOverdue.fn.functionArn,
        EscalateFunctionArn: this.functions.Escalate.fn.functionArn,
      },
      tracingEnabled: true,
      logs: logs("DeadlineLifecycle"),
    });
    for (const name of ["PlanNextStep", "Remind", "MarkOverdue", "Escalate"] as const) {
      this.functions[name].fn.grantInvoke(this.deadlineLifecycle);
    }

    // Named, so that it may continue as a new execution of itself without a circular reference.
    const planCalendarName = `${Stack.of(this).stackName}-plan-calendar`;
    this.planCalendar = new StateMachine(this, "PlanCalendar", {
      stateMachineName: planCalendarName,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(readFileSync(workflowPath("planCalendar"), "utf8")),
      definitionSubstitutions: {
        ListDeadlinesFunctionArn: this.functions.ListDeadlines.fn.functionArn,
        DeadlineLifecycleArn: this.deadlineLifecycle.stateMachineArn,
      },
      tracingEnabled: true,
      logs: logs("PlanCalendar"),
    });
    this.functions.ListDeadlines.fn.grantInvoke(this.planCalendar);
    this.deadlineLifecycle.grantStartExecution(this.planCalendar);
    this.planCalendar.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ["states:StartExecution"],
        resources: [
          Stack.of(this).formatArn({
            service: "states",
            resource: "stateMachine",
            resourceName: planCalendarName,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        ],
      }),
    );
  }
}
