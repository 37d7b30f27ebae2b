// Migration 0020 (bank statements): applies on top of a database with data, and its
// constraints hold the invariants the import service relies on.
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/core/db/open.js';
import { loadMigrations } from '../../main/core/db/migrate.js';
import { MIGRATIONS_DIR, makeTempDir } from '../core/support.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

const NOW = '2025-03-03T09:00:00.000Z';

function seed(db: Database): { batch: number; statement: number } {
  db.prepare("INSERT INTO companies (id, name, created_at, updated_at) VALUES (1, 'Acme SL', ?, ?)").run(NOW, NOW);
  db.prepare("INSERT INTO bank_accounts (id, company_id, name, iban, currency, created_at, updated_at) VALUES (1, 1, 'Main', 'ES9121000418450200051332', 'EUR', ?, ?)").run(NOW, NOW);
  const batch = db
    .prepare(
      `INSERT INTO import_batches (company_id, account_id, side, file_name, sha256, byte_size, format, encoding, imported_by, imported_at,
         line_count, added_count, skipped_count, possible_duplicate_count) VALUES (1, 1, 'bank', 'a.n43', ?, 10, 'norma43', 'utf-8', 'cli', ?, 2, 2, 0, 0)`,
    )
    .run('a'.repeat(64), NOW).lastInsertRowid as number;
  const statement = db
    .prepare("INSERT INTO statements (account_id, batch_id, currency, line_count) VALUES (1, ?, 'EUR', 2)")
    .run(batch).lastInsertRowid as number;
  return { batch, statement };
}

function line(db: Database, ids: { batch: number; statement: number }, bankId: string | null, fingerprint: string, occurrence: number): number {
  return db
    .prepare(
      `INSERT INTO bank_lines (account_id, batch_id, statement_id, booking_date, amount_minor, currency, description, bank_id, fingerprint, occurrence)
       VALUES (1, ?, ?, '2025-01-02', -450, 'EUR', 'CAFE', ?, ?, ?)`,
    )
    .run(ids.batch, ids.statement, bankId, fingerprint, occurrence).lastInsertRowid as number;
}

describe('migration 0020_bank_statements', () => {
  it('applies on top of 0010 with data in it', () => {
    const all = loadMigrations(MIGRATIONS_DIR);
    const m20 = all.findIndex((m) => m.name === '0020_bank_statements.sql');
    expect(m20).toBeGreaterThan(0);
    const path = tmp.path('old.db');
    const old = openDatabase(path, { migrations: all.slice(0, m20) });
    old.prepare("INSERT INTO companies (name, created_at, updated_at) VALUES ('Vieja SL', ?, ?)").run(NOW, NOW);
    old.close();
    const db = openDatabase(path, { migrations: all });
    expect(db.prepare('SELECT name FROM companies').all()).toEqual([{ name: 'Vieja SL' }]);
    expect(db.prepare('SELECT count(*) AS n FROM bank_lines').get()).toEqual({ n: 0 });
    db.close();
  });

  it('keeps bank ids unique per account and fingerprint occurrences unique', () => {
    const db = openDatabase(tmp.path('c.db'), { migrations: MIGRATIONS_DIR });
    const ids = seed(db);
    const fp = 'f'.repeat(32);
    line(db, ids, null, fp, 0);
    line(db, ids, null, fp, 1); // two identical coffees on one day: two occurrences
    expect(() => line(db, ids, null, fp, 1)).toThrow(/UNIQUE/);
    line(db, ids, 'REF-1', 'e'.repeat(32), 0);
    expect(() => line(db, ids, 'REF-1', 'd'.repeat(32), 0)).toThrow(/UNIQUE/);
    line(db, ids, null, 'c'.repeat(32), 0);
    line(db, ids, null, 'b'.repeat(32), 0); // many lines without a bank id
    expect(() => line(db, ids, null, 'short', 0)).toThrow(/CHECK/);
    db.close();
  });

  it('keeps one batch per file, company and side, with counts that add up', () => {
    const db = openDatabase(tmp.path('b.db'), { migrations: MIGRATIONS_DIR });
    seed(db);
    const insert = (sha: string, side: string, added: number): unknown =>
      db
        .prepare(
          `INSERT INTO import_batches (company_id, side, file_name, sha256, byte_size, format, encoding, imported_by, imported_at,
             line_count, added_count, skipped_count, possible_duplicate_count) VALUES (1, ?, 'f', ?, 1, 'x', 'utf-8', 'cli', ?, 2, ?, 0, 0)`,
        )
        .run(side, sha, NOW, added);
    expect(() => insert('a'.repeat(64), 'bank', 2)).toThrow(/UNIQUE/);
    insert('a'.repeat(64), 'books', 2);
    expect(() => insert('b'.repeat(64), 'bank', 1)).toThrow(/CHECK/);
    expect(() => insert('c'.repeat(64), 'ledger', 2)).toThrow(/CHECK/);
    db.close();
  });

  it('records possible duplicates as open until someone decides', () => {
    const db = openDatabase(tmp.path('p.db'), { migrations: MIGRATIONS_DIR });
    const ids = seed(db);
    const a = line(db, ids, null, 'a'.repeat(32), 0);
    const b = line(db, ids, null, 'b'.repeat(32), 0);
    const add = (x: number, y: number): unknown =>
      db.prepare("INSERT INTO possible_duplicates (account_id, batch_id, line_id, other_line_id, reason) VALUES (1, ?, ?, ?, 'same_date_amount')").run(ids.batch, x, y);
    add(b, a);
    expect(() => add(a, a)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE possible_duplicates SET status = 'distinct'").run()).toThrow(/CHECK/);
    db.prepare("UPDATE possible_duplicates SET status = 'distinct', decided_by = 'ana', decided_at = ?").run(NOW);
    expect(() => add(b, 999)).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
