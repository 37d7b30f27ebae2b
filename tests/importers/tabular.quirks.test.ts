/**
 * Every quirk of FORMATS.md section 5 (CSV / XLSX bank exports), on fixtures written for Cuadra
 * (tests/fixtures/tabular/own_*) and on small tables built in the test.
 */
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../main/core/contract/errors.js';
import { detectLayout, parseBankTable, readGrid, toContractLayout } from '../../main/core/importers/tabular/index.js';
import type { Statement } from '../../main/core/importers/types.js';
import { codes, sum } from './support.js';
import { tabular, utf8 } from './tabular-support.js';

const one = (statements: Statement[]): Statement => {
  expect(statements).toHaveLength(1);
  const s = statements[0];
  if (!s) throw new Error('no statement');
  return s;
};
const amounts = (s: Statement): number[] => s.lines.map((l) => l.amount.minor);
const bank = (text: string, currency = 'EUR'): ReturnType<typeof parseBankTable> => parseBankTable(utf8(text), { currency });

describe('encodings', () => {
  it.each([
    ['own_utf16le_bom_tab.txt', 'utf-16le', '\t', ['Opening deposit', 'Café Olé', 'Refund ÀÉÎ']],
    ['own_utf16be_bom_semicolon.csv', 'utf-16be', ';', ['Ingreso inicial', 'Cafetería Olé', 'Devolución ñandú']],
    ['own_utf16le_no_bom.csv', 'utf-16le', ';', ['Ingreso inicial', 'Cafetería Olé', 'Devolución ñandú']],
  ])('%s is read as %s', (name, encoding, delimiter, descriptions) => {
    const read = readGrid(tabular(name));
    expect(read.encoding).toBe(encoding);
    expect(read.grid.delimiter).toBe(delimiter);
    const s = one(parseBankTable(tabular(name), { currency: 'EUR' }).statements);
    expect(s.lines.map((l) => l.description)).toEqual(descriptions);
    expect(amounts(s)).toEqual([100000, -1250, 250]);
    expect(s.lines.map((l) => l.bookingDate)).toEqual(['2025-12-01', '2025-12-05', '2025-12-23']);
    expect(s.balanceChecked).toBe(true);
  });

  it('cp1252 with € (0x80), dashes and curly quotes; an iso-8859-1 label still reads 0x80 as €', () => {
    for (const encoding of [undefined, 'iso-8859-1', 'latin1']) {
      const r = parseBankTable(tabular('own_cp1252_euro_metadata_footer.csv'), encoding === undefined ? {} : { encoding });
      expect(r.encoding).toBe('windows-1252');
      const s = one(r.statements);
      expect(amounts(s)).toEqual([121000, -36300, -1250, 242000]);
      expect(s.lines[2]?.description).toBe('Comisión mantenimiento — trimestre');
      expect(s.lines[3]?.description).toBe('Transferencia Grupo Ariza “facturas”');
    }
  });

  it('UTF-8 with a BOM (PayPal) and without', () => {
    expect(readGrid(tabular('own_paypal_es_fees.csv')).encoding).toBe('utf-8');
    expect(readGrid(tabular('es_imaginbank_semicolon_eur_suffix.csv')).encoding).toBe('utf-8');
  });
});

