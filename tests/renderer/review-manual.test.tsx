import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../main/core/contract/index.js';
import { defaultAllocation, manualInput, manualProblems, manualTotals, toManualItem } from '../../renderer/src/stores/slices/manual-match-model.js';
import type { ManualDraft } from '../../renderer/src/stores/review-types.js';
import { makeItem, makeLine } from './support/import-fixtures.js';
import { settle } from './support/render-app.js';
import { openReview } from './support/review-app.js';
import { makeDetail, makeMatchLine } from './support/review-fixtures.js';
import { fail, ok, type StubReplies } from './support/stub-api.js';

afterEach(cleanup);

const plain = (text: string | null | undefined): string => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

const items = [
  makeItem(11, { amountMinor: 100000, openAmountMinor: 100000, documentNumber: 'FV-2025-0011' }),
  makeItem(12, { amountMinor: 30000, openAmountMinor: 30000, documentNumber: 'FV-2025-0012' }),
];

const builderReplies: StubReplies = {
  'bookItems.list': (input) => (input.search === 'nada' ? ok({ total: 0, offset: 0, rows: [] }) : ok({ total: 2, offset: 0, rows: items })),
  'bankLines.list': ok({ total: 1, offset: 0, rows: [makeLine(8, { amountMinor: 5000, description: 'SEGUNDO PAGO' })] }),
  'matches.createManual': ok(makeDetail(77, { kind: 'manual', status: 'approved', canUndo: true })),
  'matches.undo': (input) => ok(makeDetail(input.id)),
};

async function openBuilder(replies: StubReplies = {}) {
  const app = await openReview({ ...builderReplies, ...replies });
  fireEvent.click(within(screen.getByTestId('proposal')).getByRole('button', { name: 'Match by hand' }));
  await settle();
  return { ...app, dialog: screen.getByRole('dialog', { name: 'Match by hand' }) };
}

/** Takes out the proposal's own item, which the builder starts with. */
function removePrefilled(dialog: HTMLElement): void {
  fireEvent.click(within(dialog).getByRole('button', { name: 'Remove FV-2025-0001' }));
}

const difference = (dialog: HTMLElement): string => plain(within(dialog).getByTestId('manual-difference').querySelector('dd')?.textContent);
const create = (dialog: HTMLElement): HTMLButtonElement => within(dialog).getByRole('button', { name: 'Create match' }) as HTMLButtonElement;

