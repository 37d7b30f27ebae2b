/**
 * Quality figures of a matching result against the generator's ground truth: precision of the
 * auto-approved proposals, share of true matches auto-approved, recall of proposals (with their
 * alternatives), a calibration table by confidence decile, and the same per pattern.
 */
import type { MatchResult } from '../../main/core/matching/types.js';
import type { Pattern, TruthMatch } from './generator/month.js';

/** A match's identity: its sorted bank ids and sorted book ids. */
export function matchKey(bankIds: readonly string[], bookIds: readonly string[]): string {
  return `${[...bankIds].sort().join(',')}|${[...bookIds].sort().join(',')}`;
}

/** One confidence decile. */
export interface CalibrationBin {
  lo: number;
  hi: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

/** All figures of one evaluation. */
export interface Evaluation {
  truth: number;
  proposals: number;
  autoApproved: number;
  autoCorrect: number;
  precision: number;
  autoShare: number;
  recall: number;
  topRecall: number;
  calibration: CalibrationBin[];
  byPattern: Record<string, { truth: number; auto: number; top: number; proposed: number }>;
}

/** Compare a result with the truth. */
export function evaluate(result: MatchResult, truth: readonly TruthMatch[]): Evaluation {
  const truthKeys = new Map<string, Pattern>();
  for (const t of truth) truthKeys.set(matchKey(t.bankIds, t.bookIds), t.pattern);
  const proposed = new Set<string>();
  const top = new Set<string>();
  let auto = 0;
  let autoCorrect = 0;
  const bins = Array.from({ length: 10 }, (_, i) => ({ lo: i / 10, hi: (i + 1) / 10, count: 0, sumConf: 0, correct: 0 }));
  const autoByPattern = new Map<string, number>();
  for (const p of result.proposals) {
    const key = matchKey(p.bankIds, p.bookIds);
    const correct = truthKeys.has(key);
    top.add(key);
    proposed.add(key);
    for (const a of p.alternatives) proposed.add(matchKey(a.bankIds, a.bookIds));
    if (p.status === 'auto_approved') {
      auto++;
      if (correct) {
        autoCorrect++;
        const pattern = truthKeys.get(key) ?? 'simple';
        autoByPattern.set(pattern, (autoByPattern.get(pattern) ?? 0) + 1);
      }
    }
    const bin = bins[Math.min(9, Math.floor(p.confidence * 10))];
    if (bin) {
      bin.count++;
      bin.sumConf += p.confidence;
      if (correct) bin.correct++;
    }
  }
  const byPattern: Evaluation['byPattern'] = {};
  let found = 0;
  let foundTop = 0;
  for (const [key, pattern] of truthKeys) {
    const row = (byPattern[pattern] ??= { truth: 0, auto: 0, top: 0, proposed: 0 });
    row.truth++;
    if (proposed.has(key)) {
      found++;
      row.proposed++;
    }
    if (top.has(key)) {
      foundTop++;
      row.top++;
    }
  }
  for (const [pattern, n] of autoByPattern) if (byPattern[pattern]) byPattern[pattern].auto = n;
  const n = truthKeys.size;
  return {
    truth: n, proposals: result.proposals.length, autoApproved: auto, autoCorrect, precision: auto > 0 ? autoCorrect / auto : 1,
    autoShare: n > 0 ? autoCorrect / n : 0, recall: n > 0 ? found / n : 0, topRecall: n > 0 ? foundTop / n : 0,
    calibration: bins.map((b) => ({ lo: b.lo, hi: b.hi, count: b.count, meanConfidence: b.count ? b.sumConf / b.count : 0, accuracy: b.count ? b.correct / b.count : 0 })),
    byPattern,
  };
}

const pct = (x: number, d = 2): string => `${(x * 100).toFixed(d)}%`;

/** The evaluation as printable lines. */
export function formatEvaluation(e: Evaluation): string[] {
  const out = [
    `  true matches ${e.truth}, proposals ${e.proposals}, auto-approved ${e.autoApproved}`,
    `  auto-approved precision   ${pct(e.precision)}  (${e.autoApproved - e.autoCorrect} wrong)   target ≥ 99.50%`,
    `  auto-approved share       ${pct(e.autoShare)}  of true matches                 target ≥ 85.00%`,
    `  proposal recall           ${pct(e.recall)}  (top proposal only: ${pct(e.topRecall)})  target ≥ 98.00%`,
    '  calibration by confidence decile:',
    '    decile      count   mean conf   accuracy   gap',
  ];
  for (const b of e.calibration) {
    const gap = b.count > 0 ? (b.accuracy - b.meanConfidence) * 100 : 0;
    const flag = b.count >= 100 && Math.abs(gap) > 5 ? '  ✗' : b.count >= 100 ? '  ✓' : '  (n<100)';
    out.push(`    ${b.lo.toFixed(1)}–${b.hi.toFixed(1)}  ${String(b.count).padStart(8)}   ${pct(b.meanConfidence, 1).padStart(8)}   ${pct(b.accuracy, 1).padStart(8)}  ${gap >= 0 ? '+' : ''}${gap.toFixed(1)}${b.count > 0 ? flag : ''}`);
  }
  out.push('  by pattern (true / top proposal / among proposals+alternatives / auto-approved):');
  for (const [p, r] of Object.entries(e.byPattern).sort()) {
    out.push(`    ${p.padEnd(11)} ${String(r.truth).padStart(7)}  ${pct(r.top / r.truth, 1).padStart(7)}  ${pct(r.proposed / r.truth, 1).padStart(7)}  ${pct(r.auto / r.truth, 1).padStart(7)}`);
  }
  return out;
}
