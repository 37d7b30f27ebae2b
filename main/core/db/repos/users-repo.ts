import type { Database } from 'better-sqlite3';
import type { Role, User } from '../../contract/index.js';
import { cached } from './statement-cache.js';

/** A `users` row as stored (the password hash never leaves the core). */
export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  active: 0 | 1;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'id, username, display_name, role, password_hash, active, failed_logins, locked_until, created_at, updated_at';

/** Maps a row to the contract's user; a lock that has already passed shows as none. */
export function toUser(row: UserRow, now: Date): User {
  const locked = row.locked_until !== null && Date.parse(row.locked_until) > now.getTime();
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    active: row.active === 1,
    lockedUntil: locked ? row.locked_until : null,
    createdAt: row.created_at,
  };
}

/** Inserts a user and returns its id. */
export function insertUser(
  db: Database,
  user: { username: string; displayName: string; role: Role; passwordHash: string; now: string },
): number {
  const result = cached(
    db,
    `INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(user.username, user.displayName, user.role, user.passwordHash, user.now, user.now);
  return Number(result.lastInsertRowid);
}

/** The user with this id, or undefined. */
export function findUserById(db: Database, id: number): UserRow | undefined {
  return cached(db, `SELECT ${COLUMNS} FROM users WHERE id = ?`).get(id) as UserRow | undefined;
}

/** The user with this username (case-insensitive), or undefined. */
export function findUserByUsername(db: Database, username: string): UserRow | undefined {
  return cached(db, `SELECT ${COLUMNS} FROM users WHERE username = ?`).get(username) as UserRow | undefined;
}

/** Every user, by username. */
export function listUsers(db: Database): UserRow[] {
  return cached(db, `SELECT ${COLUMNS} FROM users ORDER BY username`).all() as UserRow[];
}

/** How many users exist (0 means first-run setup is still to do). */
export function countUsers(db: Database): number {
  return (cached(db, 'SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

/** Stores the failed-login counter and the lock of a user. */
export function setLoginState(db: Database, id: number, failedLogins: number, lockedUntil: string | null, now: string): void {
  cached(db, 'UPDATE users SET failed_logins = ?, locked_until = ?, updated_at = ? WHERE id = ?').run(
    failedLogins,
    lockedUntil,
    now,
    id,
  );
}

/** Replaces the password hash of a user (e.g. rehashed at a higher cost). */
export function setPasswordHash(db: Database, id: number, passwordHash: string, now: string): void {
  cached(db, 'UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?').run(passwordHash, now, id);
}
