/**
 * What every embedding provider is (the local n-gram embedder, an OpenAI-compatible server),
 * and the helpers shared by the cache and the vector index: the text normalisation that
 * decides when two texts are "the same text", its hash, and the Float32 ⇄ BLOB encoding.
 */
import { createHash } from 'node:crypto';
import { foldText } from '../matching/text.js';

/** Who made a vector: vectors are only comparable (and cacheable) within one identity. */
export interface EmbedderIdentity {
  /** The provider ('local', 'openai-compatible:<model>', …). */
  readonly id: string;
  readonly model: string;
  /** Length of every vector `embed` returns. */
  readonly dimensions: number;
  /** Anything else that changes the vectors (weights, endpoint, IDF table digest). */
  readonly version: string;
}

/** Turns texts into vectors of `dimensions` floats; one vector per text, in order. */
export interface Embedder extends EmbedderIdentity {
  /** Rejects with the signal's reason when it aborts before the vectors are ready. */
  embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>;
}

/**
 * The form of a text that is embedded, cached and hashed: upper case, no accents, every run of
 * punctuation or spaces one space, trimmed (matching's `foldText`). Two texts with the same
 * normal form share a vector.
 */
export function normaliseForEmbedding(text: string): string {
  return foldText(text);
}

/**
 * SHA-256 (hex) of the embedder's version and the normalised text: the cache key's text part
 * and the vector index's staleness check. The version is inside the hash so a new version
 * (another IDF table, another endpoint) never reads an old vector.
 */
export function textHash(embedder: Pick<EmbedderIdentity, 'version'>, text: string): string {
  return createHash('sha256').update(embedder.version).update('\u0000').update(normaliseForEmbedding(text)).digest('hex');
}

/** Key of the space a vector lives in: provider, model and length (the version is per row, in its text hash). */
export function embeddingSpace(embedder: Pick<EmbedderIdentity, 'id' | 'model' | 'dimensions'>): string {
  return `${embedder.id}|${embedder.model}|${embedder.dimensions}`;
}

/** The vector's bytes as stored in SQLite: Float32, little-endian (the byte order of every supported host). */
export function vectorToBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

/** A stored BLOB back into a fresh Float32Array (copied: SQLite's buffers need not be 4-byte aligned). */
export function blobToVector(blob: Uint8Array, dimensions: number): Float32Array {
  if (blob.byteLength !== dimensions * 4) throw new RangeError(`A stored vector has ${blob.byteLength} bytes; ${dimensions * 4} were expected`);
  const out = new Float32Array(dimensions);
  new Uint8Array(out.buffer).set(blob);
  return out;
}

/** Scales `vector` in place to length 1 and returns its original length (0 leaves it all zeros). */
export function l2NormaliseInPlace(vector: Float32Array | Float64Array): number {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  const norm = Math.sqrt(sum);
  if (norm > 0) {
    const inv = 1 / norm;
    for (let i = 0; i < vector.length; i++) vector[i] = vector[i]! * inv;
  }
  return norm;
}

/** Cosine similarity of two unit vectors from their Euclidean distance (cos = 1 − d²/2), within [−1, 1]. */
export function similarityFromDistance(distance: number): number {
  return Math.max(-1, Math.min(1, 1 - (distance * distance) / 2));
}
