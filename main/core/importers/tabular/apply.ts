/**
 * A layout applied to a grid: each data row becomes a TabularRecord with a real date and exact
 * minor units, signed by the layout's convention. Rows that cannot be read are skipped with a
 * diagnostic (trailing ones quietly, as a footer; repeated header rows silently). The rows are
 * then put oldest first (newest-first files reversed, then a stable sort by date) and the
 * running balance is checked row by row in the bank's own order.
 */
import type { Diagnostic } from '../types.js';
import { formatMinor } from '../money.js';
import { extractRows, type RowIssue } from './extract.js';
import { chronological, fitBalance, orderFromDates } from './signs.js';
import type { Grid, GridRow, RowOrder, TabularLayout, TabularRecord } from './types.js';

export { extractRows, type RowIssue } from './extract.js';

export interface ApplyOptions {
  /** Currency to use when the file names none (the account's currency). */
  currency?: string;
}

export interface AppliedTable {
  /** Oldest first (stable by date); each keeps its source row and original index. */
  records: TabularRecord[];
  /** The same records in the bank's own order, oldest first (the running-balance chain). */
  chain: TabularRecord[];
  rowOrder: RowOrder;
  diagnostics: Diagnostic[];
  /** Data rows that could not be read. */
  skipped: number;
}

const MAX_ROW_DIAGNOSTICS = 20;

/** The rows below the header (all rows when the layout has no header row). */
export function dataRowsOf(grid: Grid, layout: Pick<TabularLayout, 'headerRow'>): GridRow[] {
  if (layout.headerRow === null) return grid.rows;
  const at = grid.rows.findIndex((r) => r.row === layout.headerRow);
  return at < 0 ? grid.rows : grid.rows.slice(at + 1);
}

/** Skipped-row diagnostics: trailing unreadable rows are a footer (info), the rest warnings. */
function issueDiagnostics(issues: readonly RowIssue[], lastGoodRow: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const footer = issues.filter((i) => i.row > lastGoodRow && !i.info);
  const inner = issues.filter((i) => i.row <= lastGoodRow && !i.info);
  const info = issues.filter((i) => i.info);
  for (const i of inner.slice(0, MAX_ROW_DIAGNOSTICS)) {
    out.push({ level: 'warning', code: 'row_skipped', message: `Row ${i.row} was skipped: ${i.message}.`, line: i.row });
  }
  if (inner.length > MAX_ROW_DIAGNOSTICS) {
    out.push({ level: 'warning', code: 'row_skipped', message: `${inner.length - MAX_ROW_DIAGNOSTICS} more rows were skipped.` });
  }
  const at = (list: readonly RowIssue[]): { line?: number } => (list[0] !== undefined ? { line: list[0].row } : {});
  if (footer.length > 0) {
    out.push({ level: 'info', code: 'footer_skipped', message: `${footer.length} row(s) after the last movement were not movements (totals or notes) and were skipped.`, ...at(footer) });
  }
  if (info.length > 0) {
    out.push({ level: 'info', code: 'informational_rows', message: `${info.length} informational row(s) (no effect on the balance) were skipped.`, ...at(info) });
  }
  return out;
}

/** Apply a layout to a grid: records oldest first, the balance chain, and diagnostics. */
export function applyLayout(grid: Grid, layout: TabularLayout, options: ApplyOptions = {}): AppliedTable {
  const rows = dataRowsOf(grid, layout);
  const { records, issues, diagnostics } = extractRows(rows, layout, grid, options);
  const lastGood = records[records.length - 1]?.row ?? 0;
  diagnostics.push(...issueDiagnostics(issues, lastGood));
  const moves = records.map((r) => r.amount + (r.fee ?? 0));
  const balances = records.map((r) => r.balance);
  let rowOrder = layout.rowOrder;
  if (rowOrder === 'unknown') {
    const fit = fitBalance(moves, balances);
    rowOrder = fit !== null && fit.matches >= fit.pairs * 0.8 ? fit.order : orderFromDates(records.map((r) => r.date));
  }
  const chain = rowOrder === 'newest_first' ? [...records].reverse() : [...records];
  diagnostics.push(...chainDiagnostics(chain));
  const skipped = issues.length;
  return { records: chronological(records, rowOrder), chain, rowOrder, diagnostics, skipped };
}

/** One warning per row whose running balance does not follow from the previous one (capped). */
function chainDiagnostics(chain: readonly TabularRecord[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  let mismatches = 0;
  // Each currency keeps its own running balance (multi-currency PayPal exports).
  const last = new Map<string, TabularRecord>();
  for (const cur of chain) {
    const prev = last.get(cur.currency);
    last.set(cur.currency, cur);
    if (!prev || prev.balance === null || cur.balance === null) continue;
    const expected = prev.balance + cur.amount + (cur.fee ?? 0);
    if (expected === cur.balance) continue;
    mismatches++;
    if (mismatches <= MAX_ROW_DIAGNOSTICS) {
      const f = (n: number): string => formatMinor(n, cur.currency);
      out.push({
        level: 'warning', code: 'balance_row_mismatch', line: cur.row,
        message: `Row ${cur.row}: the previous balance ${f(prev.balance)} plus the movement gives ${f(expected)}, but the row shows a balance of ${f(cur.balance)}.`,
      });
    }
  }
  if (mismatches > MAX_ROW_DIAGNOSTICS) {
    out.push({ level: 'warning', code: 'balance_row_mismatch', message: `${mismatches - MAX_ROW_DIAGNOSTICS} more rows do not follow from the previous balance.` });
  }
  return out;
}
