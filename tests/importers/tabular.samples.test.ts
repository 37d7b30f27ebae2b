/**
 * The real CSV / XLSX / XLS samples (copied from /work/shared/data into tests/fixtures/tabular,
 * MIT, see SOURCES.md): counts, sums, opening and closing balances, and the cross-format rule —
 * the Mexican files (two real layouts, one of ours with a D/C flag, newest first and inverted
 * amounts, and an inverted-sign workbook written here) give the identical (date, amount, balance)
 * sequence.
 */
import { describe, expect, it } from 'vitest';
import { parseStatementFile } from '../../main/core/importers/index.js';
import { applyLayout, detectLayout, parseBankTable, readGrid } from '../../main/core/importers/tabular/index.js';
import type { Statement } from '../../main/core/importers/types.js';
import { codes, statementAt, sum } from './support.js';
import { MX_MOVEMENTS, dateAmounts, tabular, utf8, workbook } from './tabular-support.js';

const only = (statements: Statement[]): Statement => {
  expect(statements).toHaveLength(1);
  return statementAt({ format: 'csv', encoding: '', statements, diagnostics: [] }, 0);
};

describe('real samples', () => {
  it('actual_windows-1252.csv: cp1252 accents, dotted dates, no balance', () => {
    const r = parseBankTable(tabular('actual_windows-1252.csv'), { currency: 'EUR' });
    expect(r.format).toBe('csv');
    expect(r.encoding).toBe('windows-1252');
    const s = only(r.statements);
    expect(s.lines.map((l) => [l.bookingDate, l.amount.minor, l.description])).toEqual([
      ['2025-12-04', 10025, 'Café Rémy'],
      ['2025-12-05', -4210, 'Boulangerie Müller'],
    ]);
    expect(s.lines.every((l) => l.amount.currency === 'EUR')).toBe(true);
    expect(s.openingBalance).toBeNull();
    expect(s.balanceChecked).toBeNull();
    expect(r.layout.dateOrder).toBe('ymd');
  });

  it('es_imaginbank: semicolons, EUR glued on, decimal comma, newest first, running balance', () => {
    const r = parseBankTable(tabular('es_imaginbank_semicolon_eur_suffix.csv'));
    const s = only(r.statements);
    expect(s.lines).toHaveLength(6);
    expect(sum(s)).toBe(145000);
    expect(s.openingBalance).toEqual({ amount: { minor: 0, currency: 'EUR' }, date: '2025-11-03' });
    expect(s.closingBalance).toEqual({ amount: { minor: 145000, currency: 'EUR' }, date: '2025-11-10' });
    expect(s.balanceChecked).toBe(true);
    expect(s.account.currency).toBe('EUR');
    expect(r.layout).toMatchObject({ rowOrder: 'newest_first', decimalSeparator: ',', dateOrder: 'dmy', balanceVerified: true });
    expect(r.layout.ambiguities).toEqual([]);
    // Oldest first, and the two movements of 3 November in the bank's own order (the balance chain).
    expect(s.lines.map((l) => l.description)).toEqual(['Farmacia', 'Transferencia recibida', 'Ingreso nomina', 'Pago servicios', 'Compra supermercado', 'Transferencia']);
    expect(s.lines.map((l) => l.sourceLine)).toEqual([7, 6, 5, 4, 3, 2]);
    expect(codes(r.diagnostics)).toContain('rows_newest_first');
  });

  it('mx_bbva_cargo_abono: negative Cargo and 0 instead of empty are not negated twice', () => {
    const r = parseBankTable(tabular('mx_bbva_cargo_abono_synthetic.csv'), { currency: 'MXN' });
    const s = only(r.statements);
    expect(r.layout.signConvention).toBe('debit_credit');
    expect(s.lines).toHaveLength(15);
    expect(sum(s)).toBe(6277475);
    expect(s.openingBalance?.amount.minor).toBe(10000000);
    expect(s.closingBalance?.amount.minor).toBe(16277475);
    expect(s.balanceChecked).toBe(true);
    expect(s.lines[0]?.references.other).toEqual(['REF001']);
    expect(r.diagnostics.filter((d) => d.level !== 'info')).toEqual([]);
  });

  it('mx_santander_english: one signed amount, English headers', () => {
    const r = parseBankTable(tabular('mx_santander_english_synthetic.csv'), { currency: 'MXN' });
    const s = only(r.statements);
    expect(r.layout.signConvention).toBe('signed');
    expect(s.lines).toHaveLength(15);
    expect(sum(s)).toBe(6277475);
    expect(s.balanceChecked).toBe(true);
    expect(r.layout.confidence).toBe(1);
  });

  it('es_bbva_movimientos.xlsx: two title rows, dd/mm/yyyy strings, numeric cells, newest first', () => {
    const r = parseBankTable(tabular('es_bbva_movimientos.xlsx'));
    expect(r.format).toBe('xlsx');
    const s = only(r.statements);
    expect(r.layout.headerRow).toBe(5);
    expect(s.lines.map((l) => l.amount.minor)).toEqual([84, 1, 53, 178, 82, 52]);
    expect(s.lines.map((l) => l.bookingDate)).toEqual(['2025-11-05', '2025-11-06', '2025-11-10', '2025-11-11', '2025-11-12', '2025-11-13']);
    expect(s.lines.every((l) => l.valueDate === l.bookingDate && l.amount.currency === 'EUR')).toBe(true);
    expect(s.lines[0]?.description).toBe('Traspaso programa tu cuenta / Trp redondeo tarjeta');
    expect(s.openingBalance).toEqual({ amount: { minor: 207, currency: 'EUR' }, date: '2025-11-05' });
    expect(s.closingBalance).toEqual({ amount: { minor: 657, currency: 'EUR' }, date: '2025-11-13' });
    expect(s.balanceChecked).toBe(true);
    // The second "Divisa" column belongs to the balance and is not a second currency.
    expect(r.layout.columns.filter((c) => c.role === 'currency')).toHaveLength(1);
  });

  it('es_kutxabank_cuenta_biff.xls: legacy BIFF, title row, 2000-row range mostly empty', () => {
    const r = parseBankTable(tabular('es_kutxabank_cuenta_biff.xls'), { currency: 'EUR' });
    expect(r.format).toBe('xls');
    const s = only(r.statements);
    expect(r.layout.headerRow).toBe(7);
    expect(s.lines).toHaveLength(32);
    expect(sum(s)).toBe(115373 - 308674);
    expect(s.openingBalance).toEqual({ amount: { minor: 308674, currency: 'EUR' }, date: '2025-11-01' });
    expect(s.closingBalance).toEqual({ amount: { minor: 115373, currency: 'EUR' }, date: '2025-11-12' });
    expect(s.balanceChecked).toBe(true);
    expect(s.lines[0]).toMatchObject({ bookingDate: '2025-11-01', valueDate: '2025-11-01', description: 'OP.NET Orden Permanente', sourceLine: 9 });
    // Every date fits both orders; 12 days as d/m vs 11 months as m/d, with Spanish headers: d/m.
    expect(r.layout.dateOrder).toBe('dmy');
    expect(r.layout.ambiguities).toEqual([]);
  });
});

