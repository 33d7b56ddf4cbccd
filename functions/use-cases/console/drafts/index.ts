/**
 * Plan intake in the console: drafts of plans, begun from a document, from a published plan moved
 * to a new year, or from a template; corrected row by row; published through the same publication
 * as the command line's. Only the standing body of a plan touches its drafts.
 */
export {
  type DraftDeps,
  type DraftErrorCode,
  type DraftFailure,
  type DraftResult,
  draftFor,
  type PlanCalendarStarter,
  planOfDraftId,
} from "./common";
export {
  createDraftFromDocument,
  createDraftFromPlan,
  createDraftFromTemplate,
  MAX_DOCUMENT_BYTES,
} from "./create";
export {
  type ObligationCorrection,
  removeDraftObligation,
  setDraftUnitContacts,
  updateDraftObligation,
} from "./edit";
export {
  discardDraft,
  draftYaml,
  type Published,
  type PublishOptions,
  publishable,
  publishDraft,
} from "./publish";
export { draftsView, draftViewFor, timingPreviewFor } from "./reads";
export { checkDraft, draftPlanOf, draftView, type PublishedPlan, previewTiming } from "./view";
