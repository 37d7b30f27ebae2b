/**
 * Row by row reading through a layout: a real date, exact minor units signed by the layout's
 * convention, the currency (column, glued to the amount, the file's, the caller's), and the text
 * columns. A row that cannot be read becomes an issue, not an error. Column positions are
 * resolved once; the per-row work allocates little (files reach a million rows).
 */
import { isCurrencyCode } from '../../domain/currency.js';
import { isParseError } from '../errors.js';
import { currencyExponent, formatMinor, toMinor } from '../money.js';
import type { Diagnostic } from '../types.js';
import { parseDateCell } from './date-formats.js';
import { normalizeHeader } from './headers.js';
import { parseAmountCell, type ParsedAmount } from './numbers.js';
import { debitCreditMovement, flagDirection } from './signs.js';
import type { ColumnRole, DecimalSeparator, Grid, GridRow, TabularLayout, TabularRecord } from './types.js';

export interface RowIssue {
  row: number;
  message: string;
  /** Informational rows (PayPal "Memo") are skipped without a warning. */
  info?: boolean;
}

type MoneyRole = 'amount' | 'debit' | 'credit' | 'gross' | 'fee' | 'net' | 'balance' | 'openAmount';
const MONEY_ROLES: readonly MoneyRole[] = ['amount', 'debit', 'credit', 'gross', 'fee', 'net', 'balance', 'openAmount'];
const MAX_PER_CODE = 20;

/** Column positions of a layout, resolved once. */
interface Positions {
  single: Partial<Record<ColumnRole, number>>;
  description: number[];
  reference: number[];
  separator: Partial<Record<MoneyRole, DecimalSeparator>>;
}

function positions(layout: TabularLayout): Positions {
  const single: Partial<Record<ColumnRole, number>> = {};
  const separator: Partial<Record<MoneyRole, DecimalSeparator>> = {};
  for (const c of layout.columns) {
    if (single[c.role] === undefined) single[c.role] = c.index;
    if ((MONEY_ROLES as readonly string[]).includes(c.role) && separator[c.role as MoneyRole] === undefined) {
      separator[c.role as MoneyRole] = c.decimalSeparator ?? layout.decimalSeparator;
    }
  }
  const all = (role: ColumnRole): number[] => layout.columns.filter((c) => c.role === role).map((c) => c.index);
  return { single, description: all('description'), reference: all('reference'), separator };
}

/** Text of a cell for text roles: what the spreadsheet shows for numbers (leading zeros), else the cell. */
function textAt(row: GridRow, index: number | undefined): string | null {
  if (index === undefined) return null;
  const shown = row.kinds?.[index] === 'number' ? row.display?.[index] : undefined;
  const value = shown !== undefined && shown !== '' ? shown : (row.cells[index] ?? '');
  return value === '' ? null : value;
}

class RowError extends Error {
  constructor(message: string, readonly info = false) {
    super(message);
  }
}

/** Diagnostics capped per code: the first 20 of each, then one line with how many more. */
class CappedDiagnostics {
  readonly list: Diagnostic[] = [];
  private readonly counts = new Map<string, number>();
  push(d: Diagnostic): void {
    const n = (this.counts.get(d.code) ?? 0) + 1;
    this.counts.set(d.code, n);
    if (n <= MAX_PER_CODE) this.list.push(d);
  }
  finish(): Diagnostic[] {
    for (const [code, n] of this.counts) {
      if (n > MAX_PER_CODE) this.list.push({ level: 'warning', code, message: `${n - MAX_PER_CODE} more rows have the same problem (${code}).` });
    }
    return this.list;
  }
}

/** Join description cells, dropping a cell already contained in another. */
export function joinText(parts: readonly string[]): string {
  if (parts.length === 1) return (parts[0] ?? '').replace(/\s+/g, ' ').trim();
  const kept: string[] = [];
  for (const p of parts.map((x) => x.replace(/\s+/g, ' ').trim()).filter((x) => x !== '')) {
    const low = p.toLowerCase();
    if (kept.some((k) => k.toLowerCase().includes(low))) continue;
    for (let i = kept.length - 1; i >= 0; i--) if (low.includes((kept[i] ?? '').toLowerCase())) kept.splice(i, 1);
    kept.push(p);
  }
  return kept.join(' / ');
}

