/**
 * The scoring model: a logistic model over pair features (ranks candidates, drives assignment)
 * and a second logistic model over proposal features (turns the winning score into a calibrated
 * confidence, knowing how close the alternatives were). Weights live in a versioned JSON file
 * fitted on generated data by tests/bench/matching-fit.ts; this module only reads them.
 */
import weightsV1 from './model/weights-v1.json' with { type: 'json' };

/** Features of a candidate (one bank side, one books side); order is the vector layout. */
export const PAIR_FEATURES = [
  'amountExact', 'amountRel', 'feeDiff', 'overpaid', 'partial', 'partialShare', 'partialNoRef', 'dateGap', 'paidBefore',
  'ledgerGap', 'nameSim', 'nameStrong', 'noName', 'exactAndName', 'refStrong', 'refWeak', 'taxId', 'alias', 'complement',
  'fx', 'multi', 'creditNote', 'instalments', 'transfer', 'transferHint', 'transferNamed', 'ownIban', 'sameItems', 'sameLines', 'solutions',
  'blockSize', 'ambiguity', 'rejected',
] as const;

/** Name of one pair feature. */
export type PairFeature = (typeof PAIR_FEATURES)[number];

/** Position of each pair feature in a vector. */
export const F = Object.fromEntries(PAIR_FEATURES.map((name, i) => [name, i])) as Record<PairFeature, number>;

/** Features of a proposal after assignment, for calibration. */
export const CALIBRATION_FEATURES = ['logit', 'gapLine', 'gapItem', 'noAlt', 'strong', 'multi', 'transfer', 'partial', 'fx', 'tie'] as const;

/** Name of one calibration feature. */
export type CalibrationFeature = (typeof CALIBRATION_FEATURES)[number];

/** Position of each calibration feature in a vector. */
export const C = Object.fromEntries(CALIBRATION_FEATURES.map((name, i) => [name, i])) as Record<CalibrationFeature, number>;

/** The weights file as stored (main/core/matching/model/weights-v1.json). */
export interface ModelFile {
  version: string;
  engineVersion: string;
  pair: { bias: number; weights: Partial<Record<string, number>> };
  calibration: { bias: number; weights: Partial<Record<string, number>> };
  fitted?: Record<string, string | number>;
}

/** Weights as vectors, ready for dot products. */
export interface MatchModel {
  version: string;
  pairBias: number;
  pair: Float64Array;
  calBias: number;
  cal: Float64Array;
}

/** Weight a rejection carries when the file does not fit one: a person said no. */
const REJECTED_PRIOR = -6;

function toVector(names: readonly string[], weights: Partial<Record<string, number>>): Float64Array {
  const v = new Float64Array(names.length);
  names.forEach((name, i) => {
    const w = weights[name];
    if (w !== undefined && !Number.isFinite(w)) throw new RangeError(`model weight ${name} is not a number`);
    v[i] = w ?? 0;
  });
  return v;
}

/** Compile a weights file into vectors (unknown names are ignored, missing ones are 0). */
export function compileModel(file: ModelFile): MatchModel {
  const pair = toVector(PAIR_FEATURES, file.pair.weights);
  if (file.pair.weights['rejected'] === undefined) pair[F.rejected] = REJECTED_PRIOR;
  return { version: file.version, pairBias: file.pair.bias, pair, calBias: file.calibration.bias, cal: toVector(CALIBRATION_FEATURES, file.calibration.weights) };
}

/** The model shipped with this engine version. */
export const DEFAULT_MODEL: MatchModel = compileModel(weightsV1 as ModelFile);

/** Logit of a pair feature vector (without the ambiguity term when `f[F.ambiguity]` is 0). */
export function pairLogit(model: MatchModel, f: ArrayLike<number>): number {
  let s = model.pairBias;
  for (let i = 0; i < model.pair.length; i++) s += (model.pair[i] ?? 0) * (f[i] ?? 0);
  return s;
}

/** Logistic function, safe for large magnitudes. */
export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Calibrated probability of a proposal from its calibration features. */
export function calibratedConfidence(model: MatchModel, c: ArrayLike<number>): number {
  let s = model.calBias;
  for (let i = 0; i < model.cal.length; i++) s += (model.cal[i] ?? 0) * (c[i] ?? 0);
  return sigmoid(s);
}
