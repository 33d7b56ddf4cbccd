/**
 * A draft for a plan already running, put on the running plan's ids before it is stored. Pure.
 *
 * Publishing identifies what it keeps by id: a deadline instance is `plan:obligation:period:unit`
 * (shared/calendar/instance-id.ts), so a draft whose reader named a unit `ubnd` where the running
 * plan has `ubnd-quan`, or an obligation after its title where the running plan has a short id,
 * would cancel every running expectation and recreate it under a new id, leaving the submissions,
 * reviews, sends and extensions recorded against the old ids behind. So:
 *
 * - Units: each draft unit with a running counterpart (./contacts.ts: the same id, else the same
 *   name) takes the counterpart's id; when several match one running unit, the best keeps it (the
 *   same id, then the same full name, then the first) and the others keep their own, with a review
 *   item. A group takes the id of the running group with the same name or the same members.
 * - Obligations: each draft obligation matched to a running one takes its id, each running id
 *   used once, in passes from the surest: the same id and title; the same lead units and the same
 *   dated occurrences (period, last on-time day) in the plans' years; undated, the same title;
 *   the same lead units and title (a due day corrected). Ties go to the closest title. The others
 *   keep their ids, made unique against the running ones (else they would take over a running
 *   obligation's expectations by accident).
 * - Targets: the same figure as written and a close title, or the same title.
 * Every reference is renamed with them, and one review item says what was reused.
 */
import { expandObligation, PlanIndex, planYears } from "../../../../shared/calendar/expand";
import { isDated } from "../../../../shared/calendar/rules";
import {
  type Draft,
  Obligation,
  type PlanFile,
  type PlanFileInput,
  Unit,
} from "../../../../shared/plan/schema";
import type { StoredUnit } from "../../../data";
import { type RunningUnits, runningCounterparts, UNIT_REVIEW_WHERE } from "./contacts";

type Review = Draft["review"][number];
type ObligationInput = NonNullable<PlanFileInput["obligations"]>[number];
type TargetInput = NonNullable<PlanFileInput["targets"]>[number];

/** The plan running under the draft's id: its units now, and its kept file when there is one. */
export interface RunningPlan extends RunningUnits {
  file?: PlanFile;
}

export interface Rekeying {
  plan: PlanFileInput;
  /** Draft id → running id, for each unit, group, obligation and target renamed (same ids left out). */
  units: Map<string, string>;
  groups: Map<string, string>;
  obligations: Map<string, string>;
  targets: Map<string, string>;
  /** How many draft units, obligations and targets now hold a running id (renamed or not). */
  reused: { units: number; obligations: number; targets: number };
}

/** Where the summary review item is written (no obligation is read from there). */
export const REKEY_REVIEW_WHERE = "kế hoạch đang chạy";

const text = (v: unknown): string => (typeof v === "string" ? v : "");
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

