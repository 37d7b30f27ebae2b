import type { Database } from 'better-sqlite3';
import type { BankAccount } from '../../contract/index.js';
import { cached } from './statement-cache.js';

/** A `bank_accounts` row as stored. */
export interface AccountRow {
  id: number;
  company_id: number;
  name: string;
  iban: string | null;
  number: string | null;
  currency: string;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'id, company_id, name, iban, number, currency, archived_at, created_at, updated_at';

/** Maps a row to the contract's bank account. */
export function toAccount(row: AccountRow): BankAccount {
  return {
    id: row.id,
    companyId: row.company_id,
    name: row.name,
    iban: row.iban,
    number: row.number,
    currency: row.currency,
    archived: row.archived_at !== null,
    createdAt: row.created_at,
  };
}

/** Inserts a bank account and returns its id. */
export function insertAccount(
  db: Database,
  account: { companyId: number; name: string; iban: string | null; number: string | null; currency: string; now: string },
): number {
  const result = cached(
    db,
    'INSERT INTO bank_accounts (company_id, name, iban, number, currency, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(account.companyId, account.name, account.iban, account.number, account.currency, account.now, account.now);
  return Number(result.lastInsertRowid);
}

/** The account with this id, or undefined. */
export function findAccountById(db: Database, id: number): AccountRow | undefined {
  return cached(db, `SELECT ${COLUMNS} FROM bank_accounts WHERE id = ?`).get(id) as AccountRow | undefined;
}

/** The company's account with this IBAN (electronic form), or undefined. */
export function findAccountByIban(db: Database, companyId: number, iban: string): AccountRow | undefined {
  return cached(db, `SELECT ${COLUMNS} FROM bank_accounts WHERE company_id = ? AND iban = ?`).get(companyId, iban) as
    | AccountRow
    | undefined;
}

/** The company's account with this account number, or undefined. */
export function findAccountByNumber(db: Database, companyId: number, number: string): AccountRow | undefined {
  return cached(db, `SELECT ${COLUMNS} FROM bank_accounts WHERE company_id = ? AND number = ?`).get(companyId, number) as
    | AccountRow
    | undefined;
}

/** The company's account with this name (case-insensitive), or undefined. */
export function findAccountByName(db: Database, companyId: number, name: string): AccountRow | undefined {
  return cached(db, `SELECT ${COLUMNS} FROM bank_accounts WHERE company_id = ? AND name = ? COLLATE NOCASE`).get(
    companyId,
    name,
  ) as AccountRow | undefined;
}

/** A company's accounts by name; archived ones only when asked. */
export function listAccounts(db: Database, companyId: number, includeArchived: boolean): AccountRow[] {
  return cached(
    db,
    `SELECT ${COLUMNS} FROM bank_accounts WHERE company_id = ? AND (? OR archived_at IS NULL) ORDER BY name COLLATE NOCASE, id`,
  ).all(companyId, includeArchived ? 1 : 0) as AccountRow[];
}

/** Renames an account. */
export function renameAccount(db: Database, id: number, name: string, now: string): void {
  cached(db, 'UPDATE bank_accounts SET name = ?, updated_at = ? WHERE id = ?').run(name, now, id);
}

/** Archives (archivedAt set) or restores (null) an account. */
export function setAccountArchived(db: Database, id: number, archivedAt: string | null, now: string): void {
  cached(db, 'UPDATE bank_accounts SET archived_at = ?, updated_at = ? WHERE id = ?').run(archivedAt, now, id);
}
