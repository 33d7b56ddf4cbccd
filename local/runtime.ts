/**
 * The local stack: everything `npm start` brings up on loopback, with no AWS account and no Docker.
 *   - DynamoDB Local (AWS's own, from npm) with its data in .local/dynamodb, kept across restarts;
 *   - the hanchot table, created from the same definition the CDK app deploys;
 *   - an S3-compatible server (s3rver) for attachments, in .local/s3;
 *   - the plan published (idempotent: a restart with the same plan writes nothing); plans
 *     published from the console (plan intake) get their calendars started, then and on restarts;
 *   - the web form and the submission API: the Lambda handlers of functions/, served over HTTP;
 *   - cognito-local, the console's user pool, in .local/cognito, with the demo users of
 *     local/demo-users.yaml (created or brought back to that file on every start).
 * It watches its engines: DynamoDB Local's JVM is restarted on the same port and data folder if it
 * dies (its data is on disk); s3rver and the local SES run in this process, and if one of them
 * stops, or cognito-local's process ends, or DynamoDB Local cannot come back, the stack says which
 * and gives up (onEngineLost).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from "@aws-sdk/client-dynamodb";
import { AttachmentStore } from "../functions/commons/attachments";
import { clients, localTarget } from "../functions/commons/clients";
import { parseKeyring } from "../functions/commons/config";
import { httpHandler } from "../functions/commons/middleware";
import { SesEmailSender } from "../functions/commons/notifications";
import { attachmentPresigner } from "../functions/commons/presign";
import { CognitoConsoleAuth, type ConsoleAuth, givenKeysIdTokenVerifier } from "../functions/console/auth";
import { type ConsoleDeps, makeConsole } from "../functions/console/handler";
import type { CsrfKeyring } from "../functions/console/session";
import { CognitoUserDirectory } from "../functions/console/user-directory";
import { type DataLayer, dataLayer } from "../functions/data";
import { createTableInput } from "../functions/data/table";
import { makeShortLink } from "../functions/short-link/handler";
import { makeSubmissionApi } from "../functions/submission-api/handler";
import { makeSubmissionForm } from "../functions/submission-form/handler";
import type { SubmissionDeps } from "../functions/use-cases/accept-submission";
import type { PlanCalendarStarter } from "../functions/use-cases/console/drafts";
import type { LifecycleDeps } from "../functions/use-cases/lifecycle";
import { type PublishResult, publishPlan } from "../functions/use-cases/publish-plan";
import type { UserDirectory } from "../shared/console/access";
import { loadPlan } from "../shared/plan/load";
import { PlanFile } from "../shared/plan/schema";
import { type LinkKeyring, newLinkKey } from "../shared/submission/link-token";
import { type CognitoLocal, seedUsers, startCognitoLocal } from "./cognito-local";
import { LOCAL, localStackConfig } from "./config";
import { type DemoUser, loadDemoUsers } from "./demo-users";
import { type DynamoDbLocal, startDynamoDbLocal } from "./dynamodb-local";
import { type LocalPages, startHttpApi } from "./http-api";
import { MailOutbox } from "./mail-outbox";
import { replayUnits } from "./replay-units";
import { ATTACHMENT_BUCKET, allowBrowserUploads, type S3Local, startS3Local } from "./s3-local";
import { type SesLocal, startSesLocal } from "./ses-local";
import { SmsOutbox } from "./sms-outbox";
import { LocalWorkflows, ScaledClock } from "./workflows";

export const TABLE_NAME = LOCAL.tableName;

export interface LocalStackOptions {
  planFile: string;
  /** Folder for the local data (DynamoDB files, attachments, link keys, SMS); in memory when undefined. */
  dataDir?: string;
  port?: number;
  /** A start instant for the clock other than now (to try a plan of a past year). */
  startAt?: Date;
  /** Virtual seconds per real second (with startAt: watch a plan's weeks pass in minutes). */
  speed?: number;
  /** Run the plan-calendar and deadline-lifecycle workflows (reminders, overdue, escalation). */
  workflows?: boolean;
  /** Where the stack tells the operator what happens to its engines (default: stderr). */
  log?: (line: string) => void;
  /** An engine died and could not be brought back: stop and exit non-zero (default: only logged). */
  onEngineLost?: (message: string) => void;
}

