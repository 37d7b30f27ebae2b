// Shared by the embedding tests: seeded random vectors, a brute-force nearest-neighbour scan,
// a counting fake embedder, and a real migrated database file with companies in it.
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../main/core/db/open.js';
import type { Embedder } from '../../main/core/embed/index.js';
import { MIGRATIONS_DIR } from '../core/support.js';

/** A seeded uniform [0, 1) generator (mulberry32): same seed, same vectors. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal deviate (Box–Muller). */
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function normalise(v: Float32Array): Float32Array {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

/** A uniformly random unit vector. */
export function randomUnitVector(random: () => number, dims: number): Float32Array {
  return normalise(Float32Array.from({ length: dims }, () => gaussian(random)));
}

/** `count` unit vectors around `clusters` random centres (noise `spread` per dimension): data with neighbourhoods, like embeddings. */
export function clusteredVectors(random: () => number, count: number, dims: number, clusters: number, spread = 0.08): Float32Array[] {
  const centres = Array.from({ length: clusters }, () => randomUnitVector(random, dims));
  return Array.from({ length: count }, () => {
    const centre = centres[Math.floor(random() * clusters)]!;
    return normalise(centre.map((x) => x + spread * gaussian(random)));
  });
}

/** Euclidean distance. */
export function distance(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    sum += d * d;
  }
  return Math.sqrt(sum);
}

/** The exact k nearest of `vectors` to `query`: positions and distances, nearest first (ties: lower position). */
export function bruteForce(vectors: readonly Float32Array[], query: Float32Array, k: number): Array<{ index: number; distance: number }> {
  const best: Array<{ index: number; distance: number }> = [];
  vectors.forEach((v, index) => {
    const d = distance(v, query);
    if (best.length === k && d >= best[k - 1]!.distance) return;
    let at = best.length;
    while (at > 0 && best[at - 1]!.distance > d) at--;
    best.splice(at, 0, { index, distance: d });
    if (best.length > k) best.pop();
  });
  return best;
}

/** An embedder that counts its calls and texts; vectors derive from the text's char codes. */
export class CountingEmbedder implements Embedder {
  calls = 0;
  texts: string[] = [];
  readonly id = 'fake';
  readonly model = 'counting';

  constructor(
    readonly dimensions = 32,
    readonly version = 'v1',
  ) {}

  async embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    signal?.throwIfAborted();
    this.calls++;
    this.texts.push(...texts);
    return texts.map((text) => {
      const v = new Float32Array(this.dimensions);
      for (let i = 0; i < text.length; i++) v[(i * 7 + text.charCodeAt(i)) % this.dimensions]! += text.charCodeAt(i) / 100;
      v[0]! += 1;
      return normalise(v);
    });
  }
}

/** Opens (creating and migrating) a Cuadra database file. */
export function openTestDb(path: string): Database {
  return openDatabase(path, { migrations: MIGRATIONS_DIR });
}

/** Inserts companies and returns their ids. */
export function addCompanies(db: Database, ...names: string[]): number[] {
  const insert = db.prepare("INSERT INTO companies (name, created_at, updated_at) VALUES (?, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')");
  return names.map((name) => Number(insert.run(name).lastInsertRowid));
}
