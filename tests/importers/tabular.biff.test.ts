/**
 * Legacy .xls read by our bounded BIFF reader: a workbook stream built record by record here
 * (shared strings split across CONTINUE records with a change of character width, a custom
 * date format, RK / MULRK / NUMBER cells, a formula's cached string, the sheet named by its
 * BOUNDSHEET), and damaged files on which SheetJS's own BIFF and compound-file code never ends.
 */
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../main/core/contract/errors.js';
import { parseBankTable, readGrid } from '../../main/core/importers/tabular/index.js';
import { biffRecord, biffWorkbook, le, tabular } from './tabular-support.js';

const latin = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const utf16 = (s: string): number[] => [...s].flatMap((c) => le(c.charCodeAt(0), 2));
const cell = (row: number, col: number, xf: number): number[] => [...le(row, 2), ...le(col, 2), ...le(xf, 2)];
const double = (v: number): number[] => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v, true);
  return [...new Uint8Array(view.buffer)];
};
/** RK of an integer value (bit 1: integer). */
const rkInt = (n: number): number[] => le(((n << 2) | 0x02) >>> 0, 4);
/** RK of a value ×100 (bit 0: divide by 100). */
const rkCents = (cents: number): number[] => le(((cents << 2) | 0x03) >>> 0, 4);

function workbookBytes(): Uint8Array {
  const bof = (dt: number): Uint8Array => biffRecord(0x0809, [...le(0x0600, 2), ...le(dt, 2), ...le(0, 4), ...le(0, 4), ...le(0, 4)]);
  // SST: "Fecha", "Concepto", "Importe", then "Café ñandú" whose characters continue, UTF-16, in a CONTINUE record.
  const sstHead = [...le(5, 4), ...le(5, 4)];
  const str8 = (s: string): number[] => [...le(s.length, 2), 0x00, ...latin(s)];
  const sst = biffRecord(0x00fc, [...sstHead, ...str8('Fecha'), ...str8('Concepto'), ...str8('Importe'), ...le(10, 2), 0x00, ...latin('Café ')]);
  const cont = biffRecord(0x003c, [0x01, ...utf16('ñandú'), ...str8('Saldo')]);
  const globalsBefore = [
    bof(0x0005),
    biffRecord(0x0042, le(1200, 2)),
    biffRecord(0x0022, le(0, 2)),
    biffRecord(0x041e, [...le(164, 2), ...le(10, 2), 0x00, ...latin('dd/mm/yyyy')]),
    ...[0, 164, 0].map((fmt) => biffRecord(0x00e0, [...le(0, 2), ...le(fmt, 2), ...Array<number>(16).fill(0)])),
  ];
  const sheetName = 'Cuenta 1';
  const boundSheetLength = 4 + 8 + sheetName.length;
  const globalsAfter = [sst, cont, biffRecord(0x000a)];
  const offset = [...globalsBefore, ...globalsAfter].reduce((n, r) => n + r.length, 0) + boundSheetLength;
  const boundSheet = biffRecord(0x0085, [...le(offset, 4), 0, 0, sheetName.length, 0x00, ...latin(sheetName)]);
  const sheet = [
    bof(0x0010),
    biffRecord(0x00fd, [...cell(0, 0, 0), ...le(0, 4)]),
    biffRecord(0x00fd, [...cell(0, 1, 0), ...le(1, 4)]),
    biffRecord(0x00fd, [...cell(0, 2, 0), ...le(2, 4)]),
    biffRecord(0x00fd, [...cell(0, 3, 0), ...le(4, 4)]),
    biffRecord(0x0203, [...cell(1, 0, 1), ...double(45688)]),
    biffRecord(0x00fd, [...cell(1, 1, 0), ...le(3, 4)]),
    biffRecord(0x00bd, [...le(1, 2), ...le(2, 2), ...le(0, 2), ...rkCents(-1250), ...le(0, 2), ...rkInt(1000), ...le(3, 2)]),
    biffRecord(0x027e, [...cell(2, 0, 1), ...rkInt(45700)]),
    biffRecord(0x0006, [...cell(2, 1, 0), 0x00, 0, 0, 0, 0, 0, 0xff, 0xff, ...le(0, 2), ...le(0, 4), ...le(0, 2)]),
    biffRecord(0x0207, [...le(6, 2), 0x00, ...latin('Cobro ')]),
    biffRecord(0x0203, [...cell(2, 2, 0), ...double(20)]),
    biffRecord(0x0203, [...cell(2, 3, 0), ...double(1020)]),
    biffRecord(0x000a),
  ];
  return biffWorkbook([...globalsBefore, boundSheet, ...globalsAfter, ...sheet]);
}

describe('BIFF reader', () => {
  it('reads shared strings across CONTINUE, dates by their format, RK/MULRK/NUMBER and a formula string', () => {
    const read = readGrid(workbookBytes());
    expect(read.format).toBe('xls');
    expect(read.reasons).toEqual(['Read the sheet "Cuenta 1".']);
    expect(read.grid.rows.map((r) => r.cells)).toEqual([
      ['Fecha', 'Concepto', 'Importe', 'Saldo'],
      ['2025-01-31', 'Café ñandú', '-12.5', '1000'],
      ['2025-02-12', 'Cobro', '20', '1020'],
    ]);
    expect(read.grid.rows[1]?.kinds).toEqual(['date', 'text', 'number', 'number']);
    expect(read.grid.rows[1]?.display?.[0]).toBe('31/01/2025');
    const s = parseBankTable(workbookBytes(), { currency: 'EUR' }).statements[0];
    expect(s?.lines.map((l) => [l.bookingDate, l.amount.minor, l.description])).toEqual([
      ['2025-01-31', -1250, 'Café ñandú'],
      ['2025-02-12', 2000, 'Cobro'],
    ]);
    expect(s?.openingBalance?.amount.minor).toBe(101250);
    expect(s?.balanceChecked).toBe(true);
  });

  it('refuses a password-protected workbook and very old BIFF versions with a sentence', () => {
    const bof = biffRecord(0x0809, [...le(0x0600, 2), ...le(5, 2), ...Array<number>(12).fill(0)]);
    const locked = biffWorkbook([bof, biffRecord(0x002f, [1, 0, 0, 0]), biffRecord(0x000a)]);
    expect(() => readGrid(locked)).toThrow(/password/);
    const old = biffWorkbook([biffRecord(0x0409, [...le(0x0400, 2), ...le(0x10, 2)]), biffRecord(0x000a)]);
    expect(() => readGrid(old)).toThrow(/very old Excel format/);
  });

  it('a stream whose sector chain loops is refused (SheetJS would grow an array until V8 aborts)', () => {
    let error: unknown;
    try {
      readGrid(tabular('own_refused_xls_looping_chain.xls'));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).message).toMatch(/sector chain loops/);
  });

  it('a short ExternSheet record (SheetJS loops on a NaN count) is read or refused, quickly', () => {
    const started = Date.now();
    try {
      readGrid(tabular('own_xls_short_externsheet.xls'));
    } catch (err) {
      expect(err).toBeInstanceOf(CoreError);
    }
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
