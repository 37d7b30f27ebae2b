import type { Database } from 'better-sqlite3';
import { cached } from './statement-cache.js';

/** Reads one JSON setting, or undefined when it was never set. */
export function getSetting<T>(db: Database, key: string): T | undefined {
  const row = cached(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : undefined;
}

/** Writes one JSON setting. */
export function setSetting(db: Database, key: string, value: unknown): void {
  cached(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value),
  );
}
