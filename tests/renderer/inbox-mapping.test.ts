import { describe, expect, it } from 'vitest';
import type { TabularProfile } from '../../main/core/contract/index.js';
import { draftFromLayout, mappingProblems, withRole } from '../../renderer/src/features/inbox/mapping-model.js';
import { readAmount, readDate, readRows } from '../../renderer/src/features/inbox/mapping-read.js';
import { makeLayout } from './support/import-fixtures.js';

const profile = (over: Partial<TabularProfile>): TabularProfile => ({
  name: 'p', side: 'bank', columns: [], dateOrder: 'dmy', decimalSeparator: ',', signConvention: 'signed', ledger: false, ...over,
});

describe('mapping draft', () => {
  it('starts from the importer’s reading, one entry per column, unknown columns ignored', () => {
    const draft = draftFromLayout(makeLayout(), 'bank', 'movimientos.marzo.xlsx', null);
    expect(draft.name).toBe('movimientos.marzo');
    expect(draft.columns).toEqual([
      { header: 'Fecha', role: 'date' },
      { header: 'Concepto', role: 'description' },
      { header: 'Importe', role: 'ignore' },
      { header: 'Saldo', role: 'balance' },
    ]);
    expect(mappingProblems(draft)).toEqual(['noAmount']);
    expect(mappingProblems(withRole(draft, 2, 'amount', []))).toEqual([]);
    expect(mappingProblems(withRole(draft, 1, 'date', []))).toContain('duplicateRole');
  });

  it('follows the money columns with the sign convention', () => {
    const draft = draftFromLayout(makeLayout({ headers: ['Fecha', 'Concepto', 'Cargo', 'Abono'] }), 'bank', 'x.csv', null);
    const split = withRole(withRole(draft, 2, 'debit', []), 3, 'credit', []);
    expect(split.signConvention).toBe('debit_credit');
    expect(withRole(split, 3, 'ignore', []).signConvention).toBe('signed');
  });
});

describe('reading the first rows with the choices', () => {
  it('reads dates in the chosen order, ISO and 2-digit years, and refuses impossible ones', () => {
    expect(readDate('03/05/2025', 'dmy')).toBe('2025-05-03');
    expect(readDate('03/05/2025', 'mdy')).toBe('2025-03-05');
    expect(readDate('2025-03-05', 'mdy')).toBe('2025-03-05');
    expect(readDate('31.12.25', 'dmy')).toBe('2025-12-31');
    expect(readDate('31/12/2025', 'mdy')).toBeNull();
    expect(readDate('30/02/2025', 'dmy')).toBeNull();
    expect(readDate('Saldo anterior', 'dmy')).toBeNull();
  });

  it('reads amounts with the chosen separator, glued currencies, trailing minus and parentheses', () => {
    expect(readAmount('1.450,00EUR', ',', false)).toBe('1450.00');
    expect(readAmount('-1,234.50', '.', false)).toBe('-1234.50');
    expect(readAmount('12,50-', ',', false)).toBe('-12.50');
    expect(readAmount('(363,00)', ',', false)).toBe('-363.00');
    expect(readAmount('-12.5', ',', true)).toBe('-12.5');
    expect(readAmount('abc', ',', false)).toBeNull();
    expect(readAmount('', ',', false)).toBeNull();
  });

  it('signs amounts by the convention: inverted, debit/credit on each side', () => {
    const rows = [['03/03/2025', 'Compra', '100,00', '']];
    const bank = profile({ signConvention: 'debit_credit', columns: [{ header: 'F', role: 'date' }, { header: 'C', role: 'description' }, { header: 'D', role: 'debit' }, { header: 'H', role: 'credit' }] });
    expect(readRows(bank, rows, false)[0]).toMatchObject({ date: '2025-03-03', description: 'Compra', amount: '-100.00' });
    expect(readRows({ ...bank, side: 'books' }, rows, false)[0]?.amount).toBe('100.00');
    const card = profile({ signConvention: 'inverted', columns: [{ header: 'F', role: 'date' }, { header: 'C', role: 'description' }, { header: 'I', role: 'amount' }] });
    expect(readRows(card, rows, false)[0]?.amount).toBe('-100,00'.replace(',', '.'));
  });
});
