import type { ImportBatch } from '../../../../main/core/contract/index.js';
import type { AccountStatus } from '../../stores/reconcile-types.js';

export type ReconciliationState = 'difference' | 'toReview' | 'noStatement' | 'noBooks' | 'reconciled' | 'unknown';

/** The badge tone of each state (the badge always carries its word too). */
export const stateTone = {
  difference: 'danger',
  toReview: 'pending',
  noStatement: 'neutral',
  noBooks: 'neutral',
  reconciled: 'ok',
  unknown: 'neutral',
} as const;

/**
 * Where an account's reconciliation stands, most urgent first: an unexplained difference, then
 * proposals waiting for review, then a missing balance on either side; reconciled when the proof
 * leaves nothing unexplained.
 */
export function reconciliationState(status: AccountStatus | undefined): ReconciliationState {
  const report = status?.report ?? null;
  const counts = status?.counts ?? null;
  if (report && report.unexplainedMinor !== null && report.unexplainedMinor !== 0) return 'difference';
  if (counts && counts.byStatus.pending_review > 0) return 'toReview';
  if (report && report.statementBalanceMinor === null) return 'noStatement';
  if (report && report.booksBalanceMinor === null) return 'noBooks';
  if (report && report.unexplainedMinor === 0) return 'reconciled';
  return 'unknown';
}

export type BalanceCheck = 'ok' | 'mismatch' | 'notChecked';

/** What an imported file's warnings say about its balances and control totals. */
export function balanceCheckOf(batch: Pick<ImportBatch, 'warnings'>): BalanceCheck {
  const codes = new Set(batch.warnings.map((w) => w.code));
  if (codes.has('balance_mismatch') || codes.has('control_totals_mismatch') || codes.has('balance_row_mismatch')) return 'mismatch';
  if (codes.has('balance_not_checked')) return 'notChecked';
  return 'ok';
}
