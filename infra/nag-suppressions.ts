/**
 * cdk-nag AwsSolutions findings that are deliberate, each with its reason. Suppressions name the
 * exact wildcard they accept (appliesTo), so a new wildcard still fails the synth.
 */
import { NagSuppressions } from "cdk-nag";
import type { HanchotStack } from "./hanchot-stack";

export function applyNagSuppressions(stack: HanchotStack): void {
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
        "Units upload attachments under uploads/<plan>/<obligation>/<period>/<unit>/, created at run time; the submission functions may sign uploads and read them there, and write the checked copies under accepted/<plan>/<obligation>/<period>/<unit>/<receipt>/ only; the console may only read those pinned copies (it signs short-lived GETs of them).",
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
  ]);

  // Routes: who may call each is decided in its function, for reasons that differ by audience.
  NagSuppressions.addResourceSuppressions(
    stack.api.routes,
    [
      {
        id: "AwsSolutions-APIG4",
        reason:
          "Units have no accounts: every route is authorised in the handler by the unit's personal link, an HMAC-SHA256 signature over unit, deadline and expiry with keys from Secrets Manager.",
      },
    ],
    true,
  );
  NagSuppressions.addResourceSuppressions(
    stack.console.routes,
    [
      {
        id: "AwsSolutions-APIG4",
        reason:
          "The console authenticates in its function: every route but sign-in requires the session cookie's Cognito ID token, verified with aws-jwt-verify (signature, issuer, this app client, expiry), and every state-changing request a CSRF token. An API Gateway JWT authorizer cannot read a token from a cookie, and the sign-in routes must be reachable signed out.",
      },
    ],
    true,
  );

  // Keyrings rotated by operators.
  NagSuppressions.addResourceSuppressions(stack.data.linkKeys, [
    {
      id: "AwsSolutions-SMG4",
      reason:
        "Rotating the link keyring revokes every personal link sent; it is rotated by operators (add a key, make it current, remove the old one later), not on a schedule.",
    },
  ]);
  NagSuppressions.addResourceSuppressions(stack.console.csrfKeys, [
    {
      id: "AwsSolutions-SMG4",
      reason:
        "The CSRF keyring signs tokens that are only accepted with a signed-in session (at most 12 hours), so a key alone opens nothing; operators rotate it like the link keyring (add a key, make it current, remove the old one 12 hours later) rather than on a schedule.",
    },
  ]);

  // The user pool.
  NagSuppressions.addResourceSuppressions(stack.auth.userPool, [
    {
      id: "AwsSolutions-COG2",
      reason:
        "MFA is optional (TOTP), not required: a commune office often shares one phone among its staff, so an authenticator app cannot be demanded of every user; threat protection (where the region offers it) blocks risky sign-ins, and the password policy is strong.",
    },
  ]);
  if (!stack.auth.threatProtection) {
    NagSuppressions.addResourceSuppressions(stack.auth.userPool, [
      {
        id: "AwsSolutions-COG8",
        reason:
          "This stage's configuration switches Cognito's Plus feature plan (threat protection) off (signInThreatProtection: false), for a region that does not offer it; the pool is on Essentials with the same password policy and optional TOTP.",
      },
    ]);
  }
}
