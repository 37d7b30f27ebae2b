import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MethodInput } from '../../main/core/contract/index.js';
import { parseAmountInput } from '../../renderer/src/features/account-view/amount-input.js';
import { ROW_HEIGHT } from '../../renderer/src/features/account-view/VirtualTable.js';
import { renderApp, settle } from './support/render-app.js';
import { makeItem, makeLine } from './support/import-fixtures.js';
import { loggedInReplies, ok, type StubReplies } from './support/stub-api.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const TOTAL = 5000;

/** A bank with TOTAL lines that answers pages like the core: the slice asked for, and the total. */
function pagedLines(input: MethodInput<'bankLines.list'>) {
  const offset = input.offset ?? 0;
  const limit = input.limit ?? 200;
  const rows = Array.from({ length: Math.max(0, Math.min(limit, TOTAL - offset)) }, (_, i) => makeLine(offset + i + 1));
  return ok({ total: TOTAL, offset, rows });
}

async function openAccount(replies: StubReplies = {}, languages?: readonly string[]) {
  const app = await renderApp({ ...loggedInReplies(), 'bankLines.list': pagedLines, ...replies }, languages ? { languages } : {});
  fireEvent.click(screen.getByRole('button', { name: 'Main account' }));
  await settle();
  await settle();
  return app;
}

