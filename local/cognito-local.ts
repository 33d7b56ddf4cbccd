/**
 * The console's user pool on this machine: cognito-local (npm, 5.3) run as a child process on a
 * loopback port, with its data under the folder given (`.local/cognito/` for `npm start`), and
 * the pool the console needs in it: custom attributes `plans` and `oversight`, the three role
 * groups, an app client allowing USER_PASSWORD_AUTH. Idempotent: the pool's ids are kept in
 * `<dir>/pool.json` and the pool is reused on the next start; the same port is asked for again, so
 * a session signed in before a restart stays valid (the token's issuer names the port).
 *
 * Why a child process: cognito-local's CLI is its supported interface (its `createDefaultServer`
 * reads `.cognito/` of the working directory and its port from the environment at import), and
 * the child keeps its old aws-sdk v2 and its logger out of this process. It writes its data in
 * `<dir>/.cognito/` (its own layout), started with `dir` as working directory.
 *
 * Things to know about cognito-local (checked on 5.3.0):
 * - it signs every token with one key published in its package: anyone can forge a token it would
 *   accept. For local runs only, and a deployed function never verifies against it (id-token.ts).
 * - it serves its JWKS over http only; aws-jwt-verify will not fetch that, so it is fetched here.
 * - its InitiateAuth answers NEW_PASSWORD_REQUIRED for a user with a temporary password before
 *   checking that password, and RespondToAuthChallenge does not check the session: local users
 *   therefore get permanent passwords (`npm run users` does that locally).
 * - CreateGroup on an existing group replaces it, members and all: groups are created only when
 *   missing (functions/console/user-pool.ts).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import {
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { Jwks } from "aws-jwt-verify/jwk";
import { z } from "zod";
import { clients, localTarget } from "../functions/commons/clients";
import { fetchLocalJwks } from "../functions/console/auth/id-token";
import {
  appClientInput,
  ensureRoleGroups,
  putConsoleUser,
  userPoolInput,
} from "../functions/console/user-pool";
import { type Supervised, supervise } from "./child";
import type { DemoUser } from "./demo-users";
import { freeLoopbackPort } from "./dynamodb-local";

export interface CognitoLocal {
  /** For CognitoIdentityProviderClient({ endpoint }) with any region and credentials. */
  endpoint: string;
  port: number;
  userPoolId: string;
  clientId: string;
  /** The ID tokens' issuer: `${endpoint}/${userPoolId}`. */
  issuer: string;
  /** The pool's signing keys (cognito-local's one key), for JwtRsaVerifier.cacheJwks. */
  jwks: Jwks;
  /** A client pointed at it. */
  client: CognitoIdentityProviderClient;
  readonly pid: number | undefined;
  /** Called if the process ends without stop() being called, with its exit code or signal. */
  onUnexpectedExit(listener: (how: string) => void): void;
  stop(): Promise<void>;
}

export interface CognitoLocalOptions {
  /** Its data (`.cognito/`) and `pool.json` go here; kept across restarts. */
  dir: string;
  /** A port to listen on; otherwise the last run's port if free, else any free one. */
  port?: number;
}

/** What `pool.json` keeps: the pool to reuse, and where the last run listened (for `npm run users`). */
const PoolFile = z.object({
  userPoolId: z.string().min(1),
  clientId: z.string().min(1),
  endpoint: z.url(),
  port: z.number().int().positive(),
});
export type PoolFile = z.output<typeof PoolFile>;

export const POOL_NAME = "hanchot-console";

export function poolFilePath(dir: string): string {
  return join(dir, "pool.json");
}

/** The pool of a cognito-local folder, if one was made there. */
export function readPoolFile(dir: string): PoolFile | undefined {
  const file = poolFilePath(dir);
  if (!existsSync(file)) return undefined;
  const parsed = PoolFile.safeParse(JSON.parse(readFileSync(file, "utf8")));
  return parsed.success ? parsed.data : undefined;
}

function startScript(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("cognito-local/package.json")), "lib", "bin", "start.js");
}

/** Keeps the last few kilobytes of its log, for an error message; the rest is dropped as it comes. */
const OUTPUT_KEPT = 4000;

