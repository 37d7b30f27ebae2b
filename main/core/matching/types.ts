/**
 * Plain data in and out of the matching engine. Everything here survives a JSON round trip:
 * money is integer minor units, dates are YYYY-MM-DD, ids are the caller's strings. The engine
 * never reads a database; the core feeds it these shapes and stores what it returns.
 */
import type { BookItemKind, PaymentEvidence } from '../importers/books-types.js';

/** One bank statement line as the engine sees it. Signed amount: positive = money in. */
export interface MatchBankLine {
  id: string;
  /** The company's bank account the line belongs to (own-account transfers pair two accounts). */
  accountId: string;
  bookingDate: string;
  valueDate: string | null;
  amountMinor: number;
  currency: string;
  /** The bank's free text, as imported. */
  description: string;
  counterpartyName?: string;
  counterpartyIban?: string;
  counterpartyTaxId?: string;
  /** Structured references the format carried (end-to-end id, creditor reference, …), as text. */
  references: string[];
  /** Set when the importer or a rule already knows the line moves money between own accounts. */
  isOwnAccountTransfer?: boolean;
}

/** One open books item (invoice, credit note, ledger entry). Signed: positive = money expected in. */
export interface MatchBookItem {
  id: string;
  kind: BookItemKind;
  date: string;
  dueDate: string | null;
  /** Signed amount still open, in minor units of `currency`. */
  openAmountMinor: number;
  currency: string;
  counterpartyName?: string;
  taxId?: string;
  documentNumber?: string;
  paymentReference?: string;
  /** CFDI timbre UUID (any case, with or without dashes). */
  cfdiUuid?: string;
}

/** A bank account of the company itself (so a payment to it is a transfer, not a supplier). */
export interface OwnAccount {
  accountId: string;
  iban?: string;
  number?: string;
  /** A credit on a card account is almost always its settlement from another own account. */
  kind?: 'current' | 'card' | 'savings';
}

/** Learned from an approval: this bank text stands for this counterparty. */
export interface LearnedAlias {
  bankText: string;
  counterpartyName?: string;
  taxId?: string;
}

/** Learned from a rejection: a person said this bank line does not pay this item. */
export interface RejectedPair {
  bankId: string;
  bookId: string;
}

/** Units of `to` per unit of `from` on `date` (the engine uses the latest rate on or before the bank date). */
export interface FxRate {
  from: string;
  to: string;
  date: string;
  rate: number;
}

/** Everything one run looks at. */
export interface MatchInput {
  bankLines: readonly MatchBankLine[];
  bookItems: readonly MatchBookItem[];
  /** CFDI payment complements (importers' PaymentEvidence). */
  payments?: readonly PaymentEvidence[];
  aliases?: readonly LearnedAlias[];
  rejectedPairs?: readonly RejectedPair[];
  ownAccounts?: readonly OwnAccount[];
}

/** Bounds of the search; when one is hit the engine says so in a diagnostic. */
export interface MatchLimits {
  /** Items (or lines) one subset-sum search may consider. */
  maxCombinationPool: number;
  /** Items (or lines) in one combination. */
  maxCombinationSize: number;
  /** Subset sums one search may enumerate. */
  maxSubsetSums: number;
  /** Wall-clock budget of the whole combination stage, in milliseconds. */
  combinationTimeBudgetMs: number;
  /** 1:1 candidates kept per bank line after scoring (the best one plus alternatives). */
  maxCandidatesPerLine: number;
  /** Alternatives shown with each proposal. */
  maxAlternatives: number;
}

/** Tuning of one run (per company; the CLI may override some for one run). */
export interface MatchParameters {
  /** Auto-approve at or above this confidence (and only with a strong signal). */
  threshold: number;
  /** A full settlement may differ from the open amount by this percent of it… */
  tolerancePercent: number;
  /** …or by this many minor units (bank fees deducted), whichever is larger. */
  feeToleranceMinor: number;
  /** Differences up to this many minor units are rounding. */
  roundingMinor: number;
  /** How far before an item's date and after its due date (or date) a payment may fall. */
  dateWindowDays: { before: number; after: number };
  /** Days between the two legs of a transfer between own accounts. */
  transferWindowDays: number;
  /** Extra tolerance on payments in another currency, percent of the converted amount. */
  fxTolerancePercent: number;
  fxRates: FxRate[];
  limits: MatchLimits;
}

