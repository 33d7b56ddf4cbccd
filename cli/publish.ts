/**
 * npm run -s plan:publish -- --plan <file> --table <TableName> [--region ap-southeast-1] [--start-calendar <PlanCalendarArn>]
 *
 * Publishes a plan to the deployed system's table (idempotent: the same plan again writes nothing)
 * and, with --start-calendar, starts its calendar state machine. Uses the usual AWS credentials
 * (environment, profile, SSO). The table name and the state machine ARN are stack outputs.
 */
import { ExecutionAlreadyExists, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { dataLayer } from "../functions/data";
import { publishPlan } from "../functions/use-cases/publish-plan";
import { loadPlan, PlanFileError } from "../shared/plan/load";
import { awsClients, cliArgs, fail, regionOption } from "./args";

const USAGE =
  "Cách dùng: npm run -s plan:publish -- --plan plans/long-bien-2025.yaml --table <TableName> [--start-calendar <PlanCalendarArn>] [--region ap-southeast-1]";
const values = cliArgs(
  {
    plan: { type: "string" },
    table: { type: "string" },
    ...regionOption,
    "start-calendar": { type: "string" },
  },
  USAGE,
);
if (!values.plan || !values.table) fail("thiếu --plan hoặc --table", USAGE);
const aws = awsClients(values.region);
try {
  const plan = await loadPlan(values.plan);
  const data = dataLayer(aws.documents, values.table);
  const result = await publishPlan(data, plan);
  console.log(
    result.changed
      ? `Đã đăng ${plan.id}: ${result.expectations} hạn của các đơn vị, hủy ${result.cancelled}, ${result.requests} yêu cầu DynamoDB.`
      : `${plan.id} đã đăng trước đó, không thay đổi.`,
  );
  const arn = values["start-calendar"];
  if (arn) {
    try {
      const out = await aws.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: arn,
          name: `${plan.id}-${new Date().getUTCFullYear()}`,
          input: JSON.stringify({ planId: plan.id }),
        }),
      );
      console.log(`Đã khởi động lịch của kế hoạch: ${out.executionArn}`);
    } catch (err) {
      if (!(err instanceof ExecutionAlreadyExists)) throw err;
      console.log("Lịch của kế hoạch đã được khởi động trước đó.");
    }
  }
} catch (err) {
  if (err instanceof PlanFileError) fail(err.message);
  throw err;
}
