/** npm run -s data-model: writes the generated tables of docs/data-model.md from the entities. */
import { readFileSync, writeFileSync } from "node:fs";
import { withGeneratedDataModel } from "../functions/data/data-model-doc";

const path = "docs/data-model.md";
writeFileSync(path, withGeneratedDataModel(readFileSync(path, "utf8")));
