/**
 * The explainer's cache in SQLite (`explanation_cache`, migration 0070): one answer per question
 * (server, model, prompt version and the match's facts, hashed into the key), so the same
 * question costs one request, across restarts.
 */
import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock.js';
import { cached } from '../db/repos/statement-cache.js';
import type { ExplanationCache } from './explain.js';

/** An `ExplanationCache` over the database; `model` is recorded with each answer. */
export function createDatabaseExplanationCache(db: Database, clock: Clock, model: string): ExplanationCache {
  return {
    get(key) {
      const row = cached(db, 'SELECT answer FROM explanation_cache WHERE key = ?').get(key) as { answer: string } | undefined;
      return row?.answer ?? null;
    },
    set(key, value) {
      cached(db, `INSERT INTO explanation_cache (key, model, answer, created_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (key) DO UPDATE SET model = excluded.model, answer = excluded.answer, created_at = excluded.created_at`)
        .run(key, model, value, clock().toISOString());
    },
  };
}
