import type { Database, Statement } from 'better-sqlite3';

// Prepared statements live as long as their connection: keyed weakly by the connection,
// so a closed and dropped database takes its statements with it.
const caches = new WeakMap<Database, Map<string, Statement<unknown[], unknown>>>();

/** The prepared statement for `sql` on this connection, prepared once and then reused. */
export function cached(db: Database, sql: string): Statement<unknown[], unknown> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/** True when a SQLite error is a UNIQUE (or primary key) constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
