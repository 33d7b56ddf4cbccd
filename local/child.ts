/**
 * A local engine's process as its launcher watches it (DynamoDB Local's JVM, cognito-local): what it
 * printed, for an error message; how it ended; and that it never outlives this process.
 */
import type { ChildProcess } from "node:child_process";

export interface Supervised {
  process: ChildProcess;
  /** Exit code or signal once ended, null while running. */
  exited(): string | null;
  output(): string;
}

/** `keep`: how many of the last characters of its output are kept (all by default). */
export function supervise(child: ChildProcess, keep = Number.POSITIVE_INFINITY): Supervised {
  let output = "";
  const append = (d: Buffer) => {
    output = (output + d.toString()).slice(-keep);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  let exited: string | null = null;
  // Never leave it behind when this process ends without calling stop().
  const killChild = () => child.kill("SIGKILL");
  process.once("exit", killChild);
  child.once("exit", (code, signal) => {
    exited = signal ?? `mã ${code ?? -1}`;
    process.removeListener("exit", killChild);
  });
  return { process: child, exited: () => exited, output: () => output };
}
