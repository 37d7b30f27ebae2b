/**
 * Spreadsheets written in the test with @e965/xlsx (title rows, date cells, Excel serials,
 * numbers with binary noise, leading-zero references, several sheets, legacy BIFF), the zip-bomb
 * guard on archives built byte by byte, and the size caps.
 */
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../main/core/contract/errors.js';
import {
  MAX_COLUMNS, MAX_INPUT_BYTES, MAX_ROWS, assertSafeZip, parseBankTable, readGrid, sniffContainer,
} from '../../main/core/importers/tabular/index.js';
import type { Statement } from '../../main/core/importers/types.js';
import { buildZip, tabular, utf8, workbook } from './tabular-support.js';

const one = (statements: Statement[]): Statement => {
  expect(statements).toHaveLength(1);
  const s = statements[0];
  if (!s) throw new Error('no statement');
  return s;
};

function refused(run: () => unknown): CoreError {
  try {
    run();
  } catch (err) {
    if (err instanceof CoreError) return err;
    throw err;
  }
  throw new Error('expected a CoreError');
}

describe('workbooks written here', () => {
  it('title rows above the header, dates as date cells, as dd/mm/yyyy strings and as bare serials', () => {
    const bytes = workbook([
      ['Extracto de movimientos'],
      ['Cuenta', 'ES91 2100 0418 4502 0005 1332'],
      [],
      ['Fecha', 'Fecha valor', 'Concepto', 'Importe', 'Saldo', 'Referencia'],
      [new Date('2025-01-30T00:00:00Z'), '30/01/2025', 'Recibo', -12.5, 987.5, 123],
      [new Date('2025-02-14T00:00:00Z'), 45702, 'Ingreso', 0.1 + 0.2, 987.8, 'ABC'],
    ]);
    expect(sniffContainer(bytes)).toBe('xlsx');
    const r = parseBankTable(bytes, { currency: 'EUR' });
    expect(r.format).toBe('xlsx');
    expect(r.encoding).toBe('binary');
    expect(r.layout.headerRow).toBe(4);
    const s = one(r.statements);
    expect(s.account.iban).toBe('ES9121000418450200051332');
    expect(s.lines.map((l) => [l.bookingDate, l.valueDate, l.amount.minor])).toEqual([
      ['2025-01-30', '2025-01-30', -1250],
      ['2025-02-14', '2025-02-14', 30],
    ]);
    expect(s.lines[0]?.references.other).toEqual(['123']);
    expect(s.openingBalance?.amount.minor).toBe(100000);
    expect(s.balanceChecked).toBe(true);
  });

  it('raw values for amounts, the text a cell shows for references (leading zeros from a number format)', () => {
    const sheet = XLSX.utils.aoa_to_sheet([['Fecha', 'Importe', 'Referencia'], ['01/02/2025', -1.5, 123], ['13/02/2025', 1234.5, 45]]);
    for (const ref of ['B2', 'B3']) {
      const c = sheet[ref] as XLSX.CellObject | undefined;
      if (c) c.z = '#,##0.00 "€"';
    }
    for (const ref of ['C2', 'C3']) {
      const c = sheet[ref] as XLSX.CellObject | undefined;
      if (c) c.z = '000000';
    }
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'S');
    const out: unknown = XLSX.write(book, { type: 'array', bookType: 'xlsx' });
    if (!(out instanceof ArrayBuffer)) throw new Error('no workbook');
    const bytes = new Uint8Array(out);
    const read = readGrid(bytes);
    expect(read.grid.rows[1]?.kinds).toEqual(['text', 'number', 'number']);
    expect(read.grid.rows[1]?.cells).toEqual(['01/02/2025', '-1.5', '123']);
    expect(read.grid.rows[1]?.display).toEqual(['01/02/2025', '-1.50 €', '000123']);
    const s = one(parseBankTable(bytes, { currency: 'EUR' }).statements);
    expect(s.lines.map((l) => [l.amount.minor, l.references.other])).toEqual([[-150, ['000123']], [123450, ['000045']]]);
  });

  it('amounts written as text with a decimal comma inside a workbook', () => {
    const s = one(parseBankTable(workbook([['Fecha', 'Concepto', 'Importe'], ['01/02/2025', 'A', '1.234,56'], ['13/02/2025', 'B', '-7,5']]), { currency: 'EUR' }).statements);
    expect(s.lines.map((l) => l.amount.minor)).toEqual([123456, -750]);
  });

  it('legacy BIFF .xls written here reads like the .xlsx', () => {
    const rows = [['Fecha', 'Concepto', 'Importe'], [new Date('2025-03-01T00:00:00Z'), 'A', -3.25], [new Date('2025-03-20T00:00:00Z'), 'B', 10]];
    const xls = workbook(rows, 'biff8');
    expect(sniffContainer(xls)).toBe('xls');
    const r = parseBankTable(xls, { currency: 'EUR' });
    expect(r.format).toBe('xls');
    expect(one(r.statements).lines.map((l) => [l.bookingDate, l.amount.minor])).toEqual([['2025-03-01', -325], ['2025-03-20', 1000]]);
  });

  it('only the first sheet with data is read, and the others are named', () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([]), 'Vacía');
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Fecha', 'Importe'], ['01/02/2025', 1], ['13/02/2025', 2]]), 'Movimientos');
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Resumen'], ['Total', 3]]), 'Resumen');
    const out: unknown = XLSX.write(book, { type: 'array', bookType: 'xlsx' });
    if (!(out instanceof ArrayBuffer)) throw new Error('no workbook');
    const r = parseBankTable(new Uint8Array(out), { currency: 'EUR' });
    expect(one(r.statements).lines.map((l) => l.amount.minor)).toEqual([100, 200]);
    expect(r.diagnostics.find((d) => d.code === 'other_sheets_ignored')?.message).toBe('Only the sheet "Movimientos" was read; the workbook also has data in "Resumen".');
  });

  it('a workbook wider than the column cap is refused', () => {
    const wide = workbook([Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => `c${i}`)]);
    expect(refused(() => parseBankTable(wide)).message).toMatch(/columns/);
  });

  it('a damaged workbook is refused, not a crash', () => {
    const bytes = workbook([['Fecha', 'Importe'], ['01/02/2025', 1]]);
    const cut = bytes.slice(0, Math.floor(bytes.length / 2));
    expect(refused(() => parseBankTable(cut)).code).toBe('import_unreadable');
    // The end record points the central directory past the end of the file.
    const corrupt = bytes.slice();
    corrupt.set([0xf0, 0xff, 0xff, 0x0f], corrupt.length - 22 + 16);
    expect(refused(() => parseBankTable(corrupt)).message).toMatch(/damaged/);
    // Garbage in the middle of an entry SheetJS does not need still reads (or is refused): never a crash.
    const noisy = bytes.slice();
    for (let i = 200; i < 260; i++) noisy[i] = 0x55;
    expect(() => {
      try {
        parseBankTable(noisy);
      } catch (err) {
        if (!(err instanceof CoreError)) throw err;
      }
    }).not.toThrow();
  });
});

