import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../main/core/contract/index.js';
import { settle } from './support/render-app.js';
import { openReview } from './support/review-app.js';
import { makeDetail, makeMatch, makeRun, pagedMatches } from './support/review-fixtures.js';
import { ok } from './support/stub-api.js';

afterEach(cleanup);

/** Intl puts no-break spaces in amounts and percentages; compare with plain spaces. */
const plain = (text: string | null | undefined): string => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('review screen', () => {
  it('shows the key figures, the queue as a listbox and the first proposal selected', async () => {
    const { api } = await openReview({ 'matches.list': pagedMatches(100_000) });
    expect(screen.getByRole('heading', { level: 1, name: 'Review' })).toBeTruthy();
    expect(screen.getByTestId('key-figures').textContent).toBe('312 pending · 1,204 auto-approved · 18 unmatched');
    expect(screen.getByRole('button', { name: 'Run reconciliation' }).getAttribute('title')).toBe('Run reconciliation (N)');
    const list = screen.getByRole('listbox', { name: 'Proposals pending review' });
    const options = within(list).getAllByRole('option');
    // A hundred thousand proposals, a few dozen options in the document.
    expect(options.length).toBeGreaterThan(10);
    expect(options.length).toBeLessThan(40);
    expect(options[0]?.getAttribute('aria-setsize')).toBe('100000');
    expect(options[0]?.getAttribute('aria-selected')).toBe('true');
    expect(list.getAttribute('aria-activedescendant')).toBe(options[0]?.id);
    const first = options[0]!;
    expect(plain(within(first).getByText(/1,210\.00/).textContent)).toBe('EUR 1,210.00');
    expect(within(first).getByText('82%')).toBeTruthy();
    expect(within(first).getByText('Pending')).toBeTruthy();
    expect(api.inputsOf('matches.list')).toHaveLength(1);
    expect(api.inputsOf('matches.get')).toEqual([{ id: 1 }]);
  });

  it('shows the selected proposal: bank above books, evidence marked, reasons as chips, alternatives', async () => {
    await openReview();
    const proposal = screen.getByTestId('proposal');
    expect(within(proposal).getByRole('heading', { level: 2, name: 'Reference match' })).toBeTruthy();
    const bank = within(proposal).getByTestId('side-bank');
    const books = within(proposal).getByTestId('side-books');
    expect(bank.compareDocumentPosition(books) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const marks = [...proposal.querySelectorAll('mark')].map((mark) => `${mark.className}:${mark.textContent}`);
    expect(marks).toContain('evidence evidence-reference:FV2025/0001');
    expect(marks).toContain('evidence evidence-name:DISTRIBUCIONES');
    expect(marks).toContain('evidence evidence-reference:FV-2025-0001');
    expect(marks).toContain('evidence evidence-name:López');
    const reasons = within(proposal).getByRole('list', { name: 'Reasons' });
    expect(within(reasons).getAllByRole('listitem').map((chip) => chip.textContent)).toEqual([
      'reference FV-2025-0001 found',
      'name 92% similar (Distribuciones López S.L.)',
      'paid 12 days from the due date',
    ]);
    expect(plain(within(proposal).getByTestId('difference').textContent)).toBe('EUR 0.00balanced');
    expect(within(proposal).getByText('2 alternatives')).toBeTruthy();
    expect(within(proposal).getByRole('button', { name: 'Choose alternative 2' }).getAttribute('title')).toBe('Choose alternative 2 (2)');
    expect(within(proposal).getByRole('button', { name: 'Approve' }).getAttribute('title')).toBe('Approve (A)');
    expect(within(proposal).getByRole('button', { name: 'Reject' }).getAttribute('aria-keyshortcuts')).toBe('R');
  });

  it('approves with the button, shows the result at once, announces it and offers Undo in a toast', async () => {
    const { api } = await openReview({
      'matches.approve': (input) => ok(makeDetail(input.id, { status: 'approved', canUndo: true })),
      'matches.undo': (input) => ok(makeDetail(input.id)),
    });
    fireEvent.click(within(screen.getByTestId('proposal')).getByRole('button', { name: 'Approve' }));
    await settle();
    expect(api.inputsOf('matches.approve')).toEqual([{ id: 1 }]);
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(within(options[0]!).getByText('Approved')).toBeTruthy();
    expect(options[1]?.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('review-announcement').textContent).toBe('Approved: TRANSFERENCIA DISTRIBUCIONES LOPEZ FV2025/0001');
    const toasts = screen.getByTestId('toasts');
    fireEvent.click(within(toasts).getByRole('button', { name: 'Undo' }));
    await settle();
    expect(api.inputsOf('matches.undo')).toEqual([{ id: 1 }]);
    expect(within(within(screen.getByRole('listbox')).getAllByRole('option')[0]!).getByText('Pending')).toBeTruthy();
    expect(screen.getByTestId('review-announcement').textContent).toBe('Decision undone.');
  });

  it('speaks Spanish: figures, buttons, chips and percentages in the locale', async () => {
    await openReview({}, ['es-ES']);
    expect(screen.getByTestId('key-figures').textContent).toBe('312 pendientes · 1204 autoaprobadas · 18 sin conciliar');
    const proposal = screen.getByTestId('proposal');
    expect(within(proposal).getByRole('button', { name: 'Aprobar' })).toBeTruthy();
    expect(within(proposal).getByRole('button', { name: 'Rechazar' })).toBeTruthy();
    const chips = within(within(proposal).getByRole('list', { name: 'Motivos' })).getAllByRole('listitem').map((chip) => plain(chip.textContent));
    expect(chips).toEqual(['referencia FV-2025-0001 encontrada', 'nombre 92 % similar (Distribuciones López S.L.)', 'pagado a 12 días del vencimiento']);
    expect(plain(within(within(screen.getByRole('listbox')).getAllByRole('option')[0]!).getByText(/1210/).textContent)).toBe('1210,00 EUR');
  });

  it('falls back to the core’s English sentence for a reason it does not know', async () => {
    const reasons = [{ code: 'brand_new_signal', params: {}, text: 'A brand-new signal.' }];
    await openReview({ 'matches.list': pagedMatches(1, (id) => makeMatch(id, { reasons })), 'matches.get': (input) => ok(makeDetail(input.id, { reasons })) });
    expect(within(screen.getByRole('list', { name: 'Reasons' })).getByText('A brand-new signal.')).toBeTruthy();
  });

  it('filters by tab, band, search and order, with counts on the tabs', async () => {
    const { api } = await openReview();
    const tabs = screen.getByRole('tablist', { name: 'Show' });
    expect(within(tabs).getByRole('tab', { name: 'Pending 312' }).getAttribute('aria-selected')).toBe('true');
    fireEvent.click(within(tabs).getByRole('tab', { name: 'Auto-approved 1,204' }));
    await settle();
    expect(api.inputsOf('matches.list').at(-1)).toMatchObject({ filter: 'auto_approved', offset: 0 });
    fireEvent.change(screen.getByRole('combobox', { name: 'Confidence' }), { target: { value: 'low' } });
    await settle();
    expect(api.inputsOf('matches.list').at(-1)).toMatchObject({ filter: 'auto_approved', band: 'low' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Order' }), { target: { value: 'date' } });
    await settle();
    const search = screen.getByRole('searchbox', { name: 'Search proposals' });
    fireEvent.change(search, { target: { value: 'lopez' } });
    fireEvent.keyDown(search, { key: 'Enter' });
    await settle();
    expect(api.inputsOf('matches.list').at(-1)).toEqual({ companyId: 1, accountId: null, filter: 'auto_approved', band: 'low', search: 'lopez', sort: 'date', offset: 0, limit: 200 });
  });

  it('shows unmatched lines with their suggested treatment and a way to match them by hand', async () => {
    const { api } = await openReview({ 'bookItems.list': ok({ total: 0, offset: 0, rows: [] }) });
    fireEvent.click(screen.getByRole('tab', { name: 'Unmatched lines 18' }));
    await settle();
    const list = screen.getByRole('listbox', { name: 'Bank lines without a match' });
    expect(within(list).getAllByRole('option')).toHaveLength(2);
    expect(within(list).getAllByText('bank charge')).toHaveLength(2);
    const line = screen.getByTestId('unmatched-line');
    expect(within(line).getByText('Suggested treatment: bank charge.')).toBeTruthy();
    expect(within(line).getByRole('listitem').textContent).toBe('suggested: bank charge');
    fireEvent.click(within(line).getByRole('button', { name: 'Match by hand' }));
    await settle();
    const dialog = screen.getByRole('dialog', { name: 'Match by hand' });
    expect(within(dialog).getByTestId('manual-bank-line').textContent).toContain('COMISION MANTENIMIENTO 501');
    expect(api.inputsOf('bookItems.list')).toHaveLength(1);
  });

  it('approves a band only after showing its random sample, every row visible, with the sample’s token', async () => {
    const sample = [1, 2, 3].map((id) => makeMatch(100 + id, { band: 'high', confidence: 0.95 }));
    const { api } = await openReview({
      'matches.bandSample': ok({ token: 'sample-token', total: 100, sample }),
      'matches.approveBand': ok({ approved: 100, skipped: 0 }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Approve band' }));
    await settle();
    expect(api.inputsOf('matches.bandSample')).toEqual([{ companyId: 1, accountId: null, band: 'high', size: 10 }]);
    const dialog = screen.getByRole('dialog', { name: 'Approve band: High confidence' });
    expect(within(dialog).getAllByTestId('band-sample-row')).toHaveLength(3);
    expect(within(dialog).getByText(/100 proposals wait in this band/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve all 100' }));
    await settle();
    expect(api.inputsOf('matches.approveBand')).toEqual([{ token: 'sample-token' }]);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('review-announcement').textContent).toBe('Approved from the band: 100.');
  });

  it('runs reconciliation with a progress bar, counts and Cancel, and stays usable meanwhile', async () => {
    let release: (() => void) | null = null;
    const { api } = await openReview({
      'reconcile.start': () => new Promise((resolve) => {
        release = () => resolve(ok({ ...makeRun({ id: 2 }), resumed: false }));
      }),
      'tasks.cancel': ok({ cancelled: true }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Run reconciliation' }));
    await settle();
    const taskId = (api.inputsOf('reconcile.start')[0] as MethodInput<'reconcile.start'>).taskId ?? '';
    api.emit('task.progress', { taskId, kind: 'reconcile', stage: 'candidates', done: 400, total: 1000 });
    await settle();
    const bar = screen.getByRole('progressbar', { name: 'Reconciliation' });
    expect(bar.getAttribute('aria-valuenow')).toBe('400');
    expect(screen.getByText('Finding candidates · 400 of 1,000')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Run reconciliation' }) as HTMLButtonElement).disabled).toBe(true);
    // The queue still works while the engine runs.
    expect(within(screen.getByTestId('proposal')).getByRole('button', { name: 'Approve' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await settle();
    expect(api.inputsOf('tasks.cancel')).toEqual([{ taskId }]);
    release!();
    await settle();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getAllByText(/Reconciliation done: 1,516 proposals, 1,204 auto-approved, 312 to review, 18 lines unmatched\./).length).toBeGreaterThan(0);
  });
});
