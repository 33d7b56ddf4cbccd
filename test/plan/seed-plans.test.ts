/**
 * The real plans of ../shared/seeds, as encoded in plans/: they load, their rules agree with their
 * timing phrases, and their calendars hold the deadlines the documents state.
 */
import { describe, expect, it } from "vitest";
import { type DeadlineInstance, expandPlan, planYears } from "../../shared/calendar/expand";
import { loadPlan } from "../../shared/plan/load";
import type { PlanFile } from "../../shared/plan/schema";
import { planWarnings } from "../../shared/plan/warnings";

const PLAN_FILES = [
  "plans/long-bien-2025.yaml",
  "plans/long-bien-2023.yaml",
  "plans/hung-dao-2026.yaml",
  "plans/hai-phong-2024.yaml",
];

describe.each(PLAN_FILES)("%s", (file) => {
  it("loads, with no warnings, and expands every year it runs without duplicate ids", async () => {
    const plan = await loadPlan(file);
    expect(planWarnings(plan)).toEqual([]);
    expect(plan.obligations.length).toBeGreaterThan(0);
    expect(plan.targets.length).toBeGreaterThan(0);
    for (const year of planYears(plan)) {
      const list = expandPlan(plan, year);
      expect(new Set(list.map((i) => i.id)).size).toBe(list.length);
    }
  });

  it("uses only clearly fictional contacts", async () => {
    const plan = await loadPlan(file);
    for (const unit of plan.units) {
      for (const email of unit.contacts.emails) expect(email).toMatch(/@([a-z0-9-]+\.)*example\.org$/);
      for (const phone of unit.contacts.phones) expect(phone).toMatch(/^\+849000\d{5}$/);
    }
  });
});

/** obligation id → { units, periods → last on-time day } */
function summarise(list: DeadlineInstance[]) {
  const out = new Map<
    string,
    { kind: string; deliverTo?: string; units: Set<string>; due: Map<string, string> }
  >();
  for (const i of list) {
    const entry = out.get(i.obligationId) ?? {
      kind: i.kind,
      ...(i.deliverTo && { deliverTo: i.deliverTo }),
      units: new Set<string>(),
      due: new Map<string, string>(),
    };
    entry.units.add(i.unitId);
    entry.due.set(i.period, i.nominalDue);
    out.set(i.obligationId, entry);
  }
  return out;
}

