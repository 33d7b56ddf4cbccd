/** What the console reads from the plan format: targets named by form fields, the oversight body. */
import { describe, expect, it } from "vitest";
import { loadPlan } from "../../shared/plan/load";
import { type FormField, PlanFile, type PlanFileInput } from "../../shared/plan/schema";
import { smallPlan } from "./timeliness-scenario";

const withField = (field: FormField): PlanFileInput => ({
  ...smallPlan,
  obligations: smallPlan.obligations.map((o) =>
    o.id === "bao-cao-quy"
      ? {
          ...o,
          form: { fields: [{ id: "tom-tat", label: "Tóm tắt", type: "textarea", required: true }, field] },
        }
      : o,
  ),
});

describe("a form field that reports on a target", () => {
  it("is accepted when it names one of the plan's targets and gives a number", () => {
    expect(PlanFile.safeParse(smallPlan).success).toBe(true);
  });

  it("is refused, in Vietnamese, when the target does not exist", () => {
    const result = PlanFile.safeParse(
      withField({ id: "ty-le", label: "Tỷ lệ", type: "percent", required: false, target: "khong-co" }),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues).toContainEqual(
      expect.objectContaining({
        path: ["obligations", 0, "form", "fields", 1, "target"],
        message: 'không có chỉ tiêu nào mang mã "khong-co" trong mục targets',
      }),
    );
  });

  it("is refused when it is not a number field, also in a named form", () => {
    const plan = {
      ...smallPlan,
      forms: {
        "bao-cao": {
          fields: [{ id: "ket-qua", label: "Kết quả", type: "textarea", target: "kham-nguoi-cao-tuoi" }],
        },
      },
    };
    const result = PlanFile.safeParse(plan);
    expect(result.error?.issues).toContainEqual(
      expect.objectContaining({
        path: ["forms", "bao-cao", "fields", 0, "type"],
        message:
          'trường "ket-qua" báo cáo chỉ tiêu "kham-nguoi-cao-tuoi" nên phải là số (type: number hoặc percent)',
      }),
    );
  });
});

describe("the Long Biên plans", () => {
  it("are overseen by Hà Nội's health department", async () => {
    for (const file of ["plans/long-bien-2025.yaml", "plans/long-bien-2023.yaml"]) {
      expect((await loadPlan(file)).oversight).toEqual({ id: "so-y-te-ha-noi", name: "Sở Y tế Hà Nội" });
    }
  });

  it("report the elderly health checks (target 86 %) through the check form's rate field", async () => {
    const plan = await loadPlan("plans/long-bien-2025.yaml");
    const checks = plan.obligations.find((o) => o.id === "kham-dinh-ky-nguoi-cao-tuoi");
    const field = typeof checks?.form === "object" ? checks.form.fields.find((f) => f.target) : undefined;
    expect(field).toMatchObject({
      id: "ty-le-duoc-kham",
      type: "percent",
      target: "nguoi-cao-tuoi-kham-dinh-ky",
    });
    expect(plan.targets.find((t) => t.id === field?.target)).toMatchObject({ comparator: ">=", value: 86 });
  });
});
