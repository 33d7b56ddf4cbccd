/**
 * AWS's own DynamoDB Local (1.25), started from the jar that the npm package
 * amplify-dynamodb-simulator ships (with its Linux native sqlite4java libraries), under Java 17+,
 * on a free port (reached on loopback; it listens on every interface, see startDynamoDbLocal).
 * No Docker. A killed JVM can be restarted on the same port and data folder (restart()).
 *
 * Why not dynalite (pure JavaScript)? It rejects TransactWriteItems, which the submission path
 * uses so that a submission and its deadline's status are written together or not at all.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer, Socket } from "node:net";
import { dirname, join, resolve } from "node:path";
import { supervise } from "./child";

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** The JVM's process id; a restart gives a new one. */
  readonly pid: number | undefined;
  /** Called each time the JVM ends without stop() being called, with its exit code or signal. */
  onUnexpectedExit(listener: (how: string) => void): void;
  /** A new JVM on the same port and with the same data folder, once the last one has ended. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** Keep the data in this folder across restarts; in memory when absent. */
  dbPath?: string;
  port?: number;
}

export class MissingPrerequisiteError extends Error {
  override name = "MissingPrerequisiteError";
}

function emulatorDir(): string {
  const require = createRequire(import.meta.url);
  try {
    return join(dirname(require.resolve("amplify-dynamodb-simulator/package.json")), "emulator");
  } catch {
    throw new MissingPrerequisiteError(
      "Không tìm thấy DynamoDB Local (gói npm amplify-dynamodb-simulator). Hãy chạy `npm ci` trong thư mục dự án.",
    );
  }
}

function checkJava(): void {
  const probe = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    throw new MissingPrerequisiteError(
      "DynamoDB Local cần Java 17 trở lên nhưng không tìm thấy lệnh `java`. " +
        "Trên Debian/Ubuntu: `sudo apt-get install -y openjdk-17-jre-headless`.",
    );
  }
  const version = /version "(\d+)/.exec(probe.stderr)?.[1];
  if (version !== undefined && Number(version) < 17) {
    throw new MissingPrerequisiteError(`DynamoDB Local cần Java 17 trở lên; máy này có Java ${version}.`);
  }
}

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = new Socket();
    socket.once("connect", () => {
      socket.destroy();
      done(true);
    });
    socket.once("error", () => done(false));
    socket.connect(port, "127.0.0.1");
  });
}

interface Jvm {
  child: ChildProcess;
  /** Exit code or signal once ended, null while running. */
  exited(): string | null;
}

/** Starts the JVM and waits until it accepts connections on `port`. */
async function launch(dir: string, port: number, storage: string[]): Promise<Jvm> {
  // -sharedDb: one database whatever region and credentials the client uses.
  const args = [
    `-Djava.library.path=${join(dir, "DynamoDBLocal_lib")}`,
    "-Xshare:auto",
    // Tuned for short local runs on 2 cores: the quick C1 compiler only and a small serial GC
    // (measured: the simulated year 12–13 s → about 10 s). HANCHOT_JVM_ARGS replaces them.
    ...(process.env.HANCHOT_JVM_ARGS ?? "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms256m")
      .split(" ")
      .filter(Boolean),
    "-jar",
    join(dir, "DynamoDBLocal.jar"),
    "-sharedDb",
    // It would otherwise report usage to AWS from a developer's machine.
    "-disableTelemetry",
    ...storage,
    "-port",
    String(port),
  ];
  const child: ChildProcess = spawn("java", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  const jvm = supervise(child);

  const deadline = Date.now() + 30_000;
  while (!(await portAccepts(port))) {
    if (jvm.exited() !== null)
      throw new Error(`DynamoDB Local dừng ngay khi khởi động (${jvm.exited()}):\n${jvm.output()}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`DynamoDB Local không mở cổng ${port} sau 30 giây:\n${jvm.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, exited: jvm.exited };
}

/**
 * DynamoDB Local has no option to choose the address it listens on (checked on 1.25 with -help):
 * it listens on every interface, on a random port.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const dir = emulatorDir();
  checkJava();
  const port = options.port ?? (await freeLoopbackPort());
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const storage = options.dbPath ? ["-dbPath", resolve(options.dbPath)] : ["-inMemory"];
  const listeners: Array<(how: string) => void> = [];
  let stopping = false;
  let jvm: Jvm;
  const watch = (current: Jvm) => {
    current.child.once("exit", () => {
      if (stopping || current !== jvm) return;
      const how = current.exited() ?? "?";
      for (const listener of listeners) listener(how);
    });
  };
  jvm = await launch(dir, port, storage);
  watch(jvm);

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    get pid() {
      return jvm.child.pid;
    },
    onUnexpectedExit(listener) {
      listeners.push(listener);
    },
    async restart() {
      if (jvm.exited() === null) throw new Error("DynamoDB Local vẫn đang chạy.");
      jvm = await launch(dir, port, storage);
      watch(jvm);
    },
    stop: () =>
      new Promise<void>((done) => {
        stopping = true;
        if (jvm.exited() !== null) return done();
        jvm.child.once("exit", () => done());
        jvm.child.kill("SIGTERM");
      }),
  };
}
