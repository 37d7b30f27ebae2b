import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReconciliationReport } from '../../main/core/contract/index.js';
import { formatDate } from '../../renderer/src/i18n/format.js';
import { todayIso } from '../../renderer/src/stores/slices/iso-date.js';
import { renderApp, settle } from './support/render-app.js';
import { makeLock, makeReport, reconcileReplies } from './support/report-fixtures.js';
import { loggedInReplies, makeUser, ok, type StubReplies } from './support/stub-api.js';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const text = (node: Element | null): string => (node?.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ');

async function openReports(report?: ReconciliationReport, replies: StubReplies = {}, languages?: readonly string[]) {
  const app = await renderApp({ ...loggedInReplies(), ...reconcileReplies(report), ...replies }, languages ? { languages } : {});
  fireEvent.click(screen.getByRole('button', { name: languages?.[0]?.startsWith('es') ? 'Informes' : 'Reports' }));
  await settle();
  await settle();
  return app;
}

describe('reconciliation report screen', () => {
  it('shows the balances, the proof line and the unexplained remainder in red with a word', async () => {
    const { api } = await openReports();
    expect(screen.getByRole('heading', { level: 1, name: 'Reconciliation report' })).toBeTruthy();
    // The dashboard (the landing screen) asked for today's report too; the report screen asks for it as well.
    expect(api.inputsOf('reports.reconciliation').at(-1)).toEqual({ accountId: 1, to: todayIso() });
    const proof = screen.getByRole('table', { name: /How the outstanding items explain the difference/ });
    const rows = within(proof).getAllByRole('row').map(text);
    expect(rows[1]).toContain('Bank balance per statement');
    expect(rows[1]).toContain('EUR 10,000.00');
    expect(rows[2]).toContain('Less: balance in the books');
    expect(rows[3]).toContain('Less: bank lines not yet in the books (2)EUR 775.00');
    expect(rows[4]).toContain('Plus: book entries not yet on the statement (1)-EUR 275.00');
    expect(text(screen.getByTestId('proof-line'))).toBe('EUR 10,000.00 − EUR 9,500.00 − EUR 775.00 + -EUR 275.00 = -EUR 550.00');
    const result = screen.getByTestId('proof-result');
    expect(result.className).toContain('proof-unexplained');
    expect(text(result)).toContain('Unexplained difference');
    // Never colour alone: the remainder carries the word "Unexplained" and a sentence.
    expect(within(result).getByText('Unexplained')).toBeTruthy();
    expect(text(screen.getByTestId('unexplained-note'))).toContain('leave -EUR 550.00 unexplained');
  });

  it('lists outstanding items on each side with their age and totals', async () => {
    await openReports();
    const bank = screen.getByRole('table', { name: 'Bank lines not yet in the books' });
    const bankRows = within(bank).getAllByRole('row').map(text);
    expect(bankRows[1]).toContain('N43-0001');
    expect(bankRows[1]).toContain('3 days');
    expect(bankRows[2]).toContain('107 days');
    expect(bankRows.at(-1)).toBe('TotalEUR 775.00');
    const books = screen.getByRole('table', { name: 'Book entries not yet on the statement' });
    expect(within(books).getByText('Cheque 1234 a proveedor')).toBeTruthy();
    expect(screen.getByRole('img', { name: /Outstanding items by age/ })).toBeTruthy();
  });

  it('says that no ledger entries were imported when the books balance is null', async () => {
    await openReports(makeReport({ booksBalanceMinor: null, unexplainedMinor: null }));
    expect(text(screen.getByTestId('no-books'))).toContain('No ledger entries of this account were imported');
    const result = screen.getByTestId('proof-result');
    expect(text(result)).toContain('Cannot be proven');
    expect(text(result)).toContain('Not available');
    expect(result.className).not.toContain('proof-unexplained');
    expect(screen.queryByTestId('proof-line')).toBeNull();
  });

  it('marks a balanced report as reconciled', async () => {
    await openReports(makeReport({ unexplainedMinor: 0 }));
    expect(screen.getByTestId('proof-result').className).toContain('proof-reconciled');
    expect(screen.getByText('The outstanding items explain the whole difference between bank and books.')).toBeTruthy();
  });

  it('reloads for another date', async () => {
    const { api } = await openReports();
    fireEvent.change(screen.getByLabelText('As of'), { target: { value: '2024-03-31' } });
    await settle();
    expect(api.inputsOf('reports.reconciliation').at(-1)).toEqual({ accountId: 1, to: '2024-03-31' });
    expect(screen.getByTestId('key-figures').textContent).toBe('Main account at Mar 31, 2024');
  });

  it('asks before locking the period and shows the new lock', async () => {
    let lockedThrough: string | null = null;
    const { api } = await openReports(undefined, {
      'periodLocks.lock': ({ accountId, through }) => {
        lockedThrough = through;
        return ok(makeLock({ accountId, lockedThrough: through, lockedAt: '2024-04-01T09:00:00.000Z' }));
      },
      'reports.reconciliation': ({ to }) => ok(makeReport({ to, lockedThrough })),
    });
    fireEvent.change(screen.getByLabelText('As of'), { target: { value: '2024-03-31' } });
    await settle();
    expect(text(screen.getByTestId('lock-state'))).toContain('Not locked');
    fireEvent.click(screen.getByRole('button', { name: 'Lock period through Mar 31, 2024' }));
    const dialog = screen.getByRole('dialog', { name: 'Lock Main account through Mar 31, 2024?' });
    expect(text(dialog)).toContain('Decisions on bank lines dated on or before Mar 31, 2024 will be refused');
    expect(text(dialog)).toContain('unexplained difference of -EUR 550.00');
    expect(api.inputsOf('periodLocks.lock')).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lock period' }));
    await settle();
    expect(api.inputsOf('periodLocks.lock')).toEqual([{ accountId: 1, through: '2024-03-31' }]);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(text(screen.getByTestId('lock-state'))).toContain('Locked through Mar 31, 2024 by ana');
    expect(screen.getByRole('button', { name: 'Unlock the period of Main account' })).toBeTruthy();
  });

  it('unlocks for admins and hides both actions from other roles', async () => {
    const { api } = await openReports(makeReport({ lockedThrough: '2024-02-29' }), {
      'periodLocks.list': ok([makeLock()]),
      'periodLocks.unlock': ok({}),
    });
    expect(text(screen.getByTestId('lock-state'))).toContain('Locked through Feb 29, 2024 by ana');
    fireEvent.click(screen.getByRole('button', { name: 'Unlock the period of Main account' }));
    await settle();
    expect(api.inputsOf('periodLocks.unlock')).toEqual([{ accountId: 1 }]);
    cleanup();

    await openReports(undefined, { 'auth.session': ok({ user: makeUser({ role: 'reviewer' }), expiresAt: '2030-01-01T00:00:00.000Z' }) });
    expect(screen.queryByRole('button', { name: /^Lock period through/ })).toBeNull();
    expect(screen.getByText('Only administrators can lock and unlock periods.')).toBeTruthy();
  });

  it('downloads an export through a Blob link', async () => {
    const { api } = await openReports(undefined, {
      'reports.export': ok({ fileName: 'conciliacion-2024-03-31.csv', mimeType: 'text/csv', contentBase64: btoa('fecha;importe\n') }),
    });
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:report');
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(`${this.download} ${this.href}`);
    });
    const actions = screen.getByRole('group', { name: 'Report actions' });
    fireEvent.click(within(actions).getByRole('button', { name: 'Export CSV' }));
    await settle();
    expect(api.inputsOf('reports.export')).toEqual([{ accountId: 1, to: todayIso(), format: 'csv', language: 'en' }]);
    const blob = created.mock.calls[0]?.[0] as Blob;
    expect(blob.type).toBe('text/csv');
    expect(await blob.text()).toBe('fecha;importe\n');
    expect(clicked).toEqual(['conciliacion-2024-03-31.csv blob:report']);
    expect(within(actions).getByRole('button', { name: 'Export XLSX' })).toBeTruthy();
    expect(within(actions).getByRole('button', { name: 'Export PDF' })).toBeTruthy();
  });

  it('opens a print view with the report alone, prints it and closes with Escape', async () => {
    await openReports();
    // happy-dom has no window.print; the browser's own one opens the print dialog.
    const print = vi.fn();
    Object.defineProperty(window, 'print', { configurable: true, value: print });
    fireEvent.click(screen.getByRole('button', { name: 'Print view' }));
    const view = screen.getByRole('dialog', { name: 'Reconciliation report' });
    expect(within(view).getByRole('table', { name: /How the outstanding items explain/ })).toBeTruthy();
    expect(within(view).getByText(`Main account at ${formatDate(todayIso(), 'en-US')}`)).toBeTruthy();
    expect(within(view).getByText('Reviewed by')).toBeTruthy();
    fireEvent.click(within(view).getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledOnce();
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('speaks Spanish with Spanish amounts', async () => {
    await openReports(undefined, {}, ['es-ES']);
    expect(screen.getByRole('heading', { level: 1, name: 'Informe de conciliación' })).toBeTruthy();
    const result = screen.getByTestId('proof-result');
    expect(text(result)).toContain('Diferencia sin explicar');
    expect(within(result).getByText('Sin explicar')).toBeTruthy();
    expect(text(result)).toContain('-550,00 EUR');
  });
});
