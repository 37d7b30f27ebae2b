/**
 * The quantised first pass of the semantic index: each vector becomes `dimensions` sign bits
 * of a fixed random rotation of itself (random signs, then a Walsh–Hadamard transform; SimHash
 * with orthogonal hyperplanes), and a query scans the Hamming distances of all of a company's
 * bits held in memory. The rotation matters: the local embedder's vectors are sparse (a short
 * text sets about a hundred of 256 slots), and the plain sign bits of a sparse vector (sqlite-vec's
 * vec_quantize_binary) rank its neighbours poorly: over 100,000 generated bank texts, recall@10
 * with 40× candidates was 0.76 without the rotation and 0.92 with it. A rotation keeps
 * distances, so any vector, sparse or dense, can use it.
 */

/** Rotation rounds: one spreads a sparse vector over every dimension; two ranked better (30,000 bank texts, 10× candidates: recall@10 0.89 with one, 0.92 with two). */
const ROUNDS = 2;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Turns vectors of `dimensions` floats (a multiple of 32) into `dimensions / 32` words of sign bits. */
export interface SignHasher {
  readonly words: number;
  /** Writes the sign bits of `vector` into `out` (bit i of the result is word i >> 5, bit i & 31). */
  bits(vector: Float32Array, out: Int32Array): Int32Array;
}

/** The hasher for one vector length: deterministic (fixed signs), so stored bits and query bits agree across runs. */
export function createSignHasher(dimensions: number): SignHasher {
  if (!Number.isInteger(dimensions) || dimensions <= 0 || dimensions % 32 !== 0) throw new RangeError('dimensions must be a positive multiple of 32');
  let size = 32;
  while (size < dimensions) size *= 2;
  const scratch = new Float64Array(size);
  const signs = Float64Array.from({ length: ROUNDS * size }, (_, i) => (fmix32(i + 0x6a09e667) < 0 ? -1 : 1));
  const words = dimensions / 32;
  return {
    words,
    bits(vector, out) {
      scratch.fill(0);
      for (let i = 0; i < dimensions; i++) scratch[i] = vector[i]!;
      for (let r = 0, offset = 0; r < ROUNDS; r++, offset += size) {
        for (let i = 0; i < size; i++) scratch[i] = scratch[i]! * signs[offset + i]!;
        for (let h = 1; h < size; h *= 2) {
          for (let i = 0; i < size; i += h * 2) {
            for (let j = i; j < i + h; j++) {
              const a = scratch[j]!;
              const b = scratch[j + h]!;
              scratch[j] = a + b;
              scratch[j + h] = a - b;
            }
          }
        }
      }
      out.fill(0, 0, words);
      for (let i = 0; i < dimensions; i++) if (scratch[i]! > 0) out[i >>> 5]! |= 1 << (i & 31);
      return out;
    },
  };
}

/** Sum of the four bytes of `x` (each up to 255; the total may exceed a byte). */
function byteSum(x: number): number {
  const pairs = (x & 0x00ff00ff) + ((x >>> 8) & 0x00ff00ff);
  return (pairs & 0xffff) + (pairs >>> 16);
}

/** Hamming distances of `n` vectors' bits (`words` words each) to the query's, into `out`. */
export function hammingScan(bits: Int32Array, n: number, words: number, query: Int32Array, out: Uint16Array): void {
  if (words === 8) return hammingScan256(bits, n, query, out);
  for (let i = 0, o = 0; i < n; i++) {
    let acc = 0;
    let total = 0;
    for (let w = 0; w < words; w++, o++) {
      let x = bits[o]! ^ query[w]!;
      x -= (x >>> 1) & 0x55555555;
      x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
      acc += (x + (x >>> 4)) & 0x0f0f0f0f;
      // Each byte of acc gains at most 8 per word: fold it before a byte can overflow.
      if ((w & 15) === 15) {
        total += byteSum(acc);
        acc = 0;
      }
    }
    out[i] = total + byteSum(acc);
  }
}

/** The 256-bit case unrolled (the default local embedder): about twice as fast as the loop. */
function hammingScan256(bits: Int32Array, n: number, q: Int32Array, out: Uint16Array): void {
  const q0 = q[0]!, q1 = q[1]!, q2 = q[2]!, q3 = q[3]!, q4 = q[4]!, q5 = q[5]!, q6 = q[6]!, q7 = q[7]!;
  for (let i = 0, o = 0; i < n; i++, o += 8) {
    let x = bits[o]! ^ q0;
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    let acc = (x + (x >>> 4)) & 0x0f0f0f0f;
    x = bits[o + 1]! ^ q1;
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    acc += (x + (x >>> 4)) & 0x0f0f0f0f;
    x = bits[o + 2]! ^ q2;
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    acc += (x + (x >>> 4)) & 0x0f0f0f0f;
    x = bits[o + 3]! ^ q3;
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    acc += (x + (x >>> 4)) & 0x0f0f0f0f;
    x = bits[o + 4]! ^ q4;
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    acc += (x + (x >>> 4)) & 0x0f0f0f0f;
    x = bits[o + 5]! ^ q5;
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    acc += (x + (x >>> 4)) & 0x0f0f0f0f;
    x = bits[o + 6]! ^ q6;
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    acc += (x + (x >>> 4)) & 0x0f0f0f0f;
    x = bits[o + 7]! ^ q7;
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    acc += (x + (x >>> 4)) & 0x0f0f0f0f;
    out[i] = byteSum(acc);
  }
}

/** The `kinds` entry of a removed position: never selected. */
export const REMOVED_KIND = 255;

/**
 * Positions of the `wanted` smallest distances, among the positions whose `kinds` entry is
 * `kind` (when kind < 0: every one not REMOVED_KIND), in scan order; ties at the cut-off: the
 * first ones. Distances are 0..maxDistance, so a histogram finds the cut-off in one pass.
 */
export function selectSmallest(distances: Uint16Array, n: number, maxDistance: number, wanted: number, kinds: Uint8Array, kind: number): number[] {
  const histogram = new Uint32Array(maxDistance + 1);
  let accepted = 0;
  for (let i = 0; i < n; i++) {
    if (kind < 0 ? kinds[i] !== REMOVED_KIND : kinds[i] === kind) {
      histogram[distances[i]!]!++;
      accepted++;
    }
  }
  const take = Math.min(wanted, accepted);
  let cut = 0;
  let below = 0;
  while (cut < maxDistance && below + histogram[cut]! < take) below += histogram[cut++]!;
  let atCut = take - below;
  const out: number[] = [];
  for (let i = 0; i < n && out.length < take; i++) {
    const d = distances[i]!;
    if (d > cut || (kind < 0 ? kinds[i] === REMOVED_KIND : kinds[i] !== kind)) continue;
    if (d < cut) out.push(i);
    else if (atCut > 0) {
      out.push(i);
      atCut--;
    }
  }
  return out;
}
