/** The console's pages: pure functions from a view model (shared/console/model.ts) to HTML. */
export { auditPage } from "./audit";
export { deadlinePage } from "./deadline";
export {
  DRAFT_PREVIEW_SCRIPT_HASH,
  DRAFT_PREVIEW_SCRIPTS,
  draftObligationPage,
  draftPage,
  draftsPage,
  draftUnitsPage,
} from "./drafts";
export { heatmapPage } from "./heatmap";
export type { ConsoleContext } from "./layout";
export { overviewPage } from "./overview";
export { rankingPage } from "./ranking";
export { consoleErrorPage, signInPage } from "./sign-in";
export { submissionPage } from "./submission";
export { targetsPage } from "./targets";
export { unitPage } from "./unit";
export { type ConsoleUrls, consoleUrls, type ExportFormat } from "./urls";
