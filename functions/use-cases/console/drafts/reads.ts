/**
 * The console's reads of drafts: the drafts page (one Query per plan the user acts on, and each
 * plan's record), one draft with what publishing it would change (the plan published under its
 * id, read back from its kept copy, and its units' contacts now), and the live preview of a timing
 * phrase.
 */
import type { ConsoleUser } from "../../../../shared/console/access";
import type { DraftsView, DraftView, TimingPreview } from "../../../../shared/console/model";
import { PlanFile } from "../../../../shared/plan/schema";
import { listTemplates } from "../../../../shared/plan/templates";
import { type DraftDeps, type DraftFailure, draftFor, FORBIDDEN, isFailure, runningUnitsOf } from "./common";
import { MAX_DOCUMENT_BYTES } from "./create";
import { draftSummary, draftView, type PublishedPlan, previewTiming } from "./view";

export async function draftsView(deps: DraftDeps, user: ConsoleUser): Promise<DraftsView | DraftFailure> {
  if (user.role !== "standing-body") return FORBIDDEN;
  // A standing body acts on a few plans: two reads each, at once.
  const plans = await Promise.all(
    user.plans.map(async (planId) => {
      const [record, drafts] = await Promise.all([
        deps.data.plans.record(planId),
        deps.data.drafts.ofPlan(planId),
      ]);
      return { planId, record, drafts };
    }),
  );
  return {
    drafts: plans.flatMap(({ planId, record, drafts }) =>
      drafts.map((d) => draftSummary(d, record ? { planId } : undefined)),
    ),
    plans: plans.map(({ planId, record }) => ({
      planId,
      ...(record && { title: record.title, year: record.year }),
      published: record !== undefined,
    })),
    templates: await listTemplates(deps.templatesDir),
    maxDocumentBytes: MAX_DOCUMENT_BYTES,
  };
}

/** The plan published under a draft's id, with its file when a copy is kept, and its units now. */
async function publishedUnder(deps: DraftDeps, planId: string): Promise<PublishedPlan | undefined> {
  const record = await deps.data.plans.record(planId);
  if (!record) return undefined;
  const [copy, running] = await Promise.all([
    deps.data.plans.file(planId),
    runningUnitsOf(deps, planId, record),
  ]);
  const file = copy && PlanFile.safeParse(JSON.parse(copy.file));
  return { planId, ...(file?.success && { file: file.data }), ...(running && { running }) };
}

export async function draftViewFor(
  deps: DraftDeps,
  user: ConsoleUser,
  draftId: string,
): Promise<DraftView | DraftFailure> {
  const draft = await draftFor(deps, user, draftId);
  if (isFailure(draft)) return draft;
  return draftView(draft, await publishedUnder(deps, draft.planId));
}

export async function timingPreviewFor(
  deps: DraftDeps,
  user: ConsoleUser,
  draftId: string,
  timing: string,
): Promise<TimingPreview | DraftFailure> {
  const draft = await draftFor(deps, user, draftId);
  if (isFailure(draft)) return draft;
  return previewTiming(draft, timing.slice(0, 500));
}
