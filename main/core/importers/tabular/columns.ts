/**
 * Column roles from header words AND content: a header says what a column should be, the cells
 * confirm it (a "Fecha" column of non-dates is not taken as the date). Columns without a known
 * header — or files without a header row — get roles from content alone: dates, numbers (a pair
 * of number columns whose running balance adds up is amount + balance), flag words, currency
 * codes, tax ids, and the longest text as the description.
 */
import { checkTaxId } from '../tax-ids.js';
import { toMinor } from '../money.js';
import { isCurrencyCode } from '../../domain/currency.js';
import { dateShape } from './date-formats.js';
import { matchHeader, resolveRole, type HeaderMatch } from './headers.js';
import { looksLikeAmount, parseAmountCell, tallySeparators } from './numbers.js';
import { fitBalance, flagKey, isFlagWord } from './signs.js';
import type { CellKind, ColumnRole, GridRow, LayoutColumn, SignConvention, TableSide } from './types.js';

export interface ColumnStats {
  index: number;
  header: string;
  match: HeaderMatch | null;
  filled: number;
  dates: number;
  /** Spreadsheet numbers that could be Excel serial dates (20000–80000). */
  serials: number;
  amounts: number;
  negatives: number;
  flags: number;
  flagValues: Set<string>;
  currencies: number;
  taxIds: number;
  totalLength: number;
}

const PROFILE_ROWS = 5000;

/** The text and kind of one cell. */
export function cellAt(row: GridRow, index: number): { text: string; kind: CellKind } {
  return { text: row.cells[index] ?? '', kind: row.kinds?.[index] ?? 'text' };
}

