/** Alarms to the operators: failed executions, Lambda errors and throttles, email delivery problems. */
import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import type { ITopic, Topic } from "aws-cdk-lib/aws-sns";
import type { StateMachine } from "aws-cdk-lib/aws-stepfunctions";
import { Construct } from "constructs";

export interface MonitoringProps {
  operators: ITopic;
  functions: Record<string, NodejsFunction>;
  stateMachines: Record<string, StateMachine>;
  deliveryProblems: Topic;
}

export class Monitoring extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const action = new SnsAction(props.operators);
    const alarm = (name: string, metric: IMetric, description: string) => {
      const a = new Alarm(this, name, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(action);
      this.alarms.push(a);
    };
    for (const [name, sm] of Object.entries(props.stateMachines)) {
      alarm(
        `${name}ExecutionsFailed`,
        sm.metricFailed({ period: Duration.minutes(5) }),
        `hanchot: ${name} executions failed`,
      );
    }
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(
        `${name}Errors`,
        fn.metricErrors({ period: Duration.minutes(5) }),
        `hanchot: ${name} Lambda errors`,
      );
      alarm(
        `${name}Throttles`,
        fn.metricThrottles({ period: Duration.minutes(5) }),
        `hanchot: ${name} Lambda throttles`,
      );
    }
    alarm(
      "EmailDeliveryProblems",
      props.deliveryProblems.metricNumberOfMessagesPublished({ period: Duration.hours(1) }),
      "hanchot: emails bounced, were rejected or drew complaints",
    );
  }
}