/** Lower case, no diacritics, words only: how titles and names are compared. */
export function words(s: string): string[] {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
const normal = (s: string) => words(s).join(" ");

/** Dice's coefficient of two titles' word sets: 1 for the same words, 0 for none shared. */
export function similarity(a: string, b: string): number {
  const x = new Set(words(a));
  const y = new Set(words(b));
  if (x.size + y.size === 0) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/** The draft on the running plan's ids, with a review item saying so (and one per unit left apart). */
export function rekeyOntoRunning(
  draft: PlanFileInput,
  running: RunningPlan,
  origin: { source: string; at: string },
): Rekeying {
  const review: Review[] = [];
  const unitMap = unitRenames(draft, running, review);
  const groupMap = groupRenames(draft, running.file, unitMap, unitIdsAfter(draft, unitMap));
  const units = renameUnits(draft, new Map([...unitMap, ...groupMap]));
  const { file } = running;
  const obligationsBefore = (units.obligations ?? []).map((o) => text(o.id));
  const targetsBefore = (units.targets ?? []).map((t) => text(t.id));
  const obligationIds = file
    ? finalIds(obligationsBefore, obligationMatches(units, file), new Set(file.obligations.map((o) => o.id)))
    : obligationsBefore;
  const targetIds = file
    ? finalIds(targetsBefore, targetMatches(units, file), new Set(file.targets.map((t) => t.id)))
    : targetsBefore;
  const obligationMap = renames(obligationsBefore, obligationIds);
  const targetMap = renames(targetsBefore, targetIds);
  const plan = renameDuties(units, obligationIds, targetIds, targetMap);

  const held = (xs: ReadonlyArray<{ id?: unknown }> | undefined, ids: readonly string[]) => {
    const set = new Set(ids);
    return (xs ?? []).filter((x) => set.has(text(x.id))).length;
  };
  const reused = {
    units: held(
      plan.units,
      running.units.map((u) => u.unitId),
    ),
    obligations: held(plan.obligations, file?.obligations.map((o) => o.id) ?? []),
    targets: held(plan.targets, file?.targets.map((t) => t.id) ?? []),
  };
  const unmatched = (plan.obligations ?? []).length - reused.obligations;
  review.unshift({
    what: "Mã đơn vị và nhiệm vụ",
    where: REKEY_REVIEW_WHERE,
    why: `dùng lại mã của kế hoạch đang chạy cho ${reused.units} đơn vị và ${reused.obligations} nhiệm vụ${
      file ? ` (và ${reused.targets} chỉ tiêu)` : " (không có bản kế hoạch đang chạy để so nhiệm vụ)"
    }, để các hạn, bài nộp và gia hạn đã ghi vẫn thuộc về đúng hạn khi công bố; ${unmatched} nhiệm vụ không khớp với nhiệm vụ nào đang chạy được coi là nhiệm vụ mới`,
  });
  return {
    plan: {
      ...plan,
      draft: {
        source: draft.draft?.source ?? origin.source,
        importedAt: draft.draft?.importedAt ?? origin.at,
        review: [...(draft.draft?.review ?? []), ...review],
      },
    },
    units: unitMap,
    groups: groupMap,
    obligations: obligationMap,
    targets: targetMap,
    reused,
  };
}

// ---------------------------------------------------------------- units and groups

/** How sure a draft unit's claim on its running counterpart is: the same id, the same full name, a matched name. */
function claim(u: { id: string; name: string }, there: StoredUnit): number {
  if (u.id === there.unitId) return 3;
  return normal(u.name) === normal(there.name) ? 2 : 1;
}

function unitRenames(draft: PlanFileInput, running: RunningUnits, review: Review[]): Map<string, string> {
  const counterparts = runningCounterparts(draft, running);
  const units = (draft.units ?? []).flatMap((u) =>
    typeof u.id === "string" ? [{ id: u.id, name: text(u.name) || u.id }] : [],
  );
  // The best claim on each running unit wins it (the first in the document on a tie).
  const winner = new Map<string, { id: string; name: string; score: number }>();
  for (const u of units) {
    const there = counterparts.get(u.id);
    if (!there) continue;
    const score = claim(u, there);
    const best = winner.get(there.unitId);
    if (!best || score > best.score) winner.set(there.unitId, { ...u, score });
  }
  const map = new Map<string, string>();
  for (const u of units) {
    const there = counterparts.get(u.id);
    if (!there) continue;
    const best = winner.get(there.unitId);
    if (best?.id === u.id) {
      if (u.id !== there.unitId) map.set(u.id, there.unitId);
      continue;
    }
    review.push({
      what: u.name,
      where: UNIT_REVIEW_WHERE,
      why: `khớp với «${there.name}» của kế hoạch đang chạy như «${best?.name ?? ""}», đơn vị đã nhận mã ${there.unitId}: đơn vị này giữ mã riêng ${u.id} và được coi là đơn vị mới; nếu là cùng một đơn vị, hãy gộp lại trước khi công bố`,
    });
  }
  // A running id an unmatched draft unit or group already holds stays with it.
  const taken = new Set([
    ...units.filter((u) => !map.has(u.id)).map((u) => u.id),
    ...(draft.groups ?? []).map((g) => text(g.id)),
  ]);
  for (const [from, to] of map) if (taken.has(to)) map.delete(from);
  return map;
}

/** The draft's unit ids once renamed. */
function unitIdsAfter(draft: PlanFileInput, map: ReadonlyMap<string, string>): Set<string> {
  return new Set((draft.units ?? []).map((u) => map.get(text(u.id)) ?? text(u.id)));
}

/** Each draft group that matches a running group by name or by members (renamed) → the running group's id. */
function groupRenames(
  draft: PlanFileInput,
  file: PlanFile | undefined,
  unitMap: ReadonlyMap<string, string>,
  unitIds: ReadonlySet<string>,
): Map<string, string> {
  const map = new Map<string, string>();
  if (!file) return map;
  const free = new Map(file.groups.map((g) => [g.id, g]));
  const setOf = (ids: readonly string[]) => [...new Set(ids)].sort().join(" ");
  const groups = draft.groups ?? [];
  const keep = new Set(groups.map((g) => text(g.id)));
  for (const g of groups) {
    const id = text(g.id);
    const members = setOf(strings(g.members).map((m) => unitMap.get(m) ?? m));
    const matches = (r: { name: string; members: readonly string[] }) =>
      normal(r.name) === normal(text(g.name)) || setOf(r.members) === members;
    // The running group of the same id first, else the first that matches.
    const same = free.get(id);
    const hit = same && matches(same) ? same : [...free.values()].find(matches);
    if (!hit) continue;
    free.delete(hit.id);
    if (hit.id === id) continue;
    // Not onto an id a unit or another draft group holds.
    if (unitIds.has(hit.id) || (keep.has(hit.id) && !map.has(hit.id))) continue;
    map.set(id, hit.id);
  }
  return map;
}

/** The draft with every unit and group reference renamed. */
function renameUnits(draft: PlanFileInput, map: ReadonlyMap<string, string>): PlanFileInput {
  if (map.size === 0) return draft;
  const r = <T>(id: T): T => (typeof id === "string" ? ((map.get(id) ?? id) as T) : id);
  const rs = <T>(ids: T): T => (Array.isArray(ids) ? (ids.map(r) as T) : ids);
  return {
    ...draft,
    ...(draft.issuer && { issuer: { ...draft.issuer, unit: r(draft.issuer.unit) } }),
    ...(draft.steeringCommittee && {
      steeringCommittee: {
        ...draft.steeringCommittee,
        unit: r(draft.steeringCommittee.unit),
        standingBody: r(draft.steeringCommittee.standingBody),
      },
    }),
    ...(draft.units && {
      units: draft.units.map((u) => ({
        ...u,
        id: r(u.id),
        ...(u.parent !== undefined && { parent: r(u.parent) }),
      })),
    }),
    ...(draft.groups && {
      groups: draft.groups.map((g) => ({ ...g, id: r(g.id), members: rs(g.members) })),
    }),
    ...(draft.obligations && {
      obligations: draft.obligations.map((o) => ({
        ...o,
        lead: rs(o.lead),
        ...(o.coordinating !== undefined && { coordinating: rs(o.coordinating) }),
        ...(o.deliverable && {
          deliverable: {
            ...o.deliverable,
            ...(o.deliverable.to !== undefined && { to: r(o.deliverable.to) }),
            ...(o.deliverable.via !== undefined && { via: r(o.deliverable.via) }),
          },
        }),
      })),
    }),
    ...(draft.targets && {
      targets: draft.targets.map((t) => ({
        ...t,
        ...(t.assignedTo !== undefined && { assignedTo: rs(t.assignedTo) }),
        ...(t.perUnit !== undefined && { perUnit: t.perUnit.map((p) => ({ ...p, unit: r(p.unit) })) }),
      })),
    }),
  };
}

// ---------------------------------------------------------------- obligations

/** What an obligation is matched by: its lead units (groups resolved), its dated occurrences, its title. */
interface Shape {
  id: string;
  title: string;
  leads: string;
  /** "2025-Q1 2025-03-24 …": (period, last on-time day) in the plans' years; empty when undated. */
  dates: string;
}

/** A unit that every obligation's dates are read for, whoever owes them (as the draft page does). */
const ANYONE: Unit = Unit.parse({ id: "bat-ky", name: "bất kỳ", kind: "other" });

function shapesOf(
  obligations: readonly ObligationInput[],
  groups: ReadonlyArray<{ id?: unknown; members?: unknown }>,
  base: PlanFile,
  years: readonly number[],
): Shape[] {
  const members = new Map(groups.map((g) => [text(g.id), strings(g.members)]));
  const index = new PlanIndex({ ...base, units: [ANYONE], groups: [] });
  return obligations.map((o) => {
    const leads = [...new Set(strings(o.lead).flatMap((id) => members.get(id) ?? [id]))].sort().join(" ");
    const parsed = Obligation.safeParse(o);
    const dated =
      parsed.success && [parsed.data.schedule, ...(parsed.data.alsoSchedules ?? [])].some(isDated);
    const dates =
      parsed.success && dated
        ? [
            ...new Set(
              years.flatMap((y) =>
                expandObligation(index, { ...parsed.data, lead: [ANYONE.id] }, y).map(
                  (i) => `${i.period}@${i.nominalDue}`,
                ),
              ),
            ),
          ]
            .sort()
            .join(" ")
        : "";
    return { id: text(o.id), title: text(o.title), leads, dates };
  });
}

/** The passes, surest first: whether a draft obligation and a running one are the same duty. */
const PASSES: ReadonlyArray<(d: Shape, r: Shape) => boolean> = [
  (d, r) => d.id === r.id && normal(d.title) === normal(r.title),
  (d, r) => d.dates !== "" && d.leads === r.leads && d.dates === r.dates,
  (d, r) => d.dates === "" && r.dates === "" && normal(d.title) === normal(r.title),
  (d, r) => d.leads === r.leads && normal(d.title) === normal(r.title),
];

/** Pairs (draft, running) that pass, each used once, the closest titles first in each pass. */
export function matchByPasses(
  draft: readonly Shape[],
  running: readonly Shape[],
  passes: ReadonlyArray<(d: Shape, r: Shape) => boolean> = PASSES,
): Map<number, number> {
  const pairs = new Map<number, number>();
  const used = new Set<number>();
  for (const pass of passes) {
    const candidates: Array<{ d: number; r: number; score: number }> = [];
    draft.forEach((d, i) => {
      if (pairs.has(i)) return;
      running.forEach((r, j) => {
        if (!used.has(j) && pass(d, r)) candidates.push({ d: i, r: j, score: similarity(d.title, r.title) });
      });
    });
    candidates.sort((a, b) => b.score - a.score || a.d - b.d || a.r - b.r);
    for (const c of candidates) {
      if (pairs.has(c.d) || used.has(c.r)) continue;
      pairs.set(c.d, c.r);
      used.add(c.r);
    }
  }
  return pairs;
}

/** Draft obligation index → running obligation id, for each one matched. */
function obligationMatches(draft: PlanFileInput, file: PlanFile): Map<number, string> {
  const draftYears = Number.isInteger(draft.year)
    ? planYears({ year: draft.year, untilYear: draft.untilYear } as PlanFile)
    : [];
  const years = [...new Set([...planYears(file), ...draftYears])].sort();
  const mine = shapesOf(draft.obligations ?? [], draft.groups ?? [], file, years);
  const theirs = shapesOf(file.obligations, file.groups, file, years);
  return new Map([...matchByPasses(mine, theirs)].map(([i, j]) => [i, theirs[j]?.id ?? ""]));
}

/**
 * The final ids of a list: the matched ones take their running id, the others keep theirs, with a
 * suffix where that id is a running one (or taken by another of the list).
 */
export function finalIds(
  ids: readonly string[],
  matches: ReadonlyMap<number, string>,
  runningIds: ReadonlySet<string>,
): string[] {
  const reserved = new Set([...runningIds, ...ids.map((id, i) => matches.get(i) ?? id)]);
  const unique = (id: string) => {
    let n = 2;
    while (reserved.has(`${id}-${n}`)) n++;
    reserved.add(`${id}-${n}`);
    return `${id}-${n}`;
  };
  return ids.map((id, i) => matches.get(i) ?? (id !== "" && runningIds.has(id) ? unique(id) : id));
}

/** Each renamed id (old → new) of a list and its final ids. */
function renames(ids: readonly string[], after: readonly string[]): Map<string, string> {
  return new Map(ids.flatMap((id, i) => (after[i] !== undefined && after[i] !== id ? [[id, after[i]]] : [])));
}

// ---------------------------------------------------------------- targets

/** Draft target index → running target id: the same title, or the same figure as written and a close title. */
function targetMatches(draft: PlanFileInput, file: PlanFile): Map<number, string> {
  // A target's shape: its figure as written where an obligation has its leads.
  const shape = (t: { id?: unknown; title?: unknown; asWritten?: unknown }): Shape => ({
    id: text(t.id),
    title: text(t.title),
    leads: normal(text(t.asWritten)),
    dates: "",
  });
  const theirs = file.targets.map(shape);
  const pairs = matchByPasses(((draft.targets ?? []) as TargetInput[]).map(shape), theirs, [
    (d, r) => d.id === r.id && normal(d.title) === normal(r.title),
    (d, r) => normal(d.title) === normal(r.title),
    (d, r) => d.leads !== "" && d.leads === r.leads && similarity(d.title, r.title) >= 0.6,
  ]);
  return new Map([...pairs].map(([i, j]) => [i, theirs[j]?.id ?? ""]));
}

/** The draft with its obligations and targets on their final ids, forms' fields following their targets. */
function renameDuties(
  draft: PlanFileInput,
  obligationIds: readonly string[],
  targetIds: readonly string[],
  targetMap: ReadonlyMap<string, string>,
): PlanFileInput {
  const r = (id: unknown) => (typeof id === "string" ? (targetMap.get(id) ?? id) : id);
  const fields = <T>(form: T): T =>
    form && typeof form === "object" && Array.isArray((form as { fields?: unknown }).fields)
      ? ({
          ...form,
          fields: (form as unknown as { fields: Array<{ target?: unknown }> }).fields.map((f) =>
            f.target !== undefined ? { ...f, target: r(f.target) } : f,
          ),
        } as T)
      : form;
  return {
    ...draft,
    ...(draft.obligations && {
      obligations: draft.obligations.map((o, i) => ({
        ...o,
        id: obligationIds[i] ?? o.id,
        ...(o.form !== undefined && targetMap.size > 0 && { form: fields(o.form) }),
      })),
    }),
    ...(draft.targets && { targets: draft.targets.map((t, i) => ({ ...t, id: targetIds[i] ?? t.id })) }),
    ...(draft.forms &&
      targetMap.size > 0 && {
        forms: Object.fromEntries(Object.entries(draft.forms).map(([k, f]) => [k, fields(f)])),
      }),
  };
}
