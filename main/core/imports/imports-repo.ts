/**
 * SQL of the import path: import batches, statements, bank lines and possible duplicates.
 * Plain functions over the core's connection; statements prepared once per connection.
 */
import type { Database } from 'better-sqlite3';
import type { ImportBatch, ImportDiagnostic } from '../contract/index.js';
import { cached } from '../db/repos/statement-cache.js';

/** An `import_batches` row as stored. */
export interface BatchRow {
  id: number;
  company_id: number;
  account_id: number | null;
  side: 'bank' | 'books';
  file_name: string;
  sha256: string;
  format: string;
  encoding: string;
  imported_by: string;
  imported_at: string;
  line_count: number;
  added_count: number;
  skipped_count: number;
  possible_duplicate_count: number;
  warnings: string;
}

const BATCH_COLUMNS =
  'id, company_id, account_id, side, file_name, sha256, format, encoding, imported_by, imported_at, line_count, added_count, skipped_count, possible_duplicate_count, warnings';

/** Maps a batch row to the contract's import batch. */
export function toImportBatch(row: BatchRow): ImportBatch {
  return {
    id: row.id,
    companyId: row.company_id,
    accountId: row.account_id,
    side: row.side,
    fileName: row.file_name,
    sha256: row.sha256,
    format: row.format,
    encoding: row.encoding,
    importedBy: row.imported_by,
    importedAt: row.imported_at,
    lineCount: row.line_count,
    added: row.added_count,
    skippedDuplicates: row.skipped_count,
    possibleDuplicates: row.possible_duplicate_count,
    warnings: JSON.parse(row.warnings) as ImportDiagnostic[],
  };
}

/** The batch of this company and side that imported these exact bytes, or undefined. */
export function findBatchBySha(db: Database, companyId: number, side: 'bank' | 'books', sha256: string): BatchRow | undefined {
  return cached(db, `SELECT ${BATCH_COLUMNS} FROM import_batches WHERE company_id = ? AND side = ? AND sha256 = ?`).get(
    companyId,
    side,
    sha256,
  ) as BatchRow | undefined;
}

/** The batch that imported these bytes for the company on a side, or on either side when `side` is null. */
export function findBatchForFile(db: Database, companyId: number, side: 'bank' | 'books' | null, sha256: string): BatchRow | undefined {
  if (side !== null) return findBatchBySha(db, companyId, side, sha256);
  return cached(db, `SELECT ${BATCH_COLUMNS} FROM import_batches WHERE company_id = ? AND sha256 = ? ORDER BY id LIMIT 1`).get(companyId, sha256) as
    | BatchRow
    | undefined;
}

/** A company's batches, newest first. */
export function listBatches(db: Database, companyId: number): BatchRow[] {
  return cached(db, `SELECT ${BATCH_COLUMNS} FROM import_batches WHERE company_id = ? ORDER BY id DESC`).all(companyId) as BatchRow[];
}

/** What a new batch row holds. */
export interface NewBatch {
  companyId: number;
  accountId: number | null;
  side: 'bank' | 'books';
  fileName: string;
  sha256: string;
  byteSize: number;
  format: string;
  encoding: string;
  /** The spreadsheet profile applied ('mapping' for an unsaved one), null for other files. */
  profile?: string | null;
  importedByUserId: number | null;
  importedBy: string;
  importedAt: string;
  lineCount: number;
  added: number;
  skipped: number;
  possibleDuplicates: number;
  warnings: ImportDiagnostic[];
}

