/**
 * The XLSX export read back with SheetJS as Excel would show it: one sheet named in the chosen
 * language, amounts as numeric cells with the currency's decimals, real date cells, totals that
 * add up, and text cells neutralised like the CSV's.
 */
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { reconciliationReportSchema, type ReconciliationReport } from '../../main/core/contract/match-schemas.js';
import { exportReport } from '../../main/core/reports/export.js';
import { reportToXlsx } from '../../main/core/reports/export-xlsx.js';

const report: ReconciliationReport = reconciliationReportSchema.parse({
  accountId: 4,
  accountName: 'BBVA empresas',
  iban: 'ES0201821234560123456789',
  currency: 'EUR',
  to: '2025-01-31',
  statementBalanceMinor: 123_456_789,
  statementBalanceDate: '2025-01-30',
  booksBalanceMinor: 123_400_000,
  outstandingBank: [
    { id: 11, externalId: '-17', date: '2025-01-29', amountMinor: -1250, description: '-ABC', ageDays: 2 },
    { id: 12, externalId: null, date: '2025-01-15', amountMinor: 80_001, description: '=1+1', ageDays: 16 },
  ],
  outstandingBooks: [
    { id: 21, externalId: 'CH-3', date: '2025-01-31', amountMinor: -20_000, description: '@cheque', ageDays: 0 },
  ],
  outstandingBankTotalMinor: 78_751,
  outstandingBooksTotalMinor: -20_000,
  // 1234567.89 − 1234000.00 − 787.51 − 200.00 = −419.62
  unexplainedMinor: -41_962,
  lockedThrough: '2024-12-31',
  generatedAt: '2025-02-01T09:45:30Z',
});

interface Sheet { name: string; cell(address: string): XLSX.CellObject | undefined; rowOf(label: string): number; column(c: string, from: number, to: number): XLSX.CellObject[] }

async function readBack(r: ReconciliationReport, locale: 'es' | 'en'): Promise<Sheet> {
  const book = XLSX.read(await reportToXlsx(r, { locale }), { type: 'array', cellNF: true });
  expect(book.SheetNames).toHaveLength(1);
  const name = book.SheetNames[0] ?? '';
  const ws = book.Sheets[name];
  if (!ws) throw new Error('no sheet');
  const cell = (address: string): XLSX.CellObject | undefined => ws[address] as XLSX.CellObject | undefined;
  const last = XLSX.utils.decode_range(ws['!ref'] ?? 'A1').e.r;
  const rowOf = (label: string): number => {
    for (let r = 0; r <= last; r++) if (cell(`A${r + 1}`)?.v === label) return r + 1;
    throw new Error(`no row "${label}"`);
  };
  const column = (c: string, from: number, to: number): XLSX.CellObject[] =>
    Array.from({ length: to - from + 1 }, (_, k) => cell(`${c}${from + k}`)).filter((x): x is XLSX.CellObject => x !== undefined);
  return { name, cell, rowOf, column };
}

