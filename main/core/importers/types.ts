/**
 * What every importer produces: normalized statements (bank side) or items (books side)
 * plus diagnostics. Money is integer minor units (bigint-free: safe up to 2^53 minor units),
 * dates are YYYY-MM-DD. Nothing here is written to the database by the parsers.
 */

export type DiagnosticLevel = 'info' | 'warning' | 'error';

export interface Diagnostic {
  level: DiagnosticLevel;
  /** Stable code, e.g. 'balance_mismatch', 'replacement_char', 'unknown_record'. */
  code: string;
  /** A sentence a person can act on. */
  message: string;
  /** 1-based line in the decoded text, when it is about one line. */
  line?: number;
}

export type StatementFormat =
  | 'norma43'
  | 'camt052'
  | 'camt053'
  | 'camt054'
  | 'mt940'
  | 'mt942'
  | 'ofx'
  | 'qfx';

export interface Money {
  /** Signed amount in minor units of `currency` (cents for EUR, units for JPY, thousandths for KWD). */
  minor: number;
  currency: string;
}

export interface Balance {
  amount: Money;
  date: string;
}

export interface ControlTotals {
  debitCount: number;
  /** Sum of debits as a positive number of minor units. */
  debitSum: number;
  creditCount: number;
  creditSum: number;
}

export interface Counterparty {
  name?: string;
  iban?: string;
  taxId?: string;
  bic?: string;
}

export interface References {
  endToEndId?: string;
  creditorReference?: string;
  documentNumber?: string;
  bankReference?: string;
  mandateId?: string;
  other?: string[];
}

export interface StatementLine {
  bookingDate: string;
  valueDate: string | null;
  /** Signed: positive money in, negative money out. */
  amount: Money;
  description: string;
  counterparty: Counterparty;
  references: References;
  /** The bank's own id for the line where the format has one and it is unique per account. */
  bankId: string | null;
  reversal: boolean;
  /** Booked lines are final; MT942 / CAMT.052 intraday lines are provisional. */
  provisional: boolean;
  /** Bank transaction code or concept, as the format gives it (N43 concepto común, BTC, OFX TRNTYPE). */
  bankCode?: string;
  /** 1-based line in the decoded text where the transaction starts. */
  sourceLine?: number;
}

export interface StatementAccount {
  iban?: string;
  number?: string;
  currency?: string;
  bic?: string;
  ownerName?: string;
}

export interface Statement {
  account: StatementAccount;
  openingBalance: Balance | null;
  closingBalance: Balance | null;
  /** Control totals the file itself declares (Norma 43 record 33, …), null when it has none. */
  controlTotals: ControlTotals | null;
  /** The statement's own id / sequence number where the format has one. */
  statementId?: string;
  periodFrom?: string;
  periodTo?: string;
  lines: StatementLine[];
  /** True when opening + Σ lines = closing and declared control totals agree; null when there is nothing to check. */
  balanceChecked: boolean | null;
}

export interface ParseResult {
  format: StatementFormat;
  /** Encoding used to decode the bytes, e.g. 'utf-8', 'windows-1252', 'cp850'. */
  encoding: string;
  statements: Statement[];
  diagnostics: Diagnostic[];
}

export interface ParseOptions {
  /** Force an encoding instead of detecting it. */
  encoding?: string;
  /** Force a format instead of detecting it. */
  format?: StatementFormat;
}
