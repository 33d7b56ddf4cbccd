/** The JSON Schema of plan files, generated from the zod schema so the two cannot drift. */
import { z } from "zod";
import { PlanFile } from "./schema";

export function planJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(PlanFile, { io: "input", unrepresentable: "any" }),
    $id: "https://hanchot.example.org/plan.schema.json",
    title: "Kế hoạch y tế (hanchot)",
  };
}
