/**
 * npm run -s link -- --plan <file> --instance <plan:obligation:period:unit>
 * npm run -s link -- --plan <file> --unit <id> --obligation <id> --period <period>
 *   [--keys .local/link-keys.json] [--base-url http://127.0.0.1:3000]
 *   [--table <TableName> --secret <LinkKeysSecretArn> --base-url <FormBaseUrl>] [--region ap-southeast-1]
 *
 * Prints a unit's personal form link for one deadline instance, its cut-off as the reminder emails
 * word it, and when the link expires (Vietnam time): to re-issue a link that was lost, expired, or
 * revoked by a key rotation. By default for the local stack (`npm start`); with --table, --secret
 * and --base-url (stack outputs) for a deployed one, with the usual AWS credentials.
 */
import { dataLayer } from "../functions/data";
import { formatVietnameseInstant } from "../shared/calendar/civil-date";
import { deadlineWords } from "../shared/calendar/deadline-text";
import { instanceId } from "../shared/calendar/instance-id";
import { periodText } from "../shared/calendar/period-text";
import { loadPlan, PlanFileError } from "../shared/plan/load";
import { awsClients, cliArgs, regionOption, fail as stop } from "./args";
import { issuePersonalLink, LinkRefused } from "./personal-link";

const USAGE = `Cách dùng: npm run -s link -- --plan <tệp kế hoạch> --instance <kế hoạch:nhiệm vụ:kỳ:đơn vị>
       npm run -s link -- --plan <tệp kế hoạch> --unit <mã đơn vị> --obligation <mã nhiệm vụ> --period <kỳ>
  --keys      khóa ký đường dẫn cục bộ (mặc định .local/link-keys.json, do npm start tạo)
  --base-url  địa chỉ của biểu mẫu (mặc định http://127.0.0.1:3000)
  --table, --secret, --base-url   cho hệ thống đã triển khai: TableName, LinkKeysSecretArn, FormBaseUrl của stack`;

function fail(message: string, code = 1): never {
  return stop(message, code === 2 ? USAGE : undefined);
}

const values = cliArgs(
  {
    plan: { type: "string" },
    instance: { type: "string" },
    unit: { type: "string" },
    obligation: { type: "string" },
    period: { type: "string" },
    keys: { type: "string", default: ".local/link-keys.json" },
    "base-url": { type: "string" },
    table: { type: "string" },
    secret: { type: "string" },
    ...regionOption,
  },
  USAGE,
);

if (!values.plan) fail("thiếu --plan", 2);
const byParts = values.unit !== undefined || values.obligation !== undefined || values.period !== undefined;
if (values.instance && byParts)
  fail("dùng --instance, hoặc --unit, --obligation và --period, không dùng cả hai", 2);
if (!values.instance && !(values.unit && values.obligation && values.period))
  fail("thiếu --instance (hoặc đủ --unit, --obligation và --period)", 2);
const deployed = values.table !== undefined || values.secret !== undefined;
if (deployed && !(values.table && values.secret && values["base-url"]))
  fail("với hệ thống đã triển khai cần đủ --table, --secret và --base-url", 2);

try {
  const plan = await loadPlan(values.plan);
  const id =
    values.instance ??
    instanceId({
      planId: plan.id,
      obligationId: values.obligation ?? "",
      period: values.period ?? "",
      unitId: values.unit ?? "",
    });
  const link = await issuePersonalLink({
    instanceId: id,
    deadlines: deployed
      ? {
          plan,
          data: dataLayer(awsClients(values.region).documents, values.table ?? ""),
        }
      : { plan },
    keys: deployed
      ? { secretArn: values.secret ?? "", secrets: awsClients(values.region).secretsManager }
      : { file: values.keys },
    baseUrl: values["base-url"] ?? "http://127.0.0.1:3000",
    now: new Date(),
  });
  console.log(`${link.unitName} — ${link.title}`);
  // The cut-off in the words of the reminder emails: its weekday, and the last working day before
  // it when it falls on a day off.
  console.log(`kỳ ${periodText(link.period)}, ${deadlineWords(link.dueAt).text}`);
  console.log(link.url);
  console.log(`Đường dẫn dùng được đến ${formatVietnameseInstant(link.expiresAt * 1000)} (giờ Việt Nam).`);
} catch (err) {
  if (err instanceof LinkRefused) fail(err.message);
  if (err instanceof PlanFileError) fail(err.message);
  throw err;
}
