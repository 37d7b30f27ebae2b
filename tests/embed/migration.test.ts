// Migration 0060 on its own: the constraints of the cache and of the stored vectors, and the
// triggers that keep each company's vector count and generation.
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../core/support.js';
import { addCompanies, openTestDb } from './support.js';

describe('migration 0060_embeddings', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Database;
  let acme: number;
  let beta: number;

  beforeEach(() => {
    temp = makeTempDir();
    db = openTestDb(temp.path('cuadra.db'));
    [acme, beta] = addCompanies(db, 'ACME SL', 'Beta SA') as [number, number];
    db.prepare("INSERT INTO semantic_spaces (id, key, dimensions) VALUES (1, 'local|local-ngram-v1|256', 256)").run();
  });
  afterEach(() => {
    db.close();
    temp.cleanup();
  });

  const insertVector = (companyId: number, refId: number, kind = 'bank_line', bytes = 1024): void => {
    db.prepare('INSERT INTO semantic_vectors (space_id, company_id, kind, ref_id, text_hash, vector, bits) VALUES (1, ?, ?, ?, ?, ?, ?)').run(
      companyId, kind, refId, 'h', Buffer.alloc(bytes), Buffer.alloc(bytes / 32),
    );
  };
  const state = (companyId: number): unknown =>
    db.prepare('SELECT vectors, generation FROM semantic_vector_counts WHERE space_id = 1 AND company_id = ?').get(companyId);

  it('is recorded as applied', () => {
    expect(db.prepare('SELECT name FROM schema_migrations WHERE version = 60').pluck().get()).toBe('0060_embeddings.sql');
  });

  it('refuses cache rows whose vector does not match their dimensions, or whose hash is not SHA-256 hex length', () => {
    const insert = db.prepare("INSERT INTO embedding_cache VALUES ('local', 'm', ?, ?, ?, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')");
    expect(() => insert.run(4, 'a'.repeat(64), Buffer.alloc(16))).not.toThrow();
    expect(() => insert.run(4, 'b'.repeat(64), Buffer.alloc(12))).toThrow(/CHECK/);
    expect(() => insert.run(4, 'short', Buffer.alloc(16))).toThrow(/CHECK/);
    expect(() => insert.run(4, 'a'.repeat(64), Buffer.alloc(16))).toThrow(/UNIQUE|PRIMARY/);
  });

  it('refuses stored vectors of unknown companies, odd kinds, bits of the wrong length or a second row for one ref', () => {
    expect(() => insertVector(999, 1)).toThrow(/FOREIGN KEY/);
    expect(() => insertVector(acme, 1, 'Bank Line')).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO semantic_vectors (space_id, company_id, kind, ref_id, text_hash, vector, bits) VALUES (1, ?, 'bank_line', 1, 'h', ?, ?)").run(acme, Buffer.alloc(1024), Buffer.alloc(16))).toThrow(/CHECK/);
    insertVector(acme, 1);
    expect(() => insertVector(acme, 1)).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO semantic_spaces (key, dimensions) VALUES ('x', 100)").run()).toThrow(/CHECK/);
  });

  it('counts vectors per company and bumps the generation on every change', () => {
    insertVector(acme, 1);
    insertVector(acme, 2);
    insertVector(beta, 1);
    expect(state(acme)).toEqual({ vectors: 2, generation: 2 });
    expect(state(beta)).toEqual({ vectors: 1, generation: 1 });
    db.prepare("UPDATE semantic_vectors SET text_hash = 'new' WHERE company_id = ? AND ref_id = 1").run(acme);
    expect(state(acme)).toEqual({ vectors: 2, generation: 4 });
    db.prepare('UPDATE semantic_vectors SET company_id = ? WHERE company_id = ? AND ref_id = 2').run(beta, acme);
    expect(state(acme)).toMatchObject({ vectors: 1 });
    expect(state(beta)).toMatchObject({ vectors: 2 });
    db.prepare('DELETE FROM semantic_vectors WHERE company_id = ?').run(beta);
    expect(state(beta)).toEqual({ vectors: 0, generation: 4 });
  });
});
