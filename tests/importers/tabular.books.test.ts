/**
 * Books exports: the canonical CSV with English and Spanish headers, an ERP open-items export
 * (type column, unsigned open amounts, footer), Mexican receivables with RFCs, a bank ledger
 * with Debe/Haber; open amounts of partly paid items, credit notes, tax-id validation; and the
 * canonical bank CSV on the bank side.
 */
import { describe, expect, it } from 'vitest';
import { parseBankTable, parseBooksTable, kindFromType } from '../../main/core/importers/tabular/index.js';
import type { BookItem } from '../../main/core/importers/books-types.js';
import { codes } from './support.js';
import { tabular, utf8 } from './tabular-support.js';

const summary = (items: BookItem[]): Array<[string | null, string, number, number]> =>
  items.map((i) => [i.id ?? i.documentNumber, i.kind, i.amount.minor, i.openAmount.minor]);

describe('canonical books CSV', () => {
  it('English headers: ids, signs, open amounts, credit notes, tax ids', () => {
    const r = parseBooksTable(tabular('own_books_canonical_en.csv'));
    expect(r.format).toBe('csv');
    expect(r.layout.canonical).toBe(true);
    expect(r.payments).toEqual([]);
    expect(summary(r.items)).toEqual([
      ['I1', 'invoice', 121000, 121000],
      ['I3', 'invoice', 100000, 40000],
      ['I4', 'credit_note', -15000, -15000],
      ['I2', 'invoice', -36300, -36300],
      ['I5', 'invoice', 50000, 50000],
    ]);
    const i1 = r.items[0];
    expect(i1).toMatchObject({
      date: '2025-02-10', dueDate: '2025-03-12', description: 'Factura FV-2025-0101', paymentReference: 'FV-2025-0101',
      counterparty: { name: 'Distribuciones López S.L.', taxId: 'B12345674' }, amount: { currency: 'EUR' }, sourceLine: 2,
    });
    expect(r.diagnostics.filter((d) => d.level !== 'info')).toEqual([
      { level: 'warning', code: 'tax_id_invalid', message: 'Row 6: the CIF B87654324 has a wrong check character; it was kept as written.', line: 6 },
    ]);
  });

  it('Spanish headers (with semicolons and decimal commas) give the same items', () => {
    const en = parseBooksTable(tabular('own_books_canonical_en.csv'));
    const es = parseBooksTable(tabular('own_books_canonical_es.csv'));
    expect(es.layout.canonical).toBe(true);
    expect(es.items).toEqual(en.items);
  });

  it('the canonical bank CSV: ids become bank ids, value dates, RF creditor references', () => {
    for (const name of ['own_bank_canonical_en.csv', 'own_bank_canonical_es.csv']) {
      const r = parseBankTable(tabular(name));
      expect(r.layout.canonical).toBe(true);
      const s = r.statements[0];
      expect(s?.lines.map((l) => [l.bankId, l.bookingDate, l.valueDate, l.amount.minor])).toEqual([
        ['B1', '2025-03-03', '2025-03-03', 121000],
        ['B2', '2025-03-05', '2025-03-05', -36300],
        ['B3', '2025-03-10', '2025-03-11', -1250],
        ['B4', '2025-03-12', '2025-03-12', 242000],
      ]);
      expect(s?.lines[0]?.counterparty).toEqual({ name: 'DISTRIBUCIONES LOPEZ SL', taxId: 'B12345674' });
      expect(s?.lines[0]?.references).toEqual({ other: ['FV-2025-0101'] });
      expect(s?.lines[3]?.references).toEqual({ creditorReference: 'RF18539007547034' });
      expect(s?.openingBalance?.amount.minor).toBe(1000000);
      expect(s?.closingBalance?.amount.minor).toBe(1325450);
      expect(s?.balanceChecked).toBe(true);
      expect(r.layout.confidence).toBe(1);
    }
  });
});

