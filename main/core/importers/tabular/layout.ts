/**
 * Layout detection: header row, column roles, date and number formats, sign convention, row
 * order, confidence and the reasons for each decision. The running balance is the final judge:
 * a trial read of the rows is fitted against it to confirm (or invert) the sign and to learn
 * whether the file lists the newest movement first.
 */
import { asIban } from '../line-helpers.js';
import { isCurrencyCode } from '../../domain/currency.js';
import { assignRoles, profileColumns } from './columns.js';
import { dateShape } from './date-formats.js';
import { decideFormats, gluedCurrency } from './formats.js';
import { canonicalRoles, findHeaderRow, normalizeHeader } from './headers.js';
import { tokenizeAmount } from './numbers.js';
import { fitBalance, flagDirection, flagKey, orderFromDates } from './signs.js';
import { dataRowsOf, extractRows } from './apply.js';
import type { Grid, GridRow, LayoutAmbiguity, LayoutColumn, TableSide, TabularLayout } from './types.js';

/** Below this confidence (or with any ambiguity) the person confirms the mapping before import. */
export const LAYOUT_CONFIRM_THRESHOLD = 0.8;

export interface DetectOptions {
  side: TableSide;
  /** Books only: the rows are entries of a bank account's ledger, so `balance` is a running balance, not an open amount. */
  ledger?: boolean;
}

const MONEY = new Set(['amount', 'debit', 'credit', 'balance', 'openAmount', 'gross', 'fee', 'net']);

/** True when a cell reads as a date or an amount (data, not a header word). */
export function looksLikeData(cell: string): boolean {
  return dateShape(cell) !== null || tokenizeAmount(cell) !== null;
}

/** Detect the layout of a grid (a bank export unless `side` says books): which column is what and how it is written. */
export function detectLayout(grid: Grid, options: DetectOptions = { side: 'bank' }): TabularLayout {
  const reasons: string[] = [];
  const header = findHeaderRow(grid.rows, looksLikeData);
  const headerRow: GridRow | undefined = header === null ? undefined : grid.rows[header.index];
  const headers = Array.from({ length: grid.width }, (_, i) => headerRow?.cells[i] ?? '');
  const dataRows = header === null ? grid.rows : grid.rows.slice(header.index + 1);
  const canonical = headerRow === undefined ? null : canonicalRoles(headers.slice(0, headerRow.cells.filter((c) => c !== '').length));

  let columns: LayoutColumn[];
  let signConvention: TabularLayout['signConvention'] | null;
  if (canonical !== null) {
    columns = headers.map((h, index) => ({ index, header: h, role: canonical[index] ?? 'ignore', confidence: 1 }));
    signConvention = 'signed';
    reasons.push('The header is the canonical Cuadra CSV (id, date, value_date, amount, currency, description, counterparty, tax_id, reference, due_date, balance).');
  } else {
    if (headerRow !== undefined) {
      reasons.push(`Row ${headerRow.row} is the header (${header?.matched ?? 0} known column names)${header !== null && header.index > 0 ? `; the ${header.index} row(s) above it are titles or account details` : ''}.`);
    } else {
      reasons.push('No header row was found; columns were recognised from their content.');
    }
    const assignment = assignRoles(profileColumns(headers, dataRows, grid.width), dataRows, options.side);
    columns = assignment.columns;
    signConvention = assignment.signConvention;
    reasons.push(...assignment.reasons);
  }
  if (options.side === 'books' && options.ledger !== true && !columns.some((c) => c.role === 'openAmount')) {
    columns = columns.map((c) => (c.role === 'balance' ? { ...c, role: 'openAmount' } : c));
  }
  const metadata = scanMetadata(header === null ? [] : grid.rows.slice(0, header.index));
  const currency = metadata.currency ?? gluedCurrency(dataRows, columns);
  if (metadata.currency) reasons.push(`The rows above the header give the currency ${metadata.currency}.`);

  const layout = baseLayout(grid, {
    side: options.side, headerRow: headerRow?.row ?? null, columns, signConvention: signConvention ?? 'signed',
    currency, account: metadata.account, canonical: canonical !== null, reasons, dataRows,
  });
  if (signConvention === null) layout.ambiguities.push('columns');
  return verifyLayout(grid, layout, { allowInvert: true, headerFound: headerRow !== undefined });
}

interface BaseInput {
  side: TableSide;
  headerRow: number | null;
  columns: LayoutColumn[];
  signConvention: TabularLayout['signConvention'];
  currency: string | null;
  account: TabularLayout['account'];
  canonical: boolean;
  reasons: string[];
  dataRows: readonly GridRow[];
  fixed?: { dateOrder?: TabularLayout['dateOrder'] | null; decimalSeparator?: TabularLayout['decimalSeparator'] | null };
}

/** A layout with formats decided, before the trial read: shared by detection and profiles. */
export function baseLayout(grid: Grid, input: BaseInput): TabularLayout {
  const formats = decideFormats({ grid, dataRows: input.dataRows, columns: input.columns, currency: input.currency, fixed: input.fixed ?? {} });
  const ambiguities: LayoutAmbiguity[] = [];
  if (formats.dateAmbiguous) ambiguities.push('date_order');
  if (formats.decimalAmbiguous) ambiguities.push('decimal_separator');
  const columns = input.columns.map((c) => (MONEY.has(c.role) ? { ...c, decimalSeparator: formats.perColumn.get(c.index) ?? formats.decimalSeparator } : c));
  return {
    side: input.side,
    headerRow: input.headerRow,
    columns,
    dateOrder: formats.dateOrder,
    decimalSeparator: formats.decimalSeparator,
    signConvention: input.signConvention,
    flagValues: { in: [], out: [] },
    rowOrder: 'unknown',
    currency: input.currency,
    account: input.account,
    balanceVerified: null,
    canonical: input.canonical,
    confidence: 0,
    ambiguities,
    reasons: [...input.reasons, ...formats.reasons],
  };
}

