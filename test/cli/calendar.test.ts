import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";

const FIXTURE = "test/fixtures/all-rules.yaml";

function calendar(...args: string[]) {
  const run = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "cli/calendar.ts", ...args], {
    encoding: "utf8",
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("npm run calendar", () => {
  it("prints the instances as a JSON array with the documented fields", () => {
    const { code, stdout } = calendar("--plan", FIXTURE, "--year", "2025", "--json");
    expect(code).toBe(0);
    const list = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(list.length).toBeGreaterThan(40);
    for (const inst of list) {
      for (const key of ["id", "obligationId", "unitId", "unitName", "title", "timing", "kind", "period"]) {
        expect(typeof inst[key], key).toBe("string");
      }
      expect(inst.nominalDue).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(inst.effectiveDue).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(inst.dueAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
      expect(Array.isArray(inst.remindAt)).toBe(true);
    }
  });

  it("prints a readable Vietnamese table by default and filters by unit", () => {
    const { code, stdout } = calendar("--plan", FIXTURE, "--unit", "tyt");
    expect(code).toBe(0);
    expect(stdout).toContain("Hạn chót");
    expect(stdout).toContain("24/03/2025");
    expect(stdout).toContain("Nhiệm vụ không có ngày cố định");
    expect(stdout).not.toContain("Tổ dân phố 1");
  });

  it("words each cut-off as the reminder emails do: weekday, and the last working day before a day off", () => {
    const { code, stdout } = calendar("--plan", FIXTURE, "--year", "2025");
    expect(code).toBe(0);
    const row = (unit: string, title: string) =>
      stdout.split("\n").find((l) => l.includes(unit) && l.includes(title) && l.includes("2025 "));
    // 19/01/2025 is a Sunday: the Friday before is the last working day.
    expect(row("Tổ dân phố 1", "Xây dựng kế hoạch")).toMatch(
      /^23:59 Chủ nhật 19\/01\/2025 +thứ Sáu 17\/01 +2025 /,
    );
    // Monday 24/03/2025 is a working day: no last working day beside it.
    expect(row("Trạm Y tế", "Báo cáo quý")).toMatch(/^23:59 thứ Hai 24\/03\/2025 +2025-Q1 /);

    // The Long Biên plan has cut-offs on public holidays: named below the table.
    const longBien = calendar("--plan", "plans/long-bien-2025.yaml");
    expect(longBien.code).toBe(0);
    expect(longBien.stdout).toMatch(/^23:59 thứ Tư 30\/04\/2025 +thứ Ba 29\/04 /m);
    expect(longBien.stdout).toContain(
      "Hạn chót rơi vào ngày nghỉ lễ: 31/01/2025 (Tết Nguyên đán); 30/04/2025 (Ngày Chiến thắng 30/4)",
    );
  });

  it("writes iCalendar files that a calendar parser reads back as all-day events with UTC alarms", () => {
    const dir = mkdtempSync(join(tmpdir(), "hanchot-ics-"));
    const { code, stdout } = calendar("--plan", FIXTURE, "--ics", dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/5 tệp iCalendar/);
    expect(readdirSync(dir).sort()).toEqual([
      "thu-nghiem-2025-to-1.ics",
      "thu-nghiem-2025-to-2.ics",
      "thu-nghiem-2025-tyt.ics",
      "thu-nghiem-2025-ubnd.ics",
      "thu-nghiem-2025.ics",
    ]);
    const expected = JSON.parse(calendar("--plan", FIXTURE, "--json").stdout) as Array<{
      id: string;
      effectiveDue: string;
      remindAt: string[];
    }>;
    const text = readFileSync(join(dir, "thu-nghiem-2025.ics"), "utf8");
    expect(text).toContain("\r\n");
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent");
    expect(events).toHaveLength(expected.length);
    const quarterly = events.find(
      (e) => e.getFirstPropertyValue("uid") === "thu-nghiem:bao-cao-quy:2025-Q1:tyt@hanchot",
    );
    const event = new ICAL.Event(quarterly);
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe("2025-03-24");
    expect(event.summary).toBe("Hạn nộp: Báo cáo quý — Trạm Y tế");
    const triggers = quarterly
      ?.getAllSubcomponents("valarm")
      .map((a) => String(a.getFirstPropertyValue("trigger")));
    const inst = expected.find((i) => i.id === "thu-nghiem:bao-cao-quy:2025-Q1:tyt");
    expect(triggers).toEqual(inst?.remindAt.map((r) => new Date(r).toISOString().replace(".000Z", "Z")));
  });

  it("refuses bad arguments with a clear message and a non-zero exit", () => {
    expect(calendar().code).toBe(2);
    expect(calendar().stderr).toMatch(/thiếu --plan/);
    const outside = calendar("--plan", FIXTURE, "--year", "2031");
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/không có năm 2031/);
    const missing = calendar("--plan", "plans/khong-co.yaml");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/không tìm thấy tệp/);
    const unknown = calendar("--plan", FIXTURE, "--unit", "ai-do");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/không có đơn vị "ai-do"/);
    expect(calendar("--plan", FIXTURE, "--bogus").code).toBe(2);
  });

  it("takes a unit by one of its aliases, in any case, as by its id", () => {
    const byId = calendar("--plan", "plans/long-bien-2025.yaml", "--unit", "pyt", "--json");
    expect(byId.code).toBe(0);
    const ids = (JSON.parse(byId.stdout) as Array<{ id: string; unitId: string }>).map((i) => i.id);
    expect(ids.length).toBeGreaterThan(0);
    for (const alias of ["PYT", "phòng y tế"]) {
      const run = calendar("--plan", "plans/long-bien-2025.yaml", "--unit", alias, "--json");
      expect(run.code, alias).toBe(0);
      expect((JSON.parse(run.stdout) as Array<{ id: string }>).map((i) => i.id)).toEqual(ids);
    }
  });

  it("lists the valid unit ids with their aliases and names when the unit is unknown", () => {
    const run = calendar("--plan", "plans/long-bien-2025.yaml", "--unit", "XYZ");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('không có đơn vị "XYZ"');
    expect(run.stderr).toContain("pyt (PYT, Phòng Y tế) — Phòng Y tế quận Long Biên");
    expect(run.stderr).toContain(
      "ttyt (TTYT, TTYT quận, Trung tâm Y tế quận) — Trung tâm Y tế quận Long Biên",
    );
  });
});
