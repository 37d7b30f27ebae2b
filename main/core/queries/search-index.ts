/**
 * Keeps the search tables (bank_line_search, ledger_item_search; migrations/0040) up to date.
 * They are derived data: the folded description (for search and the description sort) and the
 * folded other searchable text of each row. Rather than a trigger per inserted row (which more
 * than doubled the time of a large import), the rows above the side's `indexed_through` and the
 * rows marked stale are indexed in one transaction by the first query that needs the table —
 * after a monthly statement, a few milliseconds; after a million-line import, a few seconds once.
 */
import type { Database } from 'better-sqlite3';
import { cached } from '../db/repos/statement-cache.js';
import { foldText } from './fold.js';

/** Which search table: bank lines or books items. */
export type SearchSide = 'bank' | 'books';

const CHUNK = 5_000;

interface Source {
  /** The rows with id > ? in id order, CHUNK at a time. */
  newRows: string;
  /** One row by id. */
  oneRow: string;
  maxId: string;
  insert: string;
  toEntry(row: Record<string, unknown>): [number, number, string, string];
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** The string values of a line's stored references (JSON written by the import service), without repeats. */
export function referenceTexts(refsJson: unknown): string[] {
  if (typeof refsJson !== 'string' || refsJson === '{}') return [];
  let refs: unknown;
  try {
    refs = JSON.parse(refsJson);
  } catch {
    return [];
  }
  if (typeof refs !== 'object' || refs === null) return [];
  const out: string[] = [];
  for (const value of Object.values(refs)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      const text = str(item);
      if (text !== null && !out.includes(text)) out.push(text);
    }
  }
  return out;
}

const joined = (parts: ReadonlyArray<unknown>): string => {
  const texts: string[] = [];
  for (const part of parts) {
    const text = str(part);
    if (text !== null && !texts.includes(text)) texts.push(text);
  }
  return foldText(texts.join(' '));
};

const SOURCES: Record<SearchSide, Source> = {
  bank: {
    newRows: `SELECT id, account_id, description, counterparty_name, counterparty_tax_id, bank_id, refs
      FROM bank_lines WHERE id > ? ORDER BY id LIMIT ${CHUNK}`,
    oneRow: 'SELECT id, account_id, description, counterparty_name, counterparty_tax_id, bank_id, refs FROM bank_lines WHERE id = ?',
    maxId: 'SELECT coalesce(max(id), 0) AS n FROM bank_lines',
    insert: 'INSERT OR REPLACE INTO bank_line_search (account_id, line_id, sort_text, text) VALUES (?, ?, ?, ?)',
    toEntry: (r) => [
      r.account_id as number,
      r.id as number,
      foldText(String(r.description ?? '')),
      joined([r.counterparty_name, r.counterparty_tax_id, r.bank_id, ...referenceTexts(r.refs)]),
    ],
  },
  books: {
    newRows: `SELECT id, company_id, description, document_number, counterparty_name, tax_id, payment_reference, cfdi_uuid, external_id
      FROM ledger_items WHERE id > ? ORDER BY id LIMIT ${CHUNK}`,
    oneRow: `SELECT id, company_id, description, document_number, counterparty_name, tax_id, payment_reference, cfdi_uuid, external_id
      FROM ledger_items WHERE id = ?`,
    maxId: 'SELECT coalesce(max(id), 0) AS n FROM ledger_items',
    insert: 'INSERT OR REPLACE INTO ledger_item_search (company_id, item_id, sort_text, text) VALUES (?, ?, ?, ?)',
    toEntry: (r) => [
      r.company_id as number,
      r.id as number,
      foldText(String(r.description ?? '')),
      joined([r.document_number, r.counterparty_name, r.tax_id, r.payment_reference, r.cfdi_uuid, r.external_id]),
    ],
  },
};

const indexedThrough = (db: Database, side: SearchSide): number =>
  (cached(db, 'SELECT indexed_through AS n FROM search_index_state WHERE side = ?').get(side) as { n: number } | undefined)?.n ?? 0;
const hasStale = (db: Database, side: SearchSide): boolean =>
  cached(db, 'SELECT 1 FROM search_index_stale WHERE side = ? LIMIT 1').get(side) !== undefined;

/** True when a side's search table misses rows (new since the last refresh, or changed). */
export function searchIndexBehind(db: Database, side: SearchSide): boolean {
  const max = (cached(db, SOURCES[side].maxId).get() as { n: number }).n;
  return max > indexedThrough(db, side) || hasStale(db, side);
}

/** Indexes a side's new and stale rows in one transaction; returns how many rows it indexed. */
export function refreshSearchIndex(db: Database, side: SearchSide): number {
  if (db.readonly || !searchIndexBehind(db, side)) return 0;
  const source = SOURCES[side];
  const run = db.transaction((): number => {
    const insert = cached(db, source.insert);
    let done = 0;
    let through = indexedThrough(db, side);
    for (;;) {
      const rows = cached(db, source.newRows).all(through) as Array<Record<string, unknown>>;
      for (const row of rows) insert.run(...source.toEntry(row));
      done += rows.length;
      if (rows.length < CHUNK) break;
      through = rows[rows.length - 1]!.id as number;
    }
    const stale = cached(db, 'SELECT row_id AS id FROM search_index_stale WHERE side = ?').all(side) as Array<{ id: number }>;
    for (const { id } of stale) {
      const row = cached(db, source.oneRow).get(id) as Record<string, unknown> | undefined;
      if (row) insert.run(...source.toEntry(row));
    }
    cached(db, 'DELETE FROM search_index_stale WHERE side = ?').run(side);
    const max = (cached(db, source.maxId).get() as { n: number }).n;
    cached(db, 'UPDATE search_index_state SET indexed_through = ? WHERE side = ?').run(max, side);
    return done + stale.length;
  });
  return run.immediate();
}
