/**
 * One Lambda function of hanchot, with the project's defaults: Node.js 22 on arm64, bundled by the
 * local esbuild (no Docker) as ESM, X-Ray tracing, a log group with retention, Powertools settings.
 */
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { Architecture, Runtime, Tracing } from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";

export interface HanchotFunctionProps {
  /** The handler module under functions/, e.g. "submission-api/handler.ts". */
  entry: string;
  /** Its exported handler, e.g. "handler" or "remindHandler". */
  handler: string;
  description: string;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  timeout?: Duration;
  memorySize?: number;
  /** Caps concurrent executions, so that a runaway cannot run up costs. */
  reservedConcurrentExecutions?: number;
  /**
   * Folders of the repository (e.g. "plans/templates") copied into the bundle at the same relative
   * path, for data the handler reads from files beside its index.mjs.
   */
  copyIntoBundle?: readonly string[];
}

/** The shell commands of the afterBundling hook that copy `folders` from the project into the bundle. */
export function copyIntoBundleCommands(
  folders: readonly string[],
  inputDir: string,
  outputDir: string,
): string[] {
  return folders.flatMap((folder) => {
    if (!/^[\w./-]+$/.test(folder) || folder.includes(".."))
      throw new Error(`not a folder of the project: ${folder}`);
    const to = `${outputDir}/${folder}`;
    return [`mkdir -p "${to}"`, `cp -R "${inputDir}/${folder}/." "${to}"`];
  });
}

export class HanchotFunction extends Construct {
  readonly fn: NodejsFunction;
  /** Which handler of functions/ this function runs, e.g. "lifecycle-steps/handler.ts#remindHandler". */
  readonly source: string;
  /** The repository folders copied into its bundle. */
  readonly copiedIntoBundle: readonly string[];

  constructor(scope: Construct, id: string, props: HanchotFunctionProps) {
    super(scope, id);
    this.source = `${props.entry}#${props.handler}`;
    this.copiedIntoBundle = props.copyIntoBundle ?? [];
    const copied = this.copiedIntoBundle;
    const logGroup = new LogGroup(this, "Logs", {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.fn = new NodejsFunction(this, "Function", {
      entry: new URL(`../../functions/${props.entry}`, import.meta.url).pathname,
      handler: props.handler,
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(30),
      tracing: Tracing.ACTIVE,
      logGroup,
      ...(props.reservedConcurrentExecutions && {
        reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      }),
      environment: {
        POWERTOOLS_SERVICE_NAME: "hanchot",
        POWERTOOLS_LOG_LEVEL: "INFO",
        NODE_OPTIONS: "--enable-source-maps",
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: "node22",
        minify: true,
        sourceMap: true,
        // Everything is bundled, AWS SDK included: the versions tested are the versions run.
        externalModules: [],
        mainFields: ["module", "main"],
        banner:
          "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        forceDockerBundling: false,
        ...(copied.length > 0 && {
          commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            afterBundling: (inputDir: string, outputDir: string) =>
              copyIntoBundleCommands(copied, inputDir, outputDir),
          },
        }),
      },
    });
  }
}
