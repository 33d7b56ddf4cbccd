/**
 * `npm run -s bench:import`: import the four seed documents (../shared/seeds beside the clone)
 * and compare with the hand-encoded plans/*.yaml (the measure: import-measure.ts).
 */

import { resolve } from "node:path";
import { measureImport, SEED_PLANS } from "./import-measure";

const seeds = resolve(import.meta.dirname, "../../shared/seeds");
const lowest = (values: Array<number | null>) => {
  const measured = values.filter((v): v is number => v !== null);
  return measured.length ? Math.min(...measured) : null;
};

const documents = [];
for (const [doc, planFile] of SEED_PLANS) {
  const { pairs, ...measure } = await measureImport(resolve(seeds, doc), planFile);
  documents.push(measure);
  console.error(
    `${doc}: ${pairs.want} cặp (đơn vị, hạn) trong bản tay, ${pairs.got} đọc được, ${pairs.hits} khớp`,
  );
}
console.log(
  JSON.stringify({
    documents,
    minRecall: lowest(documents.map((d) => d.obligationRecall)),
    // Over the documents something was read from; those with nothing read show null.
    minPrecision: lowest(documents.map((d) => d.obligationPrecision)),
  }),
);