export interface LocalStack {
  plan: PlanFile;
  baseUrl: string;
  dynamodbEndpoint: string;
  s3Endpoint: string;
  /** The local SES's own (English) viewer. */
  mailViewerUrl: string;
  /** The stack's Vietnamese mail page, and its JSON at `${mailUrl}.json`. */
  mailUrl: string;
  smsOutboxUrl: string;
  published: PublishResult;
  keyring: LinkKeyring;
  data: DataLayer;
  sms: SmsOutbox;
  /** Every email sent, recorded with the clock's time, the unit and the stage. */
  mail?: MailOutbox;
  /** Local pages by path; a page added here is served at once (the start page is added by cli/start.ts). */
  pages: LocalPages;
  workflows?: LocalWorkflows;
  now: () => Date;
  /** The operations console's address (served once its handler is registered). */
  consoleUrl: string;
  /** Reports the simulated units of a replay will still send (when simulatedUnitsYear is set). */
  simulatedReports?: number;
  /** Sign-in for the console, against cognito-local. */
  consoleAuth: ConsoleAuth;
  /** The console's CSRF keyring (functions/console/session.ts), kept in .local/console-keys.json. */
  csrfKeys: CsrfKeyring;
  /** The committee members of a plan, from cognito-local (escalation emails). */
  userDirectory: UserDirectory;
  /** The demo users seeded (local/demo-users.yaml), with their passwords: for the start banner. */
  demoUsers: readonly DemoUser[];
  /** The engines under the stack, watched. */
  engines: { dynamodb: DynamoDbLocal; s3: S3Local; ses: SesLocal; cognito: CognitoLocal };
  stop(): Promise<void>;
}

/** At most this many restarts of DynamoDB Local a minute; a JVM that keeps dying is given up. */
const MAX_RESTARTS_PER_MINUTE = 3;

function watchEngines(
  engines: LocalStack["engines"],
  persistent: boolean,
  log: (line: string) => void,
  lost: (message: string) => void,
): void {
  const { dynamodb } = engines;
  const restarts: number[] = [];
  dynamodb.onUnexpectedExit((how) => {
    const died = `DynamoDB Local (tiến trình Java ${dynamodb.pid ?? "?"}, cổng ${dynamodb.port}) đã dừng đột ngột (${how}).`;
    if (!persistent) {
      lost(`${died} Dữ liệu chạy trong bộ nhớ (--fresh) đã mất; hãy chạy lại npm start.`);
      return;
    }
    const now = Date.now();
    while (restarts.length > 0 && now - (restarts[0] ?? 0) > 60_000) restarts.shift();
    if (restarts.length >= MAX_RESTARTS_PER_MINUTE) {
      lost(`${died} Đã khởi động lại ${restarts.length} lần trong một phút; dừng hẳn.`);
      return;
    }
    restarts.push(now);
    log(`${died} Đang khởi động lại trên cùng cổng, dữ liệu giữ nguyên; trong lúc chờ, yêu cầu nhận mã 503.`);
    dynamodb.restart().then(
      () =>
        log(
          `DynamoDB Local đã chạy lại (tiến trình Java ${dynamodb.pid ?? "?"}); kho dữ liệu hoạt động trở lại.`,
        ),
      (err: Error) => lost(`Không khởi động lại được DynamoDB Local: ${err.message}`),
    );
  });
  engines.s3.onUnexpectedClose(() =>
    lost(
      `Máy chủ tệp đính kèm (s3rver, ${engines.s3.endpoint}) đã dừng đột ngột; tải tệp lên không còn được.`,
    ),
  );
  engines.ses.onUnexpectedClose(() =>
    lost(`SES cục bộ (aws-ses-v2-local, ${engines.ses.endpoint}) đã dừng đột ngột; thư nhắc không gửi được.`),
  );
  engines.cognito.onUnexpectedExit((how) =>
    lost(
      `cognito-local (tiến trình ${engines.cognito.pid ?? "?"}, ${engines.cognito.endpoint}) đã dừng đột ngột (${how}); không đăng nhập được bảng điều khiển.`,
    ),
  );
}

