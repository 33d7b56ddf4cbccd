import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Property tests generate many plans; keep the default 5 s from cutting them short on a 2-core CI machine.
    testTimeout: 30_000,
    pool: "threads",
  },
});
