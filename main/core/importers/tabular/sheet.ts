/**
 * Spreadsheets → Grid. .xlsx through SheetJS CE (@e965/xlsx) after the zip-bomb guard, with
 * SheetJS stopping at the row cap and the used width capped; legacy .xls through biff.ts (our
 * bounded record reader: SheetJS's BIFF parsers can loop forever on damaged records). SheetJS output is typed `any` in places, so every cell goes through `asCell`.
 * Numbers become plain decimals ('.'), date-formatted numbers become YYYY-MM-DD, and the text
 * the spreadsheet shows (number format applied) is kept for text columns (leading zeros).
 */
import * as XLSX from '@e965/xlsx';
import { CoreError } from '../../contract/errors.js';
import type { Diagnostic } from '../types.js';
import type { CellKind, Grid, GridRow } from './types.js';
import { assertSafeZip } from './zip-guard.js';
import { serialToIso } from './date-formats.js';
import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS } from './limits.js';
import { isDateFormat, numberToDecimal } from './sheet-format.js';
import { readBiff } from './biff.js';

export { numberToDecimal } from './sheet-format.js';

interface RawCell {
  t: string;
  v: unknown;
  w: string | undefined;
  z: string | number | undefined;
}

/** Narrow one SheetJS cell object; anything else is an empty cell. */
function asCell(x: unknown): RawCell | null {
  if (typeof x !== 'object' || x === null) return null;
  const o = x as Record<string, unknown>;
  if (typeof o.t !== 'string') return null;
  return {
    t: o.t,
    v: o.v,
    w: typeof o.w === 'string' ? o.w : undefined,
    z: typeof o.z === 'string' || typeof o.z === 'number' ? o.z : undefined,
  };
}

function convertCell(cell: RawCell, date1904: boolean): { text: string; kind: CellKind; display: string } {
  const display = (cell.w ?? '').trim();
  switch (cell.t) {
    case 's':
      return { text: (typeof cell.v === 'string' ? cell.v.trim() : display).slice(0, MAX_CELL_CHARS), kind: 'text', display: display.slice(0, MAX_CELL_CHARS) };
    case 'n': {
      if (typeof cell.v !== 'number' || !Number.isFinite(cell.v)) return { text: display, kind: 'text', display };
      if (isDateFormat(cell.z)) {
        const iso = serialToIso(cell.v, date1904);
        if (iso !== null) return { text: iso, kind: 'date', display };
      }
      return { text: numberToDecimal(cell.v), kind: 'number', display };
    }
    case 'b':
      return { text: cell.v === true ? 'TRUE' : 'FALSE', kind: 'text', display };
    case 'd': {
      const iso = typeof cell.v === 'string' ? /^\d{4}-\d{2}-\d{2}/.exec(cell.v)?.[0] : undefined;
      return iso !== undefined ? { text: iso, kind: 'date', display } : { text: display, kind: 'text', display };
    }
    default: // 'e' (error such as #N/A), 'z' (stub)
      return { text: '', kind: 'text', display: '' };
  }
}

function readWorkbook(bytes: Uint8Array): XLSX.WorkBook {
  try {
    return XLSX.read(bytes, {
      type: 'array',
      dense: true,
      cellNF: true,
      cellDates: false,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      bookVBA: false,
      sheetRows: MAX_ROWS + 1,
    });
  } catch (err) {
    const detail = err instanceof Error ? err.message.slice(0, 200) : 'unknown error';
    const locked = /password|encrypt/i.test(detail);
    throw new CoreError(
      'import_unreadable',
      locked
        ? 'The workbook is protected with a password: open it in Excel, remove the protection and save it again.'
        : 'The spreadsheet cannot be read: it is damaged or not an Excel workbook.',
      { reason: detail },
    );
  }
}

/** Rows of one sheet as a dense array of unknown values (SheetJS dense mode). */
function sheetRows(sheet: unknown): unknown[] {
  if (typeof sheet !== 'object' || sheet === null) return [];
  const data: unknown = (sheet as Record<string, unknown>)['!data'];
  return Array.isArray(data) ? data : [];
}

