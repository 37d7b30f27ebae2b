/**
 * The CSV export as a spreadsheet user meets it: BOM and CRLF, RFC 4180 quoting that a strict
 * parser reads back, totals that add up, labels in the chosen language, and text cells that
 * cannot run as formulas while negative amounts stay numbers.
 */
import { describe, expect, it } from 'vitest';
import { reconciliationReportSchema, type ReconciliationReport } from '../../main/core/contract/match-schemas.js';
import { neutraliseText, reportToCsv } from '../../main/core/reports/export-csv.js';
import { exportReport } from '../../main/core/reports/export.js';

const report: ReconciliationReport = reconciliationReportSchema.parse({
  accountId: 7,
  accountName: 'Cuenta "operativa", Sabadell',
  iban: 'ES7100810216110001234567',
  currency: 'EUR',
  to: '2025-03-31',
  statementBalanceMinor: 2_500_075,
  statementBalanceDate: '2025-03-31',
  booksBalanceMinor: 2_480_000,
  outstandingBank: [
    { id: 101, externalId: 'N43-17', date: '2025-03-30', amountMinor: -1250, description: '-ABC comisión', ageDays: 1 },
    { id: 102, externalId: '@ext', date: '2025-03-12', amountMinor: 45_000, description: '=HYPERLINK("http://evil.example","x")', ageDays: 19 },
    { id: 103, externalId: null, date: '2024-12-20', amountMinor: -3325, description: 'Línea 1\r\nLínea 2', ageDays: 101 },
  ],
  outstandingBooks: [
    { id: 201, externalId: 'F-2025-009', date: '2025-03-28', amountMinor: -20_000, description: '+34 600 000 000 llamada', ageDays: 3 },
    { id: 202, externalId: null, date: '2025-03-29', amountMinor: 6_500, description: '\tTAB al principio', ageDays: 2 },
  ],
  outstandingBankTotalMinor: 40_425,
  outstandingBooksTotalMinor: -13_500,
  // 25000.75 − 24800.00 − 404.25 + (−135.00) = −338.50
  unexplainedMinor: -33_850,
  lockedThrough: null,
  generatedAt: '2025-04-01T08:30:00Z',
});

/** A strict RFC 4180 reader: fails on a stray quote or a bare CR/LF, so sloppy quoting cannot pass. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' && field === '') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quote');
        if (text[i] === '"') {
          if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
          i++;
          break;
        }
        field += text[i];
        i++;
      }
      if (!/^(,|\r\n|$)/.test(text.slice(i, i + 2))) throw new Error(`text after a closing quote at ${i}`);
    } else if (ch === ',') {
      row.push(field); field = ''; i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field); rows.push(row); row = []; field = ''; i += 2;
    } else if (ch === '"' || ch === '\r' || ch === '\n') {
      throw new Error(`bare ${JSON.stringify(ch)} at ${i}`);
    } else {
      field += ch; i++;
    }
  }
  if (field !== '' || row.length > 0) throw new Error('the last line has no CRLF');
  return rows;
}

const decode = (bytes: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
const rowsOf = (locale: 'es' | 'en'): string[][] => parseCsv(decode(reportToCsv(report, { locale })).slice(1));
const valueOf = (rows: string[][], label: string): string | undefined => rows.find((r) => r[0] === label)?.[1];
/** "-12.50" → -1250 without floating point. */
const toMinor = (text: string): number => {
  expect(text).toMatch(/^-?\d+\.\d{2}$/);
  return Number(text.replace('.', ''));
};
/** The item rows under a section title (up to the next blank row). */
function section(rows: string[][], title: string): string[][] {
  const start = rows.findIndex((r) => r[0] === title);
  expect(start, `section "${title}"`).toBeGreaterThan(0);
  const body = rows.slice(start + 2);
  const end = body.findIndex((r) => r.every((f) => f === ''));
  return end < 0 ? body : body.slice(0, end);
}

describe('neutraliseText', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+34 600', "'+34 600"],
    ['-ABC', "'-ABC"],
    ['-12.50', "'-12.50"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    // Safe: the trigger is not first, or there is none.
    ['ABC-1', 'ABC-1'],
    ['a=b', 'a=b'],
    [' =1', ' =1'],
    ['', ''],
    ["'already quoted", "'already quoted"],
    ['Transferencia 12/03', 'Transferencia 12/03'],
    ['\nnew line first', '\nnew line first'],
  ])('%j → %j', (input, expected) => {
    expect(neutraliseText(input)).toBe(expected);
  });
});

