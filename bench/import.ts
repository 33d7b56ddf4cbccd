/**
 * `npm run -s bench:import`: import the four seed documents (../shared/seeds beside the clone)
 * and compare with the hand-encoded plans/*.yaml.
 *
 * Units are matched by normalised name or alias: lower case without diacritics, without the
 * issuer's place name where it follows the issuer's level word ("Phòng Y tế quận Long Biên"; not
 * "UBND phường Long Biên", a ward named like its district), "UBND", level words (quận, huyện, xã,
 * phường) and punctuation; an imported unit matches a hand-encoded one when any of their
 * normalised names are equal. The issuers match each other. Dated obligations
 * are compared as sets of (lead unit, last on-time day) pairs from the expanded calendars over
 * every year the hand-encoded plan runs. Targets match on the same figure as written.
 */

import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { expandPlan, planYears } from "../shared/calendar/expand";
import { extractDocument } from "../shared/plan/intake/document";
import { readPlan } from "../shared/plan/intake/read";
import { slug } from "../shared/plan/intake/units";
import { loadPlan } from "../shared/plan/load";
import { PlanFile } from "../shared/plan/schema";

const seeds = resolve(import.meta.dirname, "../../shared/seeds");
const DOCS: Array<[string, string]> = [
  ["long-bien-2025-primary-health-care-plan.txt", "plans/long-bien-2025.yaml"],
  ["long-bien-2023-health-management-plan.txt", "plans/long-bien-2023.yaml"],
  ["hung-dao-2026-resolution-72-plan.txt", "plans/hung-dao-2026.yaml"],
  ["hai-phong-district-2024-grassroots-health-plan.txt", "plans/hai-phong-2024.yaml"],
];
const LEVEL = new Set(["ubnd", "uy", "ban", "nhan", "dan", "quan", "huyen", "xa", "phuong", "thi", "tran"]);

function names(u: PlanFile["units"][number], place: string): Set<string> {
  return new Set(
    [u.name, ...u.aliases]
      .map((n) =>
        slug(n)
          .replaceAll(place, "")
          .split("-")
          .filter((w) => w && !LEVEL.has(w))
          .join("-"),
      )
      .filter(Boolean),
  );
}
/** hit / total to three decimals; null when there is nothing to measure (a precision of nothing read is not 1). */
const ratio = (hit: number, total: number) => (total === 0 ? null : Math.round((hit / total) * 1000) / 1000);
const lowest = (values: Array<number | null>) => {
  const measured = values.filter((v): v is number => v !== null);
  return measured.length ? Math.min(...measured) : null;
};

const documents = [];
for (const [doc, planFile] of DOCS) {
  const t0 = performance.now();
  const { blocks } = await extractDocument(resolve(seeds, doc));
  const imported = PlanFile.parse(readPlan(blocks, { source: doc, importedAt: "bench" }));
  const seconds = (performance.now() - t0) / 1000;
  const truth = await loadPlan(planFile);
  // "quan-long-bien": the issuer's level word and place, as they follow a district office's name.
  const place =
    /^(?:ubnd|uy-ban-nhan-dan)-((?:quan|huyen|xa|phuong)-.+)$/.exec(slug(truth.issuer.name))?.[1] ?? "";
  const truthNames = truth.units.map((u) => ({ id: u.id, names: names(u, place) }));
  const map = new Map<string, string>([[imported.issuer.unit, truth.issuer.unit]]);
  for (const u of imported.units) {
    if (map.has(u.id)) continue;
    const mine = names(u, place);
    const hit = truthNames.find((t) => [...mine].some((n) => t.names.has(n)));
    if (hit) map.set(u.id, hit.id);
  }
  const pairs = (plan: PlanFile, mapId: (id: string) => string) =>
    new Set(
      planYears(truth).flatMap((y) => expandPlan(plan, y).map((i) => `${mapId(i.unitId)} ${i.nominalDue}`)),
    );
  const want = pairs(truth, (id) => id);
  const got = pairs(imported, (id) => map.get(id) ?? `?${id}`);
  const hits = [...got].filter((p) => want.has(p)).length;
  const mapped = new Set(map.values());
  const figures = (p: PlanFile) => p.targets.map((t) => t.asWritten.replace(/\s+/g, "").replace(",", "."));
  const gotFigures = figures(imported);
  const targetHits = figures(truth).filter((f) =>
    gotFigures.some((g) => g.includes(f) || f.includes(g)),
  ).length;
  documents.push({
    file: doc,
    obligationRecall: ratio(hits, want.size),
    obligationPrecision: ratio(hits, got.size),
    unitRecall: ratio(truth.units.filter((u) => mapped.has(u.id)).length, truth.units.length),
    targetRecall: ratio(targetHits, truth.targets.length),
    seconds: Math.round(seconds * 1000) / 1000,
  });
  console.error(`${doc}: ${want.size} cặp (đơn vị, hạn) trong bản tay, ${got.size} đọc được, ${hits} khớp`);
}
console.log(
  JSON.stringify({
    documents,
    minRecall: lowest(documents.map((d) => d.obligationRecall)),
    // Over the documents something was read from; those with nothing read show null.
    minPrecision: lowest(documents.map((d) => d.obligationPrecision)),
  }),
);
