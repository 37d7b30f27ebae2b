import { z } from 'zod';
import { bookItemKindSchema } from './books-schemas.js';
import { currencySchema, idSchema, isoDateSchema, isoDateTimeSchema } from './values.js';

// ---- Reconciliation: runs, matches, decisions, learning, settings, locks, report ----

/** Where a match stands: the engine's verdicts and people's decisions. */
export const matchStatuses = ['proposed', 'auto_approved', 'pending_review', 'approved', 'rejected', 'superseded'] as const;
export const matchStatusSchema = z.enum(matchStatuses);
export type MatchStatusName = z.infer<typeof matchStatusSchema>;

export const matchKindSchema = z.enum(['exact', 'reference', 'fuzzy', 'semantic', 'combination', 'transfer', 'manual']);
export const differenceTreatmentSchema = z.enum(['none', 'fee', 'rounding', 'fx', 'write_off']);
export type DifferenceTreatmentName = z.infer<typeof differenceTreatmentSchema>;

/** Confidence bands of the review queue: high ≥ 0.9, medium ≥ 0.6, low below. */
export const confidenceBandSchema = z.enum(['high', 'medium', 'low']);
export type ConfidenceBand = z.infer<typeof confidenceBandSchema>;

/** One reason: a stable code with its values (screens translate it) and the English sentence. */
export const matchReasonSchema = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  text: z.string(),
});
export type MatchReason = z.infer<typeof matchReasonSchema>;

/** A bank line as a match shows it. */
export const matchBankLineSchema = z.object({
  id: idSchema,
  /** The bank's own id or the id the input file gave the line. */
  bankId: z.string().nullable(),
  accountId: idSchema,
  bookingDate: isoDateSchema,
  amountMinor: z.number().int(),
  currency: currencySchema,
  description: z.string(),
  counterpartyName: z.string().nullable(),
});
export type MatchBankLineView = z.infer<typeof matchBankLineSchema>;

/** A books item as a match shows it, with what the match allocates to it. */
export const matchBookItemSchema = z.object({
  id: idSchema,
  externalId: z.string().nullable(),
  kind: bookItemKindSchema,
  accountId: idSchema.nullable(),
  documentNumber: z.string().nullable(),
  date: isoDateSchema,
  dueDate: isoDateSchema.nullable(),
  amountMinor: z.number().int(),
  /** Open before this match (the books' open amount less other approved matches). */
  openAmountMinor: z.number().int(),
  allocatedMinor: z.number().int(),
  currency: currencySchema,
  description: z.string(),
  counterpartyName: z.string().nullable(),
  taxId: z.string().nullable(),
});
export type MatchBookItemView = z.infer<typeof matchBookItemSchema>;

/** A match in a list. */
export const matchSummarySchema = z.object({
  id: idSchema,
  companyId: idSchema,
  runId: idSchema.nullable(),
  kind: matchKindSchema,
  status: matchStatusSchema,
  confidence: z.number().min(0).max(1),
  band: confidenceBandSchema,
  currency: currencySchema,
  bankTotalMinor: z.number().int(),
  differenceMinor: z.number().int(),
  differenceTreatment: differenceTreatmentSchema,
  writeOffAccount: z.string().nullable(),
  bank: z.array(matchBankLineSchema),
  books: z.array(matchBookItemSchema),
  reasons: z.array(matchReasonSchema),
  alternativeCount: z.number().int().nonnegative(),
  createdAt: isoDateTimeSchema,
  decidedBy: z.string().nullable(),
  decidedAt: isoDateTimeSchema.nullable(),
  /** Whether the latest decision can be undone (and by this match's id). */
  canUndo: z.boolean(),
});
export type MatchSummary = z.infer<typeof matchSummarySchema>;

/** Another way to explain the same bank line(s). */
export const matchAlternativeSchema = z.object({
  index: z.number().int().nonnegative(),
  kind: matchKindSchema,
  confidence: z.number().min(0).max(1),
  differenceMinor: z.number().int(),
  books: z.array(matchBookItemSchema),
  bank: z.array(matchBankLineSchema),
  reasons: z.array(matchReasonSchema),
});
export type MatchAlternativeView = z.infer<typeof matchAlternativeSchema>;