function launch(dir: string, port: number): Supervised {
  const { DEBUG: _debug, COGNITO_LOCAL_DEVMODE: _dev, ...env } = process.env;
  const child = spawn(process.execPath, [startScript()], {
    cwd: dir,
    env: {
      ...env,
      PORT: String(port),
      // Also the tokens' issuer host: it must be the address the verifier is given.
      HOST: "127.0.0.1",
      // Its aws-sdk v2 (for Lambda triggers, unused here) prints an end-of-support notice.
      AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return supervise(child, OUTPUT_KEPT);
}

async function healthy(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(1000) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

/** Until it answers /health: true; false if it ended first (a port taken, most often). */
async function ready(child: Supervised, endpoint: string): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  while (!(await healthy(endpoint))) {
    if (child.exited() !== null) return false;
    if (Date.now() > deadline) {
      child.process.kill("SIGKILL");
      throw new Error(`cognito-local không trả lời ở ${endpoint} sau 30 giây:\n${child.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

function stopChild(child: Supervised): Promise<void> {
  return new Promise((done) => {
    if (child.exited() !== null) return done();
    const kill = setTimeout(() => child.process.kill("SIGKILL"), 3000);
    child.process.once("exit", () => {
      clearTimeout(kill);
      done();
    });
    child.process.kill("SIGTERM");
  });
}

/** The pool of pool.json if cognito-local still has it, else a new one; then its groups. */
async function ensurePool(
  client: CognitoIdentityProviderClient,
  saved: PoolFile | undefined,
): Promise<{ userPoolId: string; clientId: string }> {
  let ids: { userPoolId: string; clientId: string } | undefined;
  if (saved) {
    try {
      await client.send(
        new DescribeUserPoolClientCommand({ UserPoolId: saved.userPoolId, ClientId: saved.clientId }),
      );
      ids = { userPoolId: saved.userPoolId, clientId: saved.clientId };
    } catch (err) {
      if (!(err instanceof Error && err.name === "ResourceNotFoundException")) throw err;
    }
  }
  if (!ids) {
    const pool = await client.send(new CreateUserPoolCommand(userPoolInput(POOL_NAME)));
    const userPoolId = pool.UserPool?.Id;
    if (!userPoolId) throw new Error("cognito-local: CreateUserPool trả về không có Id");
    const app = await client.send(new CreateUserPoolClientCommand(appClientInput(userPoolId)));
    const clientId = app.UserPoolClient?.ClientId;
    if (!clientId) throw new Error("cognito-local: CreateUserPoolClient trả về không có ClientId");
    ids = { userPoolId, clientId };
  }
  await ensureRoleGroups(client, ids.userPoolId);
  return ids;
}

export async function startCognitoLocal(options: CognitoLocalOptions): Promise<CognitoLocal> {
  const dir = resolve(options.dir);
  mkdirSync(dir, { recursive: true });
  const saved = readPoolFile(dir);
  // The port asked for, else the last one (sessions survive a restart), else a free one; a port
  // found taken when cognito-local binds it gives way to another free one.
  const candidates = options.port !== undefined ? [options.port] : [saved?.port, undefined, undefined];
  let child: Supervised | undefined;
  let port = 0;
  const failures: string[] = [];
  for (const candidate of candidates) {
    port = candidate ?? (await freeLoopbackPort());
    const attempt = launch(dir, port);
    if (await ready(attempt, `http://127.0.0.1:${port}`)) {
      child = attempt;
      break;
    }
    failures.push(`cổng ${port} (${attempt.exited()}):\n${attempt.output()}`);
  }
  if (!child) throw new Error(`cognito-local không khởi động được:\n${failures.join("\n")}`);
  const running = child;
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    const client = clients(localTarget({ cognito: endpoint })).cognito;
    const { userPoolId, clientId } = await ensurePool(client, saved);
    const file: PoolFile = { userPoolId, clientId, endpoint, port };
    writeFileSync(poolFilePath(dir), `${JSON.stringify(file, null, 2)}\n`);
    const issuer = `${endpoint}/${userPoolId}`;
    const jwks = await fetchLocalJwks(issuer);
    let stopping: Promise<void> | undefined;
    const listeners: Array<(how: string) => void> = [];
    running.process.once("exit", () => {
      if (stopping) return;
      for (const listener of listeners) listener(running.exited() ?? "?");
    });
    return {
      endpoint,
      port,
      userPoolId,
      clientId,
      issuer,
      jwks,
      client,
      get pid() {
        return running.process.pid;
      },
      onUnexpectedExit: (listener) => listeners.push(listener),
      stop() {
        stopping ??= stopChild(running).then(() => client.destroy());
        return stopping;
      },
    };
  } catch (err) {
    await stopChild(running);
    throw err;
  }
}

/** Each user as described (created, or brought back to the description): idempotent. */
export async function seedUsers(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  users: readonly DemoUser[],
): Promise<Array<{ email: string; outcome: "created" | "updated" }>> {
  const done: Array<{ email: string; outcome: "created" | "updated" }> = [];
  for (const user of users)
    done.push({ email: user.email, outcome: await putConsoleUser(client, userPoolId, user) });
  return done;
}

/**
 * The local pool for `npm run users`: the running `npm start`'s cognito-local when it answers
 * (two processes must not write one data folder), else one started here for the command and
 * stopped by close().
 */
export async function openLocalPool(dir: string): Promise<{
  client: CognitoIdentityProviderClient;
  userPoolId: string;
  started: boolean;
  close(): Promise<void>;
}> {
  const saved = readPoolFile(dir);
  if (saved && (await healthy(saved.endpoint))) {
    const client = clients(localTarget({ cognito: saved.endpoint })).cognito;
    try {
      await client.send(
        new DescribeUserPoolClientCommand({ UserPoolId: saved.userPoolId, ClientId: saved.clientId }),
      );
      return { client, userPoolId: saved.userPoolId, started: false, close: async () => client.destroy() };
    } catch {
      // Another program on that port, or another pool: start our own below.
      client.destroy();
    }
  }
  const local = await startCognitoLocal({ dir });
  return { client: local.client, userPoolId: local.userPoolId, started: true, close: () => local.stop() };
}