/**
 * A keyring of this machine: made once, kept in the data folder, so that printed links (and the
 * console's CSRF tokens) stay valid across restarts.
 */
/** The origins a browser may open the local form from: the printed address, and localhost for it. */
function browserOrigins(baseUrl: string): string[] {
  const url = new URL(baseUrl);
  const alias = new URL(baseUrl);
  alias.hostname = url.hostname === "127.0.0.1" ? "localhost" : "127.0.0.1";
  return [url.origin, alias.origin];
}

function localKeyring(dataDir: string | undefined, name = "link-keys.json"): LinkKeyring {
  const file = dataDir ? join(dataDir, name) : undefined;
  if (file && existsSync(file)) return parseKeyring(readFileSync(file, "utf8"));
  const json = JSON.stringify({ current: "local-1", keys: { "local-1": newLinkKey().toString("base64") } });
  if (file) writeFileSync(file, json, { mode: 0o600 });
  return parseKeyring(json);
}

/**
 * Units' names for the SMS and mail pages, by the address a message went to, else by the unit's
 * id: those of the stack's plan, and of every plan published since (from the console).
 */
class UnitDirectory {
  private readonly byAddress = new Map<string, string>();
  private readonly byId = new Map<string, string>();

  constructor(plan: PlanFile) {
    this.add(plan);
  }

  add(plan: PlanFile): void {
    for (const u of plan.units) {
      if (!this.byId.has(u.id)) this.byId.set(u.id, u.name);
      for (const a of [...u.contacts.emails, ...u.contacts.phones])
        if (!this.byAddress.has(a)) this.byAddress.set(a, u.name);
    }
  }

  readonly name = (unitId: string | undefined, address: string): string | undefined =>
    this.byAddress.get(address) ?? (unitId === undefined ? undefined : this.byId.get(unitId));
}

/**
 * The local PlanCalendarStarter: the plan's calendar on the local workflows, once per plan while
 * the stack runs (a plan published again keeps the calendar it has), its units named on the
 * outbox pages. Without workflows (--no-workflows) nothing runs, so nothing is started.
 */
class LocalPlanCalendars implements PlanCalendarStarter {
  private readonly started = new Set<string>();
  workflows: LocalWorkflows | undefined;

  constructor(
    private readonly data: DataLayer,
    private readonly units: UnitDirectory,
  ) {}

  async start(planId: string): Promise<void> {
    const copy = await this.data.plans.file(planId);
    const file = copy && PlanFile.safeParse(JSON.parse(copy.file));
    if (file?.success) this.units.add(file.data);
    if (!this.workflows || this.started.has(planId)) return;
    this.started.add(planId);
    this.workflows.startPlanCalendar(planId);
  }
}

