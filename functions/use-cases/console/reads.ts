/**
 * Everything the operations console reads, as its view models (shared/console/model.ts): each
 * read names its DynamoDB requests (counted by the table client) and returns undefined when what
 * it was asked for does not exist. The figures come from shared/console/timeliness.ts, pure.
 *
 * Requests per page (the plan record is reused for 60 s per container, so it costs 1 only cold):
 *   planOverview   plan record + deadlines (byPlan) + the plan-year partition, sends included,
 *                  in one Query (byPlan)                                          ≤ 3
 *   timeliness, heatmap   the same, without the sends                          ≤ 3
 *   deadlineView, submissionsTable   plan record + the deadline's partition     ≤ 2
 *   submissionView  plan record + definition (cached) + the unit's part of the partition  ≤ 3
 *   unitView       plan record + deadlines + byUnit + the unit record            ≤ 4
 *   targetsView    the plan partition + deadlines + one per deadline reporting on a target
 *   auditView      plan record + the audit partition                             ≤ 2 (per page)
 *   ranking        oversight partition: the plans and their figures snapshots              1 warm
 *                  + for each plan-year whose snapshot is missing or stale, its expectations,
 *                  versions and decisions (only what statuses need), 16 plans at a time, and the
 *                  recomputed snapshots put back 25 a request       cold: 1 + n + ⌈n/25⌉
 */
import { type DeadlineRef, parseInstanceId } from "../../../shared/calendar/instance-id";
import type { PlanScope } from "../../../shared/console/access";
import type {
  AuditView,
  DeadlineView,
  HeatmapView,
  PlanOverviewView,
  RankedPlan,
  RankingView,
  SubmissionsTable,
  SubmissionView,
  TargetsView,
  TimelinessReport,
  UnitView,
} from "../../../shared/console/model";
import { FIGURES_FRESH_MS, isFresh, rankingFigures, rankPlans } from "../../../shared/console/ranking";
import { latestReports, reportingFields, targetView } from "../../../shared/console/targets";
import {
  byCutOff,
  figuresOf,
  heatmapMatrix,
  lateNow,
  monthlySeries,
  summaryOf,
  timelinessReport,
  timelinessRows,
  unitCell,
  unitFigures,
  unitSorter,
} from "../../../shared/console/timeliness";
import { ACTION_TEXT } from "../../../shared/console/wording";
import type { Contacts } from "../../../shared/plan/schema";
import { downloadName } from "../../commons/attachments";
import { mapConcurrent } from "../../commons/concurrency";
import type { Presign } from "../../commons/presign";
import type { DataLayer } from "../../data";
import type { PlanYearFiguresRecord } from "../../data/entities/plan-year-figures";
import { headerOf, messageOf, planYearFacts, runsIn, versionSummaries, yearsOf } from "./fold";

export interface ConsoleReadDeps {
  data: DataLayer;
  now: () => Date;
  /** A short-lived GET of a pinned attachment (functions/commons/presign.ts): the submission page needs it. */
  presign?: Presign;
  /** How long the ranking reuses a plan-year's figures (FIGURES_FRESH_MS, 5 minutes, unless given). */
  figuresFreshMs?: number;
}

const NO_CONTACTS: Contacts = { emails: [], phones: [] };

/** Plans of one oversight body read at once for the ranking. */
export const RANKING_CONCURRENCY = 16;

/** What access to a plan is decided on (shared/console/access.ts), from its cached record. */
export async function planScope(data: DataLayer, planId: string): Promise<PlanScope | undefined> {
  const plan = await data.console.plan(planId);
  return plan && { planId, ...(plan.oversight && { oversightId: plan.oversight.id }) };
}

/** A plan-year read for the timeliness pages: record, deadlines and the plan-year partition, at once. */
async function readPlanYear(deps: ConsoleReadDeps, planId: string, year: number, withSends: boolean) {
  const store = deps.data.console;
  const [plan, deadlines, items] = await Promise.all([
    store.plan(planId),
    store.deadlines(planId),
    store.planYear(planId, year, withSends),
  ]);
  if (!plan || !runsIn(plan, year)) return undefined;
  return { plan, facts: planYearFacts(plan, deadlines, items, year) };
}

/** The plan overview: the year's figures, who is late right now, the monthly on-time rate. */
export async function planOverview(
  deps: ConsoleReadDeps,
  planId: string,
  year: number,
): Promise<PlanOverviewView | undefined> {
  const read = await readPlanYear(deps, planId, year, true);
  if (!read) return undefined;
  const asOf = deps.now();
  const report = timelinessReport(planId, year, read.facts, asOf);
  return {
    plan: headerOf(read.plan, year),
    report,
    lateNow: lateNow(report.rows, read.facts, asOf.getTime()),
    series: monthlySeries(report.rows, asOf.getTime()),
  };
}

