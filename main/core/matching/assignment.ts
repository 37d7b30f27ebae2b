/**
 * Stage 6: global assignment. Drafts are taken best first over the whole run; a bank line goes
 * to one proposal, an item to as many as its open amount allows. Then each accepted draft learns
 * how close its rivals were — on its own lines (other explanations) and on its items (other lines
 * that wanted them) — which the calibration and the tie rule use.
 */
import type { MatchContext } from './context.js';
import type { Draft } from './draft.js';
import { C, CALIBRATION_FEATURES, F, calibratedConfidence, sigmoid } from './model.js';

/** Drafts below this pair probability (0.1%) are not proposed (they stay as weak candidates of the line). */
export const MIN_PROPOSAL_LOGIT = Math.log(0.001 / 0.999);
/** Two drafts closer than this in logit are equally good: neither may be auto-approved. */
export const TIE_MARGIN = 0.05;
const GAP_CAP = 10;
const EXCHANGE_MIN_LOGIT = Math.log(0.2 / 0.8);

/** The outcome of assignment, as plain data (part of the checkpoint). */
export interface AssignmentState {
  /** Accepted draft indexes, best first. */
  accepted: number[];
  /** Per accepted draft: its calibration features and its confidence. */
  calibration: number[][];
  confidence: number[];
  tie: boolean[];
  /** Per accepted draft: indexes of alternative drafts on the same lines, best first. */
  alternatives: number[][];
  /** Bank line index → accepted draft index, or -1. */
  lineDraft: number[];
}

/** Draft indexes best first: logit, then strong, fewer members, lower line and item (deterministic). */
function order(drafts: readonly Draft[]): number[] {
  const n = drafts.length;
  const logit = new Float64Array(n);
  const tie = new Float64Array(n);
  drafts.forEach((d, i) => {
    logit[i] = d.logit;
    // Secondary keys packed into one number: weak after strong, then size, then first line.
    tie[i] = (d.strong ? 0 : 1) * 1e12 + (d.bank.length + d.items.length) * 1e10 + (d.bank[0] ?? 0);
  });
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => (logit[b] ?? 0) - (logit[a] ?? 0) || (tie[a] ?? 0) - (tie[b] ?? 0) || (drafts[a]?.items[0] ?? 0) - (drafts[b]?.items[0] ?? 0) || a - b);
  return idx;
}

/**
 * One pass of exchanges after the greedy: a draft left out because one or two accepted drafts hold
 * its line or items replaces them when that raises the expected number of right matches (Σ pair
 * probabilities), counting the best feasible fallback of the lines it displaces.
 */
function improveAssignment(
  drafts: readonly Draft[], sorted: readonly number[], byLine: readonly number[][], byItem: ReadonlyMap<number, number[]>,
  lineDraft: number[], lacks: (item: number, need: number) => boolean, fits: (d: Draft) => boolean, take: (i: number, d: Draft, sign: 1 | -1) => void,
): void {
  const p = (d: Draft | undefined): number => (d ? sigmoid(d.logit) : 0);
  for (const i of sorted) {
    const d = drafts[i];
    // Only a draft with a real chance can pay for what it displaces.
    if (!d || d.logit < EXCHANGE_MIN_LOGIT || (d.bank.length > 0 && lineDraft[d.bank[0] ?? 0] === i)) continue;
    const blockers = new Set<number>();
    for (const l of d.bank) if ((lineDraft[l] ?? -1) !== -1) blockers.add(lineDraft[l] ?? -1);
    d.items.forEach((it, k) => {
      if (!lacks(it, Math.abs(d.alloc[k] ?? 0))) return;
      for (const j of byItem.get(it) ?? []) {
        const c = drafts[j];
        if (c && c.bank.length > 0 && lineDraft[c.bank[0] ?? 0] === j) blockers.add(j);
      }
    });
    if (blockers.size === 0 || blockers.size > 2) continue;
    const before = [...blockers].reduce((s, j) => s + p(drafts[j]), 0);
    if (p(d) <= before - 1) continue;
    for (const j of blockers) take(j, drafts[j] as Draft, -1);
    if (!fits(d)) {
      for (const j of blockers) take(j, drafts[j] as Draft, 1);
      continue;
    }
    take(i, d, 1);
    const fallbacks: number[] = [];
    for (const j of blockers) for (const l of drafts[j]?.bank ?? []) {
      if ((lineDraft[l] ?? -1) !== -1) continue;
      const alt = (byLine[l] ?? []).find((k) => {
        const c = drafts[k];
        return c !== undefined && !blockers.has(k) && c.logit >= MIN_PROPOSAL_LOGIT && c.bank.every((x) => (lineDraft[x] ?? -1) === -1) && fits(c);
      });
      if (alt !== undefined) {
        take(alt, drafts[alt] as Draft, 1);
        fallbacks.push(alt);
      }
    }
    const after = p(d) + fallbacks.reduce((s, k) => s + p(drafts[k]), 0);
    if (after > before + 0.05) continue;
    for (const k of fallbacks) take(k, drafts[k] as Draft, -1);
    take(i, d, -1);
    for (const j of blockers) take(j, drafts[j] as Draft, 1);
  }
}

