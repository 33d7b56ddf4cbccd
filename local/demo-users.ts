/**
 * The console's demo users for local runs (local/demo-users.yaml): data, read and checked here,
 * seeded into cognito-local by the local stack and printed with their passwords by `npm start`.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { ConsoleUserSpec } from "../shared/console/user-spec";

/** A user of the demo file: always with a password (printed at start; local only). */
export type DemoUser = ConsoleUserSpec & { password: string };

const DemoUsersFile = z.object({
  users: z.array(ConsoleUserSpec.and(z.object({ password: z.string() }))).min(1),
});

/** The demo users beside this module (local/demo-users.yaml), or those of another file. */
export const DEMO_USERS_FILE = fileURLToPath(new URL("./demo-users.yaml", import.meta.url));

export function loadDemoUsers(file: string = DEMO_USERS_FILE): DemoUser[] {
  const parsed = DemoUsersFile.safeParse(parseYaml(readFileSync(file, "utf8")));
  if (!parsed.success)
    throw new Error(
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return parsed.data.users;
}
