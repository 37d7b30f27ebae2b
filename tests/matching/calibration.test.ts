// Calibration sanity on a generated month the model was not fitted on (fit seeds 7 and 8, benchmark seed 42).
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../main/core/matching/index.js';
import { generateMonth } from '../bench/generator/month.js';
import { evaluate, matchKey } from '../bench/matching-metrics.js';

describe('calibration', () => {
  const month = generateMonth({ seed: 99, bankLines: 3000 });
  const result = reconcile(month.input, { fxRates: month.fxRates });
  const truth = new Set(month.truth.map((t) => matchKey(t.bankIds, t.bookIds)));
  const scored = result.proposals.map((p) => ({ c: p.confidence, y: truth.has(matchKey(p.bankIds, p.bookIds)) ? 1 : 0 }));

  it('says on average how often it is right', () => {
    const meanConfidence = scored.reduce((s, x) => s + x.c, 0) / scored.length;
    const accuracy = scored.reduce((s, x) => s + x.y, 0) / scored.length;
    expect(Math.abs(meanConfidence - accuracy)).toBeLessThan(0.03);
  });

  it('is sharper than a constant (Brier score well below the base rate)', () => {
    const accuracy = scored.reduce((s, x) => s + x.y, 0) / scored.length;
    const brier = scored.reduce((s, x) => s + (x.c - x.y) ** 2, 0) / scored.length;
    expect(brier).toBeLessThan(0.75 * accuracy * (1 - accuracy));
  });

  it('is right more often where it is more confident', () => {
    const byConf = [...scored].sort((a, b) => a.c - b.c);
    const half = Math.floor(byConf.length / 2);
    const low = byConf.slice(0, half).reduce((s, x) => s + x.y, 0) / half;
    const high = byConf.slice(half).reduce((s, x) => s + x.y, 0) / (byConf.length - half);
    expect(high).toBeGreaterThan(low);
    const confident = scored.filter((x) => x.c >= 0.9);
    expect(confident.reduce((s, x) => s + x.y, 0) / confident.length).toBeGreaterThanOrEqual(0.9);
  });

  it('auto-approves precisely, and a good share', () => {
    const e = evaluate(result, month.truth);
    expect(e.precision).toBeGreaterThanOrEqual(0.99);
    expect(e.autoShare).toBeGreaterThan(0.75);
    expect(e.recall).toBeGreaterThan(0.9);
  });
});
