// The quantised first pass: sign bits of a rotated vector, the Hamming scan and the selection
// of the smallest distances, against naive reference implementations.
import { describe, expect, it } from 'vitest';
import { createSignHasher, hammingScan, selectSmallest } from '../../main/core/embed/sign-bits.js';
import { randomUnitVector, seededRandom } from './support.js';

function naivePopcount(a: Int32Array, b: Int32Array, offset: number): number {
  let bits = 0;
  for (let w = 0; w < b.length; w++) {
    let x = (a[offset + w]! ^ b[w]!) >>> 0;
    while (x !== 0) {
      bits += x & 1;
      x >>>= 1;
    }
  }
  return bits;
}

describe('hammingScan', () => {
  for (const dims of [256, 96, 1024]) {
    it(`counts differing bits exactly for ${dims} dimensions, up to all of them`, () => {
      const words = dims / 32;
      const random = seededRandom(dims);
      const n = 300;
      const bits = Int32Array.from({ length: n * words }, () => (random() * 2 ** 32) | 0);
      const query = Int32Array.from({ length: words }, () => (random() * 2 ** 32) | 0);
      // Row 0 is the query itself, row 1 its complement: distances 0 and `dims`.
      bits.set(query, 0);
      bits.set(query.map((x) => ~x), words);
      const out = new Uint16Array(n);
      hammingScan(bits, n, words, query, out);
      for (let i = 0; i < n; i++) expect(out[i]).toBe(naivePopcount(bits, query, i * words));
      expect(out[0]).toBe(0);
      expect(out[1]).toBe(dims);
    });
  }
});

describe('selectSmallest', () => {
  it('returns the positions of the smallest distances, honouring the kind filter', () => {
    const random = seededRandom(5);
    const n = 2000;
    const distances = Uint16Array.from({ length: n }, () => Math.floor(random() * 257));
    const kinds = Uint8Array.from({ length: n }, (_, i) => i % 3);
    for (const [wanted, kind] of [[50, -1], [50, 1], [5000, 2], [1, 0]] as const) {
      const picked = selectSmallest(distances, n, 256, wanted, kinds, kind);
      const eligible = [...distances.keys()].filter((i) => kind < 0 || kinds[i] === kind);
      const sorted = eligible.map((i) => distances[i]!).sort((a, b) => a - b);
      expect(picked).toHaveLength(Math.min(wanted, eligible.length));
      expect(picked.every((i) => kind < 0 || kinds[i] === kind)).toBe(true);
      // Same multiset of distances as the true smallest ones (which of the ties does not matter).
      expect(picked.map((i) => distances[i]!).sort((a, b) => a - b)).toEqual(sorted.slice(0, picked.length));
    }
  });
});

describe('createSignHasher', () => {
  it('is deterministic across instances and tracks the angle between vectors', () => {
    const random = seededRandom(11);
    const a = randomUnitVector(random, 256);
    const b = randomUnitVector(random, 256);
    const first = createSignHasher(256).bits(a, new Int32Array(8));
    expect(createSignHasher(256).bits(a, new Int32Array(8))).toEqual(first);
    const near = Float32Array.from(a, (x, i) => x + 0.1 * b[i]!);
    const negated = Float32Array.from(a, (x) => -x);
    const distance = (v: Float32Array): number => naivePopcount(createSignHasher(256).bits(v, new Int32Array(8)), first, 0);
    expect(distance(a)).toBe(0);
    expect(distance(near)).toBeLessThan(30);
    expect(distance(b)).toBeGreaterThan(90);
    expect(distance(negated)).toBeGreaterThan(250);
  });

  it('spreads a sparse vector: a few non-zero slots still set about half the bits', () => {
    const sparse = new Float32Array(256);
    sparse[3] = 0.6;
    sparse[77] = -0.8;
    const bits = createSignHasher(256).bits(sparse, new Int32Array(8));
    const set = naivePopcount(bits, new Int32Array(8), 0);
    expect(set).toBeGreaterThan(80);
    expect(set).toBeLessThan(176);
  });

  it('refuses lengths that are not multiples of 32', () => {
    expect(() => createSignHasher(100)).toThrow(RangeError);
  });
});
