/**
 * Norma 43 (AEB Cuaderno 43, the Spanish banks' account statement) parser. Fixed 80-column
 * records read by position; ragged, short and glued lines, a DOS Ctrl-Z end marker, a missing
 * 33 or 88 record and inconsistent totals are diagnostics, never fatal. One Statement per
 * account header (record 11). Norma 43 has no bank transaction id: `bankId` is always null.
 */
import type { Diagnostic, Statement, StatementFormat } from '../types.js';
import { splitLines } from '../encoding.js';
import { ParseError } from '../errors.js';
import { AccountBuilder } from './statement-builder.js';
import {
  RECORD_CODES,
  readAccountEnd,
  readAccountHeader,
  readConcept,
  readEquivalence,
  readFileEnd,
  readMovement,
  splitGluedRecords,
} from './records.js';

export interface Norma43Result {
  statements: Statement[];
  diagnostics: Diagnostic[];
  format: StatementFormat;
}

export interface Norma43Context {
  encoding: string;
  /** Which date of record 22 becomes the booking date (default: the operation date). */
  bookingDate?: 'operation' | 'value';
}

/** At most this many `unknown_record` warnings per file; the rest are counted in one summary. */
const MAX_UNKNOWN_WARNINGS = 10;

/** Parse Norma 43 text (already decoded) into statements and diagnostics. Throws ParseError when no account header exists. */
export function parseNorma43(text: string, ctx: Norma43Context = { encoding: 'utf-8' }): Norma43Result {
  const diagnostics: Diagnostic[] = [];
  const statements: Statement[] = [];
  let current: AccountBuilder | null = null;
  let recordCount = 0;
  let sawFileEnd = false;
  let unknown = 0;
  let longLineWarned = false;

  const closeCurrent = (reason: 'new_account' | 'eof', lineNo: number): void => {
    if (!current) return;
    if (!current.ended) {
      diagnostics.push({
        level: 'warning',
        code: 'missing_account_end',
        message:
          reason === 'eof'
            ? `The file ends before the account totals (record 33) of account ${current.header.account}: the file may be truncated; there is no closing balance to check.`
            : `Line ${lineNo}: a new account starts before the totals (record 33) of account ${current.header.account}.`,
        ...(reason === 'new_account' ? { line: lineNo } : {}),
      });
    }
    statements.push(current.finish());
    current = null;
  };

  for (const src of splitLines(text)) {
    // Ctrl-Z (0x1A) is a DOS end-of-file marker; NUL padding also occurs in old exports.
    const cleaned = src.text.replace(/[\u001a\u0000]+/g, '').trimEnd();
    if (cleaned.trim() === '') continue;
    for (const record of splitGluedRecords(cleaned)) {
      const lineNo = src.line;
      if (record.length > 80 && !longLineWarned) {
        longLineWarned = true;
        diagnostics.push({
          level: 'info',
          code: 'long_record',
          message: `Line ${lineNo} is longer than 80 columns; the extra characters were ignored.`,
          line: lineNo,
        });
      }
      const code = record.slice(0, 2);
      if (!RECORD_CODES.has(code)) {
        unknown++;
        if (unknown <= MAX_UNKNOWN_WARNINGS) {
          diagnostics.push({
            level: 'warning',
            code: 'unknown_record',
            message: `Line ${lineNo}: "${record.slice(0, 20)}" is not a Norma 43 record (11, 22, 23, 24, 33 or 88) and was ignored.`,
            line: lineNo,
          });
        }
        continue;
      }
      if (sawFileEnd && code !== '88') {
        sawFileEnd = false;
        diagnostics.push({
          level: 'info',
          code: 'data_after_file_end',
          message: `Line ${lineNo}: records follow the end-of-file record (88); they were read as well (concatenated files).`,
          line: lineNo,
        });
      }
      if (code !== '88') recordCount++;
      switch (code) {
        case '11':
          closeCurrent('new_account', lineNo);
          current = new AccountBuilder(readAccountHeader(record), lineNo, diagnostics, ctx.bookingDate);
          break;
        case '22':
        case '23':
        case '24':
        case '33':
          if (!current) {
            diagnostics.push({
              level: 'error',
              code: 'orphan_record',
              message: `Line ${lineNo}: record ${code} appears before any account header (record 11) and was ignored.`,
              line: lineNo,
            });
            break;
          }
          if (code === '22') current.addMovement(readMovement(record), lineNo);
          else if (code === '23') current.addConcept(readConcept(record), lineNo);
          else if (code === '24') current.addEquivalence(readEquivalence(record), lineNo);
          else current.end(readAccountEnd(record), lineNo);
          break;
        case '88': {
          closeCurrent('eof', lineNo);
          checkFileEnd(record, recordCount, lineNo, diagnostics);
          sawFileEnd = true;
          recordCount = 0;
          break;
        }
      }
    }
  }
  if (current !== null) closeCurrent('eof', 0);
  if (unknown > MAX_UNKNOWN_WARNINGS) {
    diagnostics.push({
      level: 'warning',
      code: 'unknown_record',
      message: `${unknown - MAX_UNKNOWN_WARNINGS} more lines are not Norma 43 records and were ignored.`,
    });
  }
  if (statements.length === 0) {
    throw new ParseError('no_account', 'This Norma 43 file has no account header (record 11) Cuadra can read.');
  }
  if (!sawFileEnd) {
    diagnostics.push({
      level: 'warning',
      code: 'missing_file_end',
      message: 'The file has no end-of-file record (88): it may be truncated. The accounts found were read.',
    });
  }
  return { statements, diagnostics, format: 'norma43' };
}

/** Record 88: the record count should equal the records before it (Liderbank also counts the 88 itself). */
function checkFileEnd(record: string, counted: number, lineNo: number, diagnostics: Diagnostic[]): void {
  const { recordCount } = readFileEnd(record);
  if (!/^\d{1,6}$/.test(recordCount)) {
    diagnostics.push({ level: 'warning', code: 'invalid_count', message: `Line ${lineNo}: the end-of-file record count "${recordCount}" is not a number.`, line: lineNo });
    return;
  }
  const declared = Number(recordCount);
  if (declared === counted) return;
  if (declared === counted + 1) {
    diagnostics.push({
      level: 'info',
      code: 'record_count_includes_trailer',
      message: `Line ${lineNo}: the end-of-file record counts itself (${declared} instead of ${counted}), as some banks do.`,
      line: lineNo,
    });
    return;
  }
  diagnostics.push({
    level: 'warning',
    code: 'record_count_mismatch',
    message: `Line ${lineNo}: the end-of-file record says ${declared} records but the file has ${counted}.`,
    line: lineNo,
  });
}