/**
 * Trial-read the rows through a layout: fit the running balance (order, and the sign when
 * `allowInvert`), and score the confidence from how well everything was read.
 */
export function verifyLayout(grid: Grid, layout: TabularLayout, opts: { allowInvert: boolean; headerFound: boolean }): TabularLayout {
  const rows = dataRowsOf(grid, layout);
  const has = (role: string): boolean => layout.columns.some((c) => c.role === role);
  const reasons = [...layout.reasons];
  const ambiguities = [...layout.ambiguities];
  if (!has('date')) {
    reasons.push('No column of dates was found.');
    if (!ambiguities.includes('columns')) ambiguities.push('columns');
  }
  const { records, issues } = extractRows(rows, layout, grid);
  let { signConvention } = layout;
  let rowOrder = layout.rowOrder;
  let balanceVerified: boolean | null = null;
  const fit = fitBalance(records.map((r) => r.amount + (r.fee ?? 0)), records.map((r) => r.balance));
  if (fit !== null) {
    const share = fit.matches / fit.pairs;
    if (share >= 0.8) {
      rowOrder = fit.order;
      balanceVerified = true;
      reasons.push(
        `The running balance confirms ${fit.matches} of ${fit.pairs} rows${fit.order === 'newest_first' ? ', newest movement first' : ''}.`,
      );
      if (fit.inverted) {
        if (opts.allowInvert && (signConvention === 'signed' || signConvention === 'inverted')) {
          signConvention = signConvention === 'signed' ? 'inverted' : 'signed';
          reasons.push('The balance only adds up with every amount\'s sign reversed: the file writes money out as positive (as credit-card exports do), so the signs were inverted.');
        } else {
          balanceVerified = false;
          reasons.push('The balance only adds up with every sign reversed: check the debit/credit columns.');
          if (!ambiguities.includes('columns')) ambiguities.push('columns');
        }
      }
    } else {
      balanceVerified = false;
      reasons.push(`The running balance does not follow the movements (${fit.matches} of ${fit.pairs} rows add up).`);
    }
  }
  if (rowOrder === 'unknown') {
    rowOrder = orderFromDates(records.map((r) => r.date));
    if (rowOrder === 'newest_first') reasons.push('The rows are newest first (by their dates); they are imported oldest first.');
  }
  const lastGood = records[records.length - 1]?.row ?? 0;
  const inner = issues.filter((i) => !i.info && i.row <= lastGood).length;
  const parseRate = records.length === 0 ? 0 : records.length / (records.length + inner);
  const keyColumns = layout.columns.filter((c) => c.role === 'date' || MONEY.has(c.role));
  let confidence = layout.canonical
    ? 1
    : keyColumns.length === 0 ? 0 : keyColumns.reduce((s, c) => s + c.confidence, 0) / keyColumns.length;
  if (!opts.headerFound) {
    confidence = Math.min(confidence, 0.6);
    if (!ambiguities.includes('header')) ambiguities.push('header');
  }
  confidence *= parseRate;
  if (balanceVerified === true) confidence = Math.min(1, confidence + 0.1);
  if (balanceVerified === false) confidence *= 0.7;
  if (ambiguities.length > 0) confidence = Math.min(confidence, 0.6);
  if (!has('date') || records.length === 0) confidence = 0;
  return {
    ...layout,
    signConvention,
    flagValues: flagWords(rows, layout),
    rowOrder,
    balanceVerified,
    confidence: Math.round(confidence * 100) / 100,
    ambiguities,
    reasons,
  };
}

/** Account (IBAN or number) and currency written in the rows above the header. */
function scanMetadata(rows: readonly GridRow[]): { account: TabularLayout['account']; currency: string | null } {
  let account: TabularLayout['account'] = null;
  let currency: string | null = null;
  for (const row of rows) {
    row.cells.forEach((cell, i) => {
      const label = normalizeHeader(cell);
      const next = row.cells[i + 1] ?? '';
      const ibanText = /[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){10,30}/.exec(cell.toUpperCase())?.[0];
      const iban = asIban(ibanText ?? '');
      if (iban && account === null) account = { iban };
      if (/^(divisa|moneda|currency)\b/.test(label)) {
        const code = (/\b([A-Z]{3})\b/.exec(cell.replace(/^[^:]*:/, '').toUpperCase())?.[1] ?? next.trim().toUpperCase());
        if (isCurrencyCode(code)) currency = code;
      }
      if (account === null && /^(cuenta|account|numero de cuenta|n cuenta|clabe)\b/.test(label)) {
        const digits = (/:\s*([\d\s-]{10,40})$/.exec(cell)?.[1] ?? next).replace(/[\s-]/g, '');
        const asIbanNext = asIban(next);
        if (asIbanNext) account = { iban: asIbanNext };
        else if (/^\d{10,34}$/.test(digits)) account = { number: digits };
      }
    });
  }
  return { account, currency };
}

/** The words of the D/C flag column, by the direction they give (for the mapping screen). */
function flagWords(rows: readonly GridRow[], layout: TabularLayout): TabularLayout['flagValues'] {
  const index = layout.columns.find((c) => c.role === 'dcFlag')?.index;
  const words = { in: [] as string[], out: [] as string[] };
  if (index === undefined) return words;
  for (const row of rows.slice(0, 5000)) {
    const cell = row.cells[index] ?? '';
    const direction = flagDirection(cell, layout.side);
    const key = flagKey(cell);
    if (direction === 1 && !words.in.includes(key)) words.in.push(key);
    if (direction === -1 && !words.out.includes(key)) words.out.push(key);
  }
  return words;
}
