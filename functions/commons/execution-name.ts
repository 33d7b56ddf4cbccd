/** Step Functions execution names: at most 80 characters of [A-Za-z0-9_-]; a readable prefix and a hash. */
import { createHash } from "node:crypto";

export function lifecycleExecutionName(id: string): string {
  const hash = createHash("sha256").update(id).digest("hex").slice(0, 16);
  return `${id.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 60)}-${hash}`;
}
