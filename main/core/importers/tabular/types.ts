/**
 * Types of the tabular importer (CSV / XLSX / XLS / HTML-as-xls bank and books exports).
 * Every container becomes a `Grid` of strings; `detectLayout` reads the grid into a
 * `TabularLayout` (which column is what, how dates and numbers are written, how the sign is
 * carried); `applyLayout` turns grid rows into `TabularRecord`s with exact minor-unit amounts.
 */
import type { ColumnRole } from '../../contract/books-schemas.js';

/** What a spreadsheet cell held. Delimited text and HTML cells are always 'text'. */
export type CellKind = 'text' | 'number' | 'date';

export interface GridRow {
  /** 1-based: the line where the record starts (delimited text, HTML) or the sheet's row number. */
  row: number;
  /** Trimmed cell text. A spreadsheet number is a plain decimal with '.', a date cell is YYYY-MM-DD. */
  cells: string[];
  /** Spreadsheet only: the kind of each cell (missing entries are 'text'). */
  kinds?: CellKind[];
  /** Spreadsheet only: each cell as the spreadsheet shows it (number format applied). */
  display?: string[];
}

export interface Grid {
  rows: GridRow[];
  /** Number of columns (trailing columns empty in every row are dropped). */
  width: number;
  /** The field delimiter of delimited text. */
  delimiter?: string;
  /** Excel serial numbers count from 1904 (old Mac workbooks). */
  date1904?: boolean;
}

/** The container a table was read from (also its `format` in results). */
export type TabularFormat = 'csv' | 'xlsx' | 'xls' | 'html';

/** Which side of the reconciliation a table belongs to. */
export type TableSide = 'bank' | 'books';

/**
 * What a column holds: the roles of the contract (`columnRoles` in contract/books-schemas.ts),
 * the single list shared with saved profiles and the mapping screen. `debit` / `credit` are the
 * file's own debit and credit columns: on a bank statement a debit (Cargo) is money out; in the
 * books (bank ledger, customer and supplier accounts) a debit (Debe) is money in.
 */
export type { ColumnRole };

export type DecimalSeparator = ',' | '.';

/** Day/month order of numeric dates; ISO / year-first dates and Excel serials parse whatever it is. */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';

/**
 * How the sign of a movement is carried (the contract's `signConvention`): one signed amount;
 * one amount written with the opposite sign (credit-card exports); separate debit / credit
 * columns; an amount plus a flag column (D/C, Cargo/Abono, Debe/Haber, -/+); PayPal's
 * gross / fee / net (the fee becomes its own line).
 */
export type SignConvention = 'signed' | 'inverted' | 'debit_credit' | 'dc_flag' | 'gross_fee_net';

export type RowOrder = 'oldest_first' | 'newest_first' | 'unknown';

/** A decision the detection could not make from the file alone: the UI asks the person. */
export type LayoutAmbiguity = 'date_order' | 'decimal_separator' | 'columns' | 'header';

export interface LayoutColumn {
  /** 0-based column in the grid. */
  index: number;
  /** Header text as the file writes it ('' when the file has no header row). */
  header: string;
  role: ColumnRole;
  /** Numeric roles: the decimal separator decided for this column from all its rows. */
  decimalSeparator?: DecimalSeparator;
  /** 0..1: how sure the role is (header word and content agreeing → high). */
  confidence: number;
}

export interface TabularLayout {
  side: TableSide;
  /** 1-based row number of the header row, null when the file has none. */
  headerRow: number | null;
  columns: LayoutColumn[];
  dateOrder: DateOrder;
  /** The file's decimal separator (numeric columns may override it). */
  decimalSeparator: DecimalSeparator;
  signConvention: SignConvention;
  /** `dcFlag` values (normalised: lower case, no accents) meaning money in / money out. */
  flagValues: { in: string[]; out: string[] };
  rowOrder: RowOrder;
  /** Currency found in metadata rows or glued to amounts, when the file names one. */
  currency: string | null;
  /** Account named in metadata rows above the header, when any. */
  account: { iban?: string; number?: string } | null;
  /** True when the running balance confirms sign and order, false when it contradicts, null without balances. */
  balanceVerified: boolean | null;
  /** The canonical CSV of DESIGN.md (Spanish or English headers). */
  canonical: boolean;
  /** 0..1: how sure the detection is. Below `LAYOUT_CONFIRM_THRESHOLD`, or with ambiguities, ask the person. */
  confidence: number;
  ambiguities: LayoutAmbiguity[];
  /** Why each decision was made, in sentences. */
  reasons: string[];
}

/** One data row read through a layout. Amounts are signed integer minor units of `currency`. */
export interface TabularRecord {
  /** 1-based source row. */
  row: number;
  /** 0-based position among the readable data rows, in file order (stable dedupe key). */
  index: number;
  date: string;
  valueDate: string | null;
  dueDate: string | null;
  /** Signed movement; in gross/fee/net mode the gross amount. */
  amount: number;
  /** Gross/fee/net mode: the signed fee (usually negative), else null. */
  fee: number | null;
  currency: string;
  /** Running balance after the row (bank), null when the file has none. */
  balance: number | null;
  /** Open amount of a books item, signed like `amount`, null when the file has none. */
  openAmount: number | null;
  description: string;
  counterparty: string | null;
  taxId: string | null;
  references: string[];
  documentNumber: string | null;
  id: string | null;
  /** The file's own kind or type of the row (bank transaction type, books document type). */
  kind: string | null;
}