export interface SheetGrid {
  grid: Grid;
  sheetName: string;
  diagnostics: Diagnostic[];
}

/** Read the first non-empty sheet of an .xlsx or .xls into a Grid. Throws CoreError('import_unreadable'). */
export function readSheetGrid(bytes: Uint8Array, container: 'xlsx' | 'xls'): SheetGrid {
  if (container === 'xls') {
    const biff = readBiff(bytes);
    return chooseSheet(biff.sheets, biff.date1904);
  }
  assertSafeZip(bytes);
  const workbook = readWorkbook(bytes);
  const names: unknown = workbook.SheetNames;
  const sheetNames = Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
  const sheets: unknown = workbook.Sheets;
  const date1904 = workbook.Workbook?.WBProps?.date1904 === true;
  const read = sheetNames.map((name) => {
    const sheet = typeof sheets === 'object' && sheets !== null ? (sheets as Record<string, unknown>)[name] : undefined;
    return { name, rows: sheetToRows(sheet, date1904, name) };
  });
  return chooseSheet(read, date1904);
}

/** The first sheet with data; the others with data are named in a diagnostic. */
function chooseSheet(sheets: ReadonlyArray<{ name: string; rows: GridRow[] }>, date1904: boolean): SheetGrid {
  const diagnostics: Diagnostic[] = [];
  const withData = sheets.filter((s) => s.rows.length > 0);
  const chosen = withData[0];
  const othersWithData = withData.slice(1).map((s) => s.name);
  if (chosen === undefined) throw new CoreError('import_unreadable', 'The workbook has no sheet with data.');
  if (othersWithData.length > 0) {
    diagnostics.push({
      level: 'info',
      code: 'other_sheets_ignored',
      message: `Only the sheet "${chosen.name}" was read; the workbook also has data in ${othersWithData.map((n) => `"${n}"`).join(', ')}.`,
    });
  }
  const width = chosen.rows.reduce((w, r) => Math.max(w, r.cells.length), 0);
  return { grid: { rows: chosen.rows, width, date1904 }, sheetName: chosen.name, diagnostics };
}

/** Index of the last non-empty cell of a (possibly sparse) row, -1 when none. */
function lastPresent(raw: readonly unknown[]): number {
  let last = -1;
  for (const key of Object.keys(raw)) {
    const c = Number(key);
    const cell = asCell(raw[c]);
    if (cell !== null && c > last && convertCell(cell, false).text !== '') last = c;
  }
  return last;
}

function sheetToRows(sheet: unknown, date1904: boolean, name: string): GridRow[] {
  const data = sheetRows(sheet);
  if (data.length > MAX_ROWS) {
    throw new CoreError('import_unreadable', `The sheet "${name}" has more than ${MAX_ROWS.toLocaleString('en')} rows.`);
  }
  const rows: GridRow[] = [];
  data.forEach((raw, r) => {
    if (!Array.isArray(raw)) return;
    const cells: string[] = [];
    const kinds: CellKind[] = [];
    const display: string[] = [];
    let last = -1;
    // A crafted cell reference far to the right makes a huge sparse row: look at the cells present only.
    const width = raw.length <= MAX_COLUMNS ? raw.length : lastPresent(raw) + 1;
    if (width > MAX_COLUMNS) {
      throw new CoreError('import_unreadable', `The sheet "${name}" uses ${width} columns; at most ${MAX_COLUMNS} are read.`);
    }
    for (let c = 0; c < width; c++) {
      const cell = asCell(raw[c]);
      const converted = cell === null ? { text: '', kind: 'text' as const, display: '' } : convertCell(cell, date1904);
      cells.push(converted.text);
      kinds.push(converted.kind);
      display.push(converted.display);
      if (converted.text !== '') last = c;
    }
    if (last < 0) return;
    rows.push({ row: r + 1, cells: cells.slice(0, last + 1), kinds: kinds.slice(0, last + 1), display: display.slice(0, last + 1) });
  });
  return rows;
}
