/**
 * The schedule forms real plans use beyond one rule per duty (issue 12, item 3), in a plan file
 * (test/fixtures/real-phrases.yaml): accepted without warnings, expanded to hand-computed dates,
 * and rejected with a clerk's message when written wrong.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { planDeadlines } from "../../shared/calendar/deadlines";
import { expandPlan, undatedObligations } from "../../shared/calendar/expand";
import { PlanFileError, parsePlan } from "../../shared/plan/load";
import { SCHEDULE_KINDS } from "../../shared/plan/messages";
import { planWarnings } from "../../shared/plan/warnings";

const FIXTURE = readFileSync("test/fixtures/real-phrases.yaml", "utf8");
const plan = parsePlan(FIXTURE, "real-phrases.yaml");
const instances = expandPlan(plan, 2026);
const of = (obligationId: string) => instances.filter((i) => i.obligationId === obligationId);

function problems(text: string): string[] {
  try {
    parsePlan(text, "x.yaml");
  } catch (err) {
    if (err instanceof PlanFileError) return err.problems.map((p) => `${p.path}: ${p.message}`);
    throw err;
  }
  throw new Error("the plan was accepted");
}

/** The fixture with one obligation's schedule line replaced. */
function withSchedule(line: string, replacement: string): string {
  expect(FIXTURE).toContain(line);
  return FIXTURE.replace(line, replacement);
}

describe("a plan written with the real phrases", () => {
  it("passes plan:check without warnings", () => {
    expect(planWarnings(plan)).toEqual([]);
  });

  it("gives a quarterly report its deadlines and the figures' window, and keeps its ad hoc part undated", () => {
    expect(of("bao-cao-quy").map((i) => [i.period, i.nominalDue, i.covers])).toEqual([
      ["2026-Q1", "2026-03-14", { from: "2025-12-15", to: "2026-03-14" }],
      ["2026-Q2", "2026-06-14", { from: "2026-03-15", to: "2026-06-14" }],
      ["2026-Q3", "2026-09-14", { from: "2026-06-15", to: "2026-09-14" }],
      ["2026-Q4", "2026-12-14", { from: "2026-09-15", to: "2026-12-14" }],
    ]);
    const definition = planDeadlines(plan).find((d) => d.definition.obligationId === "bao-cao-quy");
    expect(definition?.definition.covers).toEqual({ from: "2025-12-15", to: "2026-03-14" });
    expect(undatedObligations(plan).map((o) => o.id)).toEqual([
      "bao-cao-quy",
      "hop-bcd",
      "kham-suc-khoe",
      "tong-hop-chien-dich",
      "bao-cao-sau-chien-dich",
    ]);
  });

  it("reminds of a day held before it and asks for confirmation after it, with no roll-over", () => {
    // Saturday 11/07/2026: reminded 7, 3 and 1 days before (on working days), and Monday 13/07 to
    // confirm; confirmation by the end of the third working day after (Wednesday 15/07).
    const [held, ...rest] = of("ngay-dan-so-the-gioi");
    expect(rest).toEqual([]);
    expect(held).toMatchObject({
      period: "2026",
      kind: "activity",
      heldOn: "2026-07-11",
      nominalDue: "2026-07-15",
      effectiveDue: "2026-07-15",
      dueAt: "2026-07-16T00:00:00+07:00",
      dueText: "diễn ra ngày 11/07/2026, xác nhận trước: 23:59 ngày 15/07/2026",
      remindAt: [
        "2026-07-03T08:00:00+07:00",
        "2026-07-08T08:00:00+07:00",
        "2026-07-10T08:00:00+07:00",
        "2026-07-13T08:00:00+07:00",
      ],
    });
    expect(held?.dueText).not.toContain("hạn chót");
  });

  it("counts the days to confirm in working days across Tết", () => {
    // Thursday 12/02/2026; 14–22/02 are Tết days off: Fri 13, Mon 23, Tue 24.
    expect(of("hoi-nghi-trien-khai").map((i) => [i.heldOn, i.nominalDue, i.remindAt.at(-1)])).toEqual([
      ["2026-02-12", "2026-02-24", "2026-02-13T08:00:00+07:00"],
    ]);
  });

  it("dates twice a year in the months the document names", () => {
    expect(of("kiem-tra-hai-lan").map((i) => [i.period, i.opensOn, i.nominalDue])).toEqual([
      ["2026-06", "2026-06-01", "2026-06-30"],
      ["2026-12", "2026-12-01", "2026-12-31"],
    ]);
  });

  it("gives each dated schedule of one duty its own period", () => {
    expect(of("truyen-thong-dan-so").map((i) => [i.id, i.nominalDue])).toEqual([
      ["thu-nghiem-cum-tu:truyen-thong-dan-so:2026-03:tyt", "2026-03-31"],
      ["thu-nghiem-cum-tu:truyen-thong-dan-so:2026:tyt", "2026-07-15"],
    ]);
    expect(new Set(instances.map((i) => i.id)).size).toBe(instances.length);
  });

  it("keeps n times a year without months, and timing relative to another event, undated", () => {
    for (const id of ["kham-suc-khoe", "tong-hop-chien-dich", "bao-cao-sau-chien-dich"])
      expect(of(id), id).toEqual([]);
  });
});