/** How a proposal's difference is booked. */
export type DifferenceTreatment = 'none' | 'fee' | 'rounding' | 'fx' | 'write_off';
/** What kind of evidence a proposal rests on ('manual' is for matches people build). */
export type ProposalKind = 'exact' | 'reference' | 'fuzzy' | 'semantic' | 'combination' | 'transfer' | 'manual';
/** The engine's verdict; people's decisions (approved, rejected, …) are the core's. */
export type ProposalStatus = 'auto_approved' | 'pending_review';

/** Closed list of explanation codes; `renderReason` turns one into an English sentence. */
export type ReasonCode =
  | 'amount_exact'
  | 'amount_difference'
  | 'partial_payment'
  | 'date_gap'
  | 'paid_before_document'
  | 'counterparty_match'
  | 'counterparty_weak'
  | 'counterparty_unknown'
  | 'reference_match'
  | 'tax_id_match'
  | 'alias_match'
  | 'payment_complement'
  | 'fx_conversion'
  | 'combination'
  | 'credit_note_netted'
  | 'instalments'
  | 'own_account_transfer'
  | 'ambiguous'
  | 'tie'
  | 'rejected_before'
  | 'no_strong_signal'
  | 'suggest_treatment'
  | 'no_candidate'
  | 'semantic_similarity'
  | 'semantic_counterparty';

/** One reason with the values its sentence needs (amounts as decimal strings). */
export interface Reason {
  code: ReasonCode;
  params: Record<string, string | number>;
}

/** How much of one books item a proposal settles, in the item's currency. */
export interface Allocation {
  bookId: string;
  amountMinor: number;
}

/** Another way to explain the same bank line(s), ranked best first. */
export interface MatchAlternative {
  bankIds: string[];
  bookIds: string[];
  allocations: Allocation[];
  differenceMinor: number;
  confidence: number;
  kind: ProposalKind;
  reasons: Reason[];
}

/** A proposed match: 1..n bank lines against 0..m items (0 for a transfer between own accounts). */
export interface MatchProposal {
  /** Stable within a run: derived from the ids it links. */
  id: string;
  bankIds: string[];
  bookIds: string[];
  allocations: Allocation[];
  /** Σ bank amounts − Σ allocations (converted to the bank currency), in bank minor units. */
  differenceMinor: number;
  differenceTreatment: DifferenceTreatment;
  /** Calibrated probability that this is the right match. */
  confidence: number;
  kind: ProposalKind;
  status: ProposalStatus;
  reasons: Reason[];
  alternatives: MatchAlternative[];
}

/** What a line with no books counterpart probably is. */
export type UnmatchedTreatment = 'bank_charge' | 'interest' | 'tax' | 'transfer';

/** A bank line no proposal could take, with what it probably is. */
export interface UnmatchedBankLine {
  bankId: string;
  suggestedTreatment: UnmatchedTreatment | null;
  reasons: Reason[];
  /** Weak candidates that were not good enough to propose (best first). */
  candidates: MatchAlternative[];
}

/** Something a person (or the log) should know about the run, e.g. a search that gave up. */
export interface MatchDiagnostic {
  level: 'info' | 'warning';
  code: 'combination_pool_truncated' | 'combination_sum_cap' | 'combination_time_budget' | 'complement_unmatched' | 'semantic_fallback';
  message: string;
  bankId?: string;
  bookId?: string;
}

/** What a finished run returns. */
export interface MatchResult {
  engineVersion: string;
  modelVersion: string;
  parameters: MatchParameters;
  proposals: MatchProposal[];
  unmatchedBank: UnmatchedBankLine[];
  /** Items still (partly) open after the proposals, with what remains. */
  openBooks: Allocation[];
  diagnostics: MatchDiagnostic[];
  stats: MatchStats;
}

/** Counts and timings of a run. */
export interface MatchStats {
  bankLines: number;
  bookItems: number;
  candidatesScored: number;
  drafts: number;
  proposals: number;
  autoApproved: number;
  pendingReview: number;
  unmatchedBank: number;
  stageMs: Record<string, number>;
}