describe('layout: metadata, footers, delimiters, quoting', () => {
  it('metadata rows above the header give account and currency; the footer is skipped', () => {
    const r = parseBankTable(tabular('own_cp1252_euro_metadata_footer.csv'));
    const s = one(r.statements);
    expect(r.layout.headerRow).toBe(7);
    expect(s.account).toEqual({ iban: 'ES9121000418450200051332', currency: 'EUR' });
    expect(s.lines.map((l) => [l.bookingDate, l.valueDate])).toEqual([
      ['2025-03-03', '2025-03-03'], ['2025-03-05', '2025-03-05'], ['2025-03-10', '2025-03-11'], ['2025-03-12', '2025-03-12'],
    ]);
    expect(s.openingBalance?.amount.minor).toBe(1000000);
    expect(s.closingBalance?.amount.minor).toBe(1325450);
    expect(s.balanceChecked).toBe(true);
    const footer = r.diagnostics.find((d) => d.code === 'footer_skipped');
    expect(footer).toMatchObject({ level: 'info', line: 13 });
    expect(r.diagnostics.filter((d) => d.level === 'warning')).toEqual([]);
  });

  it('quoted fields with line breaks and doubled quotes; rows keep the line where they start', () => {
    const r = parseBankTable(tabular('own_quoted_newlines_negatives.csv'));
    const s = one(r.statements);
    expect(s.lines.map((l) => l.description)).toEqual(['Deposit from "ACME, Inc."', 'Card purchase STORE #12 (two lines)', 'Wire out', 'Wire in', 'FX credit']);
    expect(s.lines.map((l) => l.sourceLine)).toEqual([2, 3, 5, 6, 7]);
  });

  it('negatives as (1.25) and 29,536.44-; currencies glued as $1,234.56 and 1,234.56 USD', () => {
    const r = parseBankTable(tabular('own_quoted_newlines_negatives.csv'));
    const s = one(r.statements);
    expect(amounts(s)).toEqual([153350, -125, -2953644, 2953644, 123456]);
    expect(s.lines.every((l) => l.amount.currency === 'USD')).toBe(true);
    expect(s.closingBalance?.amount.minor).toBe(276681);
    expect(s.balanceChecked).toBe(true);
    expect(r.layout.dateOrder).toBe('mdy');
  });

  it('tab-separated with dotted day.month.year dates', () => {
    const r = parseBankTable(tabular('own_tab_dotted_dates.tsv'), { currency: 'EUR' });
    expect(r.layout.columns.map((c) => c.role)).toEqual(['ignore', 'date', 'description', 'amount']);
    const s = one(r.statements);
    expect(s.lines.map((l) => [l.bookingDate, l.amount.minor])).toEqual([['2025-12-05', -123456], ['2025-12-13', 200000], ['2026-01-02', -4510]]);
  });

  it('an Excel "sep=;" line names the delimiter', () => {
    const s = one(bank('sep=;\r\nFecha;Concepto;Importe\r\n02/01/2025;Uno, dos;-1,50\r\n15/01/2025;Tres;2,00\r\n').statements);
    expect(s.lines.map((l) => [l.description, l.amount.minor, l.sourceLine])).toEqual([['Uno, dos', -150, 3], ['Tres', 200, 4]]);
  });

  it('repeated header rows (multi-page exports) are skipped; an unreadable row in the middle is a warning', () => {
    const r = bank('Fecha;Concepto;Importe\n01/02/2025;A;-1,00\nFecha;Concepto;Importe\n03/02/2025;B;-2,00\n04/02/2025;C;abc\n15/02/2025;D;3,00\n');
    expect(amounts(one(r.statements))).toEqual([-100, -200, 300]);
    expect(r.diagnostics.filter((d) => d.code === 'row_skipped')).toEqual([
      { level: 'warning', code: 'row_skipped', message: 'Row 5 was skipped: "abc" is not an amount.', line: 5 },
    ]);
  });

  it('a file without a header row is read from content and flagged', () => {
    const r = bank('02/01/2025,Coffee,-2.50,97.50\n03/01/2025,Salary,1000.00,1097.50\n14/01/2025,Rent,-500.00,597.50\n');
    expect(r.layout.headerRow).toBeNull();
    expect(r.layout.columns.map((c) => c.role)).toEqual(['date', 'description', 'amount', 'balance']);
    expect(r.layout.ambiguities).toContain('header');
    expect(r.layout.confidence).toBeLessThanOrEqual(0.6);
    expect(amounts(one(r.statements))).toEqual([-250, 100000, -50000]);
    expect(codes(r.diagnostics)).toContain('header_not_found');
  });

  it('HTML saved as .xls (Openbank): metadata table, entities, <br>, charset from <meta>', () => {
    const r = parseBankTable(tabular('own_openbank_html_as.xls'));
    expect(r.format).toBe('html');
    expect(r.encoding).toBe('windows-1252');
    const s = one(r.statements);
    expect(s.account).toEqual({ iban: 'ES7921000813610123456789', currency: 'EUR' });
    expect(s.lines.map((l) => [l.bookingDate, l.valueDate, l.amount.minor, l.description])).toEqual([
      ['2025-03-02', '2025-03-01', 180000, 'Nómina marzo'],
      ['2025-03-14', '2025-03-14', 20000, 'Bizum de Pérez & Hijos'],
      ['2025-03-15', '2025-03-15', -8520, 'Recibo luz Iberdrola'],
    ]);
    expect(r.layout.rowOrder).toBe('newest_first');
    expect(s.balanceChecked).toBe(true);
  });
});

