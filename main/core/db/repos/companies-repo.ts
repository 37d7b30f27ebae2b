import type { Database } from 'better-sqlite3';
import type { Company } from '../../contract/index.js';
import { cached } from './statement-cache.js';

/** A `companies` row as stored. */
export interface CompanyRow {
  id: number;
  name: string;
  tax_id: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'id, name, tax_id, archived_at, created_at, updated_at';

/** Maps a row to the contract's company. */
export function toCompany(row: CompanyRow): Company {
  return {
    id: row.id,
    name: row.name,
    taxId: row.tax_id,
    archived: row.archived_at !== null,
    createdAt: row.created_at,
  };
}

/** Inserts a company and returns its id. */
export function insertCompany(db: Database, company: { name: string; taxId: string | null; now: string }): number {
  const result = cached(db, 'INSERT INTO companies (name, tax_id, created_at, updated_at) VALUES (?, ?, ?, ?)').run(
    company.name,
    company.taxId,
    company.now,
    company.now,
  );
  return Number(result.lastInsertRowid);
}

/** The company with this id, or undefined. */
export function findCompanyById(db: Database, id: number): CompanyRow | undefined {
  return cached(db, `SELECT ${COLUMNS} FROM companies WHERE id = ?`).get(id) as CompanyRow | undefined;
}

/** The company with this name (case-insensitive, archived ones included), or undefined. */
export function findCompanyByName(db: Database, name: string): CompanyRow | undefined {
  return cached(db, `SELECT ${COLUMNS} FROM companies WHERE name = ? COLLATE NOCASE`).get(name) as CompanyRow | undefined;
}

/** Companies by name; archived ones only when asked. */
export function listCompanies(db: Database, includeArchived: boolean): CompanyRow[] {
  return cached(
    db,
    `SELECT ${COLUMNS} FROM companies WHERE ? OR archived_at IS NULL ORDER BY name COLLATE NOCASE, id`,
  ).all(includeArchived ? 1 : 0) as CompanyRow[];
}

/** Renames a company. */
export function renameCompany(db: Database, id: number, name: string, now: string): void {
  cached(db, 'UPDATE companies SET name = ?, updated_at = ? WHERE id = ?').run(name, now, id);
}

/** Archives (archivedAt set) or restores (null) a company. */
export function setCompanyArchived(db: Database, id: number, archivedAt: string | null, now: string): void {
  cached(db, 'UPDATE companies SET archived_at = ?, updated_at = ? WHERE id = ?').run(archivedAt, now, id);
}
