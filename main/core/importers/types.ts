/**
 * What every importer produces: normalized statements (bank side) or items (books side)
 * plus diagnostics. Money is integer minor units (bigint-free: safe up to 2^53 minor units),
 * dates are YYYY-MM-DD. Nothing here is written to the database by the parsers.
 */
import type { TabularLayout } from './tabular/types.js';

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
  | 'qfx'
  // Tables (bank exports): read by tabular/parseBankTable.
  | 'csv'
  | 'xlsx'
  | 'xls'
  | 'html';

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
  /** Counterparty account when it is not an IBAN (old domestic numbers, e.g. Rabobank's embedded account). */
  account?: string;
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
  /** Bank-specific sub code: Norma 43 concepto propio, German GVC from MT940 :86:, MT940 :61: transaction type. */
  bankSubCode?: string;
  /** The amount in the original currency when the bank converted it (Norma 43 record 24, CAMT InstdAmt/TxAmt). */
  originalAmount?: Money;
  /** The format's own free text for the line, unparsed (MT940 :86: lines joined with '\n'). */
  rawText?: string;
  /** False when the bank has not booked the line (CAMT Sts PDNG/INFO/FUTR): it is not part of booked balances. */
  booked?: boolean;
  /** Key shared by the lines split from one bank entry (CAMT batch): declared control totals count that entry once. */
  splitFrom?: string;
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
  /** Available balance (MT940 :64:, CAMT CLAV) when the file gives one. */
  availableBalance?: Balance;
  /** Forward available balances (MT940 :65:, CAMT FWAV). */
  forwardAvailableBalances?: Balance[];
  /** Statement-level free text (e.g. an MT940 :86: after :62F:). */
  information?: string;
  /** 1-based line where the statement starts in the decoded text. */
  sourceLine?: number;
  /** True when the file gives no opening balance and it was derived (OFX: LEDGERBAL − Σ lines): a balance check then proves nothing. */
  openingBalanceDerived?: boolean;
}

export interface ParseResult {
  format: StatementFormat;
  /** Encoding used to decode the bytes, e.g. 'utf-8', 'windows-1252', 'cp850'. */
  encoding: string;
  statements: Statement[];
  diagnostics: Diagnostic[];
  /** Tables only (csv, xlsx, xls, html): the layout the file was read with. */
  layout?: TabularLayout;
}

export interface ParseOptions {
  /** Force an encoding instead of detecting it. */
  encoding?: string;
  /** Force a format instead of detecting it. */
  format?: StatementFormat;
  /**
   * Norma 43 only: which record-22 date becomes `bookingDate` — 'operation' (fecha operación,
   * the default) or 'value' (fecha valor, OCA's n43_date_type default). `valueDate` is always the value date.
   */
  norma43BookingDate?: 'operation' | 'value';
}
