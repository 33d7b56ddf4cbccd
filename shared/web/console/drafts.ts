/** Plan intake in the console: the drafts, a draft's review, one row's correction, the units' contacts. */

export { draftPage } from "./draft-review";
export {
  DRAFT_PREVIEW_SCRIPT_HASH,
  DRAFT_PREVIEW_SCRIPTS,
  draftObligationPage,
  type RowProblem,
} from "./draft-row";
export { draftUnitsPage } from "./draft-units";
export { draftsPage } from "./drafts-list";
