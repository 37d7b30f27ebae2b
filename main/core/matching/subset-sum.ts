/**
 * Bounded subset-sum by meet-in-the-middle: which subsets of up to `maxSize` values (2 or more)
 * sum to `target` within `tolerance`. Each half enumerates at most 2^(n/2) sums; the search
 * refuses (and says so) when the halves would exceed `maxSums`, so its cost is known up front.
 */

/** The best subset found and how many others were as good. */
export interface SubsetSolution {
  /** Indexes into the values, ascending. */
  members: number[];
  sum: number;
  /** Solutions whose |sum − target| equals the best one's (1 = unique). */
  equallyGood: number;
}

/** Outcome of one search: a solution or null, and whether the bounds cut it short. */
export interface SubsetSearch {
  solution: SubsetSolution | null;
  gaveUp: 'none' | 'sum_cap';
}

interface Half {
  sums: Float64Array;
  masks: Int32Array;
  sizes: Uint8Array;
  count: number;
}

function enumerate(values: readonly number[], offset: number, length: number, maxSize: number): Half {
  const total = 1 << length;
  const sums = new Float64Array(total);
  const sizes = new Uint8Array(total);
  const masks = new Int32Array(total);
  let count = 0;
  const allSums = new Float64Array(total);
  const allSizes = new Uint8Array(total);
  for (let mask = 1; mask < total; mask++) {
    const low = mask & -mask;
    const bit = 31 - Math.clz32(low);
    const rest = mask ^ low;
    allSums[mask] = (allSums[rest] ?? 0) + (values[offset + bit] ?? 0);
    allSizes[mask] = (allSizes[rest] ?? 0) + 1;
  }
  for (let mask = 0; mask < total; mask++) {
    if ((allSizes[mask] ?? 0) > maxSize) continue;
    sums[count] = allSums[mask] ?? 0;
    sizes[count] = allSizes[mask] ?? 0;
    masks[count] = mask;
    count++;
  }
  return { sums, masks, sizes, count };
}

/** Sort a half by sum (then size, then mask). Sums and masks are packed into one float when they fit, for a native sort. */
function sortHalf(h: Half, bits: number): Half {
  const scale = 2 ** bits;
  let max = 0;
  for (let i = 0; i < h.count; i++) max = Math.max(max, Math.abs(h.sums[i] ?? 0));
  if (max * scale * 2 < Number.MAX_SAFE_INTEGER) {
    const packed = new Float64Array(h.count);
    for (let i = 0; i < h.count; i++) packed[i] = (h.sums[i] ?? 0) * scale + (h.masks[i] ?? 0);
    packed.sort();
    const sums = new Float64Array(h.count);
    const masks = new Int32Array(h.count);
    const sizes = new Uint8Array(h.count);
    for (let i = 0; i < h.count; i++) {
      const v = packed[i] ?? 0;
      const mask = ((v % scale) + scale) % scale;
      masks[i] = mask;
      sums[i] = (v - mask) / scale;
      let m = mask;
      let c = 0;
      while (m) {
        m &= m - 1;
        c++;
      }
      sizes[i] = c;
    }
    return { sums, masks, sizes, count: h.count };
  }
  const idx = Array.from({ length: h.count }, (_, i) => i);
  idx.sort((a, b) => (h.sums[a] ?? 0) - (h.sums[b] ?? 0) || (h.masks[a] ?? 0) - (h.masks[b] ?? 0));
  return {
    sums: Float64Array.from(idx, (i) => h.sums[i] ?? 0),
    masks: Int32Array.from(idx, (i) => h.masks[i] ?? 0),
    sizes: Uint8Array.from(idx, (i) => h.sizes[i] ?? 0),
    count: h.count,
  };
}

function lowerBound(sums: Float64Array, count: number, value: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sums[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Find the subset of `values` (2..maxSize members) whose sum is closest to `target`, within
 * `tolerance`; ties go to fewer members, then to earlier values (callers sort by priority).
 */
export function subsetSum(values: readonly number[], target: number, tolerance: number, maxSize: number, maxSums: number): SubsetSearch {
  const n = values.length;
  if (n < 2 || n > 40) return { solution: null, gaveUp: n > 40 ? 'sum_cap' : 'none' };
  const nA = n >> 1;
  const nB = n - nA;
  if ((1 << nA) + (1 << nB) > maxSums) return { solution: null, gaveUp: 'sum_cap' };
  const A = enumerate(values, 0, nA, maxSize);
  const B = sortHalf(enumerate(values, nA, nB, maxSize), nB);
  let best: { maskA: number; maskB: number; size: number; err: number; sum: number } | null = null;
  let equallyGood = 0;
  for (let a = 0; a < A.count; a++) {
    const sa = A.sums[a] ?? 0;
    const za = A.sizes[a] ?? 0;
    for (let b = lowerBound(B.sums, B.count, target - tolerance - sa); b < B.count; b++) {
      const sum = sa + (B.sums[b] ?? 0);
      if (sum > target + tolerance) break;
      const size = za + (B.sizes[b] ?? 0);
      if (size < 2 || size > maxSize) continue;
      const err = Math.abs(sum - target);
      const maskA = A.masks[a] ?? 0;
      const maskB = B.masks[b] ?? 0;
      if (best === null || err < best.err) {
        best = { maskA, maskB, size, err, sum };
        equallyGood = 1;
        continue;
      }
      if (err === best.err) {
        equallyGood++;
        if (size < best.size || (size === best.size && (maskA < best.maskA || (maskA === best.maskA && maskB < best.maskB)))) {
          best = { maskA, maskB, size, err, sum };
        }
      }
    }
  }
  if (!best) return { solution: null, gaveUp: 'none' };
  const members: number[] = [];
  for (let i = 0; i < nA; i++) if (best.maskA & (1 << i)) members.push(i);
  for (let i = 0; i < nB; i++) if (best.maskB & (1 << i)) members.push(nA + i);
  return { solution: { members, sum: best.sum, equallyGood }, gaveUp: 'none' };
}