describe('other books exports', () => {
  it('ERP open items: type column, Nº Factura, unsigned open amounts, a totals footer', () => {
    const r = parseBooksTable(tabular('own_books_erp_open_items_es.csv'), { currency: 'EUR' });
    expect(summary(r.items)).toEqual([
      ['FV-0101', 'invoice', 121000, 121000],
      ['FV-0102', 'invoice', 100000, 40000],
      ['AB-0007', 'credit_note', -15000, -15000],
      ['FP-9981', 'invoice', -36300, -36300],
      ['AN-0001', 'payment_on_account', 30000, 30000],
    ]);
    expect(r.items.every((i) => i.amount.currency === 'EUR' && i.id === null)).toBe(true);
    expect(r.items[0]?.paymentReference).toBe('RF18539007547034');
    expect(r.items[4]?.dueDate).toBeNull();
    expect(codes(r.diagnostics)).toEqual(expect.arrayContaining(['footer_skipped', 'tax_id_invalid']));
    expect(r.diagnostics.find((d) => d.code === 'tax_id_invalid')?.message).toMatch(/CIF A82018475/);
  });

  it('Mexican receivables: RFC check digits (generic RFC accepted), Saldo insoluto as open amount', () => {
    const r = parseBooksTable(tabular('own_books_mx_rfc.csv'));
    expect(summary(r.items)).toEqual([
      ['A-100', 'invoice', 100000, 100000],
      ['A-101', 'invoice', 2500000, 1250000],
      ['A-102', 'invoice', 500000, 500000],
      ['A-103', 'invoice', 35050, 0],
    ]);
    expect(r.items.map((i) => i.counterparty.taxId)).toEqual(['COSC8001137NA', 'ISD950921HE5', 'ISD950921HE4', 'XAXX010101000']);
    expect(r.items.every((i) => i.amount.currency === 'MXN')).toBe(true);
    expect(r.diagnostics.filter((d) => d.code === 'tax_id_invalid').map((d) => d.message)).toEqual([
      'Row 4: the RFC ISD950921HE4 has a wrong check character; it was kept as written.',
    ]);
  });

  it('a bank ledger (ledger: true): Debe is money in, Haber money out, Saldo is a running balance', () => {
    const r = parseBooksTable(tabular('own_books_ledger_debe_haber.csv'), { ledger: true, currency: 'EUR' });
    expect(summary(r.items).map(([, kind, amount, open]) => [kind, amount, open])).toEqual([
      ['ledger_entry', 121000, 121000], ['ledger_entry', -36300, -36300], ['ledger_entry', -1250, -1250], ['ledger_entry', 242000, 242000],
    ]);
    expect(r.layout.signConvention).toBe('debit_credit');
    expect(r.layout.balanceVerified).toBe(true);
    expect(r.diagnostics.filter((d) => d.level === 'warning')).toEqual([]);
  });

  it('without a type column or telling words, the few items of the other sign are credit notes', () => {
    const rows = ['Fecha;Cliente;Importe'];
    for (let d = 1; d <= 9; d++) rows.push(`0${d}/03/2025;Cliente ${d};${d * 100},00`);
    rows.push('10/03/2025;Cliente 3;-50,00');
    const r = parseBooksTable(utf8(rows.join('\n')), { currency: 'EUR' });
    expect(r.items.map((i) => i.kind)).toEqual([...Array(9).fill('invoice'), 'credit_note']);
    expect(codes(r.diagnostics)).toContain('credit_notes_by_sign');
  });

  it('an open amount larger than the document is reported', () => {
    const r = parseBooksTable(utf8('Fecha;Factura;Importe;Pendiente\n01/03/2025;F1;100,00;150,00\n15/03/2025;F2;10,00;10,00\n'), { currency: 'EUR' });
    expect(r.diagnostics.find((d) => d.code === 'open_amount_exceeds')).toMatchObject({ level: 'warning', line: 2 });
  });

  it('document types in Spanish, English and CFDI letters', () => {
    expect(['Factura', 'Invoice', 'I', 'Factura emitida'].map(kindFromType)).toEqual(['invoice', 'invoice', 'invoice', 'invoice']);
    expect(['Abono', 'Nota de crédito', 'Credit note', 'Factura rectificativa', 'E'].map(kindFromType)).toEqual(Array(5).fill('credit_note'));
    expect(['Anticipo', 'Pago a cuenta'].map(kindFromType)).toEqual(['payment_on_account', 'payment_on_account']);
    expect(kindFromType('Otro')).toBeNull();
  });
});
