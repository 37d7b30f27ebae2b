import type { Database } from 'better-sqlite3';

/**
 * Runs `fn` in a write transaction taken up front (BEGIN IMMEDIATE), so a read-then-write
 * cannot fail half-way on a lock another process (the CLI) took meanwhile. Nested calls
 * become savepoints of the outer transaction.
 */
export function writeTransaction<T>(db: Database, fn: () => T): T {
  const run = db.transaction(fn);
  return db.inTransaction ? run() : run.immediate();
}