export const matchDecisionSchema = z.object({
  id: idSchema,
  action: z.enum(['auto_approve', 'approve', 'reject', 'choose_alternative', 'manual', 'undo']),
  fromStatus: z.string(),
  toStatus: z.string(),
  username: z.string(),
  at: isoDateTimeSchema,
  undone: z.boolean(),
});

/** One match with its alternatives and history. */
export const matchDetailSchema = matchSummarySchema.extend({
  alternatives: z.array(matchAlternativeSchema),
  decisions: z.array(matchDecisionSchema),
  engineVersion: z.string().nullable(),
  note: z.string().nullable(),
});
export type MatchDetail = z.infer<typeof matchDetailSchema>;

/** Filters of the review queue. */
export const matchListFilterSchema = z.enum(['review', 'auto_approved', 'approved', 'rejected', 'decided', 'all']);
export type MatchListFilter = z.infer<typeof matchListFilterSchema>;

export const matchesQuerySchema = z.object({
  companyId: idSchema,
  /** Only matches with a bank line of this account. */
  accountId: idSchema.nullable().default(null),
  filter: matchListFilterSchema.default('review'),
  band: confidenceBandSchema.nullable().default(null),
  /** Only the proposals of one run. */
  runId: idSchema.nullable().default(null),
  search: z.string().trim().max(200).default(''),
  /** 'value': largest bank amount first (most valuable first); 'confidence': highest first; 'date'. */
  sort: z.enum(['value', 'confidence', 'date']).default('value'),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().min(1).max(1000).default(100),
}).strict();

/** Counts for the queue's tabs and the overview. */
export const matchCountsSchema = z.object({
  byStatus: z.object({
    pending_review: z.number().int(),
    auto_approved: z.number().int(),
    approved: z.number().int(),
    rejected: z.number().int(),
  }),
  /** Pending proposals by confidence band. */
  reviewByBand: z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int() }),
  bankLines: z.object({ matched: z.number().int(), pending: z.number().int(), unmatched: z.number().int() }),
  openBookItems: z.number().int(),
});
export type MatchCounts = z.infer<typeof matchCountsSchema>;

/** A bank line no match takes, with what the last run suggested. */
export const unmatchedLineSchema = matchBankLineSchema.extend({
  suggestedTreatment: z.enum(['bank_charge', 'interest', 'tax', 'transfer']).nullable(),
  reasons: z.array(matchReasonSchema),
});

/** What a run did. */
export const reconcileRunSchema = z.object({
  id: idSchema,
  companyId: idSchema,
  status: z.enum(['running', 'done', 'cancelled', 'failed', 'abandoned']),
  stage: z.string(),
  engineVersion: z.string(),
  parameters: z.object({ threshold: z.number(), tolerancePercent: z.number(), dateWindowDays: z.object({ before: z.number(), after: z.number() }) }),
  resumedCount: z.number().int(),
  startedBy: z.string(),
  startedAt: isoDateTimeSchema,
  finishedAt: isoDateTimeSchema.nullable(),
  counts: z.object({
    bankLines: z.number().int(),
    bookItems: z.number().int(),
    proposals: z.number().int(),
    autoApproved: z.number().int(),
    pendingReview: z.number().int(),
    unmatchedBank: z.number().int(),
    /** Pending proposals of earlier runs replaced by this one. */
    refreshed: z.number().int(),
  }).nullable(),
  diagnostics: z.array(z.object({ level: z.enum(['info', 'warning']), code: z.string(), message: z.string() })),
  error: z.string().nullable(),
});
export type ReconcileRun = z.infer<typeof reconcileRunSchema>;