/** Inserts a batch and returns its id. */
export function insertBatch(db: Database, b: NewBatch): number {
  const result = cached(
    db,
    `INSERT INTO import_batches (company_id, account_id, side, file_name, sha256, byte_size, format, encoding, profile,
       imported_by_user_id, imported_by, imported_at, line_count, added_count, skipped_count, possible_duplicate_count, warnings)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    b.companyId, b.accountId, b.side, b.fileName, b.sha256, b.byteSize, b.format, b.encoding, b.profile ?? null,
    b.importedByUserId, b.importedBy, b.importedAt, b.lineCount, b.added, b.skipped, b.possibleDuplicates, JSON.stringify(b.warnings),
  );
  return Number(result.lastInsertRowid);
}

/** What a new statement row holds. */
export interface NewStatement {
  accountId: number;
  batchId: number;
  statementRef: string | null;
  currency: string;
  periodFrom: string | null;
  periodTo: string | null;
  opening: { minor: number; date: string } | null;
  closing: { minor: number; date: string } | null;
  controls: { debitCount: number; debitSum: number; creditCount: number; creditSum: number } | null;
  balanceChecked: boolean | null;
  lineCount: number;
}

/** Inserts a statement and returns its id. */
export function insertStatement(db: Database, s: NewStatement): number {
  const result = cached(
    db,
    `INSERT INTO statements (account_id, batch_id, statement_ref, currency, period_from, period_to,
       opening_balance_minor, opening_date, closing_balance_minor, closing_date,
       debit_count, debit_sum_minor, credit_count, credit_sum_minor, balance_checked, line_count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    s.accountId, s.batchId, s.statementRef, s.currency, s.periodFrom, s.periodTo,
    s.opening?.minor ?? null, s.opening?.date ?? null, s.closing?.minor ?? null, s.closing?.date ?? null,
    s.controls?.debitCount ?? null, s.controls?.debitSum ?? null, s.controls?.creditCount ?? null, s.controls?.creditSum ?? null,
    s.balanceChecked === null ? null : s.balanceChecked ? 1 : 0, s.lineCount,
  );
  return Number(result.lastInsertRowid);
}

/** One bank line in insert order of its columns (see `insertLine`). */
export type LineValues = [
  accountId: number,
  batchId: number,
  statementId: number,
  bookingDate: string,
  valueDate: string | null,
  amountMinor: number,
  currency: string,
  description: string,
  counterpartyName: string | null,
  counterpartyIban: string | null,
  counterpartyTaxId: string | null,
  refs: string,
  bankId: string | null,
  fingerprint: string,
  occurrence: number,
  reversal: 0 | 1,
  provisional: 0 | 1,
  bankCode: string | null,
  sourceLine: number | null,
];

/** Inserts a bank line and returns its id. */
export function insertLine(db: Database, values: LineValues): number {
  const result = cached(
    db,
    `INSERT INTO bank_lines (account_id, batch_id, statement_id, booking_date, value_date, amount_minor, currency, description,
       counterparty_name, counterparty_iban, counterparty_tax_id, refs, bank_id, fingerprint, occurrence, reversal, provisional,
       bank_code, source_line)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(...values);
  return Number(result.lastInsertRowid);
}

/** Records a pair of lines that may be the same movement. */
export function insertPossibleDuplicate(
  db: Database,
  p: { accountId: number; batchId: number; lineId: number; otherLineId: number; reason: string },
): void {
  cached(
    db,
    'INSERT OR IGNORE INTO possible_duplicates (account_id, batch_id, line_id, other_line_id, reason) VALUES (?, ?, ?, ?, ?)',
  ).run(p.accountId, p.batchId, p.lineId, p.otherLineId, p.reason);
}

/** A line already in the database, as duplicate detection needs it. */
export interface ExistingLine {
  id: number;
  batch_id: number;
  booking_date: string;
  amount_minor: number;
  currency: string;
  description: string;
  fingerprint: string;
  occurrence: number;
  bank_id: string | null;
}

/** An account's lines booked between two dates (inclusive). */
export function linesInWindow(db: Database, accountId: number, from: string, to: string): ExistingLine[] {
  return cached(
    db,
    `SELECT id, batch_id, booking_date, amount_minor, currency, description, fingerprint, occurrence, bank_id
       FROM bank_lines WHERE account_id = ? AND booking_date BETWEEN ? AND ?`,
  ).all(accountId, from, to) as ExistingLine[];
}

/** The account's line with this bank id, or undefined. */
export function lineByBankId(db: Database, accountId: number, bankId: string): ExistingLine | undefined {
  return cached(
    db,
    `SELECT id, batch_id, booking_date, amount_minor, currency, description, fingerprint, occurrence, bank_id
       FROM bank_lines WHERE account_id = ? AND bank_id = ?`,
  ).get(accountId, bankId) as ExistingLine | undefined;
}

/** True when some line of the account carries a bank id (else no id needs looking up). */
export function accountHasBankIds(db: Database, accountId: number): boolean {
  return cached(db, 'SELECT 1 FROM bank_lines WHERE account_id = ? AND bank_id IS NOT NULL LIMIT 1').get(accountId) !== undefined;
}