describe('XLSX export', () => {
  it('names its one sheet by locale', async () => {
    expect((await readBack(report, 'en')).name).toBe('Reconciliation');
    expect((await readBack(report, 'es')).name).toBe('Conciliación');
  });

  it('writes amounts as numeric cells with two decimals and the totals add up', async () => {
    const s = await readBack(report, 'en');
    const statement = s.cell(`B${s.rowOf('Statement balance')}`);
    expect(statement?.t).toBe('n');
    expect(statement?.v).toBe(1234567.89);
    expect(statement?.z).toBe('#,##0.00');
    expect(statement?.w).toBe('1,234,567.89');
    expect(s.cell(`B${s.rowOf('Books balance')}`)?.v).toBe(1234000);
    expect(s.cell(`B${s.rowOf('Books balance')}`)?.w).toBe('1,234,000.00');
    const unexplained = s.cell(`B${s.rowOf('Unexplained')}`);
    expect(unexplained?.t).toBe('n');
    expect(unexplained?.v).toBe(-419.62);

    const bankStart = s.rowOf('Outstanding bank items') + 2;
    const booksStart = s.rowOf('Outstanding books items') + 2;
    const bank = s.column('E', bankStart, bankStart + 1);
    const books = s.column('E', booksStart, booksStart);
    expect(bank.map((c) => c.t)).toEqual(['n', 'n']);
    expect(bank.map((c) => c.v)).toEqual([-12.5, 800.01]);
    const cents = (cells: XLSX.CellObject[]): number => cells.reduce((acc, c) => acc + Math.round(Number(c.v) * 100), 0);
    expect(cents(bank)).toBe(Math.round(Number(s.cell(`B${s.rowOf('Outstanding bank items total')}`)?.v) * 100));
    expect(cents(books)).toBe(Math.round(Number(s.cell(`B${s.rowOf('Outstanding books items total')}`)?.v) * 100));
    // Ids and ages are integers, not text.
    expect(s.cell(`B${bankStart}`)).toMatchObject({ t: 'n', v: 11 });
    expect(s.cell(`F${bankStart + 1}`)).toMatchObject({ t: 'n', v: 16 });
  });

  it('writes every date as a real date cell', async () => {
    const s = await readBack(report, 'en');
    const to = s.cell(`B${s.rowOf('Reconciliation date')}`);
    expect(to?.t).toBe('n');
    expect(to?.z).toBe('yyyy-mm-dd');
    expect(to?.w).toBe('2025-01-31');
    expect(XLSX.SSF.parse_date_code(Number(to?.v))).toMatchObject({ y: 2025, m: 1, d: 31 });
    expect(s.cell(`B${s.rowOf('Statement balance date')}`)?.w).toBe('2025-01-30');
    expect(s.cell(`B${s.rowOf('Locked through')}`)?.w).toBe('2024-12-31');
    expect(s.cell(`B${s.rowOf('Generated at (UTC)')}`)?.w).toBe('2025-02-01 09:45:30');
    const item = s.cell(`D${s.rowOf('Outstanding bank items') + 2}`);
    expect(item).toMatchObject({ t: 'n', w: '2025-01-29' });
  });

  it('neutralises text cells the way the CSV does', async () => {
    const s = await readBack(report, 'es');
    const bankStart = s.rowOf('Partidas pendientes del banco') + 2;
    expect(s.cell(`G${bankStart}`)).toMatchObject({ t: 's', v: "'-ABC" });
    expect(s.cell(`C${bankStart}`)).toMatchObject({ t: 's', v: "'-17" });
    expect(s.cell(`G${bankStart + 1}`)).toMatchObject({ t: 's', v: "'=1+1" });
    expect(s.cell(`G${bankStart + 1}`)?.f).toBeUndefined();
    expect(s.cell(`G${s.rowOf('Partidas pendientes de contabilidad') + 2}`)).toMatchObject({ t: 's', v: "'@cheque" });
    // Negative amounts stay numbers.
    expect(s.cell(`E${bankStart}`)).toMatchObject({ t: 'n', v: -12.5 });
    expect(s.cell(`A${s.rowOf('Sin explicar')}`)?.v).toBe('Sin explicar');
  });

  it('uses the currency’s decimals and leaves missing balances empty', async () => {
    const kwd = reconciliationReportSchema.parse({ ...report, currency: 'KWD', statementBalanceMinor: null, statementBalanceDate: null, unexplainedMinor: null, booksBalanceMinor: 1_234_567 });
    const s = await readBack(kwd, 'en');
    expect(s.cell(`B${s.rowOf('Books balance')}`)).toMatchObject({ t: 'n', v: 1234.567, z: '#,##0.000', w: '1,234.567' });
    expect(s.cell(`B${s.rowOf('Statement balance')}`)).toBeUndefined();
    expect(s.cell(`B${s.rowOf('Unexplained')}`)).toBeUndefined();
    const jpy = reconciliationReportSchema.parse({ ...report, currency: 'JPY', booksBalanceMinor: 1_500_000 });
    const j = await readBack(jpy, 'en');
    expect(j.cell(`B${j.rowOf('Books balance')}`)).toMatchObject({ v: 1500000, z: '#,##0', w: '1,500,000' });
  });

  it('comes out of exportReport as an xlsx file', async () => {
    const file = await exportReport(report, { format: 'xlsx', locale: 'en', firmName: 'Gestoría Ruiz', companyName: 'Ruiz e Hijos' });
    expect(file.fileName).toBe('reconciliation-bbva-empresas-2025-01-31.xlsx');
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect([...file.bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
    const ws = XLSX.read(file.bytes, { type: 'array' }).Sheets.Reconciliation;
    expect(ws?.B2?.v).toBe('Gestoría Ruiz');
    expect(ws?.B3?.v).toBe('Ruiz e Hijos');
  });
});
