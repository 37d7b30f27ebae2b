import type { Database } from 'better-sqlite3';
import type { AuditEntry } from '../../contract/index.js';
import { cached } from './statement-cache.js';

/** An `audit_log` row as stored; `details` is canonical JSON text. */
export interface AuditRow {
  id: number;
  at: string;
  user_id: number | null;
  username: string | null;
  company_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

const COLUMNS = 'id, at, user_id, username, company_id, action, entity, entity_id, details, prev_hash, hash';

/** Maps a row to the contract's audit entry. */
export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    userId: row.user_id,
    username: row.username,
    companyId: row.company_id,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}

/** The id and hash of the newest entry, or undefined for an empty log. */
export function lastAuditLink(db: Database): { id: number; hash: string } | undefined {
  return cached(db, 'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
}

/** Appends one fully computed row (the chain is computed by the audit module). */
export function insertAuditRow(db: Database, row: AuditRow): void {
  cached(db, `INSERT INTO audit_log (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    row.id,
    row.at,
    row.user_id,
    row.username,
    row.company_id,
    row.action,
    row.entity,
    row.entity_id,
    row.details,
    row.prev_hash,
    row.hash,
  );
}

/** A page of entries, newest first, optionally of one company and older than `beforeId`. */
export function listAuditRows(
  db: Database,
  query: { companyId: number | null; beforeId: number | null; limit: number },
): AuditRow[] {
  return cached(
    db,
    `SELECT ${COLUMNS} FROM audit_log
      WHERE (@companyId IS NULL OR company_id = @companyId) AND (@beforeId IS NULL OR id < @beforeId)
      ORDER BY id DESC LIMIT @limit`,
  ).all(query) as AuditRow[];
}

/** Every entry in chain order, streamed. */
export function iterateAuditRows(db: Database): IterableIterator<AuditRow> {
  return db.prepare(`SELECT ${COLUMNS} FROM audit_log ORDER BY id`).iterate() as IterableIterator<AuditRow>;
}
