/**
 * The tabular importer: bank and books exports as CSV (any delimiter, any common encoding),
 * XLSX, legacy XLS and HTML saved as .xls. Pure: bytes in, results out, no files, no SQL.
 *
 *   parseBankTable(bytes, { profile?, encoding?, currency? })  → ParseResult & { layout }
 *   parseBooksTable(bytes, { profile?, encoding?, currency?, ledger? }) → BooksParseResult & { layout }
 *   readGrid(bytes) → detectLayout(grid, { side }) → applyLayout(grid, layout)   (step by step)
 *   profileFromLayout(layout, name) / layoutFromProfile(grid, profile)          (saved mappings)
 */
export { parseBankTable, type BankTableResult, type TabularParseOptions } from './bank.js';
export { parseBooksTable, kindFromType, type BooksTableOptions, type BooksTableResult } from './books.js';
export { readGrid, type GridRead, type ReadGridOptions } from './grid.js';
export { detectLayout, LAYOUT_CONFIRM_THRESHOLD, type DetectOptions } from './layout.js';
export { applyLayout, type AppliedTable, type ApplyOptions } from './apply.js';
export { layoutFromProfile, parseProfile, profileFromLayout, tabularProfileSchema, type TabularProfile } from './profile.js';
export { layoutDiagnostics, toContractLayout } from './report.js';
export { sniffContainer, type Container } from './sniff.js';
export { assertSafeZip, MAX_UNZIPPED_BYTES, MAX_ZIP_RATIO } from './zip-guard.js';
export { MAX_COLUMNS, MAX_INPUT_BYTES, MAX_ROWS } from './limits.js';
export type {
  CellKind, ColumnRole, DateOrder, DecimalSeparator, Grid, GridRow, LayoutAmbiguity, LayoutColumn, RowOrder,
  SignConvention, TableSide, TabularFormat, TabularLayout, TabularRecord,
} from './types.js';
