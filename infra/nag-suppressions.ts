/**
 * cdk-nag AwsSolutions findings that are deliberate, each with its reason. Suppressions name the
 * exact wildcard they accept (appliesTo), so a new wildcard still fails the synth.
 */
import type { Stack } from "aws-cdk-lib";
import { NagSuppressions } from "cdk-nag";

export function applyNagSuppressions(stack: Stack): void {
  NagSuppressions.addStackSuppressions(stack, [
    {
      id: "AwsSolutions-IAM4",
      reason:
        "AWSLambdaBasicExecutionRole only lets each function write to CloudWatch Logs; the functions' own log groups are created with retention by the stack.",
      appliesTo: ["Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
    },
    {
      id: "AwsSolutions-IAM5",
      reason:
        "Query on the table's global secondary indexes (byUnit, overdue) needs the index ARNs; the wildcard covers exactly the two indexes of this table.",
      appliesTo: [{ regex: "/^Resource::<DataTable[A-Z0-9]+\\.Arn>\\/index\\/\\*$/" }],
    },
    {
      id: "AwsSolutions-IAM5",
      reason:
        "kms:GenerateDataKey* and kms:ReEncrypt* are what KMS needs to encrypt items, objects and the secret with the data key (CDK's grantEncryptDecrypt), scoped to that one key.",
      appliesTo: ["Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"],
    },
    {
      id: "AwsSolutions-IAM5",
      reason:
        "Units upload attachments under uploads/<plan>/<obligation>/<period>/<unit>/, created at run time; the functions may sign uploads and read them there, and write the checked copies under accepted/<plan>/<obligation>/<period>/<unit>/<receipt>/ only.",
      appliesTo: [{ regex: "/^Resource::<DataAttachments[A-Z0-9]+\\.Arn>\\/(uploads|accepted)\\/\\*$/" }],
    },
    {
      id: "AwsSolutions-IAM5",
      reason:
        "Step Functions invokes the lifecycle functions by ARN; CDK's grantInvoke adds the ':*' form so that versions and aliases of that same function can be invoked.",
      appliesTo: [{ regex: "/^Resource::<Workflows[A-Za-z]+Function[A-Z0-9]+\\.Arn>:\\*$/" }],
    },
    {
      id: "AwsSolutions-IAM5",
      reason:
        "Resource '*' is required by X-Ray (PutTraceSegments, PutTelemetryRecords), by the CloudWatch Logs delivery actions of Step Functions logging, and by SNS Publish to phone numbers (SMS has no topic ARN).",
      appliesTo: ["Resource::*"],
    },
    {
      id: "AwsSolutions-L1",
      reason:
        "Node.js 22 is the runtime the project builds, tests and runs on locally (pinned through npm); moving to Node.js 24 is a deliberate upgrade with its own test run.",
    },
    {
      id: "AwsSolutions-APIG4",
      reason:
        "Units have no accounts: every route is authorised in the handler by the unit's personal link, an HMAC-SHA256 signature over unit, deadline and expiry with keys from Secrets Manager.",
    },
    {
      id: "AwsSolutions-SMG4",
      reason:
        "Rotating the link keyring revokes every personal link sent; it is rotated by operators (add a key, make it current, remove the old one later), not on a schedule.",
    },
  ]);
}