/** The timeliness table (the JSON API and the CSV/XLSX exports). */
export async function timeliness(
  deps: ConsoleReadDeps,
  planId: string,
  year: number,
): Promise<TimelinessReport | undefined> {
  const read = await readPlanYear(deps, planId, year, false);
  return read && timelinessReport(planId, year, read.facts, deps.now());
}

/** Units × deadlines of a plan-year. */
export async function heatmap(
  deps: ConsoleReadDeps,
  planId: string,
  year: number,
): Promise<HeatmapView | undefined> {
  const read = await readPlanYear(deps, planId, year, false);
  if (!read) return undefined;
  const asOf = deps.now();
  const rows = timelinessRows(read.facts, asOf.getTime());
  return {
    plan: headerOf(read.plan, year),
    asOf: asOf.toISOString(),
    ...heatmapMatrix(rows, read.plan.unitOrder),
  };
}

/**
 * A deadline's partition with its plan: each unit asked, in plan order, with its versions, the
 * office's decisions on them and where it stands (one Query, the plan record cached).
 */
async function readDeadline(deps: ConsoleReadDeps, ref: DeadlineRef) {
  const [plan, items] = await Promise.all([
    deps.data.console.plan(ref.planId),
    deps.data.console.deadline(ref),
  ]);
  if (!plan || !items) return undefined;
  const d = items.definition;
  const asOfMs = deps.now().getTime();
  const submissions = Map.groupBy(items.submissions, (s) => s.instanceId);
  const reviews = Map.groupBy(items.reviews, (r) => r.instanceId);
  const units = items.expectations
    .map((e) => {
      const mine = submissions.get(e.instanceId) ?? [];
      const decided = reviews.get(e.instanceId) ?? [];
      return { e, mine, decided, cell: unitCell(d, e, mine, decided, asOfMs) };
    })
    .sort((x, y) => unitSorter(plan.unitOrder)(x.e, y.e));
  return { plan, items, d, asOfMs, units };
}

/** One deadline: every unit asked, its versions and messages, and the escalations. */
export async function deadlineView(
  deps: ConsoleReadDeps,
  ref: DeadlineRef,
): Promise<DeadlineView | undefined> {
  const read = await readDeadline(deps, ref);
  if (!read) return undefined;
  const { plan, items, d, asOfMs } = read;
  const sends = Map.groupBy(items.sends, (s) => s.instanceId);
  const units = read.units.map(({ e, mine, decided, cell }) => ({
    ...cell,
    contacts: e.contacts ?? NO_CONTACTS,
    versionsList: versionSummaries(mine, decided, cell.dueAt),
    messages: (sends.get(e.instanceId) ?? [])
      .map((s) => messageOf(s, d))
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
  }));
  return {
    plan: headerOf(plan, d.year),
    deadline: {
      ...summaryOf(d),
      timing: d.timing,
      kind: d.kind,
      // Kept on the deadline by the first extension for every unit.
      ...(d.originalDueAt && { originalDueAt: d.originalDueAt }),
      ...(d.covers && { covers: d.covers }),
    },
    figures: figuresOf(units),
    units,
    escalations: items.sends
      .filter((s) => s.stage.startsWith("escalation"))
      .map((s) => messageOf(s, d))
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
    asOf: new Date(asOfMs).toISOString(),
  };
}

/** One submission version: its fields, attachments (presigned GETs of the pinned copies) and history. */
export async function submissionView(
  deps: ConsoleReadDeps,
  instanceId: string,
  receipt: string,
): Promise<SubmissionView | undefined> {
  const ref = parseInstanceId(instanceId);
  if (!ref) return undefined;
  const [plan, definition, items] = await Promise.all([
    deps.data.console.plan(ref.planId),
    deps.data.deadlines.definition(ref),
    deps.data.console.instance(ref),
  ]);
  const [expectation] = items.expectations;
  const submission = items.submissions.find((s) => s.receipt === receipt);
  if (!plan || !definition || !expectation || !submission) return undefined;
  const cell = unitCell(definition, expectation, items.submissions, items.reviews, deps.now().getTime());
  const { presign } = deps;
  if (submission.attachments.length > 0 && !presign)
    throw new Error("submissionView needs deps.presign to link the attachments");
  const attachments = await Promise.all(
    submission.attachments.map(async (a, i) => {
      const fileName = downloadName(a, receipt, i);
      return {
        field: a.field,
        fileName,
        size: a.size,
        contentType: a.contentType,
        url: await (presign as Presign)(a.acceptedKey, a.versionId, fileName),
      };
    }),
  );
  const { submitter } = submission;
  return {
    plan: headerOf(plan, definition.year),
    deadline: summaryOf(definition),
    unit: {
      unitId: ref.unitId,
      unitName: expectation.unitName,
      contacts: expectation.contacts ?? NO_CONTACTS,
    },
    instanceId,
    receipt,
    submittedAt: submission.submittedAt,
    submitter: {
      name: submitter.name,
      phone: submitter.phone,
      ...(submitter.email && { email: submitter.email }),
    },
    fields: definition.form.map((field) => ({ field, value: submission.fields[field.id] })),
    attachments,
    history: versionSummaries(items.submissions, items.reviews, cell.dueAt),
    status: cell.status,
    isLatest: cell.latestReceipt === receipt,
  };
}