describe("the Long Biên 2025 calendar", async () => {
  const plan: PlanFile = await loadPlan("plans/long-bien-2025.yaml");
  const calendar = summarise(expandPlan(plan, 2025));
  const wards = plan.groups.find((g) => g.id === "cac-phuong")?.members ?? [];
  const get = (id: string) => {
    const entry = calendar.get(id);
    if (!entry) throw new Error(`no instances for ${id}`);
    return entry;
  };

  it("has the 14 wards of Biểu 6", () => {
    expect(wards).toHaveLength(14);
  });

  it.each([
    // [obligation, kind, responsible, deliver to, { period: last on-time day }]
    ["ke-hoach-quan", "deliverable", ["pyt"], "ubnd-quan", { "2025": "2025-01-14" }], // Biểu 1 I.1 "Trước 15/01"
    ["ke-hoach-phuong", "deliverable", "wards", "pyt", { "2025": "2025-01-19" }], // IV.12 "trước ngày 20/01/2025"
    ["danh-sach-nguoi-cao-tuoi", "deliverable", "wards", "pyt", { "2025": "2025-03-31" }], // III.4.7
    [
      "bao-cao-quy-ttyt", // IV.2 "trước ngày 25 của tháng cuối quý"
      "deliverable",
      ["ttyt"],
      "pyt",
      { "2025-Q1": "2025-03-24", "2025-Q2": "2025-06-24", "2025-Q3": "2025-09-24", "2025-Q4": "2025-12-24" },
    ],
    [
      "bao-cao-quy-bhxh", // IV.3
      "deliverable",
      ["bhxh"],
      "pyt",
      { "2025-Q1": "2025-03-24", "2025-Q2": "2025-06-24", "2025-Q3": "2025-09-24", "2025-Q4": "2025-12-24" },
    ],
    [
      "hop-bcd-quy", // Biểu 1 I.4 "Tháng cuối quý và đột xuất"
      "activity",
      ["pyt"],
      undefined,
      { "2025-Q1": "2025-03-31", "2025-Q2": "2025-06-30", "2025-Q3": "2025-09-30", "2025-Q4": "2025-12-31" },
    ],
    [
      "kiem-tra-danh-gia-ket-qua",
      "activity",
      ["pyt"],
      undefined,
      { "2025-06": "2025-06-30", "2025-11/2025-12": "2025-12-31" },
    ],
    ["kham-dinh-ky-nguoi-cao-tuoi", "activity", "wards", undefined, { "2025-03/2025-07": "2025-07-31" }], // "Tháng 3,4,5,6,7"
    ["so-tuyen-nvqs-phuong", "activity", "wards", undefined, { "2025-11": "2025-11-30" }], // Biểu 5 IV.3
    ["kham-nvqs-quan", "activity", ["ttyt"], undefined, { "2025-12": "2025-12-31" }],
    [
      "chien-dich-vi-chat-phuong",
      "activity",
      "wards",
      undefined,
      { "2025-06": "2025-06-30", "2025-12": "2025-12-31" },
    ],
  ] as const)("%s: %s of %j", (id, kind, who, deliverTo, due) => {
    const entry = get(id);
    expect(entry.kind).toBe(kind);
    expect([...entry.units].sort()).toEqual([...(who === "wards" ? wards : who)].sort());
    expect(entry.deliverTo).toBe(deliverTo);
    expect(Object.fromEntries(entry.due)).toEqual(due);
  });

  it("lists the steering committee's wards and district units with a deadline, each reachable", () => {
    const units = new Set([...calendar.values()].flatMap((e) => [...e.units]));
    for (const w of wards) expect(units.has(w)).toBe(true);
    for (const id of units) {
      const unit = plan.units.find((u) => u.id === id);
      expect(unit?.contacts.emails.length, id).toBeGreaterThan(0);
    }
  });

  it("keeps Biểu 6 per-ward targets for all 14 wards", () => {
    const malnutrition = plan.targets.find((t) => t.id === "b6-sdd-2025");
    expect(malnutrition?.perUnit.map((p) => p.unit).sort()).toEqual([...wards].sort());
    expect(malnutrition?.perUnit.find((p) => p.unit === "p-thach-ban")?.value).toBe(5.3);
  });
});

describe("the Long Biên 2023 calendar", async () => {
  const plan = await loadPlan("plans/long-bien-2023.yaml");
  const calendar = summarise(expandPlan(plan, 2023));
  const wards = plan.groups.find((g) => g.id === "cac-phuong")?.members ?? [];

  it('has the plan "trước ngày 30/9/2023", the survey "trong tháng 10/2023" and monthly ward reports "trước ngày 04 hàng tháng"', () => {
    expect(Object.fromEntries(calendar.get("iii-1-xay-dung-trien-khai-ke-hoach")?.due ?? [])).toEqual({
      "2023": "2023-09-29",
    });
    const survey = calendar.get("iii-5-dieu-tra-doi-tuong");
    expect(Object.fromEntries(survey?.due ?? [])).toEqual({ "2023": "2023-10-31" });
    expect([...(survey?.units ?? [])].sort()).toEqual([...wards].sort());
    const monthly = calendar.get("iii-6-1-bao-cao-thang");
    expect(monthly?.deliverTo).toBe("ttyt");
    expect(Object.fromEntries(monthly?.due ?? [])).toEqual({
      "2023-10": "2023-11-03",
      "2023-11": "2023-12-03",
      "2023-12": "2024-01-03",
    });
  });

  it("assigns a supporting health unit to every ward (Biểu 1)", () => {
    const supported = new Set(
      plan.obligations.filter((o) => o.source.startsWith("Biểu 1")).flatMap((o) => o.coordinating),
    );
    for (const w of wards) expect(supported.has(w), w).toBe(true);
  });
});

describe("the multi-year plans", () => {
  it("put Hưng Đạo's 2026–2030 doctor recruitment and Hải Phòng's 2030 targets in 2030", async () => {
    const hungDao = await loadPlan("plans/hung-dao-2026.yaml");
    expect(expandPlan(hungDao, 2030).find((i) => i.obligationId === "iii-2-thu-hut-bac-si")).toMatchObject({
      period: "2026/2030",
      nominalDue: "2030-12-31",
    });
    expect(hungDao.targets.some((t) => t.year === 2030)).toBe(true);
    const haiPhong = await loadPlan("plans/hai-phong-2024.yaml");
    expect(haiPhong.targets.every((t) => t.year === 2030)).toBe(true);
  });
});
