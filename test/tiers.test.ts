/**
 * The unit tier runs without Java and without a server: no unit test file may import, even through
 * a helper, a module that starts an engine or needs one (test/tiers.ts). esbuild walks the imports
 * as the test runner would; packages are not followed, only named.
 */
import { globSync } from "node:fs";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { ENGINE_MODULES, ENGINE_PACKAGES, TIERS, UNIT } from "./tiers";

async function importsOf(file: string): Promise<{ modules: string[]; packages: string[] }> {
  const { metafile } = await build({
    entryPoints: [file],
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "silent",
  });
  const inputs = Object.values(metafile.inputs);
  return {
    modules: Object.keys(metafile.inputs),
    packages: inputs.flatMap((i) => i.imports.filter((m) => m.external).map((m) => m.path)),
  };
}

const unitFiles = globSync(UNIT.include, { exclude: UNIT.exclude }).sort();

describe("test tiers", () => {
  it("puts every test file in exactly one tier", () => {
    const all = globSync("test/**/*.test.ts").sort();
    const tiered = [
      ...unitFiles,
      ...globSync(TIERS.engines.include),
      ...globSync(TIERS.commands.include, { exclude: TIERS.commands.exclude }),
      ...globSync(TIERS.browser.include),
    ].sort();
    expect(tiered).toEqual(all);
    expect(unitFiles).toContain("test/tiers.test.ts");
  });

  it.each(unitFiles)("%s reaches no engine", async (file) => {
    const { modules, packages } = await importsOf(file);
    expect(modules.filter((m) => ENGINE_MODULES.includes(m))).toEqual([]);
    const named = (p: string) => ENGINE_PACKAGES.some((e) => p === e || p.startsWith(`${e}/`));
    expect(packages.filter(named)).toEqual([]);
  });

  it("would see an engine behind a helper", async () => {
    // The check itself: the helper of the engine tests reaches DynamoDB Local and s3rver.
    const { modules, packages } = await importsOf("test/support/submission-app.ts");
    expect(modules).toContain("test/support/dynamodb.ts");
    expect(packages).toContain("s3rver");
  });
});
