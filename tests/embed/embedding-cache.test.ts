// The embedding cache on a real SQLite file: the embedder is called only for texts never seen,
// counters, expiry and LRU eviction under a stepped clock, and persistence across reopening.
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmbeddingCache, createLocalEmbedder, textHash } from '../../main/core/embed/index.js';
import { HOUR, makeTempDir, steppingClock } from '../core/support.js';
import { CountingEmbedder, openTestDb } from './support.js';

const DAY = 24 * HOUR;

describe('createEmbeddingCache', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Database;

  beforeEach(() => {
    temp = makeTempDir();
    db = openTestDb(temp.path('cuadra.db'));
  });
  afterEach(() => {
    if (db.open) db.close();
    temp.cleanup();
  });

  const cachedHashes = (): string[] => (db.prepare('SELECT text_hash FROM embedding_cache ORDER BY text_hash').pluck().all() as string[]);

  it('embeds only the texts it has not seen, and counts hits and misses', async () => {
    const { clock } = steppingClock();
    const cache = createEmbeddingCache(db, clock);
    const embedder = new CountingEmbedder();
    const first = await cache.getOrEmbed(embedder, ['Recibo Iberdrola', 'Pago ACME', 'Recibo Iberdrola']);
    expect(embedder.texts).toEqual(['RECIBO IBERDROLA', 'PAGO ACME']);
    expect(first).toHaveLength(3);
    expect(first[2]).toEqual(first[0]);
    expect(first[2]).not.toBe(first[0]);
    expect(cache.stats()).toMatchObject({ entries: 2, hits: 0, misses: 2 });

    const before = embedder.calls;
    const second = await cache.getOrEmbed(embedder, ['Pago ACME', 'RECIBO  IBERDROLA.', 'recibo iberdrola']);
    expect(embedder.calls).toBe(before);
    expect(second).toEqual([first[1], first[0], first[0]]);
    expect(cache.stats()).toMatchObject({ entries: 2, hits: 2, misses: 2 });

    await cache.getOrEmbed(embedder, ['Pago ACME', 'Transferencia Beta']);
    expect(embedder.texts.slice(-1)).toEqual(['TRANSFERENCIA BETA']);
    const stats = cache.stats();
    expect(stats).toMatchObject({ entries: 3, hits: 3, misses: 3 });
    expect(stats.byEmbedder).toEqual([{ provider: 'fake', model: 'counting', dimensions: 32, entries: 3, hits: 3, misses: 3 }]);
    expect(await cache.getOrEmbed(embedder, [])).toEqual([]);
  });

  it('returns the vectors the embedder computed, read back bit for bit', async () => {
    const cache = createEmbeddingCache(db, steppingClock().clock);
    const local = createLocalEmbedder();
    const texts = ['TRANSFERENCIA RECIBIDA MONDELVAL', 'Comisión mantenimiento'];
    const computed = await cache.getOrEmbed(local, texts);
    expect(computed).toEqual(texts.map((t) => local.embedSync(t)));
    expect(await cache.getOrEmbed(local, texts)).toEqual(computed);
    expect(cachedHashes()).toEqual(texts.map((t) => textHash(local, t)).sort());
  });

  it('calls the embedder in batches of batchSize', async () => {
    const cache = createEmbeddingCache(db, steppingClock().clock, { batchSize: 2 });
    const embedder = new CountingEmbedder();
    await cache.getOrEmbed(embedder, ['a1', 'a2', 'a3', 'a4', 'a5']);
    expect(embedder.calls).toBe(3);
    expect(cache.stats().misses).toBe(5);
  });

  it('keeps embedders, lengths and versions apart', async () => {
    const cache = createEmbeddingCache(db, steppingClock().clock);
    const v1 = new CountingEmbedder(32, 'v1');
    const v2 = new CountingEmbedder(32, 'v2');
    const wide = new CountingEmbedder(64, 'v1');
    for (const embedder of [v1, v2, wide]) await cache.getOrEmbed(embedder, ['same text']);
    expect([v1.calls, v2.calls, wide.calls]).toEqual([1, 1, 1]);
    expect(cache.stats().byEmbedder.map((e) => [e.dimensions, e.entries])).toEqual(expect.arrayContaining([[32, 2], [64, 1]]));
  });

  it('survives closing and reopening the database file', async () => {
    const path = temp.path('cuadra.db');
    const embedder = new CountingEmbedder();
    const vectors = await createEmbeddingCache(db, steppingClock().clock).getOrEmbed(embedder, ['Pago ACME', 'Recibo Beta']);
    db.close();
    db = openTestDb(path);
    const reopened = createEmbeddingCache(db, steppingClock().clock);
    expect(await reopened.getOrEmbed(embedder, ['Recibo Beta', 'Pago ACME'])).toEqual([vectors[1], vectors[0]]);
    expect(embedder.calls).toBe(1);
    expect(reopened.stats()).toMatchObject({ entries: 2, hits: 2, misses: 2 });
  });

  it('expires entries not used for expiryDays, counting from their last use', async () => {
    const time = steppingClock();
    const cache = createEmbeddingCache(db, time.clock, { expiryDays: 30 });
    const embedder = new CountingEmbedder();
    await cache.getOrEmbed(embedder, ['old', 'kept']);
    time.advance(20 * DAY);
    await cache.getOrEmbed(embedder, ['kept']);
    time.advance(11 * DAY);
    expect(cache.prune()).toEqual({ expired: 1, evicted: 0 });
    const calls = embedder.calls;
    await cache.getOrEmbed(embedder, ['kept']);
    expect(embedder.calls).toBe(calls);
    await cache.getOrEmbed(embedder, ['old']);
    expect(embedder.calls).toBe(calls + 1);
  });

  it('evicts the least recently used entries beyond maxEntries', async () => {
    const time = steppingClock();
    const cache = createEmbeddingCache(db, time.clock, { maxEntries: 3 });
    const embedder = new CountingEmbedder();
    for (const text of ['a', 'b', 'c', 'd']) {
      await cache.getOrEmbed(embedder, [text]);
      time.advance(2 * HOUR);
    }
    await cache.getOrEmbed(embedder, ['a']);
    time.advance(2 * HOUR);
    await cache.getOrEmbed(embedder, ['b']);
    // Last use, oldest first: c, d, a, b.
    expect(cache.prune()).toEqual({ expired: 0, evicted: 1 });
    expect(cachedHashes()).toEqual(['a', 'b', 'd'].map((t) => textHash(embedder, t)).sort());
    const smaller = createEmbeddingCache(db, time.clock, { maxEntries: 1 });
    expect(smaller.prune()).toEqual({ expired: 0, evicted: 2 });
    expect(cachedHashes()).toEqual([textHash(embedder, 'b')]);
  });

  it('rewrites last use at most once per touchIntervalMs', async () => {
    const time = steppingClock();
    const cache = createEmbeddingCache(db, time.clock, { touchIntervalMs: HOUR });
    const embedder = new CountingEmbedder();
    const lastUsed = (): string => db.prepare('SELECT last_used_at FROM embedding_cache').pluck().get() as string;
    await cache.getOrEmbed(embedder, ['x']);
    const created = lastUsed();
    time.advance(HOUR / 2);
    await cache.getOrEmbed(embedder, ['x']);
    expect(lastUsed()).toBe(created);
    time.advance(HOUR);
    await cache.getOrEmbed(embedder, ['x']);
    expect(lastUsed()).toBe(time.clock().toISOString());
  });

  it('clears entries and counters', async () => {
    const cache = createEmbeddingCache(db, steppingClock().clock);
    const embedder = new CountingEmbedder();
    await cache.getOrEmbed(embedder, ['a', 'b']);
    expect(cache.clear()).toBe(2);
    expect(cache.stats()).toEqual({ entries: 0, hits: 0, misses: 0, byEmbedder: [] });
    await cache.getOrEmbed(embedder, ['a']);
    expect(embedder.calls).toBe(2);
  });

  it('stores nothing from an embedder that answers with the wrong shape', async () => {
    const cache = createEmbeddingCache(db, steppingClock().clock);
    const liar = new CountingEmbedder(32);
    liar.embed = async (texts) => texts.map(() => new Float32Array(16));
    await expect(cache.getOrEmbed(liar, ['a'])).rejects.toThrow('16 dimensions');
    const short = new CountingEmbedder(32);
    short.embed = async () => [];
    await expect(cache.getOrEmbed(short, ['a'])).rejects.toThrow('0 vectors for 1 texts');
    expect(cache.stats().entries).toBe(0);
  });

  it('passes the abort signal to the embedder and keeps the batches already done', async () => {
    const cache = createEmbeddingCache(db, steppingClock().clock, { batchSize: 1 });
    const controller = new AbortController();
    const embedder = new CountingEmbedder();
    const inner = embedder.embed.bind(embedder);
    embedder.embed = async (texts, signal) => {
      const out = await inner(texts, signal);
      controller.abort(new Error('run cancelled'));
      return out;
    };
    await expect(cache.getOrEmbed(embedder, ['a', 'b', 'c'], controller.signal)).rejects.toThrow('run cancelled');
    expect(cache.stats()).toMatchObject({ entries: 1, misses: 1 });
  });

  it('refuses nonsensical options', () => {
    const { clock } = steppingClock();
    expect(() => createEmbeddingCache(db, clock, { expiryDays: 0 })).toThrow(RangeError);
    expect(() => createEmbeddingCache(db, clock, { maxEntries: -1 })).toThrow(RangeError);
    expect(() => createEmbeddingCache(db, clock, { batchSize: 0 })).toThrow(RangeError);
  });
});