describe('account view', () => {
  it('opens from Accounts and fetches the first page only, rendering only the rows in view', async () => {
    const { api } = await openAccount();
    expect(screen.getByRole('heading', { level: 1, name: 'Main account' })).toBeTruthy();
    expect(screen.getByTestId('key-figures').textContent).toBe('5,000 lines');
    expect(api.inputsOf('bankLines.list')).toEqual([
      { accountId: 1, from: null, to: null, minAmountMinor: null, maxAmountMinor: null, search: '', status: 'all', sort: 'date', direction: 'desc', offset: 0, limit: 100 },
    ]);
    const table = screen.getByRole('table', { name: 'Bank lines of Main account' });
    expect(table.getAttribute('aria-rowcount')).toBe('5001');
    const rows = within(table).getAllByRole('row');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(60);
    expect(within(table).getByText('Movimiento 1')).toBeTruthy();
    // Amounts: right-aligned cells, currency code, minus sign.
    const negative = within(table).getAllByText((_, node) => node?.classList.contains('amount-negative') === true)[0]!;
    expect(negative.textContent?.replace(/\u00a0/g, ' ')).toBe('-EUR 363.00');
    expect(negative.closest('td')?.className).toBe('num');
  });

  it('fetches the pages under the window as the person scrolls, and not twice', async () => {
    const { api } = await openAccount();
    const scroller = screen.getByTestId('virtual-table');
    Object.defineProperty(scroller, 'clientHeight', { configurable: true, value: 640 });
    scroller.scrollTop = 2500 * ROW_HEIGHT;
    fireEvent.scroll(scroller);
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 40));
    });
    await settle();
    const offsets = api.inputsOf('bankLines.list').map((input) => input.offset);
    expect(offsets).toEqual([0, 2400, 2500]);
    const table = screen.getByRole('table', { name: 'Bank lines of Main account' });
    expect(within(table).getByText('Movimiento 2501')).toBeTruthy();
    expect(within(table).queryByText('Movimiento 1')).toBeNull();
    fireEvent.scroll(scroller);
    await settle();
    expect(api.inputsOf('bankLines.list')).toHaveLength(3);
  });

  it('sorts by clicking a column header, with aria-sort, and asks the core again from the top', async () => {
    const { api } = await openAccount();
    const header = screen.getByRole('columnheader', { name: /Amount/ });
    expect(header.getAttribute('aria-sort')).toBe('none');
    expect(screen.getByRole('columnheader', { name: /^Date/ }).getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(within(header).getByRole('button'));
    await settle();
    expect(api.inputsOf('bankLines.list').at(-1)).toMatchObject({ sort: 'amount', direction: 'desc', offset: 0 });
    expect(screen.getByRole('columnheader', { name: /Amount/ }).getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(within(screen.getByRole('columnheader', { name: /Amount/ })).getByRole('button'));
    await settle();
    expect(api.inputsOf('bankLines.list').at(-1)).toMatchObject({ sort: 'amount', direction: 'asc' });
    fireEvent.click(within(screen.getByRole('columnheader', { name: /Description/ })).getByRole('button'));
    await settle();
    expect(api.inputsOf('bankLines.list').at(-1)).toMatchObject({ sort: 'description', direction: 'asc' });
  });

  it('filters by text, dates, amounts (in the locale) and status', async () => {
    const { api } = await openAccount({}, ['es-ES']);
    vi.useFakeTimers();
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'telefonica ' } });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(300);
    });
    vi.useRealTimers();
    await settle();
    expect(api.inputsOf('bankLines.list').at(-1)).toMatchObject({ search: 'telefonica', offset: 0 });
    fireEvent.change(screen.getByLabelText('Desde'), { target: { value: '2025-03-01' } });
    fireEvent.change(screen.getByLabelText('Hasta'), { target: { value: '2025-03-31' } });
    const min = screen.getByLabelText('Importe mínimo');
    fireEvent.change(min, { target: { value: '1.000,50' } });
    fireEvent.keyDown(min, { key: 'Enter' });
    fireEvent.change(screen.getByLabelText('Estado'), { target: { value: 'unmatched' } });
    await settle();
    expect(api.inputsOf('bankLines.list').at(-1)).toMatchObject({
      search: 'telefonica', from: '2025-03-01', to: '2025-03-31', minAmountMinor: 100050, maxAmountMinor: null, status: 'unmatched',
    });
    fireEvent.click(screen.getByRole('button', { name: 'Quitar filtros' }));
    await settle();
    expect(api.inputsOf('bankLines.list').at(-1)).toMatchObject({ search: '', from: null, minAmountMinor: null, status: 'all' });
  });

  it('moves the selection with j/k and the arrows, and / goes to the search', async () => {
    await openAccount();
    const table = screen.getByRole('table', { name: 'Bank lines of Main account' });
    fireEvent.keyDown(document.body, { key: 'j' });
    fireEvent.keyDown(document.body, { key: 'ArrowDown' });
    fireEvent.keyDown(document.body, { key: 'j' });
    fireEvent.keyDown(document.body, { key: 'k' });
    const selected = within(table).getAllByRole('row').filter((row) => row.getAttribute('aria-selected') === 'true');
    expect(selected).toHaveLength(1);
    expect(selected[0]?.getAttribute('aria-rowindex')).toBe('3');
    expect(screen.getByText('REF-2', { selector: 'dd' })).toBeTruthy();
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(screen.getByRole('searchbox'));
  });

  it('shows the books items of the company, or the ledger of the account', async () => {
    const { api } = await openAccount({
      'bookItems.list': (input) => ok({ total: 2, offset: input.offset ?? 0, rows: [makeItem(1), makeItem(2, { kind: 'credit_note', amountMinor: -5000, openAmountMinor: -5000 })] }),
    });
    fireEvent.click(screen.getByRole('tab', { name: 'Books items' }));
    await settle();
    expect(screen.getByRole('tab', { name: 'Books items' }).getAttribute('aria-selected')).toBe('true');
    expect(api.inputsOf('bookItems.list')[0]).toMatchObject({ companyId: 1, accountId: null, offset: 0, limit: 100, sort: 'date' });
    const table = screen.getByRole('table', { name: 'Books items' });
    expect(within(table).getByText('FV-2025-0001')).toBeTruthy();
    expect(within(table).getByText('Credit note')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'account' } });
    await settle();
    expect(api.inputsOf('bookItems.list').at(-1)).toMatchObject({ companyId: 1, accountId: 1 });
  });

  it('says where lines come from when the account has none', async () => {
    await openAccount({ 'bankLines.list': ok({ total: 0, offset: 0, rows: [] }) });
    expect(screen.getByRole('heading', { level: 2, name: 'No bank lines yet' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Go to the Inbox' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Inbox' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Accounts' }).getAttribute('aria-current')).toBeNull();
  });
});

describe('amount filter input', () => {
  it('reads amounts typed the Spanish or the English way as minor units of the absolute value', () => {
    expect(parseAmountInput('1.000,50', 2, 'es-ES')).toBe(100050);
    expect(parseAmountInput('1,000.50', 2, 'en-US')).toBe(100050);
    expect(parseAmountInput('1.000', 2, 'es-ES')).toBe(100000);
    expect(parseAmountInput('1.000', 2, 'en-US')).toBe(100);
    expect(parseAmountInput('12,5', 2, 'en-US')).toBe(1250);
    expect(parseAmountInput('-363', 2, 'es-ES')).toBe(36300);
    expect(parseAmountInput('', 2, 'es-ES')).toBeNull();
    expect(parseAmountInput('12,345', 2, 'es-ES')).toBe('invalid');
    expect(parseAmountInput('abc', 2, 'es-ES')).toBe('invalid');
    expect(parseAmountInput('1500', 0, 'en-US')).toBe(1500);
  });
});