describe('CSV export', () => {
  it('is UTF-8 with a BOM, CRLF line ends and the same width on every row', () => {
    const bytes = reportToCsv(report, { locale: 'es' });
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = decode(bytes);
    expect(text.endsWith('\r\n')).toBe(true);
    // The strict reader rejects any line end but CRLF outside quotes.
    const rows = rowsOf('es');
    expect(new Set(rows.map((r) => r.length))).toEqual(new Set([7]));
    expect(text).toContain('Antigüedad (días)');
  });

  it('reads back: header, proof lines and outstanding items whose sums are the totals', () => {
    const rows = rowsOf('en');
    expect(rows[0]?.[0]).toBe('Bank reconciliation report');
    expect(valueOf(rows, 'Account')).toBe('Cuenta "operativa", Sabadell');
    expect(valueOf(rows, 'IBAN')).toBe('ES7100810216110001234567');
    expect(valueOf(rows, 'Reconciliation date')).toBe('2025-03-31');
    expect(valueOf(rows, 'Locked through')).toBe('');
    expect(valueOf(rows, 'Statement balance')).toBe('25000.75');
    expect(valueOf(rows, 'Books balance')).toBe('24800.00');
    expect(valueOf(rows, 'Outstanding bank items total')).toBe('404.25');
    expect(valueOf(rows, 'Outstanding books items total')).toBe('-135.00');
    expect(valueOf(rows, 'Unexplained')).toBe('-338.50');

    const bank = section(rows, 'Outstanding bank items');
    const books = section(rows, 'Outstanding books items');
    expect(bank.map((r) => r[1])).toEqual(['101', '102', '103']);
    expect(books.map((r) => r[0])).toEqual(['books', 'books']);
    const sum = (items: string[][]): number => items.reduce((acc, r) => acc + toMinor(r[4] ?? ''), 0);
    expect(sum(bank)).toBe(toMinor(valueOf(rows, 'Outstanding bank items total') ?? ''));
    expect(sum(books)).toBe(toMinor(valueOf(rows, 'Outstanding books items total') ?? ''));
    // The proof holds on the exported figures: statement − books − bank + books items = unexplained.
    const proof = toMinor(valueOf(rows, 'Statement balance') ?? '') - toMinor(valueOf(rows, 'Books balance') ?? '') - sum(bank) + sum(books);
    expect(proof).toBe(toMinor(valueOf(rows, 'Unexplained') ?? ''));
    // A description with CR LF survives inside its quotes.
    expect(bank[2]?.[6]).toBe('Línea 1\r\nLínea 2');
    expect(bank[2]?.[2]).toBe('');
    expect(bank[2]?.[3]).toBe('2024-12-20');
    expect(bank[2]?.[5]).toBe('101');
  });

  it('neutralises text cells but writes negative amounts as plain numbers', () => {
    const text = decode(reportToCsv(report, { locale: 'en' }));
    const rows = rowsOf('en');
    const bank = section(rows, 'Outstanding bank items');
    const books = section(rows, 'Outstanding books items');
    expect(bank[0]?.[6]).toBe("'-ABC comisión");
    expect(bank[0]?.[4]).toBe('-12.50');
    expect(text).toContain(',-12.50,1,');
    expect(bank[1]?.[2]).toBe("'@ext");
    expect(bank[1]?.[6]).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(books[0]?.[6]).toBe("'+34 600 000 000 llamada");
    expect(books[1]?.[6]).toBe("'\tTAB al principio");
    expect(valueOf(rows, 'Outstanding books items total')).toBe('-135.00');
    // No field of the file, as a spreadsheet would see it, starts a formula.
    for (const field of rows.flat()) {
      if (/^-?\d+(\.\d+)?$/.test(field)) continue;
      expect(field, JSON.stringify(field)).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('writes labels in Spanish, leaves missing balances empty and uses the currency’s decimals', () => {
    const jpy = reconciliationReportSchema.parse({
      ...report,
      currency: 'JPY',
      statementBalanceMinor: null,
      statementBalanceDate: null,
      unexplainedMinor: null,
      outstandingBank: [{ id: 1, externalId: null, date: '2025-03-01', amountMinor: -1500, description: 'Tesūryō', ageDays: 30 }],
      outstandingBankTotalMinor: -1500,
      outstandingBooks: [],
      outstandingBooksTotalMinor: 0,
    });
    const rows = parseCsv(decode(reportToCsv(jpy, { locale: 'es', firmName: '=Despacho', companyName: 'Empresa S.L.' })).slice(1));
    expect(rows[0]?.[0]).toBe('Informe de conciliación bancaria');
    expect(valueOf(rows, 'Despacho')).toBe("'=Despacho");
    expect(valueOf(rows, 'Empresa')).toBe('Empresa S.L.');
    expect(valueOf(rows, 'Saldo según extracto')).toBe('');
    expect(valueOf(rows, 'Sin explicar')).toBe('');
    expect(valueOf(rows, 'Total partidas pendientes del banco')).toBe('-1500');
    expect(section(rows, 'Partidas pendientes del banco')[0]?.slice(0, 5)).toEqual(['banco', '1', '', '2025-03-01', '-1500']);
    expect(section(rows, 'Partidas pendientes de contabilidad')).toEqual([]);
  });

  it('comes out of exportReport with a CSV name and MIME type', async () => {
    const file = await exportReport(report, { format: 'csv', locale: 'es' });
    expect(file.fileName).toBe('conciliacion-cuenta-operativa-sabadell-2025-03-31.csv');
    expect(file.mimeType).toBe('text/csv;charset=utf-8');
    expect(file.bytes).toEqual(reportToCsv(report, { locale: 'es' }));
  });
});
