/**
 * Bytes → Grid for every tabular container: sniff the container by its bytes, read it
 * (SheetJS for .xlsx/.xls, the HTML table scanner, or decode + delimiter sniffing + RFC 4180
 * for text), then normalise: rows that are entirely empty are dropped (row numbers stay those
 * of the source), and columns empty in every row at the left and right edges are removed.
 */
import { CoreError } from '../../contract/errors.js';
import { describeBinary } from '../detect.js';
import { decodeBytes, type Decoded } from '../encoding.js';
import { isParseError } from '../errors.js';
import type { Diagnostic } from '../types.js';
import { parseDelimited, sniffDelimiter } from './csv.js';
import { htmlToRows } from './html.js';
import { MAX_INPUT_BYTES } from './limits.js';
import { readSheetGrid } from './sheet.js';
import { sniffBomlessUtf16, sniffContainer, sniffHtmlCharset } from './sniff.js';
import type { Grid, GridRow, TabularFormat } from './types.js';

export interface GridRead {
  grid: Grid;
  format: TabularFormat;
  /** Text encoding used ('binary' for spreadsheets, which carry their own). */
  encoding: string;
  diagnostics: Diagnostic[];
  /** Why the container was read as it was (delimiter, sheet). */
  reasons: string[];
}

export interface ReadGridOptions {
  /** Encoding chosen by the person for text containers (CSV, HTML). */
  encoding?: string;
}

/** Read any supported tabular container into a Grid. Throws CoreError('import_unreadable' | 'invalid_input'). */
export function readGrid(bytes: Uint8Array, options: ReadGridOptions = {}): GridRead {
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new CoreError('import_unreadable', `The file is ${(bytes.length / (1024 * 1024)).toFixed(0)} MiB; spreadsheets and CSV files of at most ${MAX_INPUT_BYTES / (1024 * 1024)} MiB are read.`);
  }
  if (bytes.length === 0) throw new CoreError('import_unreadable', 'The file is empty.');
  const container = sniffContainer(bytes);
  if (container === 'xlsx' || container === 'xls') {
    const sheet = readSheetGrid(bytes, container);
    return finish(sheet.grid.rows, { format: container, encoding: 'binary', diagnostics: sheet.diagnostics, reasons: [`Read the sheet "${sheet.sheetName}".`], date1904: sheet.grid.date1904 === true });
  }
  if (container === 'xml') {
    const head = new TextDecoder().decode(bytes.subarray(0, 4096));
    if (/urn:schemas-microsoft-com:office:spreadsheet|<\?mso-application[^>]{0,200}Excel/.test(head)) {
      throw new CoreError('import_unreadable', 'This is an Excel 2003 XML spreadsheet: open it in Excel or LibreOffice and save it as .xlsx or CSV.');
    }
    throw new CoreError('import_unreadable', 'This file is XML, not a table: import it as a bank statement (CAMT) or as CFDI invoices.');
  }
  if (container === 'html') {
    const declared = sniffHtmlCharset(bytes);
    const decoded = decode(bytes, { ...(options.encoding !== undefined ? { encoding: options.encoding } : {}), ...(declared !== undefined ? { declared } : {}) });
    const rows = htmlToRows(decoded.text);
    if (rows.length === 0) throw new CoreError('import_unreadable', 'This web page (HTML) has no table with data.');
    return finish(rows, { format: 'html', encoding: decoded.encoding, diagnostics: decoded.diagnostics, reasons: ['The file is a web page (HTML) with a table, as some banks save ".xls" downloads.'] });
  }
  const binary = describeBinary(bytes);
  if (binary !== null) throw new CoreError('import_unreadable', binary);
  const utf16 = options.encoding === undefined ? sniffBomlessUtf16(bytes) : null;
  const decoded = decode(bytes, options.encoding !== undefined ? { encoding: options.encoding } : utf16 !== null ? { encoding: utf16 } : {});
  assertText(decoded.text);
  const choice = sniffDelimiter(decoded.text);
  const parsed = parseDelimited(choice.text, choice.delimiter);
  const rows = choice.lineOffset === 0 ? parsed.rows : parsed.rows.map((r) => ({ ...r, row: r.row + choice.lineOffset }));
  const reasons = [choice.reason];
  if (utf16 !== null) reasons.push(`The text is ${utf16.toUpperCase()} without a byte-order mark.`);
  return finish(rows, { format: 'csv', encoding: decoded.encoding, diagnostics: [...decoded.diagnostics, ...parsed.diagnostics], reasons, delimiter: choice.delimiter });
}

function decode(bytes: Uint8Array, options: { encoding?: string; declared?: string }): Decoded {
  try {
    return decodeBytes(bytes, options);
  } catch (err) {
    if (isParseError(err)) throw new CoreError('invalid_input', `${err.message}. Try utf-8, windows-1252, iso-8859-15, utf-16le or cp850.`);
    throw err;
  }
}

/** Refuse binary content read as text: many control characters in the first 64 KiB. */
function assertText(text: string): void {
  const head = text.slice(0, 64 * 1024);
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  if (text.trim() === '') throw new CoreError('import_unreadable', 'The file is empty.');
  if (control > Math.max(8, head.length * 0.05)) {
    throw new CoreError('import_unreadable', 'This file is not text, a spreadsheet or a web page: Cuadra cannot read it as a table.');
  }
}

interface FinishInput {
  format: TabularFormat;
  encoding: string;
  diagnostics: Diagnostic[];
  reasons: string[];
  delimiter?: string;
  date1904?: boolean;
}

/** Drop empty rows and the empty columns at both edges; compute the width. */
function finish(rows: GridRow[], input: FinishInput): GridRead {
  const kept = rows.filter((r) => r.cells.some((c) => c !== ''));
  if (kept.length === 0) throw new CoreError('import_unreadable', 'The file has no rows with data.');
  let first = Infinity;
  let last = -1;
  for (const r of kept) {
    const f = r.cells.findIndex((c) => c !== '');
    if (f >= 0 && f < first) first = f;
    for (let i = r.cells.length - 1; i > last; i--) {
      if (r.cells[i] !== '') {
        last = i;
        break;
      }
    }
  }
  const from = Number.isFinite(first) ? first : 0;
  const trimmed = from === 0 ? kept : kept.map((r) => sliceRow(r, from));
  const grid: Grid = { rows: trimmed, width: last - from + 1 };
  if (input.delimiter !== undefined) grid.delimiter = input.delimiter;
  if (input.date1904 === true) grid.date1904 = true;
  return { grid, format: input.format, encoding: input.encoding, diagnostics: input.diagnostics, reasons: input.reasons };
}

function sliceRow(r: GridRow, from: number): GridRow {
  const out: GridRow = { row: r.row, cells: r.cells.slice(from) };
  if (r.kinds) out.kinds = r.kinds.slice(from);
  if (r.display) out.display = r.display.slice(from);
  return out;
}
