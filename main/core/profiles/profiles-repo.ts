/**
 * SQL of saved spreadsheet profiles (`tabular_profiles`). Plain functions over the core's
 * connection; statements prepared once per connection.
 */
import type { Database } from 'better-sqlite3';
import { tabularProfileSchema, type SavedProfile } from '../contract/index.js';
import { cached } from '../db/repos/statement-cache.js';

/** A `tabular_profiles` row as stored. */
export interface ProfileRow {
  id: number;
  company_id: number | null;
  name: string;
  side: 'bank' | 'books';
  profile: string;
  header_signature: string;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'id, company_id, name, side, profile, header_signature, created_at, updated_at';

/** Maps a row to the contract's saved profile (the stored JSON is re-validated: it crosses the IPC boundary). */
export function toSavedProfile(row: ProfileRow): SavedProfile {
  const profile = tabularProfileSchema.parse(JSON.parse(row.profile));
  return { ...profile, name: row.name, side: row.side, id: row.id, companyId: row.company_id, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** Firm-wide profiles and, when `companyId` is given, the company's own; by name. */
export function listProfileRows(db: Database, companyId: number | null): ProfileRow[] {
  return cached(
    db,
    `SELECT ${COLUMNS} FROM tabular_profiles WHERE company_id IS NULL OR company_id = ? ORDER BY lower(name), company_id IS NOT NULL, id`,
  ).all(companyId ?? 0) as ProfileRow[];
}

/** The profile with this id, or undefined. */
export function findProfileRow(db: Database, id: number): ProfileRow | undefined {
  return cached(db, `SELECT ${COLUMNS} FROM tabular_profiles WHERE id = ?`).get(id) as ProfileRow | undefined;
}

/** The profile of this name in a scope (a company, or firm-wide for null), compared without case. */
export function findProfileRowByName(db: Database, companyId: number | null, name: string): ProfileRow | undefined {
  return cached(db, `SELECT ${COLUMNS} FROM tabular_profiles WHERE ifnull(company_id, 0) = ? AND lower(name) = lower(?)`).get(
    companyId ?? 0,
    name,
  ) as ProfileRow | undefined;
}

/** Profiles whose header signature is this one: the company's first, then firm-wide ones; newest first. */
export function profileRowsBySignature(db: Database, companyId: number, signature: string): ProfileRow[] {
  return cached(
    db,
    `SELECT ${COLUMNS} FROM tabular_profiles
      WHERE header_signature = ? AND (company_id IS NULL OR company_id = ?)
      ORDER BY company_id IS NULL, updated_at DESC, id DESC`,
  ).all(signature, companyId) as ProfileRow[];
}

/** What a profile row holds. */
export interface NewProfile {
  companyId: number | null;
  name: string;
  side: 'bank' | 'books';
  json: string;
  signature: string;
  now: string;
}

/** Inserts a profile and returns its id. */
export function insertProfileRow(db: Database, p: NewProfile): number {
  const result = cached(
    db,
    `INSERT INTO tabular_profiles (company_id, name, side, profile, header_signature, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(p.companyId, p.name, p.side, p.json, p.signature, p.now, p.now);
  return Number(result.lastInsertRowid);
}

/** Replaces the content of a profile (same id, name as now given). */
export function updateProfileRow(db: Database, id: number, p: NewProfile): void {
  cached(db, 'UPDATE tabular_profiles SET name = ?, side = ?, profile = ?, header_signature = ?, updated_at = ? WHERE id = ?').run(
    p.name, p.side, p.json, p.signature, p.now, id,
  );
}

/** Deletes a profile. */
export function deleteProfileRow(db: Database, id: number): void {
  cached(db, 'DELETE FROM tabular_profiles WHERE id = ?').run(id);
}
