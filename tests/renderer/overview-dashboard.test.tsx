import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../main/core/contract/index.js';
import { balanceCheckOf, reconciliationState } from '../../renderer/src/features/overview/account-status.js';
import { formatDate, formatDateTime } from '../../renderer/src/i18n/format.js';
import { todayIso } from '../../renderer/src/stores/slices/iso-date.js';
import { makeLine } from './support/import-fixtures.js';
import { renderApp, settle } from './support/render-app.js';
import { makeBatch, makeCounts, makeReport, reconcileReplies } from './support/report-fixtures.js';
import { loggedInReplies, makeAccount, ok, type StubReplies } from './support/stub-api.js';

afterEach(cleanup);

const text = (node: Element | null): string => (node?.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ');

const dollars = makeAccount({ id: 2, name: 'Dólares', iban: null, number: '012180001234567897', currency: 'USD' });

/** Main account (EUR) leaves 550.00 unexplained with 4 proposals to review; Dólares (USD) balances. */
function dashboardReplies(): StubReplies {
  return {
    ...loggedInReplies({ accounts: [makeAccount(), dollars] }),
    ...reconcileReplies(),
    'reports.reconciliation': ({ accountId, to }: MethodInput<'reports.reconciliation'>) =>
      ok(accountId === 2
        ? makeReport({ accountId: 2, accountName: 'Dólares', currency: 'USD', to, unexplainedMinor: 0, outstandingBank: [], outstandingBooks: [], lockedThrough: '2024-02-29' })
        : makeReport({ to })),
    'matches.counts': ({ accountId }: MethodInput<'matches.counts'>) =>
      ok(accountId === 2 ? makeCounts({ byStatus: { pending_review: 0, auto_approved: 40, approved: 2, rejected: 0 }, bankLines: { matched: 42, pending: 0, unmatched: 0 } }) : makeCounts()),
    'reconcile.runs': ok([{
      id: 3, companyId: 1, status: 'done', stage: 'done', engineVersion: '1', parameters: { threshold: 0.9, tolerancePercent: 2, dateWindowDays: { before: 5, after: 30 } },
      resumedCount: 0, startedBy: 'luis', startedAt: '2024-04-01T08:00:00.000Z', finishedAt: '2024-04-01T08:01:00.000Z', counts: null, diagnostics: [], error: null,
    }]),
    'imports.list': ok([
      makeBatch(),
      makeBatch({ id: 2, fileName: 'extracto-febrero.n43', warnings: [{ level: 'warning', code: 'balance_mismatch', message: 'does not add up' }] }),
      makeBatch({ id: 3, accountId: 2, fileName: 'usd.csv' }),
      makeBatch({ id: 4, side: 'books', fileName: 'mayor.xlsx' }),
    ]),
    'bankLines.list': ({ direction }: MethodInput<'bankLines.list'>) =>
      ok({ total: 161, offset: 0, rows: [makeLine(1, { bookingDate: direction === 'asc' ? '2024-01-02' : '2024-03-28' })] }),
  };
}

describe('company dashboard (Accounts)', () => {
  it('shows each account’s lock, counts, unexplained difference and a worded status', async () => {
    const { api } = await renderApp(dashboardReplies());
    expect(api.inputsOf('matches.counts')).toEqual([{ companyId: 1, accountId: 2 }, { companyId: 1, accountId: 1 }]);
    expect(api.inputsOf('reports.reconciliation').map((i) => i.to)).toEqual([todayIso(), todayIso()]);
    const table = screen.getByRole('table', { name: 'Accounts' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Name', 'IBAN / number', 'Currency', 'Locked through', 'To review', 'Unexplained', 'Status', 'Actions',
    ]);
    const main = text(within(table).getByRole('row', { name: /Main account/ }));
    expect(main).toContain('Not locked');
    expect(main).toContain('4-EUR 550.00Difference');
    const usd = text(within(table).getByRole('row', { name: /Dólares/ }));
    expect(usd).toContain('Feb 29, 2024');
    expect(usd).toContain('0USD 0.00Reconciled');
    const runAt = formatDateTime('2024-04-01T08:00:00.000Z', 'en-US').replace(/[\u00a0\u202f]/g, ' ');
    expect(text(screen.getByTestId('dashboard-summary'))).toBe(
      `Status at ${formatDate(todayIso(), 'en-US')} · 1 of 2 accounts reconciled · last matching run ${runAt} by luis`,
    );
    // The existing figures of the top bar stay as they were.
    expect(screen.getByTestId('key-figures').textContent).toBe('2 accounts · EUR, USD');
  });

  it('opens one account’s overview: balances, lines by status, ages and its statements', async () => {
    const { api } = await renderApp(dashboardReplies());
    // The worded status opens the overview; its name keeps the visible word.
    const toggle = screen.getByRole('button', { name: 'Difference Overview of Main account' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    await settle();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const panel = screen.getByRole('region', { name: 'Overview of Main account' });
    expect(toggle.getAttribute('aria-controls')).toBe(panel.id);
    expect(api.inputsOf('imports.list')).toEqual([{ companyId: 1 }]);
    expect(api.inputsOf('bankLines.list')).toEqual([
      { accountId: 1, sort: 'date', direction: 'asc', limit: 1 },
      { accountId: 1, sort: 'date', direction: 'desc', limit: 1 },
    ]);
    expect(text(within(panel).getByTestId('line-span'))).toBe('Bank lines from Jan 2, 2024 to Mar 28, 2024 · 161 bank lines');
    const counts = within(panel).getByRole('table', { name: 'Bank lines by status' });
    expect(within(counts).getAllByRole('row').slice(1).map(text)).toEqual(['Matched150', 'Pending review4', 'Unmatched7']);
    const balances = within(panel).getByRole('region', { name: /Balance check at/ });
    expect(text(balances)).toContain('Bank balanceEUR 10,000.00');
    expect(text(balances)).toContain('Unexplained-EUR 550.00 Unexplained');
    expect(within(panel).getByRole('img', { name: /Outstanding items by age/ })).toBeTruthy();
    const statements = within(panel).getByRole('table', { name: 'Imported statement files of Main account' });
    const rows = within(statements).getAllByRole('row').slice(1).map(text);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('extracto-marzo.n43');
    expect(rows[0]).toContain('No warning');
    expect(rows[1]).toContain('Does not add up');

    fireEvent.click(within(panel).getByRole('button', { name: 'Close the overview' }));
    expect(screen.queryByRole('region', { name: 'Overview of Main account' })).toBeNull();
  });

  it('goes from the overview to the account’s report', async () => {
    const { api } = await renderApp(dashboardReplies());
    fireEvent.click(screen.getByRole('button', { name: /Overview of Dólares/ }));
    await settle();
    fireEvent.click(within(screen.getByRole('region', { name: 'Overview of Dólares' })).getByRole('button', { name: 'Open the report' }));
    await settle();
    expect(screen.getByRole('heading', { level: 1, name: 'Reconciliation report' })).toBeTruthy();
    expect(api.inputsOf('reports.reconciliation').at(-1)).toEqual({ accountId: 2, to: todayIso() });
    expect((screen.getByLabelText('Account') as HTMLSelectElement).value).toBe('2');
  });
});

describe('reconciliation state', () => {
  it('puts an unexplained difference first, then reviews, then missing balances', () => {
    const counts = makeCounts();
    const calm = makeCounts({ byStatus: { pending_review: 0, auto_approved: 1, approved: 0, rejected: 0 } });
    expect(reconciliationState({ counts, report: makeReport(), error: null })).toBe('difference');
    expect(reconciliationState({ counts, report: makeReport({ unexplainedMinor: 0 }), error: null })).toBe('toReview');
    expect(reconciliationState({ counts: calm, report: makeReport({ statementBalanceMinor: null, unexplainedMinor: null }), error: null })).toBe('noStatement');
    expect(reconciliationState({ counts: calm, report: makeReport({ booksBalanceMinor: null, unexplainedMinor: null }), error: null })).toBe('noBooks');
    expect(reconciliationState({ counts: calm, report: makeReport({ unexplainedMinor: 0 }), error: null })).toBe('reconciled');
    expect(reconciliationState(undefined)).toBe('unknown');
  });

  it('reads a file’s balance check from its warnings', () => {
    expect(balanceCheckOf(makeBatch())).toBe('ok');
    expect(balanceCheckOf(makeBatch({ warnings: [{ level: 'warning', code: 'control_totals_mismatch', message: '' }] }))).toBe('mismatch');
    expect(balanceCheckOf(makeBatch({ warnings: [{ level: 'info', code: 'balance_not_checked', message: '' }] }))).toBe('notChecked');
  });
});
