/**
 * The console's addresses, built from the routes in functions/routes.ts: every path segment taken
 * from data is percent-encoded, so an id or a period ("2025-03/2025-07") can never change the
 * route it lands on. `basePath` is a prefix the deployment adds (an API stage), without a
 * trailing slash.
 */

const seg = (value: string): string => encodeURIComponent(value);
const withYear = (path: string, year?: number): string =>
  year === undefined ? path : `${path}?year=${year}`;

export interface ConsoleUrls {
  home(): string;
  signIn(next?: string): string;
  signOut(): string;
  overview(planId: string, year?: number): string;
  heatmap(planId: string, year?: number): string;
  deadline(planId: string, obligationId: string, period: string): string;
  extend(planId: string, obligationId: string, period: string): string;
  waive(planId: string, obligationId: string, period: string): string;
  remind(planId: string, obligationId: string, period: string): string;
  submission(planId: string, instanceId: string, receipt: string): string;
  accept(planId: string, instanceId: string, receipt: string): string;
  return(planId: string, instanceId: string, receipt: string): string;
  unit(planId: string, unitId: string): string;
  contacts(planId: string, unitId: string): string;
  targets(planId: string, year?: number): string;
  audit(planId: string): string;
  ranking(oversightId: string, year?: number): string;
  timelinessExport(planId: string, year: number, format: ExportFormat): string;
  submissionsExport(planId: string, obligationId: string, period: string, format: ExportFormat): string;
  auditExport(planId: string, format: ExportFormat): string;
  /** Plan intake: the drafts page (GET) and where new drafts are posted (POST). */
  drafts(): string;
  draft(draftId: string): string;
  /** A draft's obligation: its correction form (GET) and where the correction is posted. */
  draftObligation(draftId: string, obligationId: string): string;
  draftObligationRemove(draftId: string, obligationId: string): string;
  draftUnits(draftId: string): string;
  draftUnit(draftId: string, unitId: string): string;
  draftPublish(draftId: string): string;
  draftDiscard(draftId: string): string;
  draftYaml(draftId: string): string;
  /** JSON: the dates a timing phrase gives, for the live preview while a row is corrected. */
  draftPreview(draftId: string, timing: string): string;
}

export type ExportFormat = "csv" | "xlsx";

export function consoleUrls(basePath = ""): ConsoleUrls {
  const base = basePath.replace(/\/+$/, "");
  const c = `${base}/console`;
  const plan = (planId: string) => `${c}/plans/${seg(planId)}`;
  const deadline = (planId: string, o: string, p: string) => `${plan(planId)}/deadlines/${seg(o)}/${seg(p)}`;
  const submission = (planId: string, i: string, r: string) =>
    `${plan(planId)}/submissions/${seg(i)}/${seg(r)}`;
  const unit = (planId: string, u: string) => `${plan(planId)}/units/${seg(u)}`;
  const draft = (d: string) => `${c}/drafts/${seg(d)}`;
  const draftObligation = (d: string, o: string) => `${draft(d)}/obligations/${seg(o)}`;
  return {
    home: () => c,
    signIn: (next) => (next ? `${c}/sign-in?next=${encodeURIComponent(next)}` : `${c}/sign-in`),
    signOut: () => `${c}/sign-out`,
    overview: (planId, year) => withYear(plan(planId), year),
    heatmap: (planId, year) => withYear(`${plan(planId)}/heatmap`, year),
    deadline,
    extend: (planId, o, p) => `${deadline(planId, o, p)}/extend`,
    waive: (planId, o, p) => `${deadline(planId, o, p)}/waive`,
    remind: (planId, o, p) => `${deadline(planId, o, p)}/remind`,
    submission,
    accept: (planId, i, r) => `${submission(planId, i, r)}/accept`,
    return: (planId, i, r) => `${submission(planId, i, r)}/return`,
    unit,
    contacts: (planId, u) => `${unit(planId, u)}/contacts`,
    targets: (planId, year) => withYear(`${plan(planId)}/targets`, year),
    audit: (planId) => `${plan(planId)}/audit`,
    ranking: (oversightId, year) => withYear(`${c}/oversight/${seg(oversightId)}`, year),
    timelinessExport: (planId, year, format) => `${plan(planId)}/timeliness.${format}?year=${year}`,
    submissionsExport: (planId, o, p, format) => `${deadline(planId, o, p)}/submissions.${format}`,
    auditExport: (planId, format) => `${plan(planId)}/audit.${format}`,
    drafts: () => `${c}/drafts`,
    draft,
    draftObligation,
    draftObligationRemove: (d, o) => `${draftObligation(d, o)}/remove`,
    draftUnits: (d) => `${draft(d)}/units`,
    draftUnit: (d, u) => `${draft(d)}/units/${seg(u)}`,
    draftPublish: (d) => `${draft(d)}/publish`,
    draftDiscard: (d) => `${draft(d)}/discard`,
    draftYaml: (d) => `${draft(d)}/plan.yaml`,
    draftPreview: (d, timing) =>
      `${base}/api/console/drafts/${seg(d)}/preview?timing=${encodeURIComponent(timing)}`,
  };
}
