/**
 * Entry point of the bank-statement importers: bytes in, normalized statements and diagnostics
 * out. Caps the input, decodes (BOM, strict UTF-8, declared, windows-1252, or the user's choice),
 * detects the format from the content, dispatches to the parser and runs the shared statement
 * checks. Expected problems are diagnostics; a file nothing sensible can be read from raises
 * `CoreError('import_unreadable')` with a message fit for a person.
 */
import { CoreError } from '../contract/errors.js';
import type { ParseOptions, ParseResult, StatementFormat, Statement, Diagnostic } from './types.js';
import { decodeBytes, type Decoded } from './encoding.js';
import { sniffDeclaredEncoding } from './declared-encoding.js';
import { describeBinary, describeUnrecognised, detectFormat } from './detect.js';
import { isParseError } from './errors.js';
import { checkStatements } from './checks.js';
import { parseNorma43 } from './norma43/index.js';
import { splitGluedRecords } from './norma43/records.js';
import { parseMt940 } from './mt940/index.js';
import { parseCamt } from './camt/index.js';
import { parseOfx } from './ofx/index.js';
import { parseBankTable } from './tabular/bank.js';
import type { TabularFormat } from './tabular/types.js';

/** Largest file accepted (200 MiB). */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;
/** Longest line accepted in the line-oriented formats (Norma 43, MT940/MT942). */
export const MAX_LINE_CHARS = 100_000;

interface ParserOutput {
  statements: Statement[];
  diagnostics: Diagnostic[];
  format: StatementFormat;
}

type Parser = (text: string, ctx: { encoding: string; bookingDate?: 'operation' | 'value' }) => ParserOutput;

const PARSERS: Readonly<Record<Exclude<StatementFormat, TabularFormat>, Parser>> = {
  norma43: parseNorma43,
  mt940: parseMt940,
  mt942: parseMt940,
  camt052: parseCamt,
  camt053: parseCamt,
  camt054: parseCamt,
  ofx: parseOfx,
  qfx: parseOfx,
};

const LINE_FORMATS = new Set<StatementFormat>(['norma43', 'mt940', 'mt942']);

/** Tables (CSV, XLSX, XLS, HTML-as-xls) are read by the tabular importer. */
function isTableFormat(format: StatementFormat | undefined): format is TabularFormat {
  return format === 'csv' || format === 'xlsx' || format === 'xls' || format === 'html';
}

/** Parse a bank-statement file. Throws CoreError('import_unreadable' | 'invalid_input') only. */
export function parseStatementFile(bytes: Uint8Array, options: ParseOptions = {}): ParseResult {
  if (bytes.length > MAX_FILE_BYTES) {
    const mib = (bytes.length / (1024 * 1024)).toFixed(0);
    throw new CoreError('import_unreadable', `The file is ${mib} MiB; Cuadra reads statement files of at most 200 MiB.`);
  }
  if (isTableFormat(options.format)) {
    return parseBankTable(bytes, options.encoding !== undefined ? { encoding: options.encoding } : {});
  }
  if (options.format === undefined) {
    const binary = describeBinary(bytes);
    if (binary) throw new CoreError('import_unreadable', binary);
  }
  const decoded = decode(bytes, options);
  if (decoded.text.trim() === '') throw new CoreError('import_unreadable', 'The file is empty.');

  const format = options.format ?? detectFormat(decoded.text)?.format;
  if (format === undefined || isTableFormat(format)) throw new CoreError('import_unreadable', describeUnrecognised(decoded.text));
  if (LINE_FORMATS.has(format)) assertLineLengths(decoded.text, format === 'norma43' ? isGluedNorma43 : () => false);

  let parsed: ParserOutput;
  try {
    const ctx = {
      encoding: decoded.encoding,
      ...(options.norma43BookingDate !== undefined ? { bookingDate: options.norma43BookingDate } : {}),
    };
    parsed = PARSERS[format](decoded.text, ctx);
  } catch (err) {
    if (isParseError(err)) {
      const where = err.line !== undefined ? ` (line ${err.line})` : '';
      throw new CoreError('import_unreadable', `${err.message}${where}`, {
        reason: err.code,
        ...(err.line !== undefined ? { line: err.line } : {}),
      });
    }
    throw err;
  }
  const checks = checkStatements(parsed.statements);
  return {
    format: parsed.format,
    encoding: decoded.encoding,
    statements: parsed.statements,
    diagnostics: [...decoded.diagnostics, ...parsed.diagnostics, ...checks],
  };
}

function decode(bytes: Uint8Array, options: ParseOptions): Decoded {
  const declared = sniffDeclaredEncoding(bytes);
  try {
    return decodeBytes(bytes, {
      ...(options.encoding !== undefined ? { encoding: options.encoding } : {}),
      ...(declared !== undefined ? { declared } : {}),
    });
  } catch (err) {
    if (isParseError(err)) throw new CoreError('invalid_input', `${err.message}. Try utf-8, windows-1252, iso-8859-15, cp850 or cp852.`);
    throw err;
  }
}

/** A long Norma 43 line made of 80-column records without line breaks is data, not an absurd line. */
function isGluedNorma43(line: string): boolean {
  return splitGluedRecords(line).length > 1;
}

/** Reject absurd lines before the line parsers see them (a binary file, or not a line format at all). */
function assertLineLengths(text: string, allowed: (line: string) => boolean): void {
  let start = 0;
  let line = 1;
  while (start <= text.length) {
    let end = start;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      end++;
    }
    if (end - start > MAX_LINE_CHARS && !allowed(text.slice(start, end))) {
      throw new CoreError(
        'import_unreadable',
        `Line ${line} is ${end - start} characters long; statement lines are at most ${MAX_LINE_CHARS.toLocaleString('en')} characters, so this is not a readable statement file.`,
        { line },
      );
    }
    if (end >= text.length) break;
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    line++;
  }
}

export { detectFormat } from './detect.js';
export type { Detection } from './detect.js';