describe('numbers', () => {
  it('a column of "1.500" alone is decided by the other rows and columns', () => {
    const s = one(bank('Fecha;Concepto;Importe;Saldo\n01/02/2025;A;1.500;1.500,25\n02/02/2025;B;-250;1.250,25\n').statements);
    expect(amounts(s)).toEqual([150000, -25000]);
    expect(s.balanceChecked).toBe(true);
  });

  it('when nothing decides, the locale evidence decides and the layout is flagged', () => {
    const r = bank('Fecha;Concepto;Importe\n01/02/2025;A;1.500\n17/02/2025;B;2.250\n');
    expect(amounts(one(r.statements))).toEqual([150000, 225000]);
    expect(r.layout.ambiguities).toEqual(['decimal_separator']);
    expect(codes(r.diagnostics)).toContain('decimal_separator_ambiguous');
    const english = bank('Date,Description,Amount\n2025-02-01,A,1.500\n2025-02-17,B,2.250\n');
    expect(amounts(one(english.statements))).toEqual([150, 225]);
    expect(english.layout.ambiguities).toEqual(['decimal_separator']);
  });
});

describe('dates', () => {
  it('the same "2/1/2020" is 1 February or 2 January depending on the other rows', () => {
    const mdy = one(parseBankTable(tabular('own_dates_decided_mdy.csv'), { currency: 'USD' }).statements);
    const dmy = one(parseBankTable(tabular('own_dates_decided_dmy.csv'), { currency: 'USD' }).statements);
    const first = (s: Statement): string | undefined => s.lines.find((l) => l.description === 'A')?.bookingDate;
    expect(first(mdy)).toBe('2020-02-01');
    expect(first(dmy)).toBe('2020-01-02');
  });

  it('dates every order can read are flagged for the person to confirm', () => {
    const r = parseBankTable(tabular('own_dates_ambiguous_monthly.csv'), { currency: 'EUR' });
    expect(r.layout.ambiguities).toEqual(['date_order']);
    expect(r.layout.dateOrder).toBe('dmy');
    expect(r.layout.confidence).toBeLessThanOrEqual(0.6);
    expect(codes(r.diagnostics)).toEqual(expect.arrayContaining(['date_order_ambiguous', 'layout_needs_confirmation']));
    expect(toContractLayout(readGrid(tabular('own_dates_ambiguous_monthly.csv')).grid, r.layout).needsMapping).toBe(true);
  });

  it('ISO date-times, month names and two-digit years', () => {
    const s = one(bank('Date;Description;Amount\n2025-03-01T10:22:00;A;-1,00\n05-ENE-2025;B;-2,00\n7 de marzo de 2025;C;-3,00\nJan 9, 2025;D;-4,00\n31/12/24;E;-5,00\n').statements);
    expect(s.lines.map((l) => [l.description, l.bookingDate])).toEqual([
      ['E', '2024-12-31'], ['B', '2025-01-05'], ['D', '2025-01-09'], ['A', '2025-03-01'], ['C', '2025-03-07'],
    ]);
  });
});

