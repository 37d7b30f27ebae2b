// The baseline of the matching benchmark: every bank line scored against every open item with
// the engine's own 1:1 scorer (`evaluatePair`, same features, same model, same ranking), no
// blocking. Counterparty similarity is computed once per (line, counterparty) — a fair baseline,
// not a strawman — but every pair is evaluated.
import { evaluatePair, rankCandidates, referenceHits, type PairEvidence } from '../../main/core/matching/candidates.js';
import type { MatchContext } from '../../main/core/matching/context.js';
import { scoreFeatures } from '../../main/core/matching/draft.js';
import { countInAmountRange } from '../../main/core/matching/prepare-books.js';
import { lineToPartySimilarity, partyHit } from '../../main/core/matching/prepare-bank.js';
import { toleranceFor } from '../../main/core/matching/params.js';

/** Best 1:1 item per line (or -1), the pairs evaluated, and how many lines were done. */
export interface BruteForceResult {
  best: Int32Array;
  /** Logit of that best candidate (-Infinity when none). */
  bestLogit: Float64Array;
  pairs: number;
  lines: number;
}

/** Score all pairs for the first `maxLines` lines (all by default); stops early after `budgetMs`. */
export function bruteForceOneToOne(ctx: MatchContext, maxLines = Infinity, budgetMs = Infinity): BruteForceResult {
  const { bank, books, params } = ctx;
  const best = new Int32Array(bank.n).fill(-1);
  const bestLogit = new Float64Array(bank.n).fill(-Infinity);
  const sims = new Float64Array(books.parties.length);
  const scratch = ctx.pairScratch;
  const ev: PairEvidence = { ref: 0, sim: 0, taxId: false, alias: false, blockSize: 0 };
  const started = performance.now();
  let pairs = 0;
  let l = 0;
  for (; l < Math.min(bank.n, maxLines); l++) {
    if (performance.now() - started > budgetMs) break;
    for (let p = 0; p < books.parties.length; p++) sims[p] = lineToPartySimilarity(bank, books, l, p);
    const refs = referenceHits(ctx, l);
    const amt = bank.amount[l] ?? 0;
    ev.blockSize = countInAmountRange(books, bank.currency[l] ?? '', amt - toleranceFor(params, amt), amt + toleranceFor(params, amt));
    const taxIds = new Set(bank.taxIds[l] ?? []);
    const items: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < books.n; i++) {
      pairs++;
      const party = books.party[i] ?? -1;
      ev.ref = refs.get(i) ?? 0;
      ev.sim = party >= 0 ? (sims[party] ?? 0) : 0;
      ev.taxId = party >= 0 && taxIds.has(books.parties[party]?.taxId ?? '');
      ev.alias = partyHit(bank, l, party)?.alias ?? false;
      if (!evaluatePair(ctx, l, i, ev, scratch)) continue;
      items.push(i);
      base.push(scoreFeatures(ctx.model, scratch.f));
    }
    const { best: top, logits } = rankCandidates(ctx, base, 1);
    best[l] = top.length > 0 ? (items[top[0] ?? 0] ?? -1) : -1;
    bestLogit[l] = top.length > 0 ? (logits[top[0] ?? 0] ?? -Infinity) : -Infinity;
  }
  return { best, bestLogit, pairs, lines: l };
}
