import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { ImportBatch, MatchCounts, ReconciliationReport } from '../../../main/core/contract/index.js';
import { createAppStore } from '../../../renderer/src/stores/create-app-store.js';
import type { LearnedAlias, MatchingSettingsValue, PeriodLock, RejectedPair } from '../../../renderer/src/stores/reconcile-types.js';
import { StoreProvider } from '../../../renderer/src/stores/store-context.js';
import { createStubApi, memoryStorage, ok, type StubApi, type StubReplies } from './stub-api.js';

const AT = '2024-03-31T18:00:00.000Z';

/** A report that does not balance: 10,000.00 bank, 9,500.00 books, 650.00 explained, 150.00 left. */
export const makeReport = (over: Partial<ReconciliationReport> = {}): ReconciliationReport => ({
  accountId: 1,
  accountName: 'Main account',
  iban: 'ES9121000418450200051332',
  currency: 'EUR',
  to: '2024-03-31',
  statementBalanceMinor: 1_000_000,
  statementBalanceDate: '2024-03-31',
  booksBalanceMinor: 950_000,
  outstandingBank: [
    { id: 11, externalId: 'N43-0001', date: '2024-03-28', amountMinor: -2_500, description: 'COMISION MANTENIMIENTO', ageDays: 3 },
    { id: 12, externalId: null, date: '2023-12-15', amountMinor: 80_000, description: 'TRANSFERENCIA CLIENTE', ageDays: 107 },
  ],
  outstandingBooks: [
    { id: 21, externalId: 'AS-0042', date: '2024-02-10', amountMinor: -27_500, description: 'Cheque 1234 a proveedor', ageDays: 50 },
  ],
  outstandingBankTotalMinor: 77_500,
  outstandingBooksTotalMinor: -27_500,
  unexplainedMinor: -55_000,
  lockedThrough: null,
  generatedAt: AT,
  ...over,
});

export const makeCounts = (over: Partial<MatchCounts> = {}): MatchCounts => ({
  byStatus: { pending_review: 4, auto_approved: 120, approved: 30, rejected: 2 },
  reviewByBand: { high: 1, medium: 2, low: 1 },
  bankLines: { matched: 150, pending: 4, unmatched: 7 },
  openBookItems: 12,
  ...over,
});

export const makeLock = (over: Partial<PeriodLock> = {}): PeriodLock => ({
  accountId: 1, lockedThrough: '2024-02-29', lockedBy: 'ana', lockedAt: '2024-03-05T10:00:00.000Z', ...over,
});

export const makeAlias = (over: Partial<LearnedAlias> = {}): LearnedAlias => ({
  id: 1, bankText: 'TELEFONICA DE ESPANA', counterpartyName: 'Telefónica de España SA', taxId: 'A82018474', source: 'approval',
  timesUsed: 12, createdBy: 'ana', createdAt: '2024-01-10T09:00:00.000Z', ...over,
});

export const makeRejected = (over: Partial<RejectedPair> = {}): RejectedPair => ({
  id: 7,
  bankLine: {
    id: 301, bankId: null, accountId: 1, bookingDate: '2024-03-12', amountMinor: -12_100, currency: 'EUR',
    description: 'RECIBO ENDESA', counterpartyName: null,
  },
  bookItemId: 44,
  bookItemLabel: 'FV-2024-0099 Iberdrola',
  rejectedBy: 'luis',
  rejectedAt: '2024-03-14T11:30:00.000Z',
  ...over,
});

export const makeSettings = (over: Partial<MatchingSettingsValue> = {}): MatchingSettingsValue => ({
  threshold: 0.9, tolerancePercent: 2, feeToleranceMinor: 500, dateWindowBefore: 5, dateWindowAfter: 30, isDefault: true, ...over,
});

export const makeBatch = (over: Partial<ImportBatch> = {}): ImportBatch => ({
  id: 1, companyId: 1, accountId: 1, side: 'bank', fileName: 'extracto-marzo.n43', sha256: 'ab', format: 'norma43', encoding: 'latin1',
  importedBy: 'ana', importedAt: '2024-04-02T08:00:00.000Z', lineCount: 161, added: 161, skippedDuplicates: 0, possibleDuplicates: 0,
  warnings: [], ...over,
});

/** Replies for the reconciliation screens over one account with the given report. */
export function reconcileReplies(report: ReconciliationReport = makeReport()): StubReplies {
  return {
    'reports.reconciliation': ({ to }) => ok({ ...report, to }),
    'periodLocks.list': ok([]),
    'matches.counts': ok(makeCounts()),
    'reconcile.runs': ok([]),
    'learning.list': ok({ aliases: [], rejectedPairs: [] }),
    'matchingSettings.get': ok(makeSettings()),
  };
}

/** Renders a component over a fresh store (for components used outside a screen). */
export function renderWithStore(ui: ReactNode, options: { replies?: StubReplies; languages?: readonly string[] } = {}) {
  const api: StubApi = createStubApi(options.replies ?? {});
  const store = createAppStore({ api, storage: memoryStorage(), preferredLanguages: options.languages ?? ['en-US'] });
  const view = render(<StoreProvider store={store}>{ui}</StoreProvider>);
  return { api, store, view };
}
