// Bounded subset-sum: agrees with brute force on small inputs, and says when its bounds cut it short.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { subsetSum } from '../../main/core/matching/subset-sum.js';

function bruteBest(values: number[], target: number, tol: number, maxSize: number): number | null {
  let best: number | null = null;
  for (let mask = 1; mask < 1 << values.length; mask++) {
    let sum = 0;
    let size = 0;
    values.forEach((v, i) => {
      if (mask & (1 << i)) {
        sum += v;
        size++;
      }
    });
    if (size < 2 || size > maxSize || Math.abs(sum - target) > tol) continue;
    if (best === null || Math.abs(sum - target) < best) best = Math.abs(sum - target);
  }
  return best;
}

describe('subsetSum', () => {
  it('finds the closest subset within tolerance exactly when brute force does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50_000, max: 200_000 }), { minLength: 2, maxLength: 12 }),
        fc.integer({ min: 0, max: 400_000 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 2, max: 6 }),
        (values, target, tol, maxSize) => {
          const r = subsetSum(values, target, tol, maxSize, 1 << 16);
          const best = bruteBest(values, target, tol, maxSize);
          if (best === null) return r.solution === null;
          if (!r.solution) return false;
          const sum = r.solution.members.reduce((s, k) => s + (values[k] ?? 0), 0);
          return sum === r.solution.sum && Math.abs(sum - target) === best && r.solution.members.length >= 2 && r.solution.members.length <= maxSize;
        },
      ),
      { numRuns: 300, seed: 20240301 },
    );
  });

  it('counts equally good solutions (an ambiguous combination)', () => {
    const r = subsetSum([100, 200, 300, 400], 500, 0, 4, 1 << 16);
    expect(r.solution?.equallyGood).toBe(2); // 100+400 and 200+300
    expect(r.solution?.members).toEqual([0, 3]); // earlier values first
  });

  it('nets a credit note against invoices', () => {
    const r = subsetSum([100_000, 90_000, -20_000, 55_555], 170_000, 0, 4, 1 << 16);
    expect(r.solution?.members).toEqual([0, 1, 2]);
  });

  it('gives up, and says so, when the halves exceed the sum cap', () => {
    const values = Array.from({ length: 30 }, (_, i) => 1000 + i);
    const r = subsetSum(values, 5000, 0, 5, 1 << 10);
    expect(r).toEqual({ solution: null, gaveUp: 'sum_cap' });
  });
});
