import { writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreError } from '../../main/core/contract/index.js';
import { CUADRA_APPLICATION_ID, openDatabase } from '../../main/core/db/open.js';
import { loadMigrations, type Migration } from '../../main/core/db/migrate.js';
import { MIGRATIONS_DIR, makeTempDir } from '../core/support.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

const migration = (version: number, name: string, sql: string): Migration => ({
  version,
  name: `${String(version).padStart(4, '0')}_${name}.sql`,
  sql,
  checksum: createHash('sha256').update(sql).digest('hex'),
});

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof CoreError ? error.code : `not a CoreError: ${String(error)}`;
  }
}

describe('opening a database', () => {
  it('applies the whole migration chain to an empty file, once', () => {
    const known = loadMigrations(MIGRATIONS_DIR);
    expect(known[0]?.name).toBe('0010_init.sql');
    const db = openDatabase(tmp.path('new.db'), { migrations: MIGRATIONS_DIR });
    const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all();
    expect(applied).toEqual(known.map((m) => ({ version: m.version, name: m.name, checksum: m.checksum })));
    expect(db.pragma('user_version', { simple: true })).toBe(known.at(-1)!.version);
    expect(db.pragma('application_id', { simple: true })).toBe(CUADRA_APPLICATION_ID);
    db.close();
    // A second open finds nothing to do and keeps the data.
    const again = openDatabase(tmp.path('new.db'), { migrations: MIGRATIONS_DIR });
    expect((again.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(known.length);
    again.close();
  });

  it('keeps the schema the migrations produce (snapshot)', () => {
    const db = openDatabase(tmp.path('schema.db'), { migrations: MIGRATIONS_DIR });
    const schema = db
      .prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name")
      .all() as Array<{ type: string; name: string; sql: string }>;
    db.close();
    expect(schema.map((row) => `-- ${row.type} ${row.name}\n${row.sql};`).join('\n\n')).toMatchSnapshot();
  });

  it('turns on WAL and foreign keys', () => {
    const db = openDatabase(tmp.path('pragmas.db'), { migrations: MIGRATIONS_DIR });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => db.prepare("INSERT INTO bank_accounts (company_id, name, currency, created_at, updated_at) VALUES (999, 'x', 'EUR', 'a', 'a')").run()).toThrow(
      /FOREIGN KEY/,
    );
    db.close();
  });

  it('refuses a database written by a newer Cuadra', () => {
    const path = tmp.path('future.db');
    const db = openDatabase(path, { migrations: MIGRATIONS_DIR });
    db.prepare("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (9990, '9990_future.sql', 'x', '2030-01-01T00:00:00Z')").run();
    db.close();
    expect(codeOf(() => openDatabase(path, { migrations: MIGRATIONS_DIR }))).toBe('db_future_version');
  });

  it('refuses a database with a schema step this app does not know', () => {
    const path = tmp.path('unknown.db');
    const base = migration(10, 'base', 'CREATE TABLE a (x INTEGER) STRICT;');
    openDatabase(path, { migrations: [base, migration(15, 'branch', 'CREATE TABLE b (x INTEGER) STRICT;')] }).close();
    const other = [base, migration(20, 'mainline', 'CREATE TABLE c (x INTEGER) STRICT;')];
    expect(codeOf(() => openDatabase(path, { migrations: other }))).toBe('db_unknown_migration');
  });

  it('refuses a database whose applied step was edited since', () => {
    const path = tmp.path('edited.db');
    openDatabase(path, { migrations: [migration(10, 'base', 'CREATE TABLE a (x INTEGER) STRICT;')] }).close();
    const edited = [migration(10, 'base', 'CREATE TABLE a (x INTEGER, y TEXT) STRICT;')];
    expect(codeOf(() => openDatabase(path, { migrations: edited }))).toBe('db_checksum_mismatch');
  });

  it('applies a new step to a database that has the earlier ones, and rolls back a failing one', () => {
    const path = tmp.path('steps.db');
    const base = migration(10, 'base', 'CREATE TABLE a (x INTEGER) STRICT;');
    openDatabase(path, { migrations: [base] }).close();
    const broken = migration(20, 'broken', 'CREATE TABLE b (x INTEGER) STRICT; INSERT INTO nowhere VALUES (1);');
    expect(() => openDatabase(path, { migrations: [base, broken] })).toThrow(/nowhere/);
    const good = migration(20, 'good', 'CREATE TABLE b (x INTEGER) STRICT;');
    const db = openDatabase(path, { migrations: [base, good] });
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual([10, 20]);
    db.close();
  });

  it('refuses a file that is not SQLite', () => {
    const path = tmp.path('notes.db');
    writeFileSync(path, 'These are my notes, not a database.\n'.repeat(200));
    expect(codeOf(() => openDatabase(path, { migrations: MIGRATIONS_DIR }))).toBe('db_not_cuadra');
  });

  it("refuses another application's SQLite file and leaves it untouched", () => {
    const path = tmp.path('other.sqlite');
    const foreign = new BetterSqlite3(path);
    foreign.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Lola');");
    foreign.close();
    expect(codeOf(() => openDatabase(path, { migrations: MIGRATIONS_DIR }))).toBe('db_not_cuadra');
    const check = new BetterSqlite3(path, { readonly: true });
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(['contacts']);
    check.close();
  });
});

describe('0010_init', () => {
  it('seeds the three roles and keeps the audit log append-only', () => {
    const db = openDatabase(tmp.path('init.db'), { migrations: MIGRATIONS_DIR });
    expect(db.prepare('SELECT name FROM roles ORDER BY name').pluck().all()).toEqual(['admin', 'preparer', 'reviewer']);
    db.prepare(
      "INSERT INTO audit_log (at, action, entity, details, prev_hash, hash) VALUES ('2025-01-01T00:00:00.000Z', 'x', 'y', '{}', ?, ?)",
    ).run('0'.repeat(64), 'f'.repeat(64));
    expect(() => db.prepare("UPDATE audit_log SET action = 'z'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() =>
      db.prepare("INSERT INTO audit_log (at, action, entity, details, prev_hash, hash) VALUES ('t', 'x', 'y', 'not json', 'p', 'h')").run(),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('refuses a bank account with an ISO currency of the wrong length and duplicate IBANs within a company', () => {
    const db = openDatabase(tmp.path('accounts.db'), { migrations: MIGRATIONS_DIR });
    db.prepare("INSERT INTO companies (id, name, created_at, updated_at) VALUES (1, 'Acme', 't', 't')").run();
    const insert = db.prepare(
      "INSERT INTO bank_accounts (company_id, name, iban, currency, created_at, updated_at) VALUES (1, ?, ?, ?, 't', 't')",
    );
    expect(() => insert.run('A', null, 'EURO')).toThrow(/CHECK/);
    insert.run('A', 'ES9121000418450200051332', 'EUR');
    expect(() => insert.run('B', 'ES9121000418450200051332', 'EUR')).toThrow(/UNIQUE/);
    db.close();
  });
});