describe('zip-bomb guard', () => {
  const contentTypes = utf8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');

  it('accepts the real workbooks', () => {
    const summary = assertSafeZip(tabular('es_bbva_movimientos.xlsx'));
    expect(summary.entries.length).toBeGreaterThan(3);
    expect(summary.totalDeclared).toBeLessThan(1024 * 1024);
  });

  it('refuses an archive that declares more than 500 MiB', () => {
    const bomb = buildZip([{ name: '[Content_Types].xml', data: contentTypes }, { name: 'xl/worksheets/sheet1.xml', data: utf8('<x/>'), declaredSize: 600 * 1024 * 1024 }]);
    expect(refused(() => assertSafeZip(bomb)).message).toMatch(/declares 600 MiB/);
    expect(refused(() => parseBankTable(bomb)).code).toBe('import_unreadable');
  });

  it('refuses an archive that expands more than 100 times', () => {
    const bomb = buildZip([{ name: '[Content_Types].xml', data: contentTypes }, { name: 'xl/sharedStrings.xml', data: new Uint8Array(20 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(refused(() => parseBankTable(bomb)).message).toMatch(/expand \d+ times/);
  });

  it('refuses an entry that inflates to more than it declares (the declared size lies)', () => {
    const liar = buildZip([{ name: '[Content_Types].xml', data: contentTypes }, { name: 'xl/sharedStrings.xml', data: new Uint8Array(8 * 1024 * 1024), declaredSize: 1000 }]);
    expect(refused(() => parseBankTable(liar)).message).toMatch(/unpacks to more than the 1000 bytes it declares/);
  });

  it('refuses an archive that is not a zip at all after its PK signature', () => {
    expect(refused(() => parseBankTable(utf8('PK this is not a zip'))).code).toBe('import_unreadable');
  });
});

describe('caps', () => {
  it('refuses input larger than 50 MiB before reading it', () => {
    const big = new Uint8Array(MAX_INPUT_BYTES + 1).fill(0x41);
    expect(refused(() => parseBankTable(big)).message).toMatch(/at most 50 MiB/);
  });

  it('refuses more than 1,000,000 rows', () => {
    const rows = utf8('1\n'.repeat(MAX_ROWS + 1));
    expect(refused(() => readGrid(rows)).message).toMatch(/more than 1,000,000 rows/);
  });

  it('refuses more than 200 columns in delimited text', () => {
    const line = Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => `c${i}`).join(';');
    expect(refused(() => readGrid(utf8(`${line}\n${line}\n`))).message).toMatch(/at most 200 columns/);
  });
});
