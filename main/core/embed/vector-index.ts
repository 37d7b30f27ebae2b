/**
 * The semantic index: unit vectors of a company's bank lines, books items and approved lines,
 * searched for nearest neighbours. `semantic_vectors` (migration 0060) is the source of truth;
 * a sqlite-vec vec0 table per embedding space (`vec_float_<space id>`, partitioned by company,
 * `kind` as a metadata column) is an index over it that `rebuild` recreates at any time.
 *
 * Searches rank by Euclidean distance between unit vectors (the order of cosine similarity):
 *  - 'float': exact, vec0's `embedding MATCH ? AND k = ?` over the company's partition.
 *  - 'quantised': a Hamming scan of the sign bits (sign-bits.ts) of every vector of the company,
 *    held in memory, picks k × oversample candidates, re-scored exactly in SQLite from their
 *    stored floats. vec0's own bit[] KNN is not used for the first pass: its top-k selection
 *    costs O(rows × k) (36 ms at 1M rows for k = 10, 75 ms for k = 40, measured here), while
 *    the scan takes about 10 ms for any number of candidates.
 *  - 'auto': quantised from `quantisedThreshold` vectors of the company up, float below.
 * The in-memory bits of a company (bits-cache.ts) are patched by this index's writes and reloaded
 * when its generation (semantic_vector_counts, bumped by triggers on every change) moved otherwise.
 */
import type { Database, Statement } from 'better-sqlite3';
import { similarityFromDistance, vectorToBlob } from './embedder.js';
import { BitsCache, type BitsPatch } from './bits-cache.js';
import { createSignHasher, hammingScan, selectSmallest } from './sign-bits.js';

/** What a vector stands for. */
export type VectorKind = 'bank_line' | 'book_item' | 'approved_line';

/** One vector to store: the row it stands for, the hash of the text it came from, the vector. */
export interface VectorItem {
  kind: VectorKind;
  refId: number;
  textHash: string;
  vector: Float32Array;
}

/** A row of the index. */
export interface VectorRef {
  kind: VectorKind;
  refId: number;
}

/** A neighbour: Euclidean distance between unit vectors (0–2) and the cosine similarity it means. */
export interface VectorHit extends VectorRef {
  distance: number;
  similarity: number;
}

export type SearchMode = 'float' | 'quantised' | 'auto';

/** Options of one search. */
export interface SearchOptions {
  k: number;
  kind?: VectorKind;
  mode?: SearchMode;
  /** Candidates per wanted neighbour in the quantised first pass (default: the index's). */
  oversample?: number;
}

/** Options of `createVectorIndex`. */
export interface VectorIndexOptions {
  /** The embedding space (`embeddingSpace(embedder)`): vectors of other spaces are never compared. */
  space: string;
  /** Vector length, a multiple of 32. */
  dimensions: number;
  /** 'auto' searches quantised from this many vectors of the company up (default 50,000). */
  quantisedThreshold?: number;
  /** Default candidates per neighbour of the quantised search (default 100: recall@10 ≈ 0.98 on bank texts). */
  oversample?: number;
  /** Companies whose sign bits stay in memory at once (default 4; about 45 MB per million vectors). */
  cachedCompanies?: number;
}

/** The index over one embedding space. */
export interface VectorIndex {
  readonly spaceId: number;
  readonly dimensions: number;
  /** Stores or replaces vectors (normalised here); a zero vector (a text without tokens) removes its row. */
  upsert(companyId: number, items: readonly VectorItem[]): { written: number; removed: number };
  /** Removes rows; returns how many existed. */
  remove(companyId: number, refs: readonly VectorRef[]): number;
  /** Removes every vector of a company; returns how many. */
  clear(companyId: number): number;
  /** Which of these rows have no vector, or one of another text (hash): the ones to embed again. */
  stale(companyId: number, items: ReadonlyArray<VectorRef & { textHash: string }>): VectorRef[];
  /** The k nearest rows of the company to `query`, nearest first. */
  search(companyId: number, query: Float32Array, options: SearchOptions): VectorHit[];
  /** Recreates the vec0 index (of one company, or of all) from the stored vectors; returns rows indexed. */
  rebuild(companyId?: number): number;
  /** Vectors of a company (of one kind). */
  count(companyId: number, kind?: VectorKind): number;
}