describe("plan:check on the new forms written wrong", () => {
  it("refuses two schedules of one duty that give the same period", () => {
    const text = withSchedule(
      "    alsoSchedules: [{ kind: on-day, month: 7, day: 11 }]",
      "    alsoSchedules: [{ kind: on-day, month: 7, day: 11 }, { kind: date, date: 2026-12-01 }]",
    );
    expect(problems(text)).toEqual([
      'obligations[8].alsoSchedules[1]: lịch thứ 3 của nhiệm vụ "truyen-thong-dan-so" ra cùng kỳ 2026 với một lịch trước nó: mỗi kỳ chỉ một hạn cho một nhiệm vụ, tách thành nhiệm vụ riêng (mã khác)',
    ]);
  });

  it("asks for the day of an activity held on a fixed day", () => {
    const line = "    schedule: { kind: on-day, month: 7, day: 11 }";
    expect(problems(withSchedule(line, "    schedule: { kind: on-day, month: 7 }"))).toEqual([
      "obligations[2].schedule.day: ngày diễn ra: ghi date (ví dụ 2025-07-11) hoặc cả month và day (ví dụ month: 7, day: 11 cho ngày 11/7 hằng năm)",
    ]);
    expect(
      problems(withSchedule(line, "    schedule: { kind: on-day, date: 2026-07-11, month: 7, day: 11 }")),
    ).toEqual([
      "obligations[2].schedule.date: ngày diễn ra: ghi date (một lần) hoặc month và day (hằng năm), không ghi cả hai",
    ]);
  });

  it("refuses months that do not make the rounds a year", () => {
    const line = "    schedule: { kind: times-per-year, count: 2, months: [6, 12] }";
    expect(
      problems(withSchedule(line, "    schedule: { kind: times-per-year, count: 2, months: [6, 9, 12] }")),
    ).toEqual([
      "obligations[4].schedule.months: 2 lần/năm nhưng các tháng [6, 9, 12] không chia được thành 2 đợt: ghi mỗi đợt một tháng, hoặc mỗi đợt một dãy tháng liền nhau",
    ]);
  });

  it("asks a relative schedule to say before, during or after", () => {
    const line = "    schedule: { kind: relative, event: chiến dịch, daysAfter: [3] }";
    expect(problems(withSchedule(line, "    schedule: { kind: relative, event: chiến dịch }"))).toEqual([
      "obligations[7].schedule.daysBefore: lịch theo sự việc cần ít nhất một trong: daysBefore (số ngày trước, ví dụ [1, 2]), daysAfter (số ngày sau, ví dụ [3]) hoặc during: true (trong khi diễn ra)",
    ]);
  });

  it("lists the new kinds, with their phrases, for a wrong kind in another schedule", () => {
    const [message] = problems(
      withSchedule(
        "    alsoSchedules: [{ kind: event, trigger: đột xuất }]",
        "    alsoSchedules: [{ kind: on-dy, month: 7, day: 11 }]",
      ),
    );
    expect(message).toMatch(
      /^obligations\[1\]\.alsoSchedules\[0\]\.kind: kiểu lịch "on-dy" không có \(có phải "on-day"\?\)/,
    );
    for (const kind of ["on-day", "times-per-year", "relative"]) expect(message).toContain(`- ${kind}: `);
    expect(SCHEDULE_KINDS["on-day"]).toContain("nhân kỷ niệm ngày Dân số thế giới 11/7");
    expect(SCHEDULE_KINDS["times-per-year"]).toContain("02 lần/năm (tháng 6 và tháng 12)");
    expect(SCHEDULE_KINDS.relative).toContain("trong và sau các chiến dịch");
  });
});