describe('manual match builder', () => {
  it('starts with the proposal, searches open books items and keeps a running difference as items are picked', async () => {
    const { api, dialog } = await openBuilder();
    expect(api.inputsOf('bookItems.list')).toEqual([
      { companyId: 1, accountId: null, kind: null, from: null, to: null, minAmountMinor: null, maxAmountMinor: null, search: '', status: 'unmatched', sort: 'date', direction: 'desc', offset: 0, limit: 50 },
    ]);
    expect(within(dialog).getByTestId('manual-bank-line').textContent).toContain('FV2025/0001');
    expect(plain((within(dialog).getByRole('textbox', { name: 'Amount for FV-2025-0001' }) as HTMLInputElement).value)).toBe('1210.00');
    expect(difference(dialog)).toBe('EUR 0.00balanced');
    removePrefilled(dialog);
    expect(difference(dialog)).toBe('EUR 1,210.00');
    expect(create(dialog).disabled).toBe(true);
    expect(within(dialog).getByText('Choose how to book the difference, or add items until it is zero.')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Add FV-2025-0011' }));
    expect(difference(dialog)).toBe('EUR 210.00');
    // The second item gets only what is left: a partial payment, the rest stays open.
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Add FV-2025-0012' }));
    expect(plain((within(dialog).getByRole('textbox', { name: 'Amount for FV-2025-0012' }) as HTMLInputElement).value)).toBe('210.00');
    expect(difference(dialog)).toBe('EUR 0.00balanced');
    expect(create(dialog).disabled).toBe(false);
    expect(within(dialog).queryByRole('group', { name: 'Book the difference as' })).toBeNull();
  });

  it('edits an allocation, asks how to book the difference, and sends the whole match with a rule', async () => {
    const { api, dialog } = await openBuilder();
    removePrefilled(dialog);
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Add FV-2025-0011' }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Add FV-2025-0012' }));
    const allocation = within(dialog).getByRole('textbox', { name: 'Amount for FV-2025-0012' });
    fireEvent.change(allocation, { target: { value: '150' } });
    fireEvent.blur(allocation);
    expect(difference(dialog)).toBe('EUR 60.00');
    expect(create(dialog).disabled).toBe(true);
    const treatment = within(dialog).getByRole('group', { name: 'Book the difference as' });
    fireEvent.click(within(treatment).getByRole('radio', { name: 'bank fee' }));
    expect(create(dialog).disabled).toBe(false);
    fireEvent.click(within(treatment).getByRole('radio', { name: 'write-off' }));
    expect(create(dialog).disabled).toBe(true);
    expect(within(dialog).getByText('Type the account the difference is written off to.')).toBeTruthy();
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Write-off account' }), { target: { value: '669' } });
    expect(create(dialog).disabled).toBe(false);

    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Save as a rule for next time' }));
    const bankText = within(dialog).getByRole('textbox', { name: 'When the bank text contains' }) as HTMLInputElement;
    expect(bankText.value).toBe('TRANSFERENCIA DISTRIBUCIONES LOPEZ FV2025/0001');
    expect((within(dialog).getByRole('textbox', { name: 'the counterparty is' }) as HTMLInputElement).value).toBe('Distribuciones López S.L.');
    fireEvent.change(bankText, { target: { value: 'DISTRIBUCIONES LOPEZ' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /^Note/ }), { target: { value: 'Paid less the commission' } });

    fireEvent.click(create(dialog));
    await settle();
    expect(api.inputsOf('matches.createManual')).toEqual([
      {
        companyId: 1,
        bankLineIds: [1],
        allocations: [{ bookItemId: 11, amountMinor: 100000 }, { bookItemId: 12, amountMinor: 15000 }],
        differenceTreatment: 'write_off',
        writeOffAccount: '669',
        note: 'Paid less the commission',
        rule: { bankText: 'DISTRIBUCIONES LOPEZ', counterpartyName: 'Distribuciones López S.L.', taxId: 'B12345674' },
      },
    ]);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('review-announcement').textContent).toMatch(/^Manual match created: /);
    // u undoes the manual match like any decision.
    fireEvent.keyDown(document.body, { key: 'u' });
    await settle();
    expect(api.inputsOf('matches.undo')).toEqual([{ id: 77 }]);
  });

  it('names an item without a document number by its payment reference: two invoices of one customer never share a name', async () => {
    const sameCustomer = [
      makeItem(21, { documentNumber: null, paymentReference: 'FV-2025-0120', counterpartyName: 'Comercial Norte S.L.', amountMinor: 180000, openAmountMinor: 180000 }),
      makeItem(22, { documentNumber: null, paymentReference: 'FV-2025-0121', counterpartyName: 'Comercial Norte S.L.', amountMinor: 120000, openAmountMinor: 120000 }),
    ];
    const { dialog } = await openBuilder({ 'bookItems.list': ok({ total: 2, offset: 0, rows: sameCustomer }) });
    removePrefilled(dialog);
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Add FV-2025-0120' }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Add FV-2025-0121' }));
    expect(plain((within(dialog).getByRole('textbox', { name: 'Amount for FV-2025-0120' }) as HTMLInputElement).value)).toBe('1210.00');
    expect(within(dialog).getByRole('button', { name: 'Remove FV-2025-0121' })).toBeTruthy();
    expect(within(dialog).getByRole('list', { name: 'Books items in this match' }).textContent).toContain('FV-2025-0121');
  });

  it('searches by text, the remaining amount and dates, and finds bank lines of an account too', async () => {
    const { api, dialog } = await openBuilder();
    removePrefilled(dialog);
    const text = within(dialog).getByRole('searchbox');
    fireEvent.change(text, { target: { value: 'nada' } });
    fireEvent.keyDown(text, { key: 'Enter' });
    await settle();
    expect(api.inputsOf('bookItems.list').at(-1)).toMatchObject({ search: 'nada' });
    expect(within(dialog).getByText('Nothing found. Widen the amounts or dates, or change the text.')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: /^Remaining/ }));
    await settle();
    expect(api.inputsOf('bookItems.list').at(-1)).toMatchObject({ minAmountMinor: 121000, maxAmountMinor: 121000 });
    fireEvent.change(within(dialog).getByLabelText('From'), { target: { value: '2025-02-01' } });
    await settle();
    expect(api.inputsOf('bookItems.list').at(-1)).toMatchObject({ from: '2025-02-01' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Bank lines' }));
    await settle();
    expect(api.inputsOf('bankLines.list')).toEqual([
      { accountId: 1, from: '2025-02-01', to: null, minAmountMinor: null, maxAmountMinor: null, search: 'nada', status: 'unmatched', sort: 'date', direction: 'desc', offset: 0, limit: 50 },
    ]);
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Add SEGUNDO PAGO' }));
    expect(within(dialog).getAllByTestId('manual-bank-line')).toHaveLength(2);
    expect(difference(dialog)).toBe('EUR 1,260.00');
  });

  it('starts from a books item of the proposal and looks for bank lines', async () => {
    const { api } = await openReview({ ...builderReplies });
    fireEvent.click(screen.getByRole('button', { name: 'Match FV-2025-0001 by hand' }));
    await settle();
    const dialog = screen.getByRole('dialog', { name: 'Match by hand' });
    expect(within(dialog).getAllByTestId('manual-item')).toHaveLength(1);
    expect(within(dialog).queryAllByTestId('manual-bank-line')).toHaveLength(0);
    expect(api.inputsOf('bankLines.list')).toHaveLength(1);
    expect(within(dialog).getByText('Add a bank line.')).toBeTruthy();
  });

  it('keeps the builder open and says why when the core refuses the match', async () => {
    const { dialog } = await openBuilder({ 'matches.createManual': fail('period_locked', 'March 2025 is locked') });
    fireEvent.click(create(dialog));
    await settle();
    expect(screen.getByRole('dialog', { name: 'Match by hand' })).toBeTruthy();
    expect(within(dialog).getByRole('alert').textContent).toBe('This period is locked: March 2025 is locked');
  });
});

