/**
 * Plan templates (shared/plan/templates.ts and plans/templates/): the template is a valid plan,
 * listed with its title and description, and filled for an office and a year it is a plan that
 * passes plan:check, named after the place, its timing read for the new year.
 */
import { describe, expect, it } from "vitest";
import { expandPlan } from "../../shared/calendar/expand";
import { PlanFile } from "../../shared/plan/schema";
import { fillTemplate, listTemplates, loadTemplate, PLACE, placeOf } from "../../shared/plan/templates";

const ID = "xa-phuong-cham-soc-suc-khoe-ban-dau";

describe("plan templates", () => {
  it("lists the template with the title and description of its first comment lines", async () => {
    const list = await listTemplates();
    expect(list.map((t) => t.id)).toContain(ID);
    const t = list.find((x) => x.id === ID);
    expect(t?.title).toBe("Kế hoạch chăm sóc sức khỏe ban đầu của xã, phường");
    expect(t?.description).toContain("Trạm Y tế");
    expect(t?.description).toContain("trước ngày 04");
  });

  it("loads only a template that exists, by a plain id", async () => {
    expect((await loadTemplate(ID))?.units.map((u) => u.kind)).toEqual(
      expect.arrayContaining([
        "people-committee",
        "steering-committee",
        "health-station",
        "social-insurance",
        "association",
      ]),
    );
    expect(await loadTemplate("khong-co")).toBeUndefined();
    expect(await loadTemplate("../long-bien-2025")).toBeUndefined();
  });

  it("reads the place from the issuer's name", () => {
    expect(placeOf("UBND phường Bồ Đề")).toBe("phường Bồ Đề");
    expect(placeOf("Ủy ban nhân dân xã Hưng Đạo")).toBe("xã Hưng Đạo");
  });

  it("fills it for a ward and a year: a plan that passes plan:check, named after the ward, dated in its year", async () => {
    const template = await loadTemplate(ID);
    if (!template) throw new Error("no template");
    const filled = fillTemplate(template, {
      templateId: ID,
      id: "bo-de-2027",
      year: 2027,
      issuerName: "UBND phường Bồ Đề",
      at: "2026-12-01T00:00:00Z",
    });
    const plan = PlanFile.parse(filled);
    expect(JSON.stringify(filled)).not.toContain(PLACE);
    expect(plan).toMatchObject({ id: "bo-de-2027", year: 2027, issuedOn: "2027", number: "…/KH-UBND" });
    expect(plan.issuer).toMatchObject({ name: "UBND phường Bồ Đề", level: "ward" });
    expect(plan.title).toBe(
      "Kế hoạch thực hiện công tác chăm sóc sức khỏe ban đầu cho nhân dân trên địa bàn phường Bồ Đề năm 2027",
    );
    expect(plan.units.find((u) => u.id === "tram-y-te")?.name).toBe("Trạm Y tế phường Bồ Đề");
    expect(plan.units.every((u) => u.contacts.emails.length === 0 && u.contacts.phones.length === 0)).toBe(
      true,
    );
    expect(plan.obligations.find((o) => o.id === "ke-hoach-don-vi")?.schedule).toEqual({
      kind: "date",
      date: "2027-01-20",
      cutoff: "before",
    });
    // The monthly report of January 2027 is late from 00:00 on 04/02/2027; the year-end report by 31/12.
    const instances = expandPlan(plan, 2027);
    const jan = instances.find((i) => i.obligationId === "bao-cao-thang" && i.period === "2027-01");
    expect(jan).toMatchObject({ unitId: "tram-y-te", dueAt: "2027-02-04T00:00:00+07:00" });
    expect(
      instances.filter((i) => i.obligationId === "bao-cao-thang" && i.unitId === "tram-y-te"),
    ).toHaveLength(12);
    expect(instances.find((i) => i.obligationId === "bao-cao-nam" && i.unitId === "bhxh")?.nominalDue).toBe(
      "2027-12-31",
    );
    expect((filled.draft?.review ?? []).map((r) => r.what)).toEqual(
      expect.arrayContaining(["số và ngày ban hành", "liên hệ của các đơn vị"]),
    );
    expect(filled.draft?.source).toBe(`mẫu ${ID}`);
  });

  it("gives a commune the commune level", async () => {
    const template = await loadTemplate(ID);
    if (!template) throw new Error("no template");
    const filled = fillTemplate(template, {
      templateId: ID,
      id: "hung-dao-2027",
      year: 2027,
      issuerName: "Ủy ban nhân dân xã Hưng Đạo",
      at: "t",
    });
    expect(PlanFile.parse(filled).issuer.level).toBe("commune");
  });
});
