import type { Database } from 'better-sqlite3';
import type { Role } from '../../contract/index.js';
import { cached } from './statement-cache.js';

/** A session joined with the user it belongs to. */
export interface SessionRow {
  id: number;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  username: string;
  role: Role;
  active: 0 | 1;
}

/** Stores a new session (only the token's hash) and returns its id. */
export function insertSession(
  db: Database,
  session: { tokenHash: string; userId: number; now: string; expiresAt: string },
): number {
  const result = cached(
    db,
    'INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)',
  ).run(session.tokenHash, session.userId, session.now, session.now, session.expiresAt);
  return Number(result.lastInsertRowid);
}

/** The session whose token has this hash, with its user, or undefined. */
export function findSessionByTokenHash(db: Database, tokenHash: string): SessionRow | undefined {
  return cached(
    db,
    `SELECT s.id, s.user_id, s.created_at, s.last_seen_at, s.expires_at, u.username, u.role, u.active
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = ?`,
  ).get(tokenHash) as SessionRow | undefined;
}

/** Records activity on a session (its idle expiry slides from here). */
export function touchSession(db: Database, id: number, now: string): void {
  cached(db, 'UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(now, id);
}

/** Deletes one session; returns whether it existed. */
export function deleteSession(db: Database, id: number): boolean {
  return cached(db, 'DELETE FROM sessions WHERE id = ?').run(id).changes > 0;
}

/** Deletes every session of a user; returns how many there were. */
export function deleteUserSessions(db: Database, userId: number): number {
  return cached(db, 'DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
}

/** Deletes sessions that ended before `cutoff` (either expiry); returns how many. */
export function deleteSessionsEndedBefore(db: Database, cutoff: string, idleCutoff: string): number {
  return cached(db, 'DELETE FROM sessions WHERE expires_at < ? OR last_seen_at < ?').run(cutoff, idleCutoff).changes;
}
