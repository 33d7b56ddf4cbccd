/**
 * Which test file runs in which tier: read by vitest.config.ts (one vitest project per tier) and by
 * tiers.test.ts, which checks that no unit test reaches an engine.
 *   - browser: test/browser/, Debian's Chromium driving the local stack;
 *   - commands: the project's commands run as child processes, seconds each but no engine: the
 *     CDK app and `cdk synth` (test/infra/), the CLIs (test/cli/);
 *   - engines: a file named `*.engine.test.ts` (DynamoDB Local, s3rver, the local SES, cognito-local,
 *     the local workflow executor), and the folders whose every file uses one;
 *   - unit: everything else, pure and fast, with no Java and no server to start.
 */
export const TIERS = {
  browser: { include: ["test/browser/**/*.test.ts"] },
  commands: {
    include: ["test/infra/**/*.test.ts", "test/cli/**/*.test.ts"],
    exclude: ["**/*.engine.test.ts"],
  },
  engines: {
    include: [
      "test/**/*.engine.test.ts",
      // The store's tests, all on DynamoDB Local.
      "test/data/**/*.test.ts",
      // The email sender against the local SES.
      "test/notify/senders.test.ts",
    ],
  },
} as const;

const claimed = [...TIERS.browser.include, ...TIERS.commands.include, ...TIERS.engines.include];

export const UNIT = { include: ["test/**/*.test.ts"], exclude: claimed };

/**
 * Modules that start an engine or need one started (the endpoints the engines tier provides): a
 * unit test must not import any of them, even through a helper.
 */
export const ENGINE_MODULES = [
  "local/dynamodb-local.ts",
  "local/s3-local.ts",
  "local/ses-local.ts",
  "local/cognito-local.ts",
  "local/runtime.ts",
  "local/workflows.ts",
  "test/support/dynamodb.ts",
  "test/support/chromium.ts",
];
export const ENGINE_PACKAGES = [
  "amplify-dynamodb-simulator",
  "s3rver",
  "aws-ses-v2-local",
  "cognito-local",
  "playwright-core",
];
