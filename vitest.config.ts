import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    // Property tests and the embedded DynamoDB are slower than unit tests on a 2-core CI machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "threads",
    // Handlers log through Powertools; the tests assert on responses, not on log lines.
    env: { POWERTOOLS_LOG_LEVEL: "SILENT" },
  },
});