/** sqlite-vec refuses k above this. */
const MAX_K = 4096;
const PAGE = 2000;

interface RefRow {
  id: number;
  kind: VectorKind;
  ref_id: number;
}

/** Creates (or opens) the index of one embedding space: registers the space and creates its vec0 table. */
export function createVectorIndex(db: Database, options: VectorIndexOptions): VectorIndex {
  const { dimensions } = options;
  if (!Number.isInteger(dimensions) || dimensions <= 0 || dimensions % 32 !== 0) throw new RangeError('dimensions must be a positive multiple of 32');
  const threshold = options.quantisedThreshold ?? 50_000;
  const defaultOversample = options.oversample ?? 100;
  const maxCached = options.cachedCompanies ?? 4;
  const hasher = createSignHasher(dimensions);
  const words = hasher.words;

  db.prepare('INSERT INTO semantic_spaces (key, dimensions) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(options.space, dimensions);
  const space = db.prepare('SELECT id, dimensions FROM semantic_spaces WHERE key = ?').get(options.space) as { id: number; dimensions: number };
  if (space.dimensions !== dimensions) throw new RangeError(`The embedding space ${options.space} holds vectors of ${space.dimensions} dimensions, not ${dimensions}`);
  const spaceId = space.id;
  const vecTable = `vec_float_${spaceId}`;
  const createVecTable = `CREATE VIRTUAL TABLE IF NOT EXISTS ${vecTable} USING vec0(company_id integer partition key, kind text, embedding float[${dimensions}])`;
  db.exec(createVecTable);

  // Statements that touch the vec0 table are prepared lazily: `rebuild` may drop and recreate it.
  let vecStatements: { insert: Statement; remove: Statement; knn: Statement; knnKind: Statement; clear: Statement } | null = null;
  const vec = (): NonNullable<typeof vecStatements> =>
    (vecStatements ??= {
      insert: db.prepare(`INSERT INTO ${vecTable} (rowid, company_id, kind, embedding) VALUES (?, ?, ?, ?)`),
      remove: db.prepare(`DELETE FROM ${vecTable} WHERE rowid = ?`),
      knn: db.prepare(`SELECT rowid AS id, distance FROM ${vecTable} WHERE embedding MATCH ? AND k = ? AND company_id = ?`),
      knnKind: db.prepare(`SELECT rowid AS id, distance FROM ${vecTable} WHERE embedding MATCH ? AND k = ? AND company_id = ? AND kind = ?`),
      clear: db.prepare(`DELETE FROM ${vecTable} WHERE company_id = ?`),
    });
  const upsertRow = db.prepare(`INSERT INTO semantic_vectors (space_id, company_id, kind, ref_id, text_hash, vector, bits)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (space_id, company_id, kind, ref_id) DO UPDATE SET text_hash = excluded.text_hash, vector = excluded.vector, bits = excluded.bits
    RETURNING id`);
  const deleteRow = db.prepare('DELETE FROM semantic_vectors WHERE space_id = ? AND company_id = ? AND kind = ? AND ref_id = ? RETURNING id');
  const companyIds = db.prepare('SELECT id FROM semantic_vectors WHERE space_id = ? AND company_id = ?').pluck();
  const allIds = db.prepare('SELECT id FROM semantic_vectors WHERE space_id = ?').pluck();
  const rowsById = db.prepare('SELECT id, company_id AS companyId, kind, vector FROM semantic_vectors WHERE id IN (SELECT value FROM json_each(?))');
  const refsById = db.prepare('SELECT id, kind, ref_id FROM semantic_vectors WHERE id IN (SELECT value FROM json_each(?))');
  // Exact re-scoring of the quantised candidates, in SQLite: no vector crosses into JavaScript.
  const rescore = db.prepare(`SELECT kind, ref_id AS refId, vec_distance_l2(vector, ?) AS distance FROM semantic_vectors
    WHERE id IN (SELECT value FROM json_each(?)) ORDER BY distance, ref_id LIMIT ?`);
  const deleteCompany = db.prepare('DELETE FROM semantic_vectors WHERE space_id = ? AND company_id = ?');
  const counts = db.prepare('SELECT vectors FROM semantic_vector_counts WHERE space_id = ? AND company_id = ?').pluck();
  const countKind = db.prepare('SELECT count(*) FROM semantic_vectors WHERE space_id = ? AND company_id = ? AND kind = ?').pluck();
  const hashesOf = db.prepare(`SELECT ref_id AS refId, text_hash AS textHash FROM semantic_vectors
    WHERE space_id = ? AND company_id = ? AND kind = ? AND ref_id IN (SELECT value FROM json_each(?))`);
  const bitsCache = new BitsCache(db, spaceId, words, maxCached);

  /**
   * Runs a write of one company in a transaction that takes the write lock at once, and patches
   * the company's in-memory bits with it after the commit (inside a caller's transaction, which
   * may still roll back, the bits are dropped and reloaded by the next search instead).
   */
  function write<T>(companyId: number, body: (patch: BitsPatch | null) => T): T {
    const outer = db.inTransaction;
    const holder: { patch: BitsPatch | null } = { patch: null };
    const run = db.transaction(() => {
      holder.patch = bitsCache.startPatch(companyId, !outer);
      const result = body(holder.patch);
      if (holder.patch) bitsCache.sealPatch(holder.patch);
      return result;
    });
    const result = outer ? run() : run.immediate();
    if (holder.patch) bitsCache.applyPatch(holder.patch);
    return result;
  }

  function count(companyId: number, kind?: VectorKind): number {
    if (kind !== undefined) return countKind.get(spaceId, companyId, kind) as number;
    return (counts.get(spaceId, companyId) as number | undefined) ?? 0;
  }

  function unit(vector: Float32Array): Float32Array | null {
    if (vector.length !== dimensions) throw new RangeError(`Vectors of this index have ${dimensions} dimensions, not ${vector.length}`);
    let sum = 0;
    for (let i = 0; i < dimensions; i++) sum += vector[i]! * vector[i]!;
    if (!Number.isFinite(sum)) throw new RangeError('A vector has values that are not finite numbers');
    if (sum === 0) return null;
    const inv = 1 / Math.sqrt(sum);
    return Float32Array.from(vector, (x) => x * inv);
  }

  function removeRow(companyId: number, ref: VectorRef, patch: BitsPatch | null): boolean {
    const row = deleteRow.get(spaceId, companyId, ref.kind, ref.refId) as { id: number } | undefined;
    if (!row) return false;
    vec().remove.run(BigInt(row.id));
    patch?.removals.push(row.id);
    return true;
  }

  function indexRows(ids: ArrayLike<number>): number {
    let indexed = 0;
    for (let start = 0; start < ids.length; start += PAGE) {
      const page = Array.from({ length: Math.min(PAGE, ids.length - start) }, (_, i) => ids[start + i]!);
      for (const row of rowsById.all(JSON.stringify(page)) as Array<{ id: number; companyId: number; kind: string; vector: Buffer }>) {
        vec().insert.run(BigInt(row.id), BigInt(row.companyId), row.kind, row.vector);
        indexed++;
      }
    }
    return indexed;
  }

  function searchFloat(companyId: number, query: Float32Array, k: number, kind?: VectorKind): VectorHit[] {
    const hits = (kind === undefined ? vec().knn.all(query, k, BigInt(companyId)) : vec().knnKind.all(query, k, BigInt(companyId), kind)) as Array<{ id: number; distance: number }>;
    if (hits.length === 0) return [];
    const refs = new Map((refsById.all(JSON.stringify(hits.map((h) => h.id))) as RefRow[]).map((r) => [r.id, r]));
    const out: VectorHit[] = [];
    for (const hit of hits) {
      const row = refs.get(hit.id);
      // A vec0 row without a stored vector is a stale index entry (rebuild removes it).
      if (row) out.push({ kind: row.kind, refId: row.ref_id, distance: hit.distance, similarity: similarityFromDistance(hit.distance) });
    }
    return out;
  }

  function searchQuantised(companyId: number, query: Float32Array, k: number, oversample: number, kind?: VectorKind): VectorHit[] {
    const cache = bitsCache.get(companyId);
    const code = kind === undefined ? -1 : (cache.kindCodes.get(kind) ?? -2);
    if (cache.n === 0 || code === -2) return [];
    const { n, kinds, distances, ids } = cache;
    hammingScan(cache.bits, n, words, hasher.bits(query, new Int32Array(words)), distances);
    const candidates = selectSmallest(distances, n, dimensions, k * oversample, kinds, code).map((i) => ids[i]!);
    const rows = rescore.all(vectorToBlob(query), JSON.stringify(candidates), k) as Array<{ kind: VectorKind; refId: number; distance: number }>;
    return rows.map((r) => ({ kind: r.kind, refId: r.refId, distance: r.distance, similarity: similarityFromDistance(r.distance) }));
  }

  return {
    spaceId,
    dimensions,

    upsert(companyId, items) {
      return write(companyId, (patch) => {
        let written = 0;
        let removed = 0;
        for (const item of items) {
          const vector = unit(item.vector);
          if (!vector) {
            if (removeRow(companyId, item, patch)) removed++;
            continue;
          }
          const blob = vectorToBlob(vector);
          const bits = hasher.bits(vector, new Int32Array(words));
          const { id } = upsertRow.get(spaceId, companyId, item.kind, item.refId, item.textHash, blob, Buffer.from(bits.buffer)) as { id: number };
          vec().remove.run(BigInt(id));
          vec().insert.run(BigInt(id), BigInt(companyId), item.kind, blob);
          patch?.upserts.push({ id, kind: item.kind, bits });
          written++;
        }
        return { written, removed };
      });
    },

    remove(companyId, refs) {
      return write(companyId, (patch) => refs.filter((ref) => removeRow(companyId, ref, patch)).length);
    },

    clear(companyId) {
      bitsCache.forget(companyId);
      return db.transaction(() => {
        vec().clear.run(BigInt(companyId));
        return deleteCompany.run(spaceId, companyId).changes;
      })();
    },

    stale(companyId, items) {
      const out: VectorRef[] = [];
      const byKind = new Map<VectorKind, Array<VectorRef & { textHash: string }>>();
      for (const item of items) {
        const list = byKind.get(item.kind);
        if (list) list.push(item);
        else byKind.set(item.kind, [item]);
      }
      for (const [kind, list] of byKind) {
        const known = new Map<number, string>();
        for (let start = 0; start < list.length; start += PAGE) {
          const page = JSON.stringify(list.slice(start, start + PAGE).map((i) => i.refId));
          for (const row of hashesOf.all(spaceId, companyId, kind, page) as Array<{ refId: number; textHash: string }>) known.set(row.refId, row.textHash);
        }
        for (const item of list) if (known.get(item.refId) !== item.textHash) out.push({ kind, refId: item.refId });
      }
      return out;
    },

    search(companyId, query, options) {
      if (!Number.isInteger(options.k) || options.k < 1) throw new RangeError('k must be a positive integer');
      const q = unit(query);
      if (!q) return [];
      const k = Math.min(options.k, MAX_K);
      const mode = options.mode ?? 'auto';
      const quantised = mode === 'quantised' || (mode === 'auto' && count(companyId) >= threshold);
      if (!quantised) return searchFloat(companyId, q, k, options.kind);
      const oversample = options.oversample ?? defaultOversample;
      if (!Number.isInteger(oversample) || oversample < 1) throw new RangeError('oversample must be a positive integer');
      return searchQuantised(companyId, q, k, oversample, options.kind);
    },

    rebuild(companyId) {
      return db.transaction(() => {
        if (companyId === undefined) {
          db.exec(`DROP TABLE IF EXISTS ${vecTable}`);
          vecStatements = null;
          db.exec(createVecTable);
          return indexRows(allIds.all(spaceId) as number[]);
        }
        db.exec(createVecTable);
        vecStatements = null;
        vec().clear.run(BigInt(companyId));
        return indexRows(companyIds.all(spaceId, companyId) as number[]);
      })();
    },

    count,
  };
}