/** Content statistics of every column over (a sample of) the data rows. */
export function profileColumns(headers: readonly string[], rows: readonly GridRow[], width: number): ColumnStats[] {
  const stats: ColumnStats[] = [];
  const sample = rows.slice(0, PROFILE_ROWS);
  for (let c = 0; c < width; c++) {
    const header = headers[c] ?? '';
    const s: ColumnStats = {
      index: c, header, match: header === '' ? null : matchHeader(header), filled: 0, dates: 0, serials: 0, amounts: 0,
      negatives: 0, flags: 0, flagValues: new Set(), currencies: 0, taxIds: 0, totalLength: 0,
    };
    for (const row of sample) {
      const { text, kind } = cellAt(row, c);
      if (text === '') continue;
      s.filled++;
      s.totalLength += text.length;
      if (kind === 'date') s.dates++;
      else if (kind === 'number') {
        const n = Number(text);
        if (Number.isInteger(n) && n >= 20000 && n <= 80000) s.serials++;
      } else {
        const shape = dateShape(text);
        if (shape !== null) s.dates++;
      }
      if (kind !== 'date' && looksLikeAmount(text, kind)) {
        s.amounts++;
        if (/^\s*[-(−]|-\s*$/.test(text)) s.negatives++;
      }
      if (kind === 'text') {
        if (isFlagWord(text)) {
          s.flags++;
          if (s.flagValues.size < 10) s.flagValues.add(flagKey(text));
        }
        if (isCurrencyCode(text.toUpperCase())) s.currencies++;
        if (checkTaxId(text).valid === true) s.taxIds++;
      }
    }
    stats.push(s);
  }
  return stats;
}

const SINGLE: ReadonlySet<ColumnRole> = new Set([
  'date', 'valueDate', 'dueDate', 'amount', 'debit', 'credit', 'dcFlag', 'balance', 'openAmount', 'currency',
  'documentNumber', 'id', 'counterparty', 'taxId', 'kind', 'gross', 'fee', 'net',
]);
const DATE_ROLES: ReadonlySet<ColumnRole> = new Set(['date', 'valueDate', 'dueDate']);
const MONEY_ROLES: ReadonlySet<ColumnRole> = new Set(['amount', 'debit', 'credit', 'balance', 'openAmount', 'gross', 'fee', 'net']);

const share = (n: number, of: number): number => (of === 0 ? 1 : n / of);

/** How well the cells agree with a role (0..1); 1 for roles content cannot judge. */
function agreement(role: ColumnRole, s: ColumnStats): number {
  if (s.filled === 0) return 1;
  if (DATE_ROLES.has(role)) return share(s.dates + s.serials, s.filled);
  if (MONEY_ROLES.has(role)) return share(s.amounts, s.filled);
  if (role === 'dcFlag') return share(s.flags, s.filled);
  if (role === 'currency') return share(s.currencies, s.filled);
  return 1;
}

export interface RoleAssignment {
  columns: LayoutColumn[];
  signConvention: SignConvention | null;
  reasons: string[];
}

interface Candidate {
  role: ColumnRole;
  confidence: number;
  fromHeader: boolean;
}

/** Assign a role to every column from header words and content. */
export function assignRoles(stats: readonly ColumnStats[], rows: readonly GridRow[], side: TableSide): RoleAssignment {
  const reasons: string[] = [];
  const chosen: Candidate[] = stats.map(() => ({ role: 'ignore', confidence: 0.5, fromHeader: false }));
  const quote = (s: ColumnStats): string => (s.header !== '' ? `"${s.header}"` : `column ${s.index + 1}`);

  // A. Header words, checked against the cells.
  const wanted: Array<{ s: ColumnStats; role: ColumnRole; score: number }> = [];
  for (const s of stats) {
    if (s.match === null) continue;
    let role = resolveRole(s.match.role, side);
    if (role === 'kind' && s.filled > 0 && share(s.flags, s.filled) >= 0.9 && s.flagValues.size <= 4) {
      role = 'dcFlag';
      reasons.push(`${quote(s)} holds debit/credit words (${[...s.flagValues].join(', ')}), so it carries the sign.`);
    }
    const agree = agreement(role, s);
    if (agree < 0.6) {
      reasons.push(`${quote(s)} looks like ${role} by its name, but its cells do not fit; it was not used as ${role}.`);
      continue;
    }
    wanted.push({ s, role, score: s.match.score * (0.5 + agree / 2) });
  }
  wanted.sort((a, b) => b.score - a.score || a.s.index - b.s.index);
  const taken = new Set<ColumnRole>();
  for (const w of wanted) {
    let role = w.role;
    if (SINGLE.has(role) && taken.has(role)) {
      if (role === 'date' && !taken.has('valueDate')) role = 'valueDate';
      else if (role === 'counterparty') role = 'description';
      else {
        if (role !== 'currency') reasons.push(`${quote(w.s)} is a second ${role} column; it was ignored.`);
        role = 'ignore';
      }
    }
    if (role !== 'ignore') taken.add(role);
    chosen[w.s.index] = { role, confidence: Math.min(1, w.score), fromHeader: true };
  }
  // Known words that name nothing to import (Hora, Categoría) are settled too.
  for (const s of stats) {
    const c = chosen[s.index];
    if (c && s.match !== null && c.role === 'ignore') c.fromHeader = true;
  }

  // B. Content, for roles still missing.
  const free = (s: ColumnStats): boolean => chosen[s.index]?.fromHeader === false && chosen[s.index]?.role === 'ignore' && s.filled > 0;
  const setRole = (s: ColumnStats, role: ColumnRole, confidence: number, why: string): void => {
    chosen[s.index] = { role, confidence, fromHeader: false };
    taken.add(role);
    reasons.push(`${quote(s)} ${why}`);
  };
  for (const role of ['date', 'valueDate'] as const) {
    if (taken.has(role)) continue;
    const s = stats.find((x) => free(x) && share(x.dates, x.filled) >= 0.8);
    if (s) setRole(s, role, 0.6 * share(s.dates, s.filled), `holds dates, so it was taken as the ${role === 'date' ? 'booking date' : 'value date'}.`);
  }
  const hasMoney = ['amount', 'debit', 'credit', 'gross', 'net'].some((r) => taken.has(r as ColumnRole));
  if (!hasMoney) {
    const numeric = stats.filter((x) => free(x) && share(x.amounts, x.filled) >= 0.8 && share(x.dates, x.filled) < 0.5);
    const pair = balancePair(numeric, rows);
    if (pair) {
      setRole(pair.amount, 'amount', 0.6, 'holds amounts that move the running balance, so it was taken as the amount.');
      if (!taken.has('balance')) setRole(pair.balance, 'balance', 0.6, 'adds up as a running balance, so it was taken as the balance.');
    } else {
      const s = numeric.find((x) => x.negatives > 0) ?? numeric[0];
      if (s) setRole(s, 'amount', 0.4, 'holds numbers, so it was taken as the amount.');
    }
  }
  if (taken.has('amount') && !taken.has('dcFlag')) {
    const s = stats.find((x) => free(x) && share(x.flags, x.filled) >= 0.9 && x.flagValues.size >= 2 && x.flagValues.size <= 4);
    if (s) setRole(s, 'dcFlag', 0.7, `holds debit/credit words (${[...s.flagValues].join(', ')}), so it carries the sign.`);
  }
  if (!taken.has('currency')) {
    const s = stats.find((x) => free(x) && share(x.currencies, x.filled) >= 0.9);
    if (s) setRole(s, 'currency', 0.8, 'holds currency codes.');
  }
  if (!taken.has('taxId')) {
    const s = stats.find((x) => free(x) && share(x.taxIds, x.filled) >= 0.8);
    if (s) setRole(s, 'taxId', 0.7, 'holds valid tax ids.');
  }
  if (!taken.has('description')) {
    const texts = stats.filter((x) => free(x) && share(x.amounts + x.dates, x.filled) < 0.3);
    const s = texts.sort((a, b) => b.totalLength / b.filled - a.totalLength / a.filled)[0];
    if (s) setRole(s, 'description', 0.5, 'holds the longest text, so it was taken as the description.');
  }

  // C. How the sign is carried.
  let signConvention: SignConvention | null = null;
  const demote = (roles: ColumnRole[], why: string): void => {
    chosen.forEach((c, i) => {
      if (roles.includes(c.role)) {
        reasons.push(`${quote(stats[i] as ColumnStats)} ${why}`);
        chosen[i] = { role: 'ignore', confidence: c.confidence, fromHeader: c.fromHeader };
      }
    });
  };
  if (taken.has('gross')) {
    signConvention = 'gross_fee_net';
    demote(['amount', 'debit', 'credit'], 'was ignored: the gross amount is the movement and the fee becomes its own line.');
  } else if (taken.has('amount')) {
    signConvention = taken.has('dcFlag') ? 'dc_flag' : 'signed';
    demote(['debit', 'credit'], 'was ignored: the file has a single amount column.');
  } else if (taken.has('debit') || taken.has('credit')) {
    signConvention = 'debit_credit';
  } else if (taken.has('net')) {
    const i = chosen.findIndex((c) => c.role === 'net');
    const c = chosen[i];
    if (c) chosen[i] = { ...c, role: 'amount' };
    signConvention = 'signed';
  }
  if (signConvention !== 'dc_flag') demote(['dcFlag'], 'was ignored: the amounts already carry their sign.');
  if (signConvention !== 'gross_fee_net') demote(['fee'], 'was ignored: there is no gross amount.');

  const columns: LayoutColumn[] = stats.map((s, i) => {
    const c = chosen[i] ?? { role: 'ignore' as const, confidence: 0.5 };
    return { index: s.index, header: s.header, role: c.role, confidence: Math.round(c.confidence * 100) / 100 };
  });
  return { columns, signConvention, reasons };
}

/** Headerless files: the pair of number columns where one is the running balance of the other. */
function balancePair(numeric: readonly ColumnStats[], rows: readonly GridRow[]): { amount: ColumnStats; balance: ColumnStats } | null {
  if (numeric.length < 2) return null;
  const values = (s: ColumnStats): Array<number | null> => {
    const tally = tallySeparators(rows.map((r) => cellAt(r, s.index)));
    const sep = tally.comma > tally.point ? ',' : '.';
    return rows.map((r) => {
      const { text, kind } = cellAt(r, s.index);
      const parsed = parseAmountCell(text, kind, sep);
      if (parsed === null) return null;
      try {
        return toMinor(parsed.decimal, '', { round: true });
      } catch {
        return null;
      }
    });
  };
  const cols = numeric.slice(0, 6).map((s) => ({ s, v: values(s) }));
  for (const a of cols) {
    for (const b of cols) {
      if (a === b) continue;
      const fit = fitBalance(a.v.map((x) => x ?? 0), b.v);
      if (fit && fit.pairs >= 2 && fit.matches >= fit.pairs * 0.8) return { amount: a.s, balance: b.s };
    }
  }
  return null;
}
