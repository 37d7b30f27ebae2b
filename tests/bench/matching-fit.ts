// Fits the matching model on generated data and writes main/core/matching/model/weights-v1.json.
// `npx tsx tests/bench/matching-fit.ts [--seed 7] [--lines 10000,100000] [--rounds 3] [--out FILE]`
// The seed must differ from the benchmark's (42): the benchmark then measures data the model never saw.
// 1. Pair model: logistic regression (Newton/IRLS, L2) of "this draft is a true match" on every
//    draft the engine produces (1:1 candidates, combinations, instalments, transfers, complements);
//    repeated a few rounds because the ambiguity feature and the kept candidates depend on the model.
// 2. Calibration: logistic regression of "this accepted proposal is right" on its calibrated features
//    (pair logit, gaps to the rivals, strong signal, kind, tie) after the global assignment.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { advanceRun, prepareRun, startRun, type MatchRunState } from '../../main/core/matching/run.js';
import { CALIBRATION_FEATURES, compileModel, F, PAIR_FEATURES, type MatchModel, type ModelFile } from '../../main/core/matching/model.js';
import { ENGINE_VERSION } from '../../main/core/matching/params.js';
import type { MatchContext } from '../../main/core/matching/context.js';
import { generateMonth, type GeneratedMonth } from './generator/month.js';
import { fitLogistic } from './matching-logistic.js';
import { matchKey } from './matching-metrics.js';

/** Hand-set starting point: signs and rough sizes only; the fit replaces all but `rejected`. */
const PRIOR: ModelFile = {
  version: 'prior', engineVersion: ENGINE_VERSION,
  pair: { bias: -3, weights: { amountExact: 2.5, amountRel: -3, partial: -1.5, dateGap: -2, nameSim: 3, refStrong: 4, refWeak: 1.5, taxId: 2.5, alias: 2.5, complement: 6, transfer: 2, transferHint: 2, ownIban: 3, sameItems: -1.5, sameLines: -1.5, solutions: -2, ambiguity: -1.5, rejected: -6 } },
  calibration: { bias: 0, weights: { logit: 1 } },
};

function arg(args: readonly string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
}

function runUntil(ctx: MatchContext, state: MatchRunState, stop: MatchRunState['stage']): void {
  while (state.stage !== stop && state.stage !== 'done') advanceRun(ctx, state);
}

function draftKey(ctx: MatchContext, bank: readonly number[], items: readonly number[]): string {
  return matchKey(bank.map((l) => ctx.bank.ids[l] ?? ''), items.map((i) => ctx.books.ids[i] ?? ''));
}

function round(x: number): number {
  return Number(x.toFixed(4));
}

/** Run the engine on each month up to `stop` and collect (rows, labels) with `pick`. */
function collect(months: readonly GeneratedMonth[], model: MatchModel, stop: MatchRunState['stage'], pick: (ctx: MatchContext, state: MatchRunState, truth: Set<string>) => { rows: number[][]; labels: number[] }): { rows: number[][]; labels: number[] } {
  const rows: number[][] = [];
  const labels: number[] = [];
  for (const month of months) {
    const truth = new Set(month.truth.map((t) => matchKey(t.bankIds, t.bookIds)));
    const state = startRun(month.input, { fxRates: month.fxRates }, model);
    const ctx = prepareRun(month.input, state, { model });
    runUntil(ctx, state, stop);
    const got = pick(ctx, state, truth);
    for (const r of got.rows) rows.push(r);
    for (const y of got.labels) labels.push(y);
  }
  return { rows, labels };
}

/** Fit both models on `months` starting from `start`, with `rounds` rounds for the pair model. */
export function fitModels(months: readonly GeneratedMonth[], start: ModelFile, rounds: number, log: (s: string) => void): ModelFile {
  const fixed = new Map([[F.rejected, -6]]);
  let file = start;
  for (let r = 1; r <= rounds; r++) {
    const { rows, labels } = collect(months, compileModel(file), 'assign', (ctx, state, truth) => ({
      rows: state.drafts.map((d) => d.f),
      labels: state.drafts.map((d) => (truth.has(draftKey(ctx, d.bank, d.items)) ? 1 : 0)),
    }));
    const fit = fitLogistic(rows, labels, 1, fixed);
    log(`  pair round ${r}: ${rows.length} drafts, ${labels.filter((y) => y === 1).length} true, log loss ${fit.logLoss.toFixed(4)} (${fit.iterations} Newton steps)`);
    file = { ...file, pair: { bias: round(fit.bias), weights: Object.fromEntries(PAIR_FEATURES.map((n, k) => [n, round(fit.weights[k] ?? 0)])) } };
  }
  const { rows, labels } = collect(months, compileModel(file), 'review', (ctx, state, truth) => {
    const a = state.assignment;
    if (!a) throw new Error('no assignment');
    return {
      rows: a.calibration,
      labels: a.accepted.map((i) => {
        const d = state.drafts[i];
        return d && truth.has(draftKey(ctx, d.bank, d.items)) ? 1 : 0;
      }),
    };
  });
  const cal = fitLogistic(rows, labels, 1);
  log(`  calibration: ${labels.length} proposals, ${labels.filter((y) => y === 1).length} right, log loss ${cal.logLoss.toFixed(4)}`);
  return { ...file, calibration: { bias: round(cal.bias), weights: Object.fromEntries(CALIBRATION_FEATURES.map((n, k) => [n, round(cal.weights[k] ?? 0)])) } };
}

/** Entry point (see the file comment). */
export function main(args: readonly string[]): void {
  const seed = Number(arg(args, 'seed', '7'));
  const sizes = arg(args, 'lines', '10000,100000').split(',').map(Number);
  const rounds = Number(arg(args, 'rounds', '3'));
  const out = arg(args, 'out', fileURLToPath(new URL('../../main/core/matching/model/weights-v1.json', import.meta.url)));
  if (sizes.some((_, k) => seed + k === 42)) throw new Error('seed 42 is the benchmark seed: fit on other ones');
  // One month per size (seeds seed, seed+1, …): the counts features (same amounts, ambiguity) grow with size.
  console.log(`fitting the matching model on generated periods: seeds ${sizes.map((_, k) => seed + k).join(', ')}, ${sizes.join(' + ')} bank lines`);
  const months = sizes.map((n, k) => generateMonth({ seed: seed + k, bankLines: n }));
  const fitted = fitModels(months, PRIOR, rounds, (s) => console.log(s));
  const file: ModelFile = {
    version: 'v1', engineVersion: ENGINE_VERSION, pair: fitted.pair, calibration: fitted.calibration,
    fitted: {
      generator: 'tests/bench/generator/month.ts', seeds: sizes.map((_, k) => seed + k).join(','), bankLines: months.reduce((s, m) => s + m.input.bankLines.length, 0),
      bookItems: months.reduce((s, m) => s + m.input.bookItems.length, 0), method: 'logistic regression, Newton/IRLS, L2 = 1', rounds,
    },
  };
  writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`);
  console.log(`wrote ${out}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
