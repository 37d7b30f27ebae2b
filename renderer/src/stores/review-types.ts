import type {
  BankLineRow,
  BookItemRow,
  ConfidenceBand,
  DifferenceTreatmentName,
  MatchBankLineView,
  MatchBookItemView,
  MatchCounts,
  MatchDetail,
  MatchListFilter,
  MatchStatusName,
  MatchSummary,
  MethodOutput,
  Progress,
  ReconcileRun,
} from '../../../main/core/contract/index.js';
import type { MessageRef } from '../i18n/types.js';
import type { ErrorData } from './types.js';

/*
 * State of the review queue, the reconciliation run started from it and the manual match
 * builder. Kept apart from types.ts so each stays readable.
 */

/** What the queue lists: matches by status, or the bank lines no match takes. */
export type ReviewView = MatchListFilter | 'unmatched';
export type ReviewSort = 'value' | 'confidence' | 'date';
export type UnmatchedLine = MethodOutput<'matches.unmatched'>['rows'][number];

/** The queue's filters (the contract's query minus company and paging). */
export interface ReviewQuery {
  view: ReviewView;
  band: ConfidenceBand | null;
  search: string;
  sort: ReviewSort;
  /** Only matches with a bank line of this account (null: every account). */
  accountId: number | null;
}

/** Rows fetched in pages; `stale` holds the pages of the previous fetch while fresh ones arrive. */
export interface ReviewPages<R> {
  total: number | null;
  pages: Readonly<Record<number, readonly R[]>>;
  /** After a refresh (data changed), the old rows stay on screen until their page is fetched again. */
  stale: Readonly<Record<number, readonly R[]>> | null;
  loading: boolean;
  error: ErrorData;
  /** Bumped on every filter change or refresh: answers for an older generation are dropped. */
  generation: number;
}

export type DecisionAction = 'approve' | 'reject' | 'choose' | 'manual';

/** A decision this window made, newest last; `u` undoes the newest through matches.undo. */
export interface UndoEntry {
  matchId: number;
  action: DecisionAction;
  /** The status shown again while the undo is on its way. */
  fromStatus: MatchStatusName;
  /** The receipt toast offering Undo, dismissed once undone. */
  toastId: number | null;
}

/** A reconciliation run this window started: progress while it runs, then what it did. */
export interface ReconcileTask {
  taskId: string;
  companyId: number;
  running: boolean;
  cancelling: boolean;
  stage: string;
  done: number;
  total: number | null;
  result: ReconcileRun | null;
  error: ErrorData;
}

/** "Approve band": the random sample to spot-check, then the token that approves the band. */
export interface BandReview {
  band: ConfidenceBand;
  loading: boolean;
  /** Given with the sample; approving the band needs it (null until the sample was shown). */
  token: string | null;
  total: number;
  sample: MatchSummary[];
  approving: boolean;
  error: ErrorData;
}

export interface ReviewSelection {
  index: number;
  /** The id of the row at `index`, once its page is loaded. */
  id: number | null;
}

export interface ReviewSlice {
  /** The company the queue shows (null: not opened yet). */
  reviewCompanyId: number | null;
  reviewQuery: ReviewQuery;
  reviewRows: ReviewPages<MatchSummary>;
  unmatchedRows: ReviewPages<UnmatchedLine>;
  reviewCounts: MatchCounts | null;
  /** The company's auto-approve threshold (drawn on every confidence bar). */
  reviewThreshold: number;
  reviewLastRun: ReconcileRun | null;
  reviewSelection: ReviewSelection | null;
  /** The selected match with its alternatives and history (null while loading or in the unmatched view). */
  reviewDetail: MatchDetail | null;
  reviewDetailError: ErrorData;
  /** Statuses shown before the core confirms a decision, by match id; dropped again on failure. */
  reviewOptimistic: Readonly<Record<number, MatchStatusName>>;
  reviewUndo: readonly UndoEntry[];
  /** The latest decision's result, for the screen's live region. */
  reviewAnnouncement: { seq: number; message: MessageRef } | null;
  bandReview: BandReview | null;
  /** Opens the queue of a company (keeps filters when it is the one already open) and loads it. */
  openReview(companyId: number): void;
  setReviewQuery(change: Partial<ReviewQuery>): void;
  /** Loads the pages that hold rows [start, end) of the current view, if not loaded yet. */
  ensureReviewRows(start: number, end: number): Promise<void>;
  selectReviewRow(index: number): void;
  /** Moves the selection by `step` rows (j/k, arrows), staying inside the list. */
  moveReviewSelection(step: number): void;
  loadReviewCounts(): Promise<void>;
  /** Data changed: counts again, and the rows on screen fetched again (kept visible meanwhile). */
  refreshReview(): void;
  /** Decisions act on the given match, or on the selected one. Optimistic, undoable. */
  approveMatch(id?: number): Promise<boolean>;
  rejectMatch(id?: number): Promise<boolean>;
  /** Approves the alternative with this contract index instead of the proposal. */
  chooseAlternative(index: number, id?: number): Promise<boolean>;
  undoDecision(matchId: number): Promise<boolean>;
  /** Undoes the newest decision of this window (or, with none, the newest undoable toast). */
  undoLastDecision(): Promise<boolean>;
  /** Records a decision made elsewhere (the manual builder) so that `u` can undo it. */
  recordDecision(detail: MatchDetail, action: DecisionAction, fromStatus: MatchStatusName): void;
  openBandReview(band: ConfidenceBand): Promise<void>;
  /** Approves the band whose sample is shown; refused without the sample's token. */
  approveBand(): Promise<boolean>;
  closeBandReview(): void;
}

