/**
 * Saved profiles: a person's mapping of a layout (column roles by header name, date order,
 * decimal separator, sign convention, side), stored in the database and sent over IPC. The
 * schema lives in the contract (`tabularProfileSchema`) and is re-exported here. A profile is
 * applied instead of detection: columns are found by their header text wherever they are, so
 * a file with the same headers in another order reads the same.
 */
import { CoreError } from '../../contract/errors.js';
import { tabularProfileSchema, type TabularProfile } from '../../contract/books-schemas.js';
import { normalizeHeader } from './headers.js';
import { baseLayout, verifyLayout } from './layout.js';
import { gluedCurrency } from './formats.js';
import type { ColumnRole, Grid, LayoutColumn, TableSide, TabularLayout } from './types.js';

export { tabularProfileSchema };
export type { TabularProfile };

/** Save a layout as a profile (ignored columns are kept so the mapping screen shows them). */
export function profileFromLayout(layout: TabularLayout, name: string, options: { ledger?: boolean } = {}): TabularProfile {
  const headerless = layout.headerRow === null;
  return tabularProfileSchema.parse({
    name,
    side: layout.side,
    columns: layout.columns.map((c) => ({ header: headerless ? '' : c.header, role: c.role })),
    dateOrder: layout.dateOrder,
    decimalSeparator: layout.decimalSeparator,
    signConvention: layout.signConvention,
    ledger: options.ledger ?? false,
  });
}

/** Validate an unknown value as a profile; CoreError('invalid_input') with the first problem otherwise. */
export function parseProfile(value: unknown): TabularProfile {
  const result = tabularProfileSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new CoreError('invalid_input', `The spreadsheet profile is not valid: ${issue ? `${issue.path.join('.') || 'profile'}: ${issue.message}` : 'unknown problem'}.`);
  }
  return result.data;
}

/**
 * The layout of a grid read through a profile. Throws CoreError('import_unreadable') when the
 * file does not have the profile's columns (date and money columns at least).
 */
export function layoutFromProfile(grid: Grid, rawProfile: TabularProfile, side: TableSide = rawProfile.side): TabularLayout {
  const profile = parseProfile(rawProfile);
  if (profile.side !== side) {
    throw new CoreError('invalid_input', `The profile "${profile.name}" is for ${profile.side === 'bank' ? 'bank statements' : 'books files'}, not for ${side === 'bank' ? 'bank statements' : 'books files'}.`);
  }
  const wanted = profile.columns.map((c) => ({ key: normalizeHeader(c.header), header: c.header, role: c.role }));
  const headerless = wanted.every((w) => w.key === '');
  let headerIndex = -1;
  if (!headerless) {
    let best = 0;
    grid.rows.slice(0, 100).forEach((row, i) => {
      const keys = new Set(row.cells.map(normalizeHeader));
      const hits = wanted.filter((w) => w.key !== '' && keys.has(w.key)).length;
      if (hits > best) {
        best = hits;
        headerIndex = i;
      }
    });
  }
  const headerCells = headerIndex >= 0 ? (grid.rows[headerIndex]?.cells ?? []) : [];
  const used = new Set<number>();
  const columns: LayoutColumn[] = [];
  for (let index = 0; index < grid.width; index++) {
    const header = headerCells[index] ?? '';
    let role: ColumnRole = 'ignore';
    if (headerless) {
      role = wanted[index]?.role ?? 'ignore';
    } else {
      const key = normalizeHeader(header);
      const at = wanted.findIndex((w, i) => !used.has(i) && w.key !== '' && w.key === key);
      if (at >= 0) {
        used.add(at);
        role = wanted[at]?.role ?? 'ignore';
      }
    }
    columns.push({ index, header, role, confidence: 1 });
  }
  if (side === 'books' && !profile.ledger && !columns.some((c) => c.role === 'openAmount')) {
    for (const c of columns) if (c.role === 'balance') c.role = 'openAmount';
  }
  const missing = headerless ? [] : wanted.filter((w, i) => !used.has(i) && w.role !== 'ignore');
  const roles = new Set(columns.map((c) => c.role));
  const hasMoney = ['amount', 'debit', 'credit', 'gross', 'net'].some((r) => roles.has(r as ColumnRole));
  if (!roles.has('date') || !hasMoney) {
    const names = missing.map((m) => `"${m.header}"`).join(', ');
    throw new CoreError(
      'import_unreadable',
      `The file does not have the columns of the profile "${profile.name}"${names !== '' ? ` (missing ${names})` : ''}.`,
      { profile: profile.name, missing: missing.map((m) => m.header) },
    );
  }
  const reasons = [`The saved profile "${profile.name}" was applied.`];
  if (missing.length > 0) reasons.push(`The profile's columns ${missing.map((m) => `"${m.header}"`).join(', ')} are not in this file.`);
  const dataRows = headerIndex >= 0 ? grid.rows.slice(headerIndex + 1) : grid.rows;
  const headerRow = headerIndex >= 0 ? (grid.rows[headerIndex]?.row ?? null) : null;
  const layout = baseLayout(grid, {
    side,
    headerRow,
    columns,
    signConvention: profile.signConvention,
    currency: gluedCurrency(dataRows, columns),
    account: null,
    canonical: false,
    reasons,
    dataRows,
    fixed: { dateOrder: profile.dateOrder, decimalSeparator: profile.decimalSeparator },
  });
  return verifyLayout(grid, layout, { allowInvert: false, headerFound: true });
}