export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  }
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const config = localStackConfig(options);
  const plan = await loadPlan(options.planFile);
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // cognito-local keeps its data on disk only: with no data folder, a temporary one, removed at stop.
  const cognitoDir = options.dataDir
    ? join(options.dataDir, "cognito")
    : mkdtempSync(join(tmpdir(), "hanchot-cognito-"));
  const removeTemporary = () => {
    if (!options.dataDir) rmSync(cognitoDir, { recursive: true, force: true });
  };
  const engineStarts = await Promise.allSettled([
    startDynamoDbLocal(options.dataDir ? { dbPath: join(options.dataDir, "dynamodb") } : {}),
    startS3Local(options.dataDir ? { directory: join(options.dataDir, "s3") } : {}),
    startSesLocal(),
    startCognitoLocal({ dir: cognitoDir }),
  ]);
  const failed = engineStarts.find((r) => r.status === "rejected");
  if (failed) {
    // Those that did start are stopped: nothing is left behind.
    await Promise.all(engineStarts.map((r) => (r.status === "fulfilled" ? r.value.stop() : undefined)));
    removeTemporary();
    throw failed.reason;
  }
  const [dynamo, s3, ses, cognito] = engineStarts.map(
    (r) => (r as PromiseFulfilledResult<unknown>).value,
  ) as [DynamoDbLocal, S3Local, SesLocal, CognitoLocal];
  const stopEngines = async () => {
    await Promise.all([dynamo.stop(), s3.stop(), ses.stop(), cognito.stop()]);
    removeTemporary();
  };
  const log = options.log ?? ((line: string) => console.error(line));
  watchEngines(
    { dynamodb: dynamo, s3, ses, cognito },
    options.dataDir !== undefined,
    log,
    options.onEngineLost ?? log,
  );
  let server: Server | undefined;
  try {
    const aws = clients(localTarget({ dynamodb: dynamo.endpoint, s3: s3.endpoint, ses: ses.endpoint }));
    const client = aws.dynamodb;
    await ensureTable(client, TABLE_NAME);
    const data = dataLayer(aws.documents, TABLE_NAME);
    const published = await publishPlan(data, plan);
    const keyring = localKeyring(options.dataDir);
    const { speed, startAt } = config;
    const clock = startAt || speed !== 1 ? new ScaledClock(startAt ?? new Date(), speed) : undefined;
    const now = clock ? clock.now : () => new Date();
    const attachments = new AttachmentStore(aws.s3, ATTACHMENT_BUCKET);
    const directory = new UnitDirectory(plan);
    const unitName = directory.name;
    const calendars = new LocalPlanCalendars(data, directory);
    const sms = new SmsOutbox({
      ...(options.dataDir && { file: join(options.dataDir, "sms-outbox.jsonl") }),
      now,
      unitName,
    });
    const deps: SubmissionDeps = { data, keyring, now, attachments };

    const demoUsers = loadDemoUsers();
    await seedUsers(cognito.client, cognito.userPoolId, demoUsers);
    const consoleAuth = new CognitoConsoleAuth({
      cognito: cognito.client,
      clientId: cognito.clientId,
      verifier: givenKeysIdTokenVerifier({
        issuer: cognito.issuer,
        clientId: cognito.clientId,
        jwks: cognito.jwks,
      }),
    });
    const userDirectory = new CognitoUserDirectory({
      cognito: cognito.client,
      userPoolId: cognito.userPoolId,
    });

    let baseUrl = "";
    const csrfKeys = localKeyring(options.dataDir, "console-keys.json");
    // Built once the server knows its address and the workflows run (the console sends and restarts).
    let consoleDeps: ConsoleDeps | undefined;
    const handlers = {
      console: httpHandler(
        makeConsole(() => {
          if (!consoleDeps) throw new Error("the console is not ready yet");
          return consoleDeps;
        }),
      ),
      "submission-api": httpHandler(makeSubmissionApi(() => deps)),
      "submission-form": httpHandler(
        makeSubmissionForm(
          () => deps,
          () => baseUrl,
        ),
      ),
      "short-link": httpHandler(
        makeShortLink(
          () => deps,
          () => baseUrl,
        ),
      ),
    };
    let mail: MailOutbox | undefined;
    const htmlPage = (body: string, status = 200) => ({
      contentType: "text/html; charset=utf-8",
      body,
      status,
    });
    const json = (value: object) => ({
      contentType: "application/json; charset=utf-8",
      body: JSON.stringify(value),
    });
    const pages: LocalPages = {
      "/local/sms": () => htmlPage(sms.renderHtml()),
      "/local/sms.json": () => json(sms.toJson()),
      "/local/mail": () =>
        htmlPage(mail?.renderList() ?? "<!doctype html><p>Chưa chạy quy trình gửi thư (--once).</p>"),
      "/local/mail.json": () => json(mail?.toJson() ?? { count: 0, messages: [] }),
      "/local/mail/message": (url) => {
        const body = mail?.renderMessage(Number(url.searchParams.get("id")));
        return body ? htmlPage(body) : htmlPage("<!doctype html><p>Không có thư này.</p>", 404);
      },
    };
    let started: Awaited<ReturnType<typeof startHttpApi>>;
    try {
      started = await startHttpApi(handlers, config.port, pages);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EADDRINUSE") throw err;
      started = await startHttpApi(handlers, 0, pages);
      log(`Cổng ${config.port} đang có chương trình khác dùng; hanchot dùng cổng trống ${started.url}.`);
    }
    server = started.server;
    baseUrl = started.url;
    // The form page uploads from its own origin straight to s3rver (another port): allowed by CORS.
    await allowBrowserUploads(aws.s3, browserOrigins(baseUrl));

    let workflows: LocalWorkflows | undefined;
    const viaSes = new SesEmailSender(aws.ses, { from: LOCAL.senderEmail });
    // The local SES still receives every mail; the outbox keeps it for the Vietnamese mail page.
    mail = new MailOutbox(viaSes, {
      ...(options.dataDir && { file: join(options.dataDir, "mail-outbox.jsonl") }),
      now,
      unitName,
    });
    const email = mail;
    const lifecycleDeps: LifecycleDeps = {
      data,
      email,
      sms,
      keyring,
      now,
      baseUrl,
      directory: userDirectory,
    };
    if (config.workflows) {
      workflows = new LocalWorkflows(lifecycleDeps, clock);
      calendars.workflows = workflows;
      // Restarting resumes: the calendar starts again the lifecycles the data says are due, and each
      // lifecycle carries on from the stages the data records as done. So do the calendars of the
      // demo users' other plans published from the console before the restart.
      await calendars.start(plan.id);
      const others = new Set(demoUsers.flatMap((u) => u.plans).filter((id) => id !== plan.id));
      for (const planId of others) if (await data.plans.record(planId)) await calendars.start(planId);
    }
    const units =
      config.simulatedUnitsYear !== undefined && clock
        ? replayUnits({
            data,
            plan,
            year: config.simulatedUnitsYear,
            clock,
            onError: (err) => log(`Một báo cáo mô phỏng không ghi được: ${(err as Error).message}`),
          })
        : undefined;
    const running = workflows;
    consoleDeps = {
      reads: { data, now, presign: attachmentPresigner(aws.s3, ATTACHMENT_BUCKET) },
      actions: {
        ...lifecycleDeps,
        // Without local workflows (--no-workflows) no lifecycle runs here, so there is none to restart.
        lifecycle: { restart: async (ref, cause) => running?.restart(ref, cause) },
      },
      auth: consoleAuth,
      drafts: { data, now, calendar: calendars },
      csrf: () => csrfKeys,
      publicBaseUrl: baseUrl,
    };
    const httpServer = server;
    return {
      plan,
      baseUrl,
      dynamodbEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
      mailViewerUrl: ses.viewerUrl,
      mailUrl: `${baseUrl}/local/mail`,
      smsOutboxUrl: `${baseUrl}/local/sms`,
      published,
      keyring,
      data,
      sms,
      ...(mail && { mail }),
      pages,
      ...(workflows && { workflows }),
      now,
      consoleUrl: `${baseUrl}/console`,
      consoleAuth,
      csrfKeys,
      userDirectory,
      demoUsers,
      engines: { dynamodb: dynamo, s3, ses, cognito },
      ...(units && { simulatedReports: units.scheduled }),
      stop: async () => {
        units?.stop();
        workflows?.abortAll();
        await new Promise<void>((r) => httpServer.close(() => r()));
        await stopEngines();
      },
    };
  } catch (err) {
    server?.close();
    await stopEngines();
    throw err;
  }
}
