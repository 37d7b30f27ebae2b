/**
 * Amounts in tables: decimal comma or point, thousands separators (. , space, apostrophe),
 * a currency glued on either side (`1.450,00EUR`, `$1,234.56`, `1,234.56 USD`, `-12,50 €`), and
 * negatives as `-50,00`, `(1.25)`, trailing `29,536.44-` or a `DR` suffix. The decimal separator
 * is decided per column from every row: `1.234` and `1,234` alone are ambiguous, so the other
 * rows (`12,5`, `1.234.567`, `1.234,56`) decide. Text only: no floating point anywhere.
 */
import { isCurrencyCode } from '../../domain/currency.js';
import type { CellKind, DecimalSeparator } from './types.js';

export interface AmountToken {
  negative: boolean;
  /** Digits with their separators, without sign or currency: "1.234,56". */
  body: string;
  /** ISO code written next to the number (€ counts as EUR, £ as GBP), null when none. */
  currency: string | null;
}

const SYMBOLS: ReadonlyArray<[string, string | null]> = [
  ['US$', 'USD'], ['U$S', 'USD'], ['MX$', 'MXN'], ['R$', 'BRL'], ['€', 'EUR'], ['£', 'GBP'], ['$', null],
];

const BODY_RE = /^(?:\d+|\d{1,3}(?:[.,' ]\d{3})+)(?:[.,]\d+)?$|^[.,]\d+$/;
const MAX_AMOUNT_CHARS = 64;

/** Sign and currency found so far while peeling a cell; `ok` turns false on a contradiction. */
interface Peel {
  negative: boolean;
  signed: boolean;
  currency: string | null;
  symbol: boolean;
  ok: boolean;
}

function setSign(p: Peel, minus: boolean): void {
  if (p.signed) p.ok = false;
  p.signed = true;
  p.negative = minus;
}

function setCurrency(p: Peel, code: string | null): void {
  if (code === null) {
    if (p.symbol) p.ok = false;
    p.symbol = true;
  } else {
    if (p.currency !== null && p.currency !== code) p.ok = false;
    p.currency = code;
  }
}

const PLAIN_RE = /^(-?)(\d+(?:[.,]\d+)?)$/;

/** Split a cell into sign, numeric body and glued currency; null when it is not an amount. */
export function tokenizeAmount(cell: string): AmountToken | null {
  if (cell.length > MAX_AMOUNT_CHARS) return null;
  const plain = PLAIN_RE.exec(cell);
  if (plain) return { negative: plain[1] === '-' && /[1-9]/.test(plain[2] ?? ''), body: plain[2] ?? '', currency: null };
  let s = cell.replace(/[\u00a0\u202f\u2009]/g, ' ').replace(/[\u2212\u2013]/g, '-').trim();
  const p: Peel = { negative: false, signed: false, currency: null, symbol: false, ok: true };
  for (let guard = 0; guard < 8 && s !== '' && p.ok; guard++) {
    const before = s;
    if (s.startsWith('(') && s.endsWith(')')) {
      setSign(p, true);
      s = s.slice(1, -1).trim();
    } else if (s.startsWith('-') || s.startsWith('+')) {
      setSign(p, s.startsWith('-'));
      s = s.slice(1).trim();
    } else if (s.endsWith('-') || s.endsWith('+')) {
      setSign(p, s.endsWith('-'));
      s = s.slice(0, -1).trim();
    } else if (/\d\s*(CR|DR)$/i.test(s)) {
      setSign(p, /DR$/i.test(s));
      s = s.slice(0, -2).trim();
    } else {
      const prefix = /^([A-Za-z]{3})(?![A-Za-z])/.exec(s)?.[1]?.toUpperCase();
      const suffix = /(?:^|[^A-Za-z])([A-Za-z]{3})$/.exec(s)?.[1]?.toUpperCase();
      if (prefix !== undefined && isCurrencyCode(prefix)) {
        setCurrency(p, prefix);
        s = s.slice(3).trim();
      } else if (suffix !== undefined && isCurrencyCode(suffix)) {
        setCurrency(p, suffix);
        s = s.slice(0, -3).trim();
      } else {
        for (const [sym, code] of SYMBOLS) {
          if (s.startsWith(sym) || s.endsWith(sym)) {
            setCurrency(p, code);
            s = (s.startsWith(sym) ? s.slice(sym.length) : s.slice(0, -sym.length)).trim();
            break;
          }
        }
      }
    }
    if (s === before) break;
  }
  if (!p.ok || !BODY_RE.test(s)) return null;
  return { negative: p.negative, body: s, currency: p.currency };
}

/** What one amount body says about the decimal separator. */
export type SeparatorEvidence = DecimalSeparator | 'ambiguous' | 'none';

/** The decimal separator a body proves ('1.234,56' → ','), 'ambiguous' for '1.234', 'none' for '1234'. */
export function separatorEvidence(body: string): SeparatorEvidence {
  const dots = body.split('.').length - 1;
  const commas = body.split(',').length - 1;
  if (dots > 0 && commas > 0) {
    const last = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
    return (last === '.' ? dots : commas) === 1 ? last : 'none';
  }
  if (dots + commas === 0) return 'none';
  const sep: DecimalSeparator = dots > 0 ? '.' : ',';
  const other: DecimalSeparator = sep === '.' ? ',' : '.';
  if (dots + commas > 1) return other;
  const at = body.indexOf(sep);
  const intPart = body.slice(0, at);
  const after = body.length - at - 1;
  if (after !== 3) return sep;
  if (intPart === '' || intPart.startsWith('0') || /[ ']/.test(intPart) || intPart.length > 3) return sep;
  return 'ambiguous';
}

/** Integer parts grouped in thousands by one separator. */
const GROUPED: Readonly<Record<string, RegExp>> = {
  '.': /^\d{1,3}(?:\.\d{3})+$/, ',': /^\d{1,3}(?:,\d{3})+$/, ' ': /^\d{1,3}(?: \d{3})+$/, "'": /^\d{1,3}(?:'\d{3})+$/,
};

/** Unsigned body → plain decimal with '.' ("1.234,56" + ',' → "1234.56"), or null when it contradicts the separator. */
export function normalizeBody(body: string, decimal: DecimalSeparator): string | null {
  const parts = body.split(decimal);
  if (parts.length > 2) return null;
  const intRaw = parts[0] ?? '';
  const frac = parts[1] ?? '';
  if (!/^\d*$/.test(frac) || (parts.length === 2 && frac === '' && intRaw === '')) return null;
  let intPart = intRaw;
  const group = /[^\d]/.exec(intRaw)?.[0];
  if (group !== undefined) {
    const grouped = GROUPED[group];
    if (group === decimal || grouped === undefined || !grouped.test(intRaw)) return null;
    intPart = intRaw.split(group).join('');
  }
  if (intPart === '' && frac === '') return null;
  return `${intPart === '' ? '0' : intPart}${frac !== '' ? `.${frac}` : ''}`;
}

export interface ParsedAmount {
  /** Signed plain decimal with '.': "-1234.56". */
  decimal: string;
  currency: string | null;
}

/** Parse one amount cell with the column's decimal separator; null when it is not an amount. */
export function parseAmountCell(text: string, kind: CellKind, decimal: DecimalSeparator): ParsedAmount | null {
  if (kind === 'number') return /^-?\d+(\.\d+)?$/.test(text) ? { decimal: text, currency: null } : null;
  const token = tokenizeAmount(text);
  if (token === null) return null;
  const plain = normalizeBody(token.body, decimal);
  if (plain === null) return null;
  const zero = /^[0.]*$/.test(plain);
  return { decimal: token.negative && !zero ? `-${plain}` : plain, currency: token.currency };
}

/** True when the cell reads as an amount with either separator. */
export function looksLikeAmount(text: string, kind: CellKind = 'text'): boolean {
  return kind === 'number' || (text !== '' && tokenizeAmount(text) !== null);
}

export interface SeparatorTally {
  /** Cells that prove a decimal comma / point. */
  comma: number;
  point: number;
  /** Cells like `1.234` that fit both. */
  ambiguous: number;
}

/** Count what the cells of one column say about their decimal separator. */
export function tallySeparators(cells: ReadonlyArray<{ text: string; kind: CellKind }>): SeparatorTally {
  const tally: SeparatorTally = { comma: 0, point: 0, ambiguous: 0 };
  for (const c of cells) {
    if (c.kind !== 'text' || c.text === '') continue;
    const token = tokenizeAmount(c.text);
    if (token === null) continue;
    const e = separatorEvidence(token.body);
    if (e === ',') tally.comma++;
    else if (e === '.') tally.point++;
    else if (e === 'ambiguous') tally.ambiguous++;
  }
  return tally;
}
