import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ENTITIES, withGeneratedDataModel } from "../../functions/data/data-model-doc";

describe("docs/data-model.md", () => {
  it("holds the item, key and index tables generated from the entities (npm run -s data-model)", () => {
    const doc = readFileSync("docs/data-model.md", "utf8");
    expect(doc).toBe(withGeneratedDataModel(doc));
  });

  it("shows the keys the entities write", () => {
    const doc = readFileSync("docs/data-model.md", "utf8");
    for (const e of ENTITIES) expect(doc).toContain(`| ${e.type} `);
    expect(doc).toContain("`DEADLINE#<planId>#<obligationId>#<period>`");
  });
});
