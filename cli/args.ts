/**
 * What the command lines share: their arguments parsed the same way (npm's `--` dropped, an
 * unknown or malformed option answered with the usage in Vietnamese and exit code 2), and the AWS
 * clients of a deployed stack, made by functions/commons/clients.ts like every other client.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { type Clients, clients } from "../functions/commons/clients";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Stops with the message (and the usage when it is about how the command was called). */
export function fail(message: string, usage?: string): never {
  console.error(`Lỗi: ${message}`);
  if (usage) console.error(usage);
  process.exit(usage ? 2 : 1);
}

/** The command's options, or the usage and exit code 2. */
export function cliArgs<O extends Options>(options: O, usage: string, argv = process.argv.slice(2)) {
  try {
    return parseArgs({ args: argv.filter((a) => a !== "--"), options, strict: true }).values;
  } catch (err) {
    return fail((err as Error).message, usage);
  }
}

/** --region: the deployed stack's region, from the usual AWS setting when not given. */
export const regionOption = {
  region: { type: "string", default: process.env.AWS_REGION ?? "ap-southeast-1" },
} as const;

/** Clients for a deployed stack in `region`, with the usual AWS credentials (environment, profile, SSO). */
export function awsClients(region: string): Clients {
  return clients({ region });
}