export const reconcileStartInputSchema = z.object({
  companyId: idSchema,
  /** Only these accounts' bank lines (null: every account of the company). */
  accountIds: z.array(idSchema).min(1).nullable().default(null),
  threshold: z.number().gt(0).max(1).nullable().default(null),
  tolerancePercent: z.number().min(0).max(50).nullable().default(null),
  dateWindowDays: z.number().int().min(0).max(3650).nullable().default(null),
  taskId: z.string().trim().min(1).max(64).nullable().default(null),
  /** The semantic pass over what the deterministic stages leave (embedding similarity of texts). */
  semantic: z.boolean().default(true),
  /** The embedder of this run's semantic pass: 'local', 'openai' (the host's override or the firm's server), null = the firm's settings. */
  embedder: z.enum(['local', 'openai']).nullable().default(null),
}).strict();

/** A manual match: bank lines against books items with allocations and a difference treatment. */
export const manualMatchInputSchema = z.object({
  companyId: idSchema,
  bankLineIds: z.array(idSchema).min(1).max(200),
  allocations: z.array(z.object({ bookItemId: idSchema, amountMinor: z.number().int() })).max(500),
  differenceTreatment: differenceTreatmentSchema.default('none'),
  writeOffAccount: z.string().trim().min(1).max(64).nullable().default(null),
  note: z.string().trim().max(500).nullable().default(null),
  /** Save "when the bank text contains … use counterparty …" for next time. */
  rule: z.object({
    bankText: z.string().trim().min(3).max(200),
    counterpartyName: z.string().trim().min(1).max(200).nullable().default(null),
    taxId: z.string().trim().min(1).max(32).nullable().default(null),
  }).nullable().default(null),
}).strict();

export const learnedAliasSchema = z.object({
  id: idSchema,
  bankText: z.string(),
  counterpartyName: z.string().nullable(),
  taxId: z.string().nullable(),
  source: z.enum(['approval', 'rule']),
  timesUsed: z.number().int(),
  createdBy: z.string(),
  createdAt: isoDateTimeSchema,
});
export const rejectedPairSchema = z.object({
  id: idSchema,
  bankLine: matchBankLineSchema,
  bookItemId: idSchema,
  bookItemLabel: z.string(),
  rejectedBy: z.string(),
  rejectedAt: isoDateTimeSchema,
});

export const matchingSettingsSchema = z.object({
  threshold: z.number().gt(0).max(1),
  tolerancePercent: z.number().min(0).max(50),
  feeToleranceMinor: z.number().int().min(0),
  dateWindowBefore: z.number().int().min(0).max(3650),
  dateWindowAfter: z.number().int().min(0).max(3650),
});
export type MatchingSettings = z.infer<typeof matchingSettingsSchema>;

export const periodLockSchema = z.object({
  accountId: idSchema,
  lockedThrough: isoDateSchema,
  lockedBy: z.string(),
  lockedAt: isoDateTimeSchema,
});

/** One outstanding line or entry of the report, with its age in days at the report date. */
export const outstandingSchema = z.object({
  id: idSchema,
  /** The id of the input file, when it gave one. */
  externalId: z.string().nullable(),
  date: isoDateSchema,
  amountMinor: z.number().int(),
  description: z.string(),
  ageDays: z.number().int(),
});

/** The reconciliation of one bank account at a date. */
export const reconciliationReportSchema = z.object({
  accountId: idSchema,
  accountName: z.string(),
  iban: z.string().nullable(),
  currency: currencySchema,
  to: isoDateSchema,
  /** The bank's balance at `to` (closing of the last statement on or before it, plus later lines up to it); null when no statement gives one. */
  statementBalanceMinor: z.number().int().nullable(),
  statementBalanceDate: isoDateSchema.nullable(),
  /** The ledger balance of the bank account (null when no ledger entries of the account were imported). */
  booksBalanceMinor: z.number().int().nullable(),
  outstandingBank: z.array(outstandingSchema),
  outstandingBooks: z.array(outstandingSchema),
  outstandingBankTotalMinor: z.number().int(),
  outstandingBooksTotalMinor: z.number().int(),
  /** statement − books − Σ outstanding bank + Σ outstanding books (0 when reconciled). */
  unexplainedMinor: z.number().int().nullable(),
  lockedThrough: isoDateSchema.nullable(),
  generatedAt: isoDateTimeSchema,
});
export type ReconciliationReport = z.infer<typeof reconciliationReportSchema>;
