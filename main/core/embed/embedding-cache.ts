/**
 * The embedding cache: vectors already computed, in SQLite (`embedding_cache`, migration 0060),
 * keyed by (provider, model, dimensions, text hash). `getOrEmbed` looks every text up in a few
 * batched queries and calls the embedder only for the texts it has never seen, so a remote
 * embedder is paid once per distinct text, across runs and restarts. Entries not used for
 * `expiryDays`, and the least recently used beyond `maxEntries`, go at `prune`.
 */
import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock.js';
import { blobToVector, normaliseForEmbedding, textHash, vectorToBlob, type Embedder } from './embedder.js';

/** Options of `createEmbeddingCache`. */
export interface EmbeddingCacheOptions {
  /** Entries unused for this many days are pruned (default 180). */
  expiryDays?: number;
  /** Size cap applied by `prune`: the least recently used go first (default 500,000). */
  maxEntries?: number;
  /** Texts per embedder call (default 256). */
  batchSize?: number;
  /** A hit rewrites last_used_at only when it is older than this (default 1 hour): fewer writes. */
  touchIntervalMs?: number;
}

/** Counters of one embedder (provider, model, dimensions). */
export interface EmbedderCacheStats {
  provider: string;
  model: string;
  dimensions: number;
  entries: number;
  /** Distinct texts of `getOrEmbed` calls found in the cache. */
  hits: number;
  /** Distinct texts the embedder had to compute. */
  misses: number;
}

/** The cache's contents and counters. */
export interface EmbeddingCacheStats {
  entries: number;
  hits: number;
  misses: number;
  byEmbedder: EmbedderCacheStats[];
}

/** What `prune` removed. */
export interface PruneResult {
  expired: number;
  evicted: number;
}