describe('signs', () => {
  it('an amount with a D/C flag (-/+, D/H, Cargo/Abono) on a bank statement', () => {
    for (const [out, into] of [['-', '+'], ['D', 'H'], ['Cargo', 'Abono'], ['DR', 'CR']]) {
      const s = one(bank(`Fecha;Concepto;Importe;D/C\n01/02/2025;A;10,00;${out}\n13/02/2025;B;-20,00;${into}\n`).statements);
      expect(amounts(s)).toEqual([-1000, 2000]);
    }
  });

  it('a credit-card export with money out written positive is inverted by its running balance', () => {
    const r = bank('Date,Description,Amount,Balance\n2025-02-01,Payment,-500.00,1000.00\n2025-02-03,Shop,25.00,975.00\n2025-02-04,Shop,10.00,965.00\n');
    expect(r.layout.signConvention).toBe('inverted');
    expect(amounts(one(r.statements))).toEqual([50000, -2500, -1000]);
    expect(codes(r.diagnostics)).toContain('sign_inverted');
  });

  it('a row with both a debit and a credit is their difference, with a warning', () => {
    const r = bank('Fecha;Concepto;Cargo;Abono\n01/02/2025;A;10,00;3,00\n13/02/2025;B;;5,00\n');
    expect(amounts(one(r.statements))).toEqual([-700, 500]);
    expect(codes(r.diagnostics)).toContain('debit_and_credit');
  });

  it('a running balance that breaks is reported on the row', () => {
    const r = bank('Date,Description,Amount,Balance\n2025-02-01,A,10.00,110.00\n2025-02-02,B,10.00,125.00\n2025-02-03,C,10.00,135.00\n2025-02-04,D,10.00,145.00\n2025-02-05,E,10.00,155.00\n');
    expect(r.diagnostics.filter((d) => d.code === 'balance_row_mismatch').map((d) => d.line)).toEqual([3]);
  });

  it('PayPal: gross, fee and net; the fee becomes its own line; trailing empty columns dropped', () => {
    const read = readGrid(tabular('own_paypal_es_fees.csv'));
    expect(read.grid.width).toBe(23);
    const r = parseBankTable(tabular('own_paypal_es_fees.csv'));
    expect(r.layout.signConvention).toBe('gross_fee_net');
    const s = one(r.statements);
    expect(s.lines.map((l) => [l.bookingDate, l.amount.minor, l.bankId])).toEqual([
      ['2020-01-02', 10000, '1AB23456CD789012E'],
      ['2020-01-02', -375, '1AB23456CD789012E#fee'],
      ['2020-01-15', 125000, '2BC34567DE890123F'],
      ['2020-01-15', -4305, '2BC34567DE890123F#fee'],
      ['2020-02-03', -2999, '3CD45678EF901234G'],
      ['2020-02-04', -100000, '4DE56789FG012345H'],
    ]);
    expect(sum(s)).toBe(27321);
    expect(s.openingBalance?.amount.minor).toBe(0);
    expect(s.closingBalance?.amount.minor).toBe(27321);
    expect(s.balanceChecked).toBe(true);
    expect(s.lines[1]?.description).toBe('Comisión / fee: Tienda Uno S.L.');
    expect(s.lines[0]?.references.documentNumber).toBe('FV-2020-001');
    expect(r.diagnostics.filter((d) => d.level === 'warning')).toEqual([]);
  });

  it('a net that is not gross + fee is reported', () => {
    const r = bank('Fecha,Bruto,Comisión,Neto,Nombre\n2/1/2020,"10,00","-1,00","8,00",X\n15/1/2020,"5,00","0,00","5,00",Y\n');
    expect(codes(r.diagnostics)).toContain('gross_fee_net_mismatch');
  });
});

describe('refusals', () => {
  it('XML, PDF and binary content are refused with a sentence', () => {
    const refuse = (bytes: Uint8Array): CoreError => {
      try {
        parseBankTable(bytes);
      } catch (err) {
        if (err instanceof CoreError) return err;
        throw err;
      }
      throw new Error('not refused');
    };
    expect(refuse(utf8('<?xml version="1.0"?><Document/>')).message).toMatch(/XML/);
    expect(refuse(utf8('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">')).message).toMatch(/Excel 2003 XML/);
    expect(refuse(utf8('%PDF-1.4 ...')).message).toMatch(/PDF/);
    expect(refuse(new Uint8Array([1, 2, 3, 0, 5, 6, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18, 19, 20, 21, 22])).code).toBe('import_unreadable');
    expect(refuse(new Uint8Array()).message).toMatch(/empty/);
  });

  it('a table without dates gives an error diagnostic and the layout for the mapping screen', () => {
    const r = bank('Nombre;Importe\nA;1,00\nB;2,00\n');
    expect(r.statements).toEqual([]);
    expect(codes(r.diagnostics)).toContain('columns_not_found');
    expect(r.layout.confidence).toBe(0);
    expect(detectLayout(readGrid(utf8('Nombre;Importe\nA;1,00\n')).grid, { side: 'bank' }).ambiguities).toContain('columns');
  });
});
