/**
 * Re-keying a draft onto the plan running under its id, on a small hand-made pair: a unit read
 * under another id, two draft units matching one running unit (the closer name keeps its id), a
 * group matched by its members, an obligation read under another id and title (the same lead and
 * the same dated occurrences), an undated one by its title, one the draft no longer has, one whose
 * id a running obligation holds but that is another duty, a new one; a target by its figure.
 */
import { describe, expect, it } from "vitest";
import { rekeyOntoRunning } from "../../functions/use-cases/console/drafts/rekey";
import { expectationsKept } from "../../functions/use-cases/console/drafts/view";
import { planDeadlines } from "../../shared/calendar/deadlines";
import { PlanFile, type PlanFileInput, type Unit } from "../../shared/plan/schema";

const quarterly = { kind: "quarterly", day: 25 } as const;
const common = {
  id: "hung-dao-2025",
  title: "Kế hoạch y tế xã 2025",
  number: "12/KH-UBND",
  issuedOn: "2025-01-05",
  year: 2025,
};
const unit = (id: string, name: string, kind: Unit["kind"] = "other") => ({ id, name, kind });

const RUNNING = PlanFile.parse({
  ...common,
  issuer: { name: "UBND xã Hưng Đạo", level: "commune", unit: "ubnd-xa" },
  steeringCommittee: { unit: "bcd", standingBody: "tram-y-te" },
  units: [
    unit("ubnd-xa", "UBND xã Hưng Đạo", "people-committee"),
    unit("bcd", "Ban Chỉ đạo xã Hưng Đạo", "steering-committee"),
    unit("tram-y-te", "Trạm Y tế xã Hưng Đạo", "health-station"),
    unit("cong-an", "Công an xã Hưng Đạo", "police"),
    unit("thon-a", "Thôn A"),
    unit("thon-b", "Thôn B"),
  ],
  groups: [{ id: "cac-thon", name: "Các thôn trong xã", members: ["thon-a", "thon-b"] }],
  obligations: [
    {
      id: "bao-cao-quy",
      title: "Báo cáo quý",
      source: "IV.1",
      timing: "trước ngày 25 của tháng cuối quý",
      schedule: quarterly,
      lead: ["tram-y-te"],
    },
    {
      id: "ke-hoach-thon",
      title: "Kế hoạch của thôn",
      source: "IV.2",
      timing: "trước ngày 20/01/2025",
      schedule: { kind: "date", date: "2025-01-20" },
      lead: ["cac-thon"],
      deliverable: { what: "Kế hoạch", to: "ubnd-xa" },
    },
    {
      id: "tuyen-truyen",
      title: "Tuyên truyền phòng chống dịch",
      source: "IV.3",
      timing: "Thường xuyên",
      schedule: { kind: "continuous" },
      lead: ["tram-y-te"],
    },
    {
      id: "kiem-tra",
      title: "Kiểm tra an toàn thực phẩm",
      source: "IV.4",
      timing: "Tháng 6",
      schedule: { kind: "months", months: [6] },
      lead: ["ubnd-xa"],
    },
  ],
  targets: [
    { id: "tiem-chung", title: "Tỷ lệ tiêm chủng đầy đủ", source: "II", asWritten: "≥ 95%", assignedTo: [] },
  ],
});

const DRAFT: PlanFileInput = {
  ...common,
  issuer: { name: "UBND xã Hưng Đạo", level: "commune", unit: "ubnd" },
  steeringCommittee: { unit: "bcd", standingBody: "tram-y-te-xa" },
  units: [
    unit("ubnd", "UBND xã Hưng Đạo", "people-committee"),
    unit("bcd", "Ban Chỉ đạo", "steering-committee"),
    // Both are the running Trạm Y tế by name: the one with its full name keeps its id.
    unit("tyt", "Trạm Y tế", "health-station"),
    unit("tram-y-te-xa", "Trạm Y tế xã Hưng Đạo", "health-station"),
    unit("ca", "Công an xã", "police"),
    unit("thon-a", "Thôn A"),
    unit("thon-b", "Thôn B"),
    unit("hoi-nong-dan", "Hội Nông dân xã", "association"),
  ],
  groups: [{ id: "nhom-thon", name: "Thôn", members: ["thon-a", "thon-b"] }],
  obligations: [
    {
      id: "iv-1-dinh-ky-bao-cao-tien-do",
      title: "Định kỳ hàng quý báo cáo tiến độ",
      source: "IV.1",
      timing: "trước ngày 25 của tháng cuối quý",
      schedule: quarterly,
      lead: ["tram-y-te-xa"],
      coordinating: ["ca"],
      deliverable: { what: "Báo cáo", to: "ubnd", via: "tram-y-te-xa" },
    },
    {
      id: "iv-2-lap-ke-hoach",
      title: "Lập kế hoạch của thôn",
      source: "IV.2",
      timing: "trước ngày 20/01/2025",
      schedule: { kind: "date", date: "2025-01-20" },
      lead: ["nhom-thon"],
    },
    {
      id: "iv-3-tuyen-truyen",
      title: "Tuyên truyền phòng, chống dịch.",
      source: "IV.3",
      timing: "Thường xuyên",
      schedule: { kind: "continuous" },
      lead: ["tyt"],
    },
    {
      // A running obligation's id, another duty: it must not take over that one's expectations.
      id: "kiem-tra",
      title: "Kiểm tra hội viên",
      source: "IV.5",
      timing: "Tháng 9",
      schedule: { kind: "months", months: [9] },
      lead: ["hoi-nong-dan"],
    },
  ],
  targets: [
    {
      id: "chi-tieu-1",
      title: "Tỷ lệ tiêm chủng đầy đủ cho trẻ",
      source: "II",
      asWritten: "≥ 95%",
      assignedTo: ["ubnd"],
      perUnit: [{ unit: "ca", asWritten: "100%" }],
    },
  ],
};

