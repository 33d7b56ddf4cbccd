/**
 * `npm run -s plan:import` as a clerk runs it: a seed document gives a draft plan file that
 * plan:check accepts; a missing file, a type it does not read, a broken Word file and a document
 * with nothing in it are each refused with a Vietnamese sentence and a non-zero exit, writing nothing.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const SEED = "../shared/seeds/hung-dao-2026-resolution-72-plan.txt";

function run(script: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", script, ...args], {
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run plan:import", () => {
  const dir = mkdtempSync(join(tmpdir(), "hanchot-import-"));

  it("writes a draft plan file that plan:check accepts, and says what it read", () => {
    const out = join(dir, "draft.yaml");
    const imported = run("cli/import-plan.ts", SEED, "--out", out);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toMatch(
      /^✓ .*: \d+ đơn vị, \d+ nhóm, \d+ nhiệm vụ \(\d+ có thời hạn\), \d+ chỉ tiêu; \d+ mục cần rà soát → /m,
    );
    const checked = run("cli/check-plan.ts", out);
    expect(checked.code).toBe(0);
  });

  it.each([
    ["a missing file", () => join(dir, "khong-co.docx"), 2, "Không tìm thấy tệp"],
    ["a type it does not read", () => write("ke-hoach.odt", "x"), 2, "chỉ nhận .docx, .pdf, .txt"],
    ["a broken Word file", () => write("hong.docx", "không phải Word"), 1, "Không mở được tệp"],
    [
      "a document with no duty or target",
      () => write("trong.txt", "Kính gửi các đơn vị."),
      1,
      "Không đọc được nhiệm vụ",
    ],
  ])("refuses %s in Vietnamese, writing nothing", (_what, file, code, words) => {
    const out = join(dir, `${_what.replace(/\W+/g, "-")}.yaml`);
    const r = run("cli/import-plan.ts", file(), "--out", out);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(words);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(existsSync(out)).toBe(false);
  });

  function write(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }
});
