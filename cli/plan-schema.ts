/** `npm run -s plan:schema`: writes plans/plan.schema.json, the JSON Schema editors use for plan files. */
import { writeFile } from "node:fs/promises";
import { planJsonSchema } from "../shared/plan/json-schema";

const file = "plans/plan.schema.json";
await writeFile(file, `${JSON.stringify(planJsonSchema(), null, 2)}\n`);
console.log(`Đã ghi ${file}`);
