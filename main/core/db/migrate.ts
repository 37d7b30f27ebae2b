import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { CoreError } from '../contract/index.js';

/** One numbered SQL file of `migrations/`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads the migration files of a folder, in version order; a stray .sql name is an error. */
export function loadMigrations(dir: string): Migration[] {
  const list: Migration[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.sql')) continue;
    const m = FILE_PATTERN.exec(file);
    if (!m) throw new Error(`Migration file ${file} is not named NNNN_name.sql`);
    const sql = readFileSync(join(dir, file), 'utf8');
    list.push({
      version: Number(m[1]),
      name: file,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    });
  }
  for (let i = 1; i < list.length; i++) {
    if (list[i]!.version <= list[i - 1]!.version) throw new Error(`Migration ${list[i]!.name} repeats a version`);
  }
  return list;
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/** The versions already applied to a database (empty for a new one). */
export function appliedMigrations(db: Database): AppliedRow[] {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!exists) return [];
  return db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as AppliedRow[];
}

/**
 * Brings a database up to the known migrations in one transaction.
 * Refuses a database whose applied list is not a prefix of the known list: newer than
 * the app (db_future_version), an unknown step (db_unknown_migration), or an edited
 * file (db_checksum_mismatch). Returns the versions it applied.
 */
export function migrate(db: Database, migrations: Migration[]): number[] {
  const applied = appliedMigrations(db);
  const latestKnown = migrations.at(-1)?.version ?? 0;
  applied.forEach((row, i) => {
    const known = migrations[i];
    if (row.version > latestKnown) {
      throw new CoreError(
        'db_future_version',
        `This database was written by a newer version of Cuadra (schema ${row.version}, this app knows up to ${latestKnown}). Update Cuadra to open it.`,
      );
    }
    if (!known || known.version !== row.version) {
      throw new CoreError('db_unknown_migration', `This database has a schema step (${row.name}) that this version of Cuadra does not know.`);
    }
    if (known.checksum !== row.checksum) {
      throw new CoreError('db_checksum_mismatch', `The schema step ${row.name} differs from the one applied to this database.`);
    }
  });
  const pending = migrations.slice(applied.length);
  if (pending.length === 0) return [];
  const run = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
    for (const m of pending) {
      db.exec(m.sql);
      record.run(m.version, m.name, m.checksum, new Date().toISOString());
    }
    db.pragma(`user_version = ${pending.at(-1)!.version}`);
  });
  run.immediate();
  return pending.map((m) => m.version);
}