const runningUnits = RUNNING.units.map((u) => ({
  unitId: u.id,
  name: u.name,
  aliases: u.aliases,
  contacts: u.contacts,
}));
const rekey = (file: PlanFile | undefined) =>
  rekeyOntoRunning(
    DRAFT,
    {
      issuer: { unit: RUNNING.issuer.unit, name: RUNNING.issuer.name },
      units: runningUnits,
      ...(file && { file }),
    },
    { source: "ke-hoach.txt", at: "2025-11-20T02:00:00.000Z" },
  );

describe("re-keying a draft onto the running plan's ids", () => {
  const result = rekey(RUNNING);
  const plan = PlanFile.parse(result.plan);
  const obligation = (source: string) => plan.obligations.find((o) => o.source === source);

  it("gives each matched unit the running id, everywhere it is named; two claims on one running unit: the closer name wins", () => {
    expect(plan.units.map((u) => u.id)).toEqual([
      "ubnd-xa",
      "bcd",
      "tyt",
      "tram-y-te",
      "cong-an",
      "thon-a",
      "thon-b",
      "hoi-nong-dan",
    ]);
    expect([...result.units]).toEqual([
      ["ubnd", "ubnd-xa"],
      ["tram-y-te-xa", "tram-y-te"],
      ["ca", "cong-an"],
    ]);
    expect(plan.issuer.unit).toBe("ubnd-xa");
    expect(plan.steeringCommittee).toEqual({ unit: "bcd", standingBody: "tram-y-te" });
    expect(obligation("IV.1")).toMatchObject({
      lead: ["tram-y-te"],
      coordinating: ["cong-an"],
      deliverable: { to: "ubnd-xa", via: "tram-y-te" },
    });
    expect(plan.targets[0]).toMatchObject({ assignedTo: ["ubnd-xa"], perUnit: [{ unit: "cong-an" }] });
    // The loser keeps its id, and the office is asked to look.
    const apart = plan.draft?.review.find((r) => r.what === "Trạm Y tế");
    expect(apart?.why).toContain("tram-y-te");
    expect(apart?.why).toContain("giữ mã riêng tyt");
  });

  it("gives a group the running group's id when its members are the same", () => {
    expect(plan.groups).toEqual([{ id: "cac-thon", name: "Thôn", members: ["thon-a", "thon-b"] }]);
    expect(obligation("IV.2")?.lead).toEqual(["cac-thon"]);
  });

  it("gives an obligation the running id by its lead and dates, or undated by its title; another duty under a running id gets a new one", () => {
    expect(plan.obligations.map((o) => o.id)).toEqual([
      "bao-cao-quy",
      "ke-hoach-thon",
      "tuyen-truyen",
      "kiem-tra-2",
    ]);
    expect(plan.targets.map((t) => t.id)).toEqual(["tiem-chung"]);
    expect(result.reused).toEqual({ units: 6, obligations: 3, targets: 1 });
    expect(plan.draft?.review[0]).toMatchObject({ where: "kế hoạch đang chạy" });
    expect(plan.draft?.review[0]?.why).toMatch(
      /^dùng lại mã của kế hoạch đang chạy cho 6 đơn vị và 3 nhiệm vụ/,
    );
  });

  it("so publishing keeps the running expectations of the duties it still has, and cancels the rest", () => {
    const ids = (p: PlanFile, obligations: readonly string[]) =>
      planDeadlines(p)
        .flatMap((d) => d.instances)
        .filter((i) => obligations.includes(i.obligationId))
        .map((i) => i.id);
    const kept = ids(RUNNING, ["bao-cao-quy", "ke-hoach-thon"]);
    const cancelled = ids(RUNNING, ["kiem-tra"]);
    expect(kept.length).toBeGreaterThan(4);
    expect(cancelled.length).toBeGreaterThan(0);
    expect(expectationsKept(RUNNING, plan)).toEqual({ kept: kept.length, cancelled: cancelled.length });
    const mine = new Set(
      ids(
        plan,
        plan.obligations.map((o) => o.id),
      ),
    );
    for (const id of kept) expect(mine.has(id), id).toBe(true);
    // Not re-keyed, nothing would be kept.
    expect(expectationsKept(RUNNING, PlanFile.parse(DRAFT)).kept).toBe(0);
  });

  it("without the running plan's file, re-keys the units alone", () => {
    const alone = rekey(undefined);
    expect(alone.plan.units?.map((u) => u.id)).toEqual(plan.units.map((u) => u.id));
    expect(alone.plan.obligations?.map((o) => o.id)).toEqual(DRAFT.obligations?.map((o) => o.id));
    expect(alone.plan.draft?.review?.[0]?.why).toContain("không có bản kế hoạch đang chạy");
  });
});
