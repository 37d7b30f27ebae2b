/**
 * Delimited text (CSV, semicolon, tab, pipe) → grid rows. The parser follows RFC 4180 (quoted
 * fields, doubled quotes, line breaks inside quotes) and is lenient where real exports are
 * not (a quote inside an unquoted field is kept, text after a closing quote is kept, a space
 * before an opening quote is allowed). The delimiter is chosen by how consistently each
 * candidate splits many records into the same number of fields; Excel's `sep=;` line wins.
 */
import { CoreError } from '../../contract/errors.js';
import type { Diagnostic } from '../types.js';
import type { GridRow } from './types.js';
import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS } from './limits.js';

/** Field delimiters the sniffer tries, in order of preference on a tie. */
export const DELIMITERS = [';', ',', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

const SNIFF_CHARS = 64 * 1024;

export interface DelimitedRows {
  rows: GridRow[];
  diagnostics: Diagnostic[];
}

const QUOTE = 34;
const CR = 13;
const LF = 10;
const SPACE = 32;

/**
 * Split text into records and fields. `limit` stops after that many records (for sniffing);
 * past MAX_ROWS records or MAX_COLUMNS non-empty fields it throws CoreError('import_unreadable').
 */
export function parseDelimited(text: string, delimiter: string, limit = Infinity): DelimitedRows {
  const d = delimiter.charCodeAt(0);
  const rows: GridRow[] = [];
  const diagnostics: Diagnostic[] = [];
  let fields: string[] = [];
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;
  let truncated = 0;

  const pushField = (value: string): void => {
    if (value.length > MAX_CELL_CHARS) {
      truncated++;
      fields.push(value.slice(0, MAX_CELL_CHARS).trim());
    } else {
      fields.push(value.trim());
    }
  };
  const endRecord = (): void => {
    let last = fields.length - 1;
    while (last >= 0 && fields[last] === '') last--;
    if (last >= 0) {
      if (last + 1 > MAX_COLUMNS) {
        throw new CoreError('import_unreadable', `Line ${recordLine} has ${last + 1} fields; at most ${MAX_COLUMNS} columns are read.`, { line: recordLine });
      }
      if (rows.length >= MAX_ROWS) throw new CoreError('import_unreadable', `The file has more than ${MAX_ROWS.toLocaleString('en')} rows.`);
      // Trailing empty fields are kept (they tell the delimiter sniffer how many fields a record has) up to the cap.
      rows.push({ row: recordLine, cells: fields.length > MAX_COLUMNS ? fields.slice(0, last + 1) : fields });
    }
    fields = [];
  };

  while (i < n && rows.length < limit) {
    // At the start of a field.
    let j = i;
    while (j < n && text.charCodeAt(j) === SPACE) j++;
    if (j < n && text.charCodeAt(j) === QUOTE) {
      const startLine = line;
      const parts: string[] = [];
      let k = j + 1;
      let closed = false;
      while (k < n) {
        const q = text.indexOf('"', k);
        if (q < 0) break;
        parts.push(text.slice(k, q));
        if (text.charCodeAt(q + 1) === QUOTE) {
          parts.push('"');
          k = q + 2;
          continue;
        }
        k = q + 1;
        closed = true;
        break;
      }
      if (!closed) {
        parts.push(text.slice(k));
        k = n;
        diagnostics.push({
          level: 'warning',
          code: 'csv_unterminated_quote',
          message: `Line ${startLine}: a quoted field is never closed; the rest of the file was read as that field.`,
          line: startLine,
        });
      }
      let value = parts.join('');
      for (let c = j; c < k; c++) if (text.charCodeAt(c) === LF || (text.charCodeAt(c) === CR && text.charCodeAt(c + 1) !== LF)) line++;
      // Lenient: keep anything between the closing quote and the next delimiter.
      let e = k;
      while (e < n && text.charCodeAt(e) !== d && text.charCodeAt(e) !== CR && text.charCodeAt(e) !== LF) e++;
      if (e > k) value += text.slice(k, e);
      pushField(value);
      i = e;
    } else {
      let e = i;
      while (e < n && text.charCodeAt(e) !== d && text.charCodeAt(e) !== CR && text.charCodeAt(e) !== LF) e++;
      pushField(text.slice(i, e));
      i = e;
    }
    if (i >= n) {
      endRecord();
      break;
    }
    const c = text.charCodeAt(i);
    if (c === d) {
      i++;
      if (i >= n) {
        fields.push('');
        endRecord();
      }
      continue;
    }
    // A line break ends the record.
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    endRecord();
    line++;
    recordLine = line;
  }
  if (truncated > 0) {
    diagnostics.push({
      level: 'warning',
      code: 'cell_truncated',
      message: `${truncated} field(s) longer than ${MAX_CELL_CHARS.toLocaleString('en')} characters were cut.`,
    });
  }
  return { rows, diagnostics };
}

export interface DelimiterChoice {
  delimiter: Delimiter;
  /** Text without an Excel `sep=` line. */
  text: string;
  /** Line offset to add to row numbers when a `sep=` line was removed. */
  lineOffset: number;
  reason: string;
}

/** Choose the delimiter of delimited text from a sample of its records. */
export function sniffDelimiter(text: string): DelimiterChoice {
  const sep = /^sep=(.)\r?\n/i.exec(text.slice(0, 16));
  if (sep) {
    const declared = sep[1] as string;
    const delimiter = (DELIMITERS as readonly string[]).includes(declared) ? (declared as Delimiter) : ',';
    return { delimiter, text: text.slice(sep[0].length), lineOffset: 1, reason: `The file declares its delimiter (sep=${declared}).` };
  }
  let sample = text.slice(0, SNIFF_CHARS);
  if (text.length > SNIFF_CHARS) {
    const lastBreak = Math.max(sample.lastIndexOf('\n'), sample.lastIndexOf('\r'));
    if (lastBreak > 0) sample = sample.slice(0, lastBreak);
  }
  let best: { delimiter: Delimiter; score: number; mode: number; share: number } = { delimiter: ',', score: 0, mode: 1, share: 0 };
  let tooWide: Delimiter | null = null;
  for (const delimiter of DELIMITERS) {
    let rows: GridRow[];
    try {
      rows = parseDelimited(sample, delimiter, 500).rows;
    } catch {
      // More fields than the cap: chosen only when nothing else splits the lines (then the read is refused).
      tooWide ??= delimiter;
      continue;
    }
    const counts = rows.map((r) => r.cells.length);
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 1) freq.set(c, (freq.get(c) ?? 0) + 1);
    let mode = 1;
    let modeRows = 0;
    for (const [count, rowsWith] of freq) {
      if (rowsWith > modeRows || (rowsWith === modeRows && count > mode)) {
        mode = count;
        modeRows = rowsWith;
      }
    }
    if (mode < 2) continue;
    const fitting = counts.filter((c) => c === mode).length;
    const score = fitting * Math.log2(mode) * (fitting / Math.max(1, counts.length));
    if (score > best.score) best = { delimiter, score, mode, share: fitting / Math.max(1, counts.length) };
  }
  if (best.score === 0 && tooWide !== null) best = { delimiter: tooWide, score: 0, mode: 1, share: 0 };
  const name = best.delimiter === '\t' ? 'tab' : `"${best.delimiter}"`;
  return {
    delimiter: best.delimiter,
    text,
    lineOffset: 0,
    reason: best.score > 0
      ? `Fields are separated by ${name}: ${Math.round(best.share * 100)}% of the records split into ${best.mode} fields.`
      : 'No delimiter splits the records consistently; each line was read as one field.',
  };
}
