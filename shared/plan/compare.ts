/**
 * Two plans compared by what they ask of whom and when: their units matched by name, and their
 * dated obligations as (unit, last on-time day) pairs from the expanded calendars. Shared by the
 * import benchmark (a read plan against its hand-encoded one, bench/import-measure.ts) and the
 * console (a draft against the plan published under the same id). Pure.
 *
 * Units are matched by normalised name or alias: lower case without diacritics, without the
 * issuer's place name where it follows the issuer's level word ("Phòng Y tế quận Long Biên"; not
 * "UBND phường Long Biên", a ward named like its district), "UBND", level words (quận, huyện, xã,
 * phường) and punctuation; a unit matches when any of their normalised names are equal, or when
 * their ids are. The issuers match each other.
 */
import { expandPlan } from "../calendar/expand";
import { slug } from "./intake/units";
import type { PlanFile } from "./schema";

const LEVEL = new Set(["ubnd", "uy", "ban", "nhan", "dan", "quan", "huyen", "xa", "phuong", "thi", "tran"]);

/** What matching reads of a plan: its issuer and its units' ids, names and aliases. */
export interface NamedUnits {
  issuer: { unit: string; name: string };
  units: ReadonlyArray<{ id: string; name: string; aliases?: readonly string[] }>;
}

function names(u: NamedUnits["units"][number], place: string): Set<string> {
  return new Set(
    [u.name, ...(u.aliases ?? [])]
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

/** "quan-long-bien": the issuer's level word and place, as they follow a district office's name. */
function placeOf(plan: NamedUnits): string {
  return /^(?:ubnd|uy-ban-nhan-dan)-((?:quan|huyen|xa|phuong)-.+)$/.exec(slug(plan.issuer.name))?.[1] ?? "";
}

/**
 * Each unit of `other` matched to one of `reference` (by id) where a name matches, or with
 * `byId`, where no name does but the id is the same (a draft amending its own plan).
 */
export function matchUnits(reference: NamedUnits, other: NamedUnits, byId = false): Map<string, string> {
  const place = placeOf(reference);
  const referenceIds = new Set(reference.units.map((u) => u.id));
  const referenceNames = reference.units.map((u) => ({ id: u.id, names: names(u, place) }));
  const map = new Map<string, string>([[other.issuer.unit, reference.issuer.unit]]);
  for (const u of other.units) {
    if (map.has(u.id)) continue;
    const mine = names(u, place);
    const hit = referenceNames.find((t) => [...mine].some((n) => t.names.has(n)));
    if (hit) map.set(u.id, hit.id);
    else if (byId && referenceIds.has(u.id)) map.set(u.id, u.id);
  }
  return map;
}

/** A plan's dated (unit, last on-time day) pairs over `years`, its units renamed by `mapId`. */
export function datedPairs(
  plan: PlanFile,
  years: readonly number[],
  mapId: (id: string) => string = (id) => id,
): Set<string> {
  return new Set(years.flatMap((y) => expandPlan(plan, y).map((i) => `${mapId(i.unitId)} ${i.nominalDue}`)));
}

export interface PairComparison {
  /** Pairs in both. */
  same: number;
  /** Pairs only in `other`. */
  added: number;
  /** Pairs only in `reference`. */
  removed: number;
  want: number;
  got: number;
}

/** `other`'s dated pairs against `reference`'s, over `years`, units matched by name (and id). */
export function comparePairs(reference: PlanFile, other: PlanFile, years: readonly number[]): PairComparison {
  const map = matchUnits(reference, other, true);
  const want = datedPairs(reference, years);
  const got = datedPairs(other, years, (id) => map.get(id) ?? `?${id}`);
  const same = [...got].filter((p) => want.has(p)).length;
  return { same, added: got.size - same, removed: want.size - same, want: want.size, got: got.size };
}
