/**
 * File-wide decisions on how dates and numbers are written: the day/month order from every
 * date cell, the decimal separator per money column from every row. What the file itself
 * cannot decide falls back to locale evidence (semicolon delimiter and euros → decimal comma;
 * Spanish headers → day/month), reported as an ambiguity for the person to confirm.
 */
import { decideDateOrder } from './date-formats.js';
import { normalizeHeader } from './headers.js';
import { tallySeparators, tokenizeAmount } from './numbers.js';
import { cellAt } from './columns.js';
import type { DateOrder, DecimalSeparator, Grid, GridRow, LayoutColumn } from './types.js';

const MONEY_ROLES = new Set(['amount', 'debit', 'credit', 'balance', 'openAmount', 'gross', 'fee', 'net']);
const DATE_ROLES = new Set(['date', 'valueDate', 'dueDate']);

const SPANISH = new Set(['fecha', 'importe', 'concepto', 'saldo', 'descripcion', 'cargo', 'abono', 'referencia', 'divisa', 'moneda', 'vencimiento', 'debe', 'haber', 'monto', 'movimiento', 'bruto', 'neto', 'comision', 'factura', 'cliente', 'proveedor']);
const ENGLISH = new Set(['date', 'amount', 'description', 'balance', 'reference', 'currency', 'debit', 'credit', 'payee', 'gross', 'net', 'fee', 'invoice', 'customer', 'supplier', 'memo']);

export interface FormatDecision {
  dateOrder: DateOrder;
  dateAmbiguous: boolean;
  decimalSeparator: DecimalSeparator;
  decimalAmbiguous: boolean;
  /** Decimal separator per money column index. */
  perColumn: Map<number, DecimalSeparator>;
  reasons: string[];
}

export interface FormatInput {
  grid: Grid;
  dataRows: readonly GridRow[];
  columns: readonly LayoutColumn[];
  /** Currency the file names (metadata, glued to amounts), for locale evidence. */
  currency: string | null;
  /** Decisions already made (a profile): skip detecting those. */
  fixed?: { dateOrder?: DateOrder | null; decimalSeparator?: DecimalSeparator | null };
}

/** Decide date order and decimal separators for a layout's columns from all data rows. */
export function decideFormats(input: FormatInput): FormatDecision {
  const { grid, dataRows, columns, currency } = input;
  const reasons: string[] = [];
  const words = new Set(columns.flatMap((c) => normalizeHeader(c.header).split(' ')));
  const spanish = [...words].filter((w) => SPANISH.has(w)).length;
  const english = [...words].filter((w) => ENGLISH.has(w)).length;

  // Decimal separator: every money column, every row.
  const perColumn = new Map<number, DecimalSeparator>();
  const totals = { comma: 0, point: 0, ambiguous: 0 };
  const undecided: number[] = [];
  for (const c of columns) {
    if (!MONEY_ROLES.has(c.role)) continue;
    const tally = tallySeparators(dataRows.map((r) => cellAt(r, c.index)));
    totals.comma += tally.comma;
    totals.point += tally.point;
    totals.ambiguous += tally.ambiguous;
    if (tally.comma > 0 && tally.point > 0) {
      const sep: DecimalSeparator = tally.comma >= tally.point ? ',' : '.';
      perColumn.set(c.index, sep);
      reasons.push(`"${c.header}" mixes decimal commas (${tally.comma}) and points (${tally.point}); "${sep}" was used.`);
    } else if (tally.comma > 0) perColumn.set(c.index, ',');
    else if (tally.point > 0) perColumn.set(c.index, '.');
    else undecided.push(c.index);
  }
  let decimalSeparator: DecimalSeparator;
  let decimalAmbiguous = false;
  const fixedDecimal = input.fixed?.decimalSeparator ?? null;
  if (fixedDecimal !== null) {
    decimalSeparator = fixedDecimal;
    for (const c of columns) if (MONEY_ROLES.has(c.role)) perColumn.set(c.index, fixedDecimal);
  } else if (totals.comma + totals.point > 0) {
    decimalSeparator = totals.comma >= totals.point ? ',' : '.';
    reasons.push(
      `Amounts use a decimal ${decimalSeparator === ',' ? 'comma' : 'point'} (${decimalSeparator === ',' ? totals.comma : totals.point} amount(s) can only be read that way).`,
    );
  } else {
    const comma = (grid.delimiter === ';' ? 2 : 0) + (currency === 'EUR' ? 1 : 0);
    const point = (currency === 'USD' || currency === 'MXN' ? 1 : 0) + (grid.delimiter === ',' ? 1 : 0);
    decimalSeparator = comma > point ? ',' : '.';
    if (totals.ambiguous > 0) {
      decimalAmbiguous = true;
      const why = comma > point ? 'the file is separated by semicolons or in euros' : point > comma ? 'the file is separated by commas or in dollars' : 'nothing in the file says otherwise';
      reasons.push(
        `${totals.ambiguous} amount(s) such as "1.234" read as either separator and no row decides; a decimal ${decimalSeparator === ',' ? 'comma' : 'point'} was assumed because ${why}. Confirm the decimal separator.`,
      );
    }
  }
  for (const index of undecided) if (!perColumn.has(index)) perColumn.set(index, decimalSeparator);

  // Date order: every date column, every row.
  const fixedOrder = input.fixed?.dateOrder ?? null;
  let dateOrder: DateOrder;
  let dateAmbiguous = false;
  if (fixedOrder !== null) {
    dateOrder = fixedOrder;
  } else {
    const dateColumns = columns.filter((c) => DATE_ROLES.has(c.role)).map((c) => dataRows.map((r) => cellAt(r, c.index)));
    const dmyVotes = (decimalSeparator === ',' && !decimalAmbiguous ? 2 : 0) + (spanish > english ? 2 : 0) + (grid.delimiter === ';' ? 1 : 0) + (currency === 'EUR' || currency === 'MXN' ? 1 : 0);
    const mdyVotes = (english > spanish ? 1 : 0) + (currency === 'USD' ? 1 : 0);
    const fallback = mdyVotes > dmyVotes
      ? { order: 'mdy' as const, why: 'English headers or dollars, as in the United States', evidence: true }
      : dmyVotes > 0
        ? { order: 'dmy' as const, why: 'Spanish headers, semicolons, euros or a decimal comma', evidence: true }
        : { order: 'dmy' as const, why: 'the usual order in Spain and Latin America', evidence: false };
    const decision = decideDateOrder(dateColumns, fallback);
    dateOrder = decision.order;
    dateAmbiguous = decision.ambiguous;
    reasons.push(decision.reason);
  }
  return { dateOrder, dateAmbiguous, decimalSeparator, decimalAmbiguous, perColumn, reasons };
}

/** The one currency glued to the amounts of the money columns (`1.450,00EUR`, `€12`), or null. */
export function gluedCurrency(dataRows: readonly GridRow[], columns: readonly LayoutColumn[]): string | null {
  const found = new Set<string>();
  for (const c of columns) {
    if (!MONEY_ROLES.has(c.role)) continue;
    for (const r of dataRows.slice(0, 2000)) {
      const token = tokenizeAmount(r.cells[c.index] ?? '');
      if (token?.currency) found.add(token.currency);
    }
  }
  return found.size === 1 ? ([...found][0] ?? null) : null;
}
