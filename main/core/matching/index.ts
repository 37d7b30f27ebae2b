/**
 * The matching engine's public surface: pure functions over plain inputs (no SQL, no I/O).
 * `reconcile` runs everything; `startRun` / `prepareRun` / `advanceRun` run it stage by stage
 * with a checkpointable state; `renderReason` turns a reason into English.
 */
export type * from './types.js';
export { ENGINE_VERSION, DEFAULT_PARAMETERS, DEFAULT_LIMITS, resolveParameters, toleranceFor, type MatchParameterOverrides } from './params.js';
export { reconcile, startRun, prepareRun, advanceRun, runToEnd, runProgress, canResume, MATCH_STAGES, type MatchRunState, type MatchStage, type RunOptions, type RunProgress } from './run.js';
export { DEFAULT_MODEL, compileModel, PAIR_FEATURES, CALIBRATION_FEATURES, type MatchModel, type ModelFile } from './model.js';
export { renderReason } from './reasons.js';
export { aliasTextOf } from './prepare-bank.js';
export { foldText, nameTokens, descriptionTokens } from './text.js';
export { extractTextEvidence, documentKeys, isValidRfc, canonicalTaxId } from './references.js';
/** Drafts and the assignment are part of a run's checkpoint (plain data). */
export type { Draft, DraftKind } from './draft.js';
export type { AssignmentState } from './assignment.js';
export { referencesToList, toMatchBankLine, toMatchBookItem } from './adapters.js';
export { semanticPass, bankLineText, bookItemText, DEFAULT_SEMANTIC_OPTIONS, type SemanticSearch, type SemanticOptions, type SemanticStats } from './semantic.js';