describe('through the statement entry point', () => {
  it('parseStatementFile hands a table format to the tabular importer', () => {
    const r = parseStatementFile(tabular('es_bbva_movimientos.xlsx'), { format: 'xlsx' });
    expect(r.format).toBe('xlsx');
    expect(r.statements[0]?.lines).toHaveLength(6);
    expect(r.layout?.headerRow).toBe(5);
  });
});

describe('the same 15 Mexican movements in five layouts', () => {
  const invertedWorkbook = (): Uint8Array => workbook([
    ['Estado de cuenta de tarjeta'],
    ['Periodo: octubre 2025'],
    [],
    ['Transaction Date', 'Description', 'Amount', 'Balance'],
    ...MX_MOVEMENTS.map(([date, amount, balance], i) => [
      new Date(`${date}T00:00:00Z`), `MOVEMENT ${i + 1}`, -amount / 100, balance / 100,
    ]),
  ]);
  const es = (minor: number): string => {
    const abs = Math.abs(minor);
    const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    return `${minor < 0 ? '-' : ''}${whole},${String(abs % 100).padStart(2, '0')}`;
  };
  const htmlPage = (): Uint8Array => utf8([
    '<html><head><meta charset="utf-8"></head><body><table>',
    '<tr><th>Fecha</th><th>Concepto</th><th>Cargo</th><th>Abono</th><th>Saldo</th></tr>',
    ...[...MX_MOVEMENTS].reverse().map(([date, amount, balance]) => {
      const [y, m, d] = date.split('-');
      return `<tr><td>${d}/${m}/${y}</td><td>Movimiento</td><td>${amount < 0 ? es(-amount) : ''}</td><td>${amount > 0 ? es(amount) : ''}</td><td>${es(balance)}</td></tr>`;
    }),
    '</table></body></html>',
  ].join('\n'));
  const files: Array<[string, () => Uint8Array]> = [
    ['mx_bbva_cargo_abono_synthetic.csv (Cargo/Abono)', () => tabular('mx_bbva_cargo_abono_synthetic.csv')],
    ['mx_santander_english_synthetic.csv (signed)', () => tabular('mx_santander_english_synthetic.csv')],
    ['own_mx_dc_flag_newest_first_inverted.csv (D/C flag, newest first, amounts written inverted)', () => tabular('own_mx_dc_flag_newest_first_inverted.csv')],
    ['workbook written here (title rows, Excel dates, every amount inverted)', invertedWorkbook],
    ['HTML page written here (Cargo/Abono unsigned, newest first, decimal comma)', htmlPage],
  ];

  it.each(files)('%s normalises to the reference sequence', (_name, bytes) => {
    const read = readGrid(bytes());
    const layout = detectLayout(read.grid, { side: 'bank' });
    const applied = applyLayout(read.grid, layout, { currency: 'MXN' });
    expect(applied.records.map((r) => [r.date, r.amount, r.balance])).toEqual(MX_MOVEMENTS.map((m) => [...m]));
    const s = only(parseBankTable(bytes(), { currency: 'MXN' }).statements);
    expect(dateAmounts(s)).toEqual(MX_MOVEMENTS.map(([d, a]) => [d, a]));
    expect(s.openingBalance?.amount.minor).toBe(10000000);
    expect(s.closingBalance?.amount.minor).toBe(16277475);
    expect(s.balanceChecked).toBe(true);
  });

  it('detects the inverted workbook and the newest-first flag file from the running balance', () => {
    const inverted = detectLayout(readGrid(invertedWorkbook()).grid, { side: 'bank' });
    expect(inverted).toMatchObject({ signConvention: 'inverted', headerRow: 4, dateOrder: 'ymd', balanceVerified: true });
    expect(inverted.reasons.join(' ')).toMatch(/sign reversed/);
    const flagged = detectLayout(readGrid(tabular('own_mx_dc_flag_newest_first_inverted.csv')).grid, { side: 'bank' });
    expect(flagged).toMatchObject({ signConvention: 'dc_flag', rowOrder: 'newest_first', decimalSeparator: ',', dateOrder: 'dmy', flagValues: { in: ['abono'], out: ['cargo'] } });
  });
});
