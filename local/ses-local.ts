/**
 * A local SES for runs and tests without AWS: aws-ses-v2-local (npm), run in this process on a free
 * loopback port. It answers the SES v1 SendEmail that SesEmailSender sends (and v2), keeps the
 * messages in memory, shows them in a web viewer at `/` and returns them as JSON at `GET /store`.
 *
 * Things to know about the library (2.10):
 * - It is CommonJS with `exports.default`: under Node's ESM (tsx, vitest) the default import is the
 *   whole `module.exports`, so `server()` as in its README is not a function. `startFunction()`
 *   below takes whichever of `default` / `default.default` is the function.
 * - Its start function resolves with the `http.Server` from `app.listen`. Stopping it is closing that
 *   server; `closeAllConnections()` first, so that a keep-alive client or an open viewer cannot
 *   hold `close()` open. It resolves even when listening failed (the error goes to the listen
 *   callback it ignores): `server.listening` is checked here.
 * - Its store is module state, shared by every server started in one process, and kept after a
 *   server closes. The first server started in a process clears it (POST /clear-store), so a
 *   restart starts empty; two servers running at once in one process see each other's emails.
 * - `GET /store` returns `{ templates: {}, emails: [{ messageId, from, replyTo, destination:
 *   { to, cc, bcc }, subject, body: { html?, text? }, attachments, at }] }`, `at` in epoch
 *   seconds. For the v1 SendEmail it records only the first To, Cc and Bcc address (its schema
 *   strips `member.2` onwards); real SES sends to all. hanchot sends one recipient per message.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as sesLocalModule from "aws-ses-v2-local";

export interface LocalEmail {
  messageId?: string;
  from?: string;
  to: string[];
  subject: string;
  html?: string;
  text?: string;
  /** ISO 8601 (UTC), to the second. */
  at?: string;
}

export interface SesLocal {
  /** For SESClient({ endpoint }), any region and credentials (requests must be signed, with anything). */
  endpoint: string;
  /** The library's web viewer. */
  viewerUrl: string;
  /** Its HTTP server, in this process. */
  server: Server;
  /** Called if the server closes without stop() being called. */
  onUnexpectedClose(listener: () => void): void;
  stop(): Promise<void>;
  /** Every email received, oldest first. */
  sent(): Promise<LocalEmail[]>;
}

type StartFunction = (config?: Partial<{ host: string; port: number }>) => Promise<Server>;

function startFunction(): StartFunction {
  const candidate: unknown = (sesLocalModule as { default?: unknown }).default;
  if (typeof candidate === "function") return candidate as StartFunction;
  const nested = (candidate as { default?: unknown } | undefined)?.default;
  if (typeof nested === "function") return nested as StartFunction;
  throw new Error("aws-ses-v2-local: không tìm thấy hàm khởi động của thư viện.");
}

interface StoredEmail {
  messageId?: string;
  from?: string;
  destination?: { to?: string[] };
  subject?: string;
  body?: { html?: string; text?: string };
  at?: number;
}

let running = 0;

export async function startSesLocal(options: { port?: number } = {}): Promise<SesLocal> {
  // Port 0: the kernel picks a free port as the server binds it, so there is no window in which
  // another process could take it (freeLoopbackPort's probe-then-bind has one).
  const server = await startFunction()({ host: "127.0.0.1", port: options.port ?? 0 });
  const address = server.address() as AddressInfo | null;
  if (!server.listening || !address || typeof address !== "object") {
    server.close();
    throw new Error(
      `aws-ses-v2-local không mở được cổng ${options.port ?? 0} trên 127.0.0.1 (cổng đã bị chiếm?).`,
    );
  }
  const endpoint = `http://127.0.0.1:${address.port}`;
  if (running === 0) {
    const cleared = await fetch(`${endpoint}/clear-store`, { method: "POST" });
    await cleared.body?.cancel();
  }
  running++;
  let stopped: Promise<void> | undefined;
  const listeners: Array<() => void> = [];
  server.once("close", () => {
    if (!stopped) for (const listener of listeners) listener();
  });

  return {
    endpoint,
    viewerUrl: `${endpoint}/`,
    server,
    onUnexpectedClose: (listener) => listeners.push(listener),
    stop() {
      stopped ??= new Promise<void>((resolve, reject) => {
        running--;
        server.closeAllConnections();
        // Already closed (it stopped on its own): nothing to close.
        if (!server.listening) return resolve();
        server.close((err) => (err ? reject(err) : resolve()));
      });
      return stopped;
    },
    async sent() {
      const response = await fetch(`${endpoint}/store`);
      if (!response.ok) throw new Error(`aws-ses-v2-local: GET /store trả về ${response.status}.`);
      const store = (await response.json()) as { emails?: StoredEmail[] };
      return (store.emails ?? []).map((e) => ({
        ...(e.messageId !== undefined && { messageId: e.messageId }),
        ...(e.from !== undefined && { from: e.from }),
        to: e.destination?.to ?? [],
        subject: e.subject ?? "",
        ...(e.body?.html !== undefined && { html: e.body.html }),
        ...(e.body?.text !== undefined && { text: e.body.text }),
        ...(typeof e.at === "number" && { at: new Date(e.at * 1000).toISOString() }),
      }));
    },
  };
}
