/**
 * Run parameters: the defaults a new company starts with, and the merge of a partial override
 * (company settings, CLI flags) onto them. Values are validated here so the stages can trust them.
 */
import type { MatchLimits, MatchParameters } from './types.js';

/** Version of the engine's logic; stored with every run and every auto-approval. */
export const ENGINE_VERSION = 'cuadra-matching/1.0.0';

/** Limits of the combination search and of what is kept per line. */
export const DEFAULT_LIMITS: MatchLimits = {
  maxCombinationPool: 18,
  maxCombinationSize: 8,
  maxSubsetSums: 1 << 16,
  combinationTimeBudgetMs: 20_000,
  maxCandidatesPerLine: 4,
  maxAlternatives: 3,
};

/** The defaults of DESIGN.md (threshold 0.95) and sensible tolerances for EUR/MXN books. */
export const DEFAULT_PARAMETERS: MatchParameters = {
  threshold: 0.95,
  tolerancePercent: 0.5,
  feeToleranceMinor: 1500,
  roundingMinor: 2,
  dateWindowDays: { before: 10, after: 120 },
  transferWindowDays: 7,
  fxTolerancePercent: 3,
  fxRates: [],
  limits: DEFAULT_LIMITS,
};

/** A partial override: every field optional, limits and window merged field by field. */
export type MatchParameterOverrides = Partial<Omit<MatchParameters, 'limits' | 'dateWindowDays'>> & {
  limits?: Partial<MatchLimits>;
  dateWindowDays?: Partial<MatchParameters['dateWindowDays']>;
};

function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(`matching parameters: ${message}`);
}

/** Defaults merged with `overrides`, validated (throws RangeError on a nonsensical value). */
export function resolveParameters(overrides: MatchParameterOverrides = {}): MatchParameters {
  const p: MatchParameters = {
    ...DEFAULT_PARAMETERS,
    ...overrides,
    dateWindowDays: { ...DEFAULT_PARAMETERS.dateWindowDays, ...overrides.dateWindowDays },
    limits: { ...DEFAULT_LIMITS, ...overrides.limits },
    fxRates: [...(overrides.fxRates ?? DEFAULT_PARAMETERS.fxRates)],
  };
  check(p.threshold > 0 && p.threshold <= 1, 'threshold must be in (0, 1]');
  check(p.tolerancePercent >= 0 && p.tolerancePercent <= 50, 'tolerancePercent must be in [0, 50]');
  check(Number.isInteger(p.feeToleranceMinor) && p.feeToleranceMinor >= 0, 'feeToleranceMinor must be a whole number ≥ 0');
  check(Number.isInteger(p.roundingMinor) && p.roundingMinor >= 0, 'roundingMinor must be a whole number ≥ 0');
  check(p.dateWindowDays.before >= 0 && p.dateWindowDays.after >= 0, 'date windows must be ≥ 0');
  check(p.transferWindowDays >= 0, 'transferWindowDays must be ≥ 0');
  check(p.fxTolerancePercent >= 0 && p.fxTolerancePercent <= 50, 'fxTolerancePercent must be in [0, 50]');
  for (const r of p.fxRates) check(r.rate > 0 && Number.isFinite(r.rate), `rate ${r.from}/${r.to} must be > 0`);
  const l = p.limits;
  check(l.maxCombinationPool >= 2 && l.maxCombinationPool <= 40, 'maxCombinationPool must be in [2, 40]');
  check(l.maxCombinationSize >= 2, 'maxCombinationSize must be ≥ 2');
  check(l.maxSubsetSums >= 16, 'maxSubsetSums must be ≥ 16');
  check(l.maxCandidatesPerLine >= 1 && l.maxAlternatives >= 0, 'candidate limits must be ≥ 1');
  return p;
}

/** The settlement tolerance for an amount: the larger of the percent and the absolute fee tolerance. */
export function toleranceFor(params: MatchParameters, amountMinor: number): number {
  return Math.max(params.feeToleranceMinor, Math.round((Math.abs(amountMinor) * params.tolerancePercent) / 100));
}
