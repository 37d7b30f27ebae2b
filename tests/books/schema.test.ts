// Migration 0030 (books): applies on top of a database with bank data, and its constraints hold
// the invariants the books import relies on.
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

function seed(db: Database): number {
  db.prepare("INSERT INTO companies (id, name, created_at, updated_at) VALUES (1, 'Acme SL', ?, ?), (2, 'Beta SL', ?, ?)").run(NOW, NOW, NOW, NOW);
  db.prepare("INSERT INTO bank_accounts (id, company_id, name, iban, currency, created_at, updated_at) VALUES (1, 1, 'Main', 'ES9121000418450200051332', 'EUR', ?, ?)").run(NOW, NOW);
  return db
    .prepare(
      `INSERT INTO import_batches (company_id, account_id, side, file_name, sha256, byte_size, format, encoding, imported_by, imported_at,
         line_count, added_count, skipped_count, possible_duplicate_count) VALUES (1, NULL, 'books', 'b.csv', ?, 10, 'csv', 'utf-8', 'cli', ?, 1, 1, 0, 0)`,
    )
    .run('b'.repeat(64), NOW).lastInsertRowid as number;
}

function item(db: Database, batch: number, o: { company?: number; account?: number | null; kind?: string; key: string }): void {
  db.prepare(
    `INSERT INTO ledger_items (company_id, account_id, batch_id, kind, date, amount_minor, open_amount_minor, currency, description, identity_key, created_at, updated_at)
     VALUES (?, ?, ?, ?, '2025-03-01', 12100, 12100, 'EUR', 'Factura', ?, ?, ?)`,
  ).run(o.company ?? 1, o.account ?? null, batch, o.kind ?? 'invoice', o.key, NOW, NOW);
}

describe('migration 0030_books', () => {
  it('applies on top of 0020 with data in it', () => {
    const all = loadMigrations(MIGRATIONS_DIR);
    const m30 = all.findIndex((m) => m.name === '0030_books.sql');
    expect(m30).toBeGreaterThan(0);
    const path = tmp.path('old.db');
    const old = openDatabase(path, { migrations: all.slice(0, m30) });
    seed(old);
    old.close();
    const db = openDatabase(path, { migrations: all });
    expect(db.prepare('SELECT count(*) AS n FROM import_batches').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM ledger_items').get()).toEqual({ n: 0 });
    db.close();
  });

  it('keeps identities unique per company and ledger entries tied to a bank account', () => {
    const db = openDatabase(tmp.path('c.db'), { migrations: MIGRATIONS_DIR });
    const batch = seed(db);
    item(db, batch, { key: 'id:I1' });
    expect(() => item(db, batch, { key: 'id:I1' })).toThrow(/UNIQUE/);
    item(db, batch, { company: 2, key: 'id:I1' });
    expect(() => item(db, batch, { kind: 'ledger_entry', key: 'id:L1' })).toThrow(/CHECK/);
    expect(() => item(db, batch, { account: 1, key: 'id:I2' })).toThrow(/CHECK/);
    item(db, batch, { kind: 'ledger_entry', account: 1, key: 'acct:1/id:L1' });
    expect(() => item(db, batch, { kind: 'receipt', key: 'id:X' })).toThrow(/CHECK/);
    db.close();
  });

  it('keeps profile names unique per scope, without case, firm-wide included', () => {
    const db = openDatabase(tmp.path('p.db'), { migrations: MIGRATIONS_DIR });
    seed(db);
    const add = (company: number | null, name: string): void => {
      db.prepare("INSERT INTO tabular_profiles (company_id, name, side, profile, header_signature, created_at, updated_at) VALUES (?, ?, 'bank', '{}', 'a|b', ?, ?)").run(company, name, NOW, NOW);
    };
    add(null, 'BBVA');
    expect(() => add(null, 'bbva')).toThrow(/UNIQUE/);
    add(1, 'BBVA');
    expect(() => add(1, 'Bbva')).toThrow(/UNIQUE/);
    add(2, 'BBVA');
    expect(() => db.prepare("INSERT INTO tabular_profiles (name, side, profile, header_signature, created_at, updated_at) VALUES ('x', 'bank', 'nope', '', ?, ?)").run(NOW, NOW)).toThrow(/CHECK/);
    db.close();
  });
});