describe('manual match model', () => {
  const draft = (over: Partial<ManualDraft> = {}): ManualDraft => ({
    companyId: 1,
    bankLines: [makeMatchLine(1, { amountMinor: 121000 })],
    allocations: [],
    treatment: 'none',
    writeOffAccount: '',
    note: '',
    rule: { enabled: false, bankText: '', counterpartyName: '', taxId: '' },
    submitting: false,
    error: null,
    ...over,
  });

  it('nets credit notes (negative allocations) and gives a new item only what is left', () => {
    const invoice = toManualItem(makeItem(1, { amountMinor: 150000, openAmountMinor: 150000 }));
    const credit = toManualItem(makeItem(2, { kind: 'credit_note', amountMinor: -29000, openAmountMinor: -29000 }));
    const netted = draft({ allocations: [{ item: invoice, amountMinor: 150000 }, { item: credit, amountMinor: -29000 }] });
    expect(manualTotals(netted)).toEqual({ currency: 'EUR', bankMinor: 121000, allocatedMinor: 121000, differenceMinor: 0 });
    expect(manualProblems(netted)).toEqual([]);
    expect(defaultAllocation(invoice, 121000)).toBe(121000);
    expect(defaultAllocation(credit, 121000)).toBe(-29000);
  });

  it('refuses over-allocation, an empty allocation, an unexplained difference and a short rule', () => {
    const item = toManualItem(makeItem(1, { amountMinor: 100000, openAmountMinor: 100000 }));
    expect(manualProblems(draft({ allocations: [{ item, amountMinor: 120000 }] }))).toEqual(['overAllocated', 'unexplained']);
    expect(manualProblems(draft({ allocations: [{ item, amountMinor: 0 }], treatment: 'fee' }))).toEqual(['zeroAllocation']);
    expect(manualProblems(draft({ bankLines: [], rule: { enabled: true, bankText: 'ab', counterpartyName: '', taxId: '' } }))).toEqual(['noBank', 'ruleText']);
  });

  it('sends no treatment when the difference is zero, and nulls for empty texts', () => {
    const item = toManualItem(makeItem(1, { amountMinor: 121000, openAmountMinor: 121000 }));
    const input: MethodInput<'matches.createManual'> = manualInput(draft({ allocations: [{ item, amountMinor: 121000 }], treatment: 'write_off', writeOffAccount: '669', note: '  ' }));
    expect(input).toEqual({ companyId: 1, bankLineIds: [1], allocations: [{ bookItemId: 1, amountMinor: 121000 }], differenceTreatment: 'none', writeOffAccount: null, note: null, rule: null });
  });
});