/** A unit's deadlines in a year, its contacts and its figures. */
export async function unitView(
  deps: ConsoleReadDeps,
  planId: string,
  unitId: string,
  year: number,
): Promise<UnitView | undefined> {
  const store = deps.data.console;
  const [plan, deadlines, items, unit] = await Promise.all([
    store.plan(planId),
    store.deadlines(planId),
    store.unit(planId, unitId),
    store.unitRecord(planId, unitId),
  ]);
  if (!plan || !unit || !runsIn(plan, year)) return undefined;
  const asOfMs = deps.now().getTime();
  const current = new Map(
    deadlines.filter((d) => d.year === year).map((d) => [`${d.obligationId}:${d.period}`, d]),
  );
  const submissions = Map.groupBy(items.submissions, (s) => s.instanceId);
  const reviews = Map.groupBy(items.reviews, (r) => r.instanceId);
  const rows = items.expectations
    .flatMap((e) => {
      const d = current.get(`${e.obligationId}:${e.period}`);
      if (e.year !== year || !d) return [];
      const cell = unitCell(
        d,
        e,
        submissions.get(e.instanceId) ?? [],
        reviews.get(e.instanceId) ?? [],
        asOfMs,
      );
      return [{ d, cell }];
    })
    .sort((a, b) => byCutOff(a.d, b.d));
  return {
    plan: headerOf(plan, year),
    unit: { unitId, name: unit.name, contacts: unit.contacts ?? NO_CONTACTS },
    deadlines: rows.map(({ d, cell }) => ({ ...summaryOf(d), ...cell })),
    figures: unitFigures(
      rows.map(({ d, cell }) => ({ status: cell.status, dueAt: cell.dueAt, deadlineDueAt: d.dueAt })),
      asOfMs,
    ),
  };
}

/** The plan's targets against what units reported through the form fields that name them. */
export async function targetsView(
  deps: ConsoleReadDeps,
  planId: string,
  year: number,
): Promise<TargetsView | undefined> {
  const store = deps.data.console;
  const [own, deadlines] = await Promise.all([store.planItems(planId), store.deadlines(planId)]);
  const { plan } = own;
  if (!plan || !runsIn(plan, year)) return undefined;
  const fields = reportingFields(own.obligations);
  const reporting = new Set(fields.map((f) => f.obligationId));
  const partitions = (
    await Promise.all(
      deadlines.filter((d) => d.year === year && reporting.has(d.obligationId)).map((d) => store.deadline(d)),
    )
  ).flatMap((p) => (p ? [p] : []));
  const versions = partitions.flatMap((p) => p.submissions);
  const reports = latestReports(
    fields,
    versions,
    partitions.flatMap((p) => p.reviews),
  );
  const names = new Map(own.units.map((u) => [u.unitId, u.name]));
  for (const e of partitions.flatMap((p) => p.expectations)) names.set(e.unitId, e.unitName);
  const order = unitSorter(plan.unitOrder);
  // A target's units: those Biểu 6 gives a value, and those asked for a form reporting on it.
  const asked = new Map<string, Set<string>>();
  for (const p of partitions) {
    for (const f of fields.filter((x) => x.obligationId === p.definition.obligationId)) {
      const units = asked.get(f.targetId) ?? new Set<string>();
      for (const e of p.expectations) if (e.state !== "cancelled") units.add(e.unitId);
      asked.set(f.targetId, units);
    }
  }
  const stored = new Map(own.targets.map((t) => [t.targetId, t.target]));
  const ids = plan.targetIds ?? own.targets.map((t) => t.targetId);
  return {
    plan: headerOf(plan, year),
    targets: ids.flatMap((id) => {
      const target = stored.get(id);
      if (!target) return [];
      const unitIds = new Set([...target.perUnit.map((p) => p.unit), ...(asked.get(id) ?? [])]);
      const units = [...unitIds]
        .map((unitId) => ({ unitId, unitName: names.get(unitId) ?? unitId }))
        .sort(order);
      return [targetView(target, fields, units, reports.get(id))];
    }),
  };
}

