/**
 * What a layout means for the person: diagnostics for what detection could not decide or
 * decided in an unusual way, and the layout in the contract's shape for the mapping screen.
 */
import type { TabularLayout as ContractLayout } from '../../contract/books-schemas.js';
import type { Diagnostic } from '../types.js';
import { dataRowsOf } from './apply.js';
import { LAYOUT_CONFIRM_THRESHOLD } from './layout.js';
import type { Grid, TabularLayout } from './types.js';

/** Diagnostics about the layout itself (ambiguities, low confidence, inverted sign, row order). */
export function layoutDiagnostics(layout: TabularLayout): Diagnostic[] {
  const out: Diagnostic[] = [];
  const reason = (word: RegExp): string => layout.reasons.find((r) => word.test(r)) ?? '';
  if (layout.ambiguities.includes('date_order')) {
    out.push({ level: 'warning', code: 'date_order_ambiguous', message: reason(/day\/month|month\/day/) || 'The date format (day/month or month/day) could not be decided: confirm it.' });
  }
  if (layout.ambiguities.includes('decimal_separator')) {
    out.push({ level: 'warning', code: 'decimal_separator_ambiguous', message: reason(/separator/) || 'The decimal separator could not be decided: confirm it.' });
  }
  if (layout.ambiguities.includes('header')) {
    out.push({ level: 'info', code: 'header_not_found', message: 'The file has no recognisable header row; the columns were guessed from their content.' });
  }
  if (layout.ambiguities.includes('columns')) {
    out.push({ level: 'warning', code: 'columns_uncertain', message: 'Some columns could not be recognised for sure: check the mapping.' });
  }
  if (layout.confidence < LAYOUT_CONFIRM_THRESHOLD) {
    out.push({
      level: 'warning',
      code: 'layout_needs_confirmation',
      message: `Cuadra is ${Math.round(layout.confidence * 100)}% sure of how this file is laid out: check the column mapping before importing.`,
    });
  }
  if (layout.signConvention === 'inverted') {
    out.push({ level: 'info', code: 'sign_inverted', message: reason(/reversed|inverted/) || 'The amounts are written with the opposite sign and were inverted.' });
  }
  if (layout.rowOrder === 'newest_first') {
    out.push({ level: 'info', code: 'rows_newest_first', message: 'The file lists the newest movement first; the movements were put in date order.' });
  }
  return out;
}

/** The layout in the contract's shape (mapping screen, live preview of the first 20 data rows). */
export function toContractLayout(grid: Grid, layout: TabularLayout, profileId: number | null = null): ContractLayout {
  const headers = Array.from({ length: grid.width }, (_, i) => layout.columns.find((c) => c.index === i)?.header ?? '');
  return {
    headerRow: layout.headerRow,
    headers,
    columns: layout.columns.map((c) => ({ index: c.index, header: c.header, role: c.role, confidence: c.confidence })),
    dateOrder: layout.dateOrder,
    decimalSeparator: layout.decimalSeparator,
    signConvention: layout.signConvention,
    confidence: layout.confidence,
    needsMapping: layout.confidence < LAYOUT_CONFIRM_THRESHOLD || layout.ambiguities.length > 0,
    reasons: layout.reasons,
    profileId,
    sampleRows: dataRowsOf(grid, layout).slice(0, 20).map((r) => Array.from({ length: grid.width }, (_, i) => r.cells[i] ?? '')),
  };
}
