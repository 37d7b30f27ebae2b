/**
 * Signs and order of movements: D/C flag words per side, debit/credit columns without double
 * negation, and the running balance used as the judge of sign and row order — for each of
 * (oldest first | newest first) × (sign as written | inverted) count the rows where
 * `previous balance + movement = balance`; the hypothesis that explains most rows wins.
 */
import { normalizeHeader } from './headers.js';
import type { RowOrder, TableSide } from './types.js';

/** Normalise a flag cell: '+' and '-' stay, words become lower case without accents. */
export function flagKey(text: string): string {
  const t = text.trim();
  return t === '+' || t === '-' ? t : normalizeHeader(t);
}

const DEBIT_WORDS = new Set(['d', 'dr', 'db', 'deb', 'debe', 'cargo', 'debit', 'debito', 'debitos', 'cargos']);
const CREDIT_WORDS = new Set(['c', 'cr', 'h', 'cred', 'haber', 'abono', 'credit', 'credito', 'creditos', 'abonos']);
const OUT_WORDS = new Set(['-', 'egreso', 'retiro', 'salida', 'out', 'withdrawal', 'pago', 'gasto', 'dbit']);
const IN_WORDS = new Set(['+', 'ingreso', 'deposito', 'entrada', 'in', 'deposit', 'cobro', 'crdt']);
const INFO_WORDS = new Set(['memo', 'informativo', 'info', 'informacion']);

/**
 * Direction of a flag value: +1 money in, −1 money out, 0 informational (PayPal "Memo"),
 * null when the word is not a flag. Debit words mean money out on a bank statement and
 * money in in the books (a debit to the bank's ledger account or to a customer).
 */
export function flagDirection(text: string, side: TableSide): 1 | -1 | 0 | null {
  const key = flagKey(text);
  if (DEBIT_WORDS.has(key)) return side === 'bank' ? -1 : 1;
  if (CREDIT_WORDS.has(key)) return side === 'bank' ? 1 : -1;
  if (OUT_WORDS.has(key)) return -1;
  if (IN_WORDS.has(key)) return 1;
  if (INFO_WORDS.has(key)) return 0;
  return null;
}

/** True when the text is a flag word Cuadra knows. */
export function isFlagWord(text: string): boolean {
  return flagDirection(text, 'bank') !== null;
}

/**
 * Movement from a debit and a credit cell (minor units, null when empty). Magnitudes are used,
 * so a debit column that is already negative is not negated twice; the side gives the sign.
 */
export function debitCreditMovement(debit: number | null, credit: number | null, side: TableSide): number {
  const d = Math.abs(debit ?? 0);
  const c = Math.abs(credit ?? 0);
  return side === 'bank' ? c - d : d - c;
}

export interface BalanceFit {
  order: 'oldest_first' | 'newest_first';
  inverted: boolean;
  /** Adjacent row pairs the hypothesis explains, out of `pairs` pairs with both balances. */
  matches: number;
  pairs: number;
}

/**
 * Which order and sign make the running balance add up, over rows in file order.
 * `moves[i]` is the movement of row i (what changes the balance), `balances[i]` the balance after it.
 * Null when fewer than two rows carry a balance.
 */
export function fitBalance(moves: readonly number[], balances: ReadonlyArray<number | null>): BalanceFit | null {
  let pairs = 0;
  const hits = { ascPlain: 0, ascInv: 0, descPlain: 0, descInv: 0 };
  for (let i = 1; i < moves.length; i++) {
    const prev = balances[i - 1];
    const cur = balances[i];
    if (prev === null || prev === undefined || cur === null || cur === undefined) continue;
    pairs++;
    const up = cur - prev;
    const down = prev - cur;
    const move = moves[i] ?? 0;
    const prevMove = moves[i - 1] ?? 0;
    if (up === move) hits.ascPlain++;
    if (up === -move) hits.ascInv++;
    if (down === prevMove) hits.descPlain++;
    if (down === -prevMove) hits.descInv++;
  }
  if (pairs === 0) return null;
  const ranked: BalanceFit[] = [
    { order: 'oldest_first', inverted: false, matches: hits.ascPlain, pairs },
    { order: 'newest_first', inverted: false, matches: hits.descPlain, pairs },
    { order: 'oldest_first', inverted: true, matches: hits.ascInv, pairs },
    { order: 'newest_first', inverted: true, matches: hits.descInv, pairs },
  ];
  // Stable: on a tie the earlier (oldest first, sign as written) hypothesis wins.
  return ranked.reduce((best, h) => (h.matches > best.matches ? h : best));
}

/** Row order told by the dates alone: more steps forward than back → oldest first. */
export function orderFromDates(dates: readonly string[]): RowOrder {
  let forward = 0;
  let backward = 0;
  for (let i = 1; i < dates.length; i++) {
    const a = dates[i - 1] ?? '';
    const b = dates[i] ?? '';
    if (b > a) forward++;
    else if (b < a) backward++;
  }
  if (forward === backward) return 'unknown';
  return forward > backward ? 'oldest_first' : 'newest_first';
}

/** Rows oldest first: reversed when newest first, then stably sorted by date (the original index is kept on each row). */
export function chronological<T extends { date: string }>(rows: readonly T[], order: RowOrder): T[] {
  const oriented = order === 'newest_first' ? [...rows].reverse() : [...rows];
  return oriented
    .map((row, position) => ({ row, position }))
    .sort((a, b) => (a.row.date < b.row.date ? -1 : a.row.date > b.row.date ? 1 : a.position - b.position))
    .map((x) => x.row);
}
