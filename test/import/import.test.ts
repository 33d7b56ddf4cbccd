/**
 * plan:import on the seed documents: each gives a valid draft plan that lists what it could not
 * read, and a Word file made from the same text (tab-separated lines → real Word tables) gives
 * the same draft as the text.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { fromHtml, fromText } from "../../shared/plan/intake/document";
import { readPlan } from "../../shared/plan/intake/read";
import { PlanFile } from "../../shared/plan/schema";
import { docxFrom } from "../support/seed-documents";

const seeds = resolve(import.meta.dirname, "../../../shared/seeds");
const SEEDS = [
  "long-bien-2025-primary-health-care-plan.txt",
  "long-bien-2023-health-management-plan.txt",
  "hung-dao-2026-resolution-72-plan.txt",
  "hai-phong-district-2024-grassroots-health-plan.txt",
];
const opts = { source: "seed", importedAt: "2026-01-01T00:00:00.000Z" };

describe.each(SEEDS)("%s", (seed) => {
  it("imports into a valid draft plan with its source and review list", async () => {
    const text = await readFile(resolve(seeds, seed), "utf8");
    const plan = PlanFile.parse(readPlan(fromText(text), opts));
    expect(plan.draft?.source).toBe("seed");
    expect(plan.obligations.length).toBeGreaterThan(0);
    for (const o of plan.obligations) expect(o.origin?.where).toBeTruthy();
    for (const u of plan.units) expect(u.contacts).toEqual({ emails: [], phones: [] });
  });

  it("gives the same draft from a Word file of the same text", { timeout: 30_000 }, async () => {
    const text = await readFile(resolve(seeds, seed), "utf8");
    const { value } = await mammoth.convertToHtml({ buffer: await docxFrom(text) });
    const fromWord = readPlan(fromHtml(value), opts);
    const fromTxt = readPlan(fromText(text), opts);
    if (text.includes("\t")) expect(value).toContain("<table>");
    // Line numbers differ (Word paragraphs vs text lines); everything read must be the same.
    const strip = (p: unknown) => JSON.stringify(p).replace(/dòng \d+/g, "dòng");
    expect(strip(fromWord)).toBe(strip(fromTxt));
  });
});

describe("the reader", () => {
  it("reads a flattened schedule-table row into timing, lead and coordinating units", () => {
    const text = [
      "Biểu 1: Tiến độ",
      "TT Nội dung công việc Thời gian thực hiện Đơn vị chủ trì Đơn vị phối hợp",
      "1 Tổ chức kiểm tra các đơn vị Tháng 3, tháng 6 Phòng Y tế TTYT, BHXH",
    ].join("\n");
    const plan = PlanFile.parse(
      readPlan(fromText(`Số: 12/KH-UBND\nX, ngày 02 tháng 01 năm 2030\n${text}`), opts),
    );
    expect(plan.number).toBe("12/KH-UBND");
    expect(plan.issuedOn).toBe("2030-01-02");
    expect(plan.obligations).toHaveLength(1);
    expect(plan.obligations[0]).toMatchObject({
      timing: "Tháng 3, tháng 6",
      schedule: { kind: "months", months: [3, 6] },
      lead: ["pyt"],
      coordinating: ["ttyt", "bhxh"],
    });
  });

  it("keeps a body duty's recipient given as 'to X, through Y'", () => {
    const body = [
      "Số: 5/KH-UBND",
      "A, ngày 03 tháng 01 năm 2031",
      "IV. TỔ CHỨC THỰC HIỆN",
      "2. Trung tâm Y tế",
      "- Định kỳ hàng quý tổng hợp, báo cáo kết quả trước ngày 20 của tháng cuối quý về Ban Chỉ đạo (qua cơ quan thường trực là Phòng Y tế).",
    ].join("\n");
    const plan = PlanFile.parse(readPlan(fromText(body), opts));
    const o = plan.obligations.find((x) => x.schedule.kind === "quarterly");
    expect(o).toMatchObject({
      lead: ["ttyt"],
      schedule: { day: 20 },
      deliverable: { to: "bcd", via: "pyt" },
    });
  });
});
