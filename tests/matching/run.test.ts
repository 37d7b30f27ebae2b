// The stage-by-stage API: chunked runs, JSON checkpoints and resume, input changes, budgets and caps.
import { describe, expect, it } from 'vitest';
import { advanceRun, canResume, prepareRun, reconcile, runToEnd, startRun, type MatchRunState } from '../../main/core/matching/index.js';
import type { Clock } from '../../main/core/clock.js';
import { generateMonth } from '../bench/generator/month.js';

const month = generateMonth({ seed: 2024, bankLines: 800 });
const params = { fxRates: month.fxRates };

function summary(r: ReturnType<typeof reconcile>): string[] {
  return r.proposals.map((p) => `${p.id}:${p.status}:${p.confidence.toFixed(6)}:${p.allocations.map((a) => a.amountMinor).join('+')}`);
}

describe('matching runs', () => {
  const oneShot = reconcile(month.input, params);

  it('is deterministic and survives a JSON round trip', () => {
    expect(summary(reconcile(month.input, params))).toEqual(summary(oneShot));
    const copy = JSON.parse(JSON.stringify(oneShot)) as typeof oneShot;
    expect(copy.proposals).toEqual(oneShot.proposals);
  });

  it('gives the same proposals when run in small chunks', () => {
    const state = startRun(month.input, params);
    const ctx = prepareRun(month.input, state);
    const stages = new Set<string>();
    while (state.stage !== 'done') {
      stages.add(state.stage);
      advanceRun(ctx, state, { maxUnits: 97 });
    }
    expect([...stages]).toEqual(['evidence', 'candidates', 'combine_lines', 'combine_items', 'transfers', 'assign', 'review']);
    expect(summary(state.result ?? oneShot)).toEqual(summary(oneShot));
  });

  it('resumes from a checkpoint written at any step, as if never interrupted', () => {
    for (const stopAfter of [2, 9, 17]) {
      const state = startRun(month.input, params);
      const ctx = prepareRun(month.input, state);
      for (let i = 0; i < stopAfter && state.stage !== 'done'; i++) advanceRun(ctx, state, { maxUnits: 150 });
      // The process dies here; what survives is the JSON the core stored.
      const stored = JSON.parse(JSON.stringify(state)) as MatchRunState;
      expect(canResume(stored, month.input)).toBe(true);
      const resumed = runToEnd(prepareRun(month.input, stored), stored, { maxUnits: 150 });
      expect(summary(resumed)).toEqual(summary(oneShot));
    }
  });

  it('refuses to resume over different input', () => {
    const state = startRun(month.input, params);
    const changed = { ...month.input, bankLines: month.input.bankLines.map((l, i) => (i === 5 ? { ...l, amountMinor: l.amountMinor + 1 } : l)) };
    expect(canResume(state, changed)).toBe(false);
    expect(canResume({ ...state, engineVersion: 'old' }, month.input)).toBe(false);
  });

  it('reports when the combination search runs out of time (injected clock)', () => {
    let t = 0;
    const clock: Clock = () => new Date((t += 60_000));
    const r = reconcile(month.input, { ...params, limits: { combinationTimeBudgetMs: 1_000 } }, { clock });
    expect(r.diagnostics.map((d) => d.code)).toContain('combination_time_budget');
    expect(r.proposals.length).toBeGreaterThan(0);
  });

  it('reports when a combination pool is cut to its cap', () => {
    const r = reconcile(month.input, { ...params, limits: { maxCombinationPool: 3 } });
    const cut = r.diagnostics.filter((d) => d.code === 'combination_pool_truncated');
    expect(cut.length).toBeGreaterThan(0);
    expect(cut[0]?.message).toMatch(/Only/);
  });

  it('validates its parameters', () => {
    expect(() => reconcile(month.input, { threshold: 1.5 })).toThrow(RangeError);
    expect(() => reconcile(month.input, { limits: { maxCombinationPool: 99 } })).toThrow(RangeError);
  });
});