/** Greedy assignment by score with item capacities, then rival gaps, ties and calibrated confidence. */
export function assignDrafts(ctx: MatchContext, drafts: readonly Draft[]): AssignmentState {
  const nLines = ctx.bank.n;
  const lineDraft = new Array<number>(nLines).fill(-1);
  const remaining = Float64Array.from(ctx.books.amount, (a) => Math.abs(a));
  const byLine: number[][] = Array.from({ length: nLines }, () => []);
  const byItem = new Map<number, number[]>();
  drafts.forEach((d, i) => {
    for (const l of d.bank) byLine[l]?.push(i);
    for (const it of d.items) {
      const list = byItem.get(it);
      if (list) list.push(i);
      else byItem.set(it, [i]);
    }
  });
  const sorted = order(drafts);
  const rank = new Int32Array(drafts.length);
  sorted.forEach((i, r) => {
    rank[i] = r;
  });
  for (const list of byLine) list.sort((a, b) => (rank[a] ?? 0) - (rank[b] ?? 0));
  const lacks = (it: number, need: number): boolean => need > (remaining[it] ?? 0) + ctx.params.roundingMinor;
  const fits = (d: Draft): boolean => d.items.every((it, k) => !lacks(it, Math.abs(d.alloc[k] ?? 0)));
  const take = (i: number, d: Draft, sign: 1 | -1): void => {
    for (const l of d.bank) lineDraft[l] = sign === 1 ? i : -1;
    d.items.forEach((it, k) => {
      remaining[it] = Math.max(0, (remaining[it] ?? 0) - sign * Math.abs(d.alloc[k] ?? 0));
    });
  };
  for (const i of sorted) {
    const d = drafts[i];
    if (!d || d.logit < MIN_PROPOSAL_LOGIT || d.bank.some((l) => lineDraft[l] !== -1) || !fits(d)) continue;
    take(i, d, 1);
  }
  improveAssignment(drafts, sorted, byLine, byItem, lineDraft, lacks, fits, take);
  const accepted = sorted.filter((i) => {
    const d = drafts[i];
    return d !== undefined && d.bank.length > 0 && lineDraft[d.bank[0] ?? 0] === i;
  });
  const calibration: number[][] = [];
  const confidence: number[] = [];
  const tie: boolean[] = [];
  const alternatives: number[][] = [];
  for (const i of accepted) {
    const d = drafts[i];
    if (!d) continue;
    const rivals = new Set<number>();
    for (const l of d.bank) for (const j of byLine[l] ?? []) if (j !== i) rivals.add(j);
    const alts = [...rivals].sort((a, b) => (drafts[b]?.logit ?? 0) - (drafts[a]?.logit ?? 0) || a - b);
    const bestLine = alts.length > 0 ? (drafts[alts[0] ?? 0]?.logit ?? -Infinity) : -Infinity;
    // A draft of another line for one of these items competes only if that line did no better elsewhere.
    let bestItem = -Infinity;
    for (const it of d.items) {
      for (const j of byItem.get(it) ?? []) {
        const c = drafts[j];
        if (!c || j === i || rivals.has(j) || c.bank.some((l) => d.bank.includes(l))) continue;
        const elsewhere = c.bank.some((l) => {
          const won = lineDraft[l] ?? -1;
          return won !== -1 && (drafts[won]?.logit ?? 0) > c.logit;
        });
        if (!elsewhere && c.logit > bestItem) bestItem = c.logit;
      }
    }
    const gapLine = Math.min(GAP_CAP, d.logit - bestLine);
    const gapItem = Math.min(GAP_CAP, d.logit - bestItem);
    const isTie = gapLine < TIE_MARGIN || gapItem < TIE_MARGIN;
    const c = new Array<number>(CALIBRATION_FEATURES.length).fill(0);
    c[C.logit] = Math.max(-15, Math.min(15, d.logit));
    c[C.gapLine] = Math.max(0, gapLine);
    c[C.gapItem] = Math.max(0, gapItem);
    c[C.noAlt] = alts.length === 0 ? 1 : 0;
    c[C.strong] = d.strong ? 1 : 0;
    c[C.multi] = d.bank.length + d.items.length > 2 ? 1 : 0;
    c[C.transfer] = d.kind === 'transfer' ? 1 : 0;
    c[C.partial] = d.f[F.partial] ?? 0;
    c[C.fx] = d.f[F.fx] ?? 0;
    c[C.tie] = isTie ? 1 : 0;
    calibration.push(c);
    confidence.push(calibratedConfidence(ctx.model, c));
    tie.push(isTie);
    alternatives.push(alts.slice(0, ctx.params.limits.maxAlternatives));
  }
  return { accepted, calibration, confidence, tie, alternatives, lineDraft };
}
