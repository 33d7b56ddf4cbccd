/**
 * npm run -s plan:publish -- --plan <file> --table <TableName> [--region ap-southeast-1] [--start-calendar <PlanCalendarArn>]
 *
 * Publishes a plan to the deployed system's table (idempotent: the same plan again writes nothing)
 * and, with --start-calendar, starts its calendar state machine. Uses the usual AWS credentials
 * (environment, profile, SSO). The table name and the state machine ARN are stack outputs.
 */
import { parseArgs } from "node:util";
import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { documentClient, dynamoClient } from "../functions/commons/clients";
import { dataLayer } from "../functions/data";
import { publishPlan } from "../functions/use-cases/publish-plan";
import { loadPlan, PlanFileError } from "../shared/plan/load";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    plan: { type: "string" },
    table: { type: "string" },
    region: { type: "string", default: process.env.AWS_REGION ?? "ap-southeast-1" },
    "start-calendar": { type: "string" },
  },
});
if (!values.plan || !values.table) {
  console.error(
    "Cách dùng: npm run -s plan:publish -- --plan plans/long-bien-2025.yaml --table <TableName> [--start-calendar <PlanCalendarArn>]",
  );
  process.exit(2);
}
try {
  const plan = await loadPlan(values.plan);
  const data = dataLayer(documentClient(dynamoClient({ region: values.region })), values.table);
  const result = await publishPlan(data, plan);
  console.log(
    result.changed
      ? `Đã đăng ${plan.id}: ${result.expectations} hạn của các đơn vị, hủy ${result.cancelled}, ${result.requests} yêu cầu DynamoDB.`
      : `${plan.id} đã đăng trước đó, không thay đổi.`,
  );
  const arn = values["start-calendar"];
  if (arn) {
    try {
      const out = await new SFNClient({ region: values.region }).send(
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
  if (err instanceof PlanFileError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
