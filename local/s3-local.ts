/**
 * An S3-compatible server for local runs and tests: s3rver, from npm, storing objects in a folder.
 * It serves presigned POST uploads (with success_action_redirect) as S3 does; it does not enforce
 * POST policy conditions or signatures (any key, any size, until the end of time), and it maps a
 * key's `../` segments onto its folder. So the submission path checks every object itself, and our
 * code never hands it a key that is not a plain key under the unit's prefix (isUploadKeyOf). A
 * direct POST to it can still write anywhere its process may: keep it on 127.0.0.1. Browsers may
 * POST to it from the form's origin only (allowBrowserUploads, its CORS configuration), as to S3.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutBucketCorsCommand, type S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { BROWSER_UPLOAD_CORS } from "../shared/submission/attachments";

export const ATTACHMENT_BUCKET = "hanchot-attachments";

export interface S3Local {
  endpoint: string;
  /** Its HTTP server, in this process. */
  server: Server;
  /** Called if the server closes without stop() being called. */
  onUnexpectedClose(listener: () => void): void;
  stop(): Promise<void>;
}

export async function startS3Local(options: { directory?: string } = {}): Promise<S3Local> {
  const directory = options.directory ?? mkdtempSync(join(tmpdir(), "hanchot-s3-"));
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    port: 0,
    address: "127.0.0.1",
    silent: true,
    directory,
    configureBuckets: [{ name: ATTACHMENT_BUCKET }],
  });
  const { port } = await server.run();
  const httpServer = server.httpServer as Server;
  let stopping = false;
  const listeners: Array<() => void> = [];
  httpServer.once("close", () => {
    if (!stopping) for (const listener of listeners) listener();
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    server: httpServer,
    onUnexpectedClose: (listener) => listeners.push(listener),
    stop: async () => {
      stopping = true;
      // Already closed (it stopped on its own): nothing to close.
      if (httpServer.listening) await server.close();
    },
  };
}

/**
 * Lets the form page's browser upload straight to the bucket (the web form's script, a POST from
 * another origin: the local HTTP API's port is not s3rver's), as the deployed bucket's CORS rule
 * does: only the given origins, only POST. Set once the HTTP API knows its port, on every start.
 */
export async function allowBrowserUploads(s3: S3Client, origins: readonly string[]): Promise<void> {
  await s3.send(
    new PutBucketCorsCommand({
      Bucket: ATTACHMENT_BUCKET,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: [...origins],
            AllowedMethods: [...BROWSER_UPLOAD_CORS.allowedMethods],
            MaxAgeSeconds: BROWSER_UPLOAD_CORS.maxAgeSeconds,
          },
        ],
      },
    }),
  );
}