export interface ReconcileSlice {
  reconcileTask: ReconcileTask | null;
  /** Runs the engine over the current company (or the queue's account); progress arrives as events. */
  startReconcile(): Promise<void>;
  cancelReconcile(): Promise<void>;
  onReconcileProgress(progress: Progress): void;
  dismissReconcileResult(): void;
}

/** A bank line in the manual builder. */
export type ManualBankLine = MatchBankLineView;
/** A books item in the manual builder, with the amount the match gives it (signed like the item). */
/** A books item in the builder; items found by its search also bring their payment reference. */
export type ManualItem = Omit<MatchBookItemView, 'allocatedMinor'> & { paymentReference?: string | null };
export interface ManualAllocation {
  item: ManualItem;
  amountMinor: number;
}

export type ManualSide = 'books' | 'bank';

/** The search of the manual builder: open books items, or bank lines of one account. */
export interface ManualSearchQuery {
  side: ManualSide;
  /** Bank side: the account searched. */
  accountId: number | null;
  text: string;
  minAmountMinor: number | null;
  maxAmountMinor: number | null;
  from: string | null;
  to: string | null;
  status: 'unmatched' | 'pending';
}

export interface ManualSearchResults {
  query: ManualSearchQuery;
  books: BookItemRow[];
  bank: BankLineRow[];
  total: number | null;
  loading: boolean;
  error: ErrorData;
}

export interface ManualRuleDraft {
  enabled: boolean;
  bankText: string;
  counterpartyName: string;
  taxId: string;
}

/** A match being built by hand. */
export interface ManualDraft {
  companyId: number;
  bankLines: ManualBankLine[];
  allocations: ManualAllocation[];
  treatment: DifferenceTreatmentName;
  writeOffAccount: string;
  note: string;
  rule: ManualRuleDraft;
  submitting: boolean;
  error: ErrorData;
}

/**
 * Where the builder starts: bank lines (an unmatched one, or a proposal's with its books items and
 * what it allocated to them, to adjust), or a books item.
 */
export type ManualOrigin = { bankLines: readonly ManualBankLine[]; books?: readonly MatchBookItemView[] } | { item: ManualItem };

export interface ManualMatchSlice {
  manualDraft: ManualDraft | null;
  manualSearch: ManualSearchResults;
  openManualMatch(origin: ManualOrigin): void;
  closeManualMatch(): void;
  /** Changes the search and fetches its first results. */
  setManualSearch(change: Partial<ManualSearchQuery>): Promise<void>;
  toggleManualBankLine(line: ManualBankLine): void;
  toggleManualItem(item: ManualItem): void;
  /** Sets what the match gives an item (signed like the item). */
  setManualAllocation(itemId: number, amountMinor: number): void;
  setManualTreatment(treatment: DifferenceTreatmentName): void;
  setManualField(change: Partial<Pick<ManualDraft, 'writeOffAccount' | 'note'>>): void;
  setManualRule(change: Partial<ManualRuleDraft>): void;
  /** Sends the match to the core; true when it was created. */
  submitManualMatch(): Promise<boolean>;
}
