import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { planJsonSchema } from "../../shared/plan/json-schema";

describe("plans/plan.schema.json", () => {
  it("is the JSON Schema generated from the zod schema (run npm run -s plan:schema after changing it)", () => {
    const committed = JSON.parse(readFileSync("plans/plan.schema.json", "utf8"));
    expect(committed).toEqual(planJsonSchema());
  });

  it("describes the rule kinds and required fields an editor should offer", () => {
    const schema = planJsonSchema() as { required: string[]; properties: Record<string, unknown> };
    expect(schema.required).toEqual(
      expect.arrayContaining([
        "id",
        "title",
        "issuer",
        "number",
        "issuedOn",
        "year",
        "steeringCommittee",
        "units",
      ]),
    );
    const text = JSON.stringify(schema);
    for (const kind of [
      "date",
      "yearly",
      "month-end",
      "months",
      "monthly",
      "quarterly",
      "quarter-last-month",
      "by-year",
      "continuous",
      "event",
      "times-per-year",
      "relative",
    ]) {
      expect(text).toContain(`"const":"${kind}"`);
    }
  });
});