/** Read the data rows through a layout, in file order. */
export function extractRows(rows: readonly GridRow[], layout: TabularLayout, grid: Grid, options: { currency?: string } = {}): {
  records: TabularRecord[];
  issues: RowIssue[];
  diagnostics: Diagnostic[];
} {
  const pos = positions(layout);
  const at = pos.single;
  const headerKey = layout.columns.map((c) => normalizeHeader(c.header)).join('|');
  const diagnostics = new CappedDiagnostics();
  const records: TabularRecord[] = [];
  const issues: RowIssue[] = [];
  const date1904 = grid.date1904 === true;
  const fallbackCurrency = layout.currency ?? options.currency ?? 'XXX';
  /** Minor units; extra non-zero decimals are rounded half away from zero with a (capped) warning. */
  const exact = (decimal: string, currency: string, line: number): number => {
    try {
      return toMinor(decimal, currency);
    } catch (err) {
      if (!isParseError(err) || err.code !== 'amount_precision') throw err;
    }
    diagnostics.push({
      level: 'warning', code: 'amount_rounded', line,
      message: `Row ${line}: the amount ${decimal} has more decimals than ${currency} allows (${currencyExponent(currency)}); rounded.`,
    });
    return toMinor(decimal, currency, { round: true });
  };

  const readAmount = (row: GridRow, role: MoneyRole): ParsedAmount | null => {
    const index = at[role];
    if (index === undefined) return null;
    const text = row.cells[index] ?? '';
    if (text === '') return null;
    const parsed = parseAmountCell(text, row.kinds?.[index] ?? 'text', pos.separator[role] ?? layout.decimalSeparator);
    if (parsed === null) throw new RowError(`"${text}" is not an amount`);
    return parsed;
  };
  const dateAt = (row: GridRow, index: number | undefined): string | null =>
    index === undefined ? null : parseDateCell(row.cells[index] ?? '', layout.dateOrder, row.kinds?.[index] ?? 'text', date1904);

  for (const row of rows) {
    const date = dateAt(row, at.date);
    if (date === null) {
      // A header repeated on every page is skipped silently.
      if (layout.headerRow !== null && layout.columns.map((c) => normalizeHeader(row.cells[c.index] ?? '')).join('|') === headerKey) continue;
      const text = at.date === undefined ? '' : (row.cells[at.date] ?? '');
      issues.push({ row: row.row, message: text !== '' ? `"${text}" is not a date` : 'it has no date' });
      continue;
    }
    try {
      const parsed: Partial<Record<MoneyRole, ParsedAmount | null>> = {};
      let glued: string | null = null;
      for (const role of MONEY_ROLES) {
        const p = readAmount(row, role);
        parsed[role] = p;
        if (p?.currency && glued === null) glued = p.currency;
      }
      const currencyCell = textAt(row, at.currency)?.toUpperCase() ?? null;
      const currency = currencyCell !== null && isCurrencyCode(currencyCell) ? currencyCell : glued ?? fallbackCurrency;
      const minor = (role: MoneyRole): number | null => {
        const p = parsed[role];
        return p === null || p === undefined ? null : exact(p.decimal, currency, row.row);
      };
      let movement: number;
      let fee: number | null = null;
      switch (layout.signConvention) {
        case 'signed':
        case 'inverted': {
          const m = minor('amount');
          if (m === null) throw new RowError('it has no amount');
          movement = layout.signConvention === 'inverted' ? -m : m;
          break;
        }
        case 'dc_flag': {
          const m = minor('amount');
          if (m === null) throw new RowError('it has no amount');
          const flagText = textAt(row, at.dcFlag) ?? '';
          const direction = flagDirection(flagText, layout.side);
          if (direction === 0) throw new RowError(`its debit/credit mark "${flagText}" is informational`, true);
          if (direction === null) throw new RowError(flagText === '' ? 'it has no debit/credit mark' : `"${flagText}" is not a debit/credit mark`);
          movement = direction * Math.abs(m);
          break;
        }
        case 'debit_credit': {
          const d = minor('debit');
          const c = minor('credit');
          if (d === null && c === null) throw new RowError('it has no amount');
          if (d !== null && c !== null && d !== 0 && c !== 0) {
            diagnostics.push({ level: 'warning', code: 'debit_and_credit', message: `Row ${row.row} has both a debit and a credit; the movement is their difference.`, line: row.row });
          }
          movement = debitCreditMovement(d, c, layout.side);
          break;
        }
        case 'gross_fee_net': {
          const g = minor('gross');
          if (g === null) throw new RowError('it has no gross amount');
          movement = g;
          fee = minor('fee') ?? 0;
          const net = minor('net');
          if (net !== null && net !== g + fee) {
            diagnostics.push({
              level: 'warning', code: 'gross_fee_net_mismatch', line: row.row,
              message: `Row ${row.row}: gross ${formatMinor(g, currency)} + fee ${formatMinor(fee, currency)} is not the net ${formatMinor(net, currency)}.`,
            });
          }
          break;
        }
      }
      const description: string[] = [];
      for (const i of pos.description) {
        const t = textAt(row, i);
        if (t !== null) description.push(t);
      }
      const references: string[] = [];
      for (const i of pos.reference) {
        const t = textAt(row, i);
        if (t !== null) references.push(t);
      }
      records.push({
        row: row.row,
        index: records.length,
        date,
        valueDate: dateAt(row, at.valueDate),
        dueDate: dateAt(row, at.dueDate),
        // `|| 0` turns a negated zero (-0, which JSON cannot keep) into 0.
        amount: movement || 0,
        fee: fee === null ? null : fee || 0,
        currency,
        balance: minor('balance'),
        openAmount: minor('openAmount'),
        description: joinText(description),
        counterparty: textAt(row, at.counterparty),
        taxId: textAt(row, at.taxId),
        references,
        documentNumber: textAt(row, at.documentNumber),
        id: textAt(row, at.id),
        kind: textAt(row, at.kind),
      });
    } catch (err) {
      if (err instanceof RowError) issues.push({ row: row.row, message: err.message, ...(err.info ? { info: true } : {}) });
      else if (isParseError(err)) issues.push({ row: row.row, message: err.message });
      else throw err;
    }
  }
  return { records, issues, diagnostics: diagnostics.finish() };
}
