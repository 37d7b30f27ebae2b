// The semantic index on a real SQLite file with sqlite-vec: results against a brute-force scan,
// companies kept apart, kinds, replacing and removing vectors, and rebuilding the vec0 index.
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIdfTable, createLocalEmbedder, createVectorIndex, embeddingSpace, type VectorIndex, type VectorItem, type VectorKind } from '../../main/core/embed/index.js';
import { makeTempDir } from '../core/support.js';
import { generateMonth } from '../bench/generator/month.js';
import { addCompanies, bruteForce, clusteredVectors, distance, openTestDb, randomUnitVector, seededRandom } from './support.js';

const DIMS = 64;

function items(vectors: readonly Float32Array[], kind: VectorKind = 'bank_line', firstRef = 1): VectorItem[] {
  return vectors.map((vector, i) => ({ kind, refId: firstRef + i, textHash: `h${firstRef + i}`, vector }));
}

/** Share of the true k nearest (by distance, so ties count) that a search returned. */
function recallAtK(hits: ReadonlyArray<{ distance: number }>, truth: ReadonlyArray<{ distance: number }>): number {
  const kth = truth[truth.length - 1]!.distance;
  return hits.filter((h) => h.distance <= kth + 1e-5).length / truth.length;
}

describe('createVectorIndex', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Database;
  let acme: number;
  let beta: number;

  beforeEach(() => {
    temp = makeTempDir();
    db = openTestDb(temp.path('cuadra.db'));
    [acme, beta] = addCompanies(db, 'ACME SL', 'Beta SA de CV') as [number, number];
  });
  afterEach(() => {
    if (db.open) db.close();
    temp.cleanup();
  });

  const open = (options: { quantisedThreshold?: number; oversample?: number } = {}): VectorIndex =>
    createVectorIndex(db, { space: 'test|random|64', dimensions: DIMS, ...options });

  it('finds exactly the brute-force nearest neighbours with float search', () => {
    const random = seededRandom(1);
    const vectors = Array.from({ length: 2000 }, () => randomUnitVector(random, DIMS));
    const index = open();
    expect(index.upsert(acme, items(vectors))).toEqual({ written: 2000, removed: 0 });
    expect(index.count(acme)).toBe(2000);
    for (let q = 0; q < 20; q++) {
      const query = randomUnitVector(random, DIMS);
      const truth = bruteForce(vectors, query, 10);
      const hits = index.search(acme, query, { k: 10, mode: 'float' });
      expect(hits.map((h) => h.refId)).toEqual(truth.map((t) => t.index + 1));
      hits.forEach((h, i) => {
        expect(h.distance).toBeCloseTo(truth[i]!.distance, 5);
        expect(h.similarity).toBeCloseTo(1 - truth[i]!.distance ** 2 / 2, 5);
        expect(h.kind).toBe('bank_line');
      });
    }
  });

  it('keeps recall@10 at 0.95 or more with quantised search and re-scoring', () => {
    const random = seededRandom(2);
    const vectors = clusteredVectors(random, 6000, DIMS, 60, 0.1);
    const index = open();
    index.upsert(acme, items(vectors));
    let recall = 0;
    const queries = 40;
    for (let q = 0; q < queries; q++) {
      const query = clusteredVectors(random, 1, DIMS, 1, 0)[0]!.map((x, i) => x * 0.2 + vectors[q * 97]![i]!);
      const hits = index.search(acme, query, { k: 10, mode: 'quantised', oversample: 20 });
      const unit = query.map((x) => x / Math.hypot(...query));
      expect(hits).toHaveLength(10);
      // Re-scored exactly: the distances are the true ones, nearest first.
      hits.forEach((h) => expect(h.distance).toBeCloseTo(distance(unit, vectors[h.refId - 1]!), 5));
      expect(hits.map((h) => h.distance)).toEqual([...hits.map((h) => h.distance)].sort((a, b) => a - b));
      recall += recallAtK(hits, bruteForce(vectors, unit, 10));
    }
    expect(recall / queries).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps recall@10 at 0.95 or more on bank texts embedded by the local embedder, re-scoring 3% of the vectors', () => {
    const month = generateMonth({ seed: 5, bankLines: 5000 });
    const texts = [...month.input.bankLines.map((l) => `${l.description} ${l.counterpartyName ?? ''}`), ...month.input.bookItems.map((i) => `${i.documentNumber ?? ''} ${i.counterpartyName ?? ''}`)];
    const embedder = createLocalEmbedder({ idf: buildIdfTable(texts) });
    // Texts without letters or digits embed to zeros, which the index does not store.
    const vectors = texts.map((t) => embedder.embedSync(t)).filter((v) => v.some((x) => x !== 0));
    const index = createVectorIndex(db, { space: embeddingSpace(embedder), dimensions: embedder.dimensions });
    index.upsert(acme, items(vectors));
    const queries = generateMonth({ seed: 6, bankLines: 200 }).input.bankLines.slice(0, 40).map((l) => embedder.embedSync(`${l.description} ${l.counterpartyName ?? ''}`));
    let recall = 0;
    expect(vectors.length).toBeGreaterThan(10_000);
    for (const query of queries) recall += recallAtK(index.search(acme, query, { k: 10, mode: 'quantised', oversample: 30 }), bruteForce(vectors, query, 10));
    expect(recall / queries.length).toBeGreaterThanOrEqual(0.95);
  });

  it("never returns another company's vectors, and clears one company only", () => {
    const random = seededRandom(3);
    const mine = Array.from({ length: 300 }, () => randomUnitVector(random, DIMS));
    const theirs = Array.from({ length: 300 }, () => randomUnitVector(random, DIMS));
    const index = open();
    index.upsert(acme, items(mine, 'bank_line', 1));
    index.upsert(beta, items(theirs, 'bank_line', 1001));
    // Beta's own vector as the query: still only ACME's rows for ACME.
    for (const mode of ['float', 'quantised'] as const) {
      const hits = index.search(acme, theirs[0]!, { k: 50, mode });
      expect(hits).toHaveLength(50);
      expect(hits.every((h) => h.refId <= 300)).toBe(true);
      expect(index.search(beta, theirs[0]!, { k: 1, mode })[0]).toMatchObject({ refId: 1001, similarity: expect.closeTo(1, 5) });
    }
    expect(index.clear(beta)).toBe(300);
    expect(index.count(beta)).toBe(0);
    expect(index.search(beta, theirs[0]!, { k: 5, mode: 'float' })).toEqual([]);
    expect(index.search(beta, theirs[0]!, { k: 5, mode: 'quantised' })).toEqual([]);
    expect(index.count(acme)).toBe(300);
  });

  it('filters by kind in both searches', () => {
    const random = seededRandom(4);
    const lines = Array.from({ length: 200 }, () => randomUnitVector(random, DIMS));
    const books = Array.from({ length: 200 }, () => randomUnitVector(random, DIMS));
    const index = open();
    index.upsert(acme, [...items(lines, 'bank_line', 1), ...items(books, 'book_item', 1)]);
    expect(index.count(acme)).toBe(400);
    expect(index.count(acme, 'book_item')).toBe(200);
    for (const mode of ['float', 'quantised'] as const) {
      const hits = index.search(acme, lines[7]!, { k: 10, kind: 'book_item', mode });
      expect(hits.map((h) => h.refId)).toEqual(bruteForce(books, lines[7]!, 10).map((t) => t.index + 1));
      expect(hits.every((h) => h.kind === 'book_item')).toBe(true);
      expect(index.search(acme, lines[7]!, { k: 3, kind: 'approved_line', mode })).toEqual([]);
    }
  });

  it('replaces a vector on upsert, removes it for a zero vector or on remove, and reports stale rows', () => {
    const random = seededRandom(5);
    const vectors = Array.from({ length: 50 }, () => randomUnitVector(random, DIMS));
    const index = open();
    index.upsert(acme, items(vectors));
    const moved = randomUnitVector(random, DIMS);
    // Not unit length: the index normalises.
    expect(index.upsert(acme, [{ kind: 'bank_line', refId: 7, textHash: 'new', vector: moved.map((x) => x * 3) }])).toEqual({ written: 1, removed: 0 });
    expect(index.count(acme)).toBe(50);
    for (const mode of ['float', 'quantised'] as const) expect(index.search(acme, moved, { k: 1, mode })[0]).toMatchObject({ refId: 7, distance: expect.closeTo(0, 5) });
    expect(index.stale(acme, [{ kind: 'bank_line', refId: 7, textHash: 'new' }, { kind: 'bank_line', refId: 8, textHash: 'other' }, { kind: 'book_item', refId: 1, textHash: 'h1' }])).toEqual([
      { kind: 'bank_line', refId: 8 },
      { kind: 'book_item', refId: 1 },
    ]);
    expect(index.upsert(acme, [{ kind: 'bank_line', refId: 7, textHash: 'empty', vector: new Float32Array(DIMS) }])).toEqual({ written: 0, removed: 1 });
    expect(index.remove(acme, [{ kind: 'bank_line', refId: 8 }, { kind: 'bank_line', refId: 999 }])).toBe(1);
    expect(index.count(acme)).toBe(48);
    for (const mode of ['float', 'quantised'] as const) {
      const refs = index.search(acme, vectors[7]!, { k: 48, mode }).map((h) => h.refId);
      expect(refs).toHaveLength(48);
      expect(refs).not.toContain(7);
      expect(refs).not.toContain(8);
    }
    expect(() => index.upsert(acme, [{ kind: 'bank_line', refId: 1, textHash: 'x', vector: new Float32Array(8).fill(1) }])).toThrow(RangeError);
    expect(() => index.upsert(acme, [{ kind: 'bank_line', refId: 1, textHash: 'x', vector: new Float32Array(DIMS).fill(Number.NaN) }])).toThrow(RangeError);
    expect(() => index.search(acme, vectors[0]!, { k: 0 })).toThrow(RangeError);
    expect(index.search(acme, new Float32Array(DIMS), { k: 3 })).toEqual([]);
  });

  it('gives the same results after the vec0 table is dropped and rebuilt', () => {
    const random = seededRandom(6);
    const vectors = Array.from({ length: 500 }, () => randomUnitVector(random, DIMS));
    const index = open();
    index.upsert(acme, items(vectors.slice(0, 400)));
    index.upsert(beta, items(vectors.slice(400), 'book_item', 401));
    const queries = vectors.slice(0, 5).map((v) => v.map((x, i) => x + vectors[450]![i]!));
    const before = queries.map((q) => [index.search(acme, q, { k: 10, mode: 'float' }), index.search(beta, q, { k: 10, mode: 'float' })]);
    db.exec(`DROP TABLE vec_float_${index.spaceId}`);
    expect(() => index.search(acme, queries[0]!, { k: 10, mode: 'float' })).toThrow();
    expect(index.rebuild()).toBe(500);
    expect(queries.map((q) => [index.search(acme, q, { k: 10, mode: 'float' }), index.search(beta, q, { k: 10, mode: 'float' })])).toEqual(before);
    // One company's partition, emptied behind the index's back, comes back on its own.
    db.prepare(`DELETE FROM vec_float_${index.spaceId} WHERE company_id = ?`).run(BigInt(beta));
    expect(index.search(beta, queries[0]!, { k: 10, mode: 'float' })).toEqual([]);
    expect(index.rebuild(beta)).toBe(100);
    expect(index.search(beta, queries[0]!, { k: 10, mode: 'float' })).toEqual(before[0]![1]);
    expect(index.search(acme, queries[0]!, { k: 10, mode: 'float' })).toEqual(before[0]![0]);
  });

  it("searches quantised from the threshold up in 'auto' mode (it needs no vec0 table)", () => {
    const random = seededRandom(7);
    const index = open({ quantisedThreshold: 100 });
    index.upsert(acme, items(Array.from({ length: 99 }, () => randomUnitVector(random, DIMS))));
    db.exec(`DROP TABLE vec_float_${index.spaceId}`);
    const query = randomUnitVector(random, DIMS);
    expect(() => index.search(acme, query, { k: 5 })).toThrow(/no such table/);
    index.rebuild();
    index.upsert(acme, items([randomUnitVector(random, DIMS)], 'bank_line', 100));
    db.exec(`DROP TABLE vec_float_${index.spaceId}`);
    expect(index.search(acme, query, { k: 5 })).toHaveLength(5);
  });

  it('sees vectors written by another connection in quantised search', () => {
    const random = seededRandom(8);
    const index = open();
    index.upsert(acme, items(Array.from({ length: 100 }, () => randomUnitVector(random, DIMS))));
    const probe = randomUnitVector(random, DIMS);
    expect(index.search(acme, probe, { k: 1, mode: 'quantised' })[0]!.distance).toBeGreaterThan(0.1);
    const other = openTestDb(temp.path('cuadra.db'));
    try {
      createVectorIndex(other, { space: 'test|random|64', dimensions: DIMS }).upsert(acme, items([probe], 'approved_line', 5));
    } finally {
      other.close();
    }
    expect(index.search(acme, probe, { k: 1, mode: 'quantised' })[0]).toMatchObject({ kind: 'approved_line', refId: 5, distance: expect.closeTo(0, 5) });
  });

  it('keeps quantised search right through its own writes, and through a rolled-back transaction', () => {
    const random = seededRandom(10);
    const index = open();
    const current = new Map<number, Float32Array>();
    const put = (refId: number, vector: Float32Array): void => {
      current.set(refId, vector);
      index.upsert(acme, [{ kind: 'bank_line', refId, textHash: 'h', vector }]);
    };
    // Every candidate re-scored: the quantised search must then equal the brute force exactly.
    const check = (query: Float32Array): void => {
      const refs = [...current.keys()];
      const truth = bruteForce(refs.map((r) => current.get(r)!), query, 10).map((t) => refs[t.index]);
      expect(index.search(acme, query, { k: 10, mode: 'quantised', oversample: 1000 }).map((h) => h.refId)).toEqual(truth);
    };
    for (let r = 1; r <= 200; r++) put(r, randomUnitVector(random, DIMS));
    const query = randomUnitVector(random, DIMS);
    check(query);
    put(201, query.map((x, i) => x + 0.05 * current.get(1)![i]!));
    put(5, query.map((x, i) => x + 0.1 * current.get(2)![i]!));
    check(query);
    index.remove(acme, [{ kind: 'bank_line', refId: 201 }]);
    current.delete(201);
    index.upsert(acme, [{ kind: 'bank_line', refId: 5, textHash: 'empty', vector: new Float32Array(DIMS) }]);
    current.delete(5);
    check(query);
    expect(() =>
      db.transaction(() => {
        index.upsert(acme, [{ kind: 'bank_line', refId: 300, textHash: 'h', vector: query }]);
        throw new Error('caller rolls back');
      })(),
    ).toThrow('caller rolls back');
    check(query);
    expect(index.count(acme)).toBe(200 - 1);
  });

  it('keeps embedding spaces apart and survives reopening the file', () => {
    const random = seededRandom(9);
    const vectors = Array.from({ length: 30 }, () => randomUnitVector(random, DIMS));
    open().upsert(acme, items(vectors));
    const otherSpace = createVectorIndex(db, { space: 'other|model|64', dimensions: DIMS });
    expect(otherSpace.count(acme)).toBe(0);
    expect(otherSpace.search(acme, vectors[0]!, { k: 3, mode: 'float' })).toEqual([]);
    expect(() => createVectorIndex(db, { space: 'test|random|64', dimensions: 128 })).toThrow(RangeError);
    expect(() => createVectorIndex(db, { space: 'x', dimensions: 100 })).toThrow(RangeError);
    db.close();
    db = openTestDb(temp.path('cuadra.db'));
    const reopened = open();
    expect(reopened.count(acme)).toBe(30);
    for (const mode of ['float', 'quantised'] as const) expect(reopened.search(acme, vectors[3]!, { k: 1, mode })[0]).toMatchObject({ refId: 4 });
  });
});