/** The cache over one database connection. */
export interface EmbeddingCache {
  /** One vector per text, in order: cached ones read, the rest embedded (in batches) and stored. */
  getOrEmbed(embedder: Embedder, texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>;
  stats(): EmbeddingCacheStats;
  /** Empties the cache and its counters; returns the entries removed. */
  clear(): number;
  /** Removes expired entries, then the least recently used beyond the size cap. */
  prune(): PruneResult;
}

const DAY_MS = 86_400_000;
/** Hashes per lookup query (one JSON array parameter). */
const LOOKUP_CHUNK = 500;

interface Wanted {
  normalised: string;
  positions: number[];
}

/** Creates the cache (see the file comment). The clock stamps created_at / last_used_at and decides expiry. */
export function createEmbeddingCache(db: Database, clock: Clock, options: EmbeddingCacheOptions = {}): EmbeddingCache {
  const expiryDays = options.expiryDays ?? 180;
  const maxEntries = options.maxEntries ?? 500_000;
  const batchSize = options.batchSize ?? 256;
  const touchIntervalMs = options.touchIntervalMs ?? 3_600_000;
  if (!(expiryDays > 0)) throw new RangeError('expiryDays must be positive');
  if (!Number.isInteger(maxEntries) || maxEntries < 0) throw new RangeError('maxEntries must be a whole number');
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');

  const lookup = db.prepare(`SELECT text_hash AS hash, vector FROM embedding_cache
    WHERE provider = ? AND model = ? AND dimensions = ? AND text_hash IN (SELECT value FROM json_each(?))`);
  const touch = db.prepare(`UPDATE embedding_cache SET last_used_at = ?
    WHERE provider = ? AND model = ? AND dimensions = ? AND text_hash IN (SELECT value FROM json_each(?)) AND last_used_at < ?`);
  const store = db.prepare(`INSERT INTO embedding_cache (provider, model, dimensions, text_hash, vector, created_at, last_used_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (provider, model, dimensions, text_hash) DO UPDATE SET vector = excluded.vector, last_used_at = excluded.last_used_at`);
  const count = db.prepare(`INSERT INTO embedding_cache_stats (provider, model, dimensions, hits, misses) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (provider, model, dimensions) DO UPDATE SET hits = hits + excluded.hits, misses = misses + excluded.misses`);
  const entriesBy = db.prepare('SELECT provider, model, dimensions, count(*) AS entries FROM embedding_cache GROUP BY provider, model, dimensions');
  const countersBy = db.prepare('SELECT provider, model, dimensions, hits, misses FROM embedding_cache_stats');
  const expire = db.prepare('DELETE FROM embedding_cache WHERE last_used_at < ?');
  const total = db.prepare('SELECT count(*) FROM embedding_cache').pluck();
  const evict = db.prepare('DELETE FROM embedding_cache WHERE rowid IN (SELECT rowid FROM embedding_cache ORDER BY last_used_at, rowid LIMIT ?)');

  /** Reads the cached vectors of `hashes`, touches them and counts the hits, in one transaction. */
  const readHits = db.transaction((embedder: Embedder, hashes: string[], found: Map<string, Float32Array>) => {
    const now = clock();
    const stamp = now.toISOString();
    const touchBefore = new Date(now.getTime() - touchIntervalMs).toISOString();
    const key = [embedder.id, embedder.model, embedder.dimensions] as const;
    for (let start = 0; start < hashes.length; start += LOOKUP_CHUNK) {
      const chunk = JSON.stringify(hashes.slice(start, start + LOOKUP_CHUNK));
      const hits: string[] = [];
      for (const row of lookup.all(...key, chunk) as Array<{ hash: string; vector: Buffer }>) {
        found.set(row.hash, blobToVector(row.vector, embedder.dimensions));
        hits.push(row.hash);
      }
      if (hits.length > 0) touch.run(stamp, ...key, JSON.stringify(hits), touchBefore);
    }
    count.run(...key, found.size, 0);
  });

  const storeMisses = db.transaction((embedder: Embedder, hashes: string[], vectors: Float32Array[]) => {
    const stamp = clock().toISOString();
    hashes.forEach((hash, i) => store.run(embedder.id, embedder.model, embedder.dimensions, hash, vectorToBlob(vectors[i]!), stamp, stamp));
    count.run(embedder.id, embedder.model, embedder.dimensions, 0, hashes.length);
  });

  return {
    async getOrEmbed(embedder, texts, signal) {
      signal?.throwIfAborted();
      const wanted = new Map<string, Wanted>();
      texts.forEach((text, position) => {
        const hash = textHash(embedder, text);
        const entry = wanted.get(hash);
        if (entry) entry.positions.push(position);
        else wanted.set(hash, { normalised: normaliseForEmbedding(text), positions: [position] });
      });
      const found = new Map<string, Float32Array>();
      readHits(embedder, [...wanted.keys()], found);

      const missing = [...wanted.keys()].filter((hash) => !found.has(hash));
      for (let start = 0; start < missing.length; start += batchSize) {
        const hashes = missing.slice(start, start + batchSize);
        // The embedder sees the normalised text: the vector must be the same for every text that shares the key.
        const vectors = await embedder.embed(hashes.map((h) => wanted.get(h)!.normalised), signal);
        if (vectors.length !== hashes.length) throw new Error(`The embedder ${embedder.id} returned ${vectors.length} vectors for ${hashes.length} texts`);
        for (const v of vectors) {
          if (v.length !== embedder.dimensions) throw new Error(`The embedder ${embedder.id} returned a vector of ${v.length} dimensions, not ${embedder.dimensions}`);
        }
        storeMisses(embedder, hashes, vectors);
        hashes.forEach((hash, i) => found.set(hash, vectors[i]!));
      }

      const out = new Array<Float32Array>(texts.length);
      for (const [hash, { positions }] of wanted) {
        const vector = found.get(hash)!;
        // Repeated texts get copies: a caller may scale one vector without changing the others.
        positions.forEach((position, i) => (out[position] = i === 0 ? vector : vector.slice()));
      }
      return out;
    },

    stats() {
      const byKey = new Map<string, EmbedderCacheStats>();
      const entry = (provider: string, model: string, dimensions: number): EmbedderCacheStats => {
        const key = JSON.stringify([provider, model, dimensions]);
        let stats = byKey.get(key);
        if (!stats) byKey.set(key, (stats = { provider, model, dimensions, entries: 0, hits: 0, misses: 0 }));
        return stats;
      };
      for (const row of entriesBy.all() as Array<{ provider: string; model: string; dimensions: number; entries: number }>) {
        entry(row.provider, row.model, row.dimensions).entries = row.entries;
      }
      for (const row of countersBy.all() as Array<{ provider: string; model: string; dimensions: number; hits: number; misses: number }>) {
        Object.assign(entry(row.provider, row.model, row.dimensions), { hits: row.hits, misses: row.misses });
      }
      const byEmbedder = [...byKey.values()];
      const sum = (field: 'entries' | 'hits' | 'misses'): number => byEmbedder.reduce((s, e) => s + e[field], 0);
      return { entries: sum('entries'), hits: sum('hits'), misses: sum('misses'), byEmbedder };
    },

    clear() {
      return db.transaction(() => {
        db.prepare('DELETE FROM embedding_cache_stats').run();
        return db.prepare('DELETE FROM embedding_cache').run().changes;
      })();
    },

    prune() {
      return db.transaction(() => {
        const cutoff = new Date(clock().getTime() - expiryDays * DAY_MS).toISOString();
        const expired = expire.run(cutoff).changes;
        const excess = (total.get() as number) - maxEntries;
        const evicted = excess > 0 ? evict.run(excess).changes : 0;
        return { expired, evicted };
      })();
    },
  };
}
