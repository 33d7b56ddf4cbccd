import { defineConfig } from "vitest/config";
import { TIERS, UNIT } from "./test/tiers.ts";

// One project per tier (test/tiers.ts): `vitest run --project unit` needs no Java and starts nothing.
export default defineConfig({
  test: {
    // Property tests and the embedded DynamoDB are slower than unit tests on a 2-core CI machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "threads",
    // Handlers log through Powertools; the tests assert on responses, not on log lines.
    env: { POWERTOOLS_LOG_LEVEL: "SILENT" },
    projects: [
      { extends: true, test: { name: "unit", include: UNIT.include, exclude: UNIT.exclude } },
      {
        extends: true,
        // One DynamoDB Local and one s3rver for the whole tier; each file makes its own table.
        test: {
          name: "engines",
          include: [...TIERS.engines.include],
          globalSetup: ["test/support/global-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "commands",
          include: [...TIERS.commands.include],
          exclude: [...TIERS.commands.exclude],
        },
      },
      { extends: true, test: { name: "browser", include: [...TIERS.browser.include] } },
    ],
  },
});
