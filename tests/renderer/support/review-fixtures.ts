import type {
  MatchBankLineView,
  MatchBookItemView,
  MatchCounts,
  MatchDetail,
  MatchSummary,
  MethodInput,
  ReconcileRun,
} from '../../../main/core/contract/index.js';
import type { UnmatchedLine } from '../../../renderer/src/stores/review-types.js';
import { ok, type StubReplies } from './stub-api.js';

const AT = '2025-03-10T09:00:00.000Z';

export function makeMatchLine(id: number, over: Partial<MatchBankLineView> = {}): MatchBankLineView {
  return {
    id,
    bankId: null,
    accountId: 1,
    bookingDate: '2025-03-03',
    amountMinor: 121000,
    currency: 'EUR',
    description: `TRANSFERENCIA DISTRIBUCIONES LOPEZ FV2025/${String(id).padStart(4, '0')}`,
    counterpartyName: null,
    ...over,
  };
}

export function makeMatchItem(id: number, over: Partial<MatchBookItemView> = {}): MatchBookItemView {
  return {
    id,
    externalId: `I${id}`,
    kind: 'invoice',
    accountId: null,
    documentNumber: `FV-2025-${String(id).padStart(4, '0')}`,
    date: '2025-02-10',
    dueDate: '2025-03-12',
    amountMinor: 121000,
    openAmountMinor: 121000,
    allocatedMinor: 121000,
    currency: 'EUR',
    description: 'Factura',
    counterpartyName: 'Distribuciones López S.L.',
    taxId: 'B12345674',
    ...over,
  };
}

/** A pending proposal: bank line `id` against item `id`, exact amount, a reference found. */
export function makeMatch(id: number, over: Partial<MatchSummary> = {}): MatchSummary {
  return {
    id,
    companyId: 1,
    runId: 1,
    kind: 'reference',
    status: 'pending_review',
    confidence: 0.82,
    band: 'medium',
    currency: 'EUR',
    bankTotalMinor: 121000,
    differenceMinor: 0,
    differenceTreatment: 'none',
    writeOffAccount: null,
    bank: [makeMatchLine(id)],
    books: [makeMatchItem(id)],
    reasons: [
      { code: 'reference_match', params: { reference: `FV-2025-${String(id).padStart(4, '0')}`, strength: 'strong' }, text: 'The bank text carries the reference.' },
      { code: 'counterparty_match', params: { name: 'Distribuciones López S.L.', similarity: 92 }, text: 'The bank names the counterparty (92% similar).' },
      { code: 'date_gap', params: { days: 12 }, text: 'Paid 12 days from the due date.' },
    ],
    alternativeCount: 2,
    createdAt: AT,
    decidedBy: null,
    decidedAt: null,
    canUndo: false,
    ...over,
  };
}

export function makeDetail(id: number, over: Partial<MatchDetail> = {}): MatchDetail {
  return {
    ...makeMatch(id),
    alternatives: [
      { index: 0, kind: 'fuzzy', confidence: 0.1, differenceMinor: 0, books: [makeMatchItem(900 + id, { counterpartyName: 'Otra SA', documentNumber: 'FV-OTHER-1' })], bank: [makeMatchLine(id)], reasons: [] },
      { index: 1, kind: 'fuzzy', confidence: 0.05, differenceMinor: -150, books: [makeMatchItem(950 + id, { counterpartyName: 'Tercera SL', documentNumber: 'FV-OTHER-2' })], bank: [makeMatchLine(id)], reasons: [] },
    ],
    decisions: [],
    engineVersion: 'test',
    note: null,
    ...over,
  };
}

export function makeCounts(over: Partial<MatchCounts> = {}): MatchCounts {
  return {
    byStatus: { pending_review: 312, auto_approved: 1204, approved: 40, rejected: 3 },
    reviewByBand: { high: 100, medium: 150, low: 62 },
    bankLines: { matched: 1244, pending: 312, unmatched: 18 },
    openBookItems: 80,
    ...over,
  };
}

export const emptyCounts = (): MatchCounts =>
  makeCounts({ byStatus: { pending_review: 0, auto_approved: 0, approved: 0, rejected: 0 }, reviewByBand: { high: 0, medium: 0, low: 0 }, bankLines: { matched: 0, pending: 0, unmatched: 0 } });

export function makeRun(over: Partial<ReconcileRun> = {}): ReconcileRun {
  return {
    id: 1,
    companyId: 1,
    status: 'done',
    stage: 'done',
    engineVersion: 'test',
    parameters: { threshold: 0.9, tolerancePercent: 2, dateWindowDays: { before: 10, after: 60 } },
    resumedCount: 0,
    startedBy: 'ana',
    startedAt: AT,
    finishedAt: AT,
    counts: { bankLines: 1534, bookItems: 1400, proposals: 1516, autoApproved: 1204, pendingReview: 312, unmatchedBank: 18, refreshed: 0 },
    diagnostics: [],
    error: null,
    ...over,
  };
}

export function makeUnmatched(id: number, over: Partial<UnmatchedLine> = {}): UnmatchedLine {
  return {
    ...makeMatchLine(id, { description: `COMISION MANTENIMIENTO ${id}`, amountMinor: -1500 }),
    suggestedTreatment: 'bank_charge',
    reasons: [{ code: 'suggest_treatment', params: { treatment: 'bank_charge' }, text: 'Probably a bank charge.' }],
    ...over,
  };
}

/** A queue of `total` pending proposals answered page by page like the core (ids 1…total). */
export function pagedMatches(total: number, make: (id: number) => MatchSummary = (id) => makeMatch(id)) {
  return (input: MethodInput<'matches.list'>) => {
    const offset = input.offset ?? 0;
    const limit = input.limit ?? 100;
    const rows = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => make(offset + i + 1));
    return ok({ total, offset, rows });
  };
}

/** Replies for the review screen of a company with `total` pending proposals. */
export function reviewReplies(total = 3): StubReplies {
  return {
    'matches.list': pagedMatches(total),
    'matches.counts': ok(makeCounts()),
    'matches.get': (input) => ok(makeDetail(input.id)),
    'matches.unmatched': ok({ total: 2, offset: 0, rows: [makeUnmatched(501), makeUnmatched(502)] }),
    'matchingSettings.get': ok({ threshold: 0.9, tolerancePercent: 2, feeToleranceMinor: 500, dateWindowBefore: 10, dateWindowAfter: 60, isDefault: true }),
    'reconcile.runs': ok([makeRun()]),
  };
}