/** The plan's audit log, newest first. */
export async function auditView(deps: ConsoleReadDeps, planId: string): Promise<AuditView | undefined> {
  const [plan, entries] = await Promise.all([
    deps.data.console.plan(planId),
    deps.data.console.audit(planId),
  ]);
  if (!plan) return undefined;
  return {
    plan: headerOf(plan, plan.year),
    entries: entries.map((a) => ({
      id: a.id,
      at: a.at,
      actor: a.actor,
      action: a.action,
      actionText: ACTION_TEXT[a.action],
      target: a.target,
      ...(a.before !== undefined && { before: a.before }),
      ...(a.after !== undefined && { after: a.after }),
      reason: a.reason,
    })),
  };
}

/**
 * Every plan an oversight body reads that runs in `year`, ranked by on-time rate. One Query gives
 * the plans and their figures snapshots; a plan-year whose snapshot is missing (never ranked, or
 * stored before snapshots existed) or older than `figuresFreshMs` is computed again from its
 * partition, as of now, and its snapshot put back. Each plan says when its figures were computed.
 */
export async function ranking(
  deps: ConsoleReadDeps,
  oversightId: string,
  year: number,
): Promise<RankingView | undefined> {
  const store = deps.data.console;
  const overseen = await store.oversight(oversightId);
  if (overseen.plans.length === 0) return undefined;
  const asOf = deps.now();
  const nowMs = asOf.getTime();
  const windowMs = deps.figuresFreshMs ?? FIGURES_FRESH_MS;
  const plans = overseen.plans.filter((p) =>
    runsIn({ year: p.year, untilYear: p.untilYear ?? p.year }, year),
  );
  const figures = new Map(
    overseen.figures
      .filter((f) => f.year === year && isFresh(f.at, nowMs, windowMs))
      .map((f) => [f.planId, { figures: f.figures, at: f.at }]),
  );
  const recomputed: PlanYearFiguresRecord[] = [];
  await mapConcurrent(
    plans.filter((p) => !figures.has(p.planId)),
    RANKING_CONCURRENCY,
    async (p) => {
      const items = await store.planYear(p.planId, year);
      const snapshot = {
        planId: p.planId,
        year,
        oversightId,
        figures: rankingFigures(items, nowMs),
        at: asOf.toISOString(),
      };
      recomputed.push(snapshot);
      figures.set(p.planId, snapshot);
    },
  );
  await store.saveFigures(recomputed);
  const ranked = plans.flatMap((p): RankedPlan[] => {
    const f = figures.get(p.planId);
    return f
      ? [
          {
            planId: p.planId,
            title: p.title,
            issuerName: p.names?.issuer ?? p.planId,
            year,
            ...f.figures,
            computedAt: f.at,
          },
        ]
      : [];
  });
  return {
    oversight: {
      id: oversightId,
      name: overseen.plans.find((p) => p.oversight)?.oversight?.name ?? oversightId,
    },
    year,
    asOf: asOf.toISOString(),
    plans: rankPlans(ranked),
  };
}

/**
 * The submissions of one deadline for the export: a row per unit asked, in plan order, with its
 * status and lateness, and its latest version's receipt, time, submitter and values.
 */
export async function submissionsTable(
  deps: ConsoleReadDeps,
  ref: DeadlineRef,
): Promise<SubmissionsTable | undefined> {
  const read = await readDeadline(deps, ref);
  if (!read) return undefined;
  const { plan, d } = read;
  const rows = read.units.map(({ e, mine, cell }) => {
    const latest = mine.find((s) => s.receipt === cell.latestReceipt);
    return {
      unitId: e.unitId,
      unitName: e.unitName,
      status: cell.status,
      ...(latest && {
        receipt: latest.receipt,
        submittedAt: latest.submittedAt,
        submitter: latest.submitter.name,
      }),
      ...(cell.lateDays !== undefined && { lateDays: cell.lateDays }),
      values: latest?.fields ?? {},
    };
  });
  return { plan: headerOf(plan, d.year), deadline: summaryOf(d), fields: d.form, rows };
}

/** The years a plan runs (the year of a console page must be one), from its cached record. */
export async function planYears(data: DataLayer, planId: string): Promise<number[]> {
  const plan = await data.console.plan(planId);
  return plan ? yearsOf(plan) : [];
}
