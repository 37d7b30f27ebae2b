/**
 * Stages 2–4 for one bank line: deterministic reference evidence, candidate items by blocking
 * (reference keys, amount range per currency incl. FX, the line's counterparties' items for
 * partial payments; always within the date window and never of the opposite sign), and a
 * scored 1:1 draft per candidate. Only the best few drafts are kept.
 */
import { inDateWindow, isRejected, type MatchContext } from './context.js';
import { dateGap, differenceTreatment, emptyFeatures, fxRateOn, fxSources, scoreFeatures, setAmountFeatures, setDateFeatures, type Draft } from './draft.js';
import { F } from './model.js';
import { lineToPartySimilarity, partyHit } from './prepare-bank.js';
import { forEachInAmountRange, sameAmountKey } from './prepare-books.js';
import { toleranceFor } from './params.js';
import { isStrongKey } from './references.js';

const MAX_REF_POSTING = 50;
const MAX_LAZY_SIMS = 32;
/** Logit distance under which two candidates count as equally good for the ambiguity feature. */
export const AMBIGUITY_MARGIN = 0.5;

/** Reference evidence of a line: item → 2 (a strong, specific key) or 1 (a bare number or a shared key). */
export function referenceHits(ctx: MatchContext, line: number): Map<number, number> {
  const hits = new Map<number, number>();
  for (const key of ctx.bank.evidence[line]?.keys ?? []) {
    const posting = ctx.books.refIndex.get(key);
    if (!posting || posting.length > MAX_REF_POSTING) continue;
    const level = isStrongKey(key) && posting.length <= 5 ? 2 : 1;
    for (const i of posting) if ((hits.get(i) ?? 0) < level) hits.set(i, level);
  }
  return hits;
}

/** What the scorer needs to know about a pair beyond the two rows. */
export interface PairEvidence {
  ref: number;
  sim: number;
  taxId: boolean;
  alias: boolean;
  /** Items in the line's amount block (how generic the amount is). */
  blockSize: number;
}

/**
 * Score one line against one item as a 1:1 draft: a full settlement within tolerance (or the FX
 * tolerance), or a partial payment when the payer named the item or is its counterparty; null
 * when neither fits. Shared by the engine and the brute-force baseline of the benchmark.
 */
export function buildOneDraft(ctx: MatchContext, line: number, item: number, ev: PairEvidence): Draft | null {
  const { bank, books, params } = ctx;
  const amt = bank.amount[line] ?? 0;
  const cur = bank.currency[line] ?? '';
  const open = books.amount[item] ?? 0;
  if (amt === 0 || open === 0 || Math.sign(amt) !== Math.sign(open)) return null;
  const itemCur = books.currency[item] ?? '';
  const fx = itemCur !== cur;
  const day = bank.day[line] ?? 0;
  const rate = fx ? fxRateOn(ctx.fx, itemCur, cur, day) : 1;
  if (rate === null) return null;
  const expected = Math.round(open * rate);
  const tol = toleranceFor(params, amt) + (fx ? Math.round((Math.abs(expected) * params.fxTolerancePercent) / 100) : 0);
  let diff = amt - expected;
  let alloc = open;
  let partial = false;
  if (Math.abs(diff) > tol) {
    const named = ev.ref > 0 || ev.taxId || ev.alias || ev.sim >= 0.5;
    const clearlyPart = Math.abs(amt) <= 0.9 * Math.abs(expected);
    if (!(Math.abs(amt) < Math.abs(expected) && named && (ev.ref > 0 || clearlyPart))) return null;
    partial = true;
    alloc = Math.round(amt / rate);
    diff = 0;
  }
  const f = emptyFeatures();
  setAmountFeatures(f, diff, expected, params, fx);
  const { gap, before } = dateGap(day, books.day[item] ?? 0, books.endDay[item] ?? 0);
  setDateFeatures(f, gap, before, books.kinds[item] === 'ledger_entry');
  const party = books.party[item] ?? -1;
  const noName = (bank.tokens[line]?.length ?? 0) === 0 || party < 0;
  f[F.partial] = partial ? 1 : 0;
  f[F.partialShare] = partial ? Math.abs(alloc) / Math.abs(open) : 0;
  f[F.partialNoRef] = partial && ev.ref === 0 ? 1 : 0;
  f[F.nameSim] = ev.sim;
  f[F.nameStrong] = ev.sim >= 0.8 ? 1 : 0;
  f[F.noName] = noName ? 1 : 0;
  f[F.exactAndName] = (f[F.amountExact] ?? 0) * ev.sim;
  f[F.refStrong] = ev.ref === 2 ? 1 : 0;
  f[F.refWeak] = ev.ref === 1 ? 1 : 0;
  f[F.taxId] = ev.taxId ? 1 : 0;
  f[F.alias] = ev.alias ? 1 : 0;
  const sameItems = party >= 0 ? (books.sameAmount.get(sameAmountKey(party, itemCur, open)) ?? 1) : 1;
  const sameLines = party >= 0 && bank.topParty[line] === party ? (bank.sameLines.get(sameAmountKey(party, cur, amt)) ?? 1) : 1;
  f[F.sameItems] = Math.log1p(Math.max(0, sameItems - 1));
  f[F.sameLines] = Math.log1p(Math.max(0, sameLines - 1));
  f[F.blockSize] = Math.log1p(ev.blockSize) / 5;
  const rejected = isRejected(ctx, line, item);
  f[F.rejected] = rejected ? 1 : 0;
  const strong = !rejected && (ev.ref === 2 || ev.taxId);
  return {
    kind: 'one', bank: [line], items: [item], alloc: [alloc], diff, treatment: differenceTreatment(diff, params, fx),
    f, logit: scoreFeatures(ctx.model, f), strong, fxRate: fx ? rate : null, gapDays: gap,
  };
}

/**
 * Add the ambiguity term (how many other drafts of the same line are about as good), mark the
 * unique-exact-amount-with-matching-counterparty strong signal, and keep the best `keep`.
 */
export function finishLineDrafts(ctx: MatchContext, drafts: Draft[], keep: number): Draft[] {
  drafts.sort((a, b) => b.logit - a.logit || (a.items[0] ?? 0) - (b.items[0] ?? 0));
  const w = ctx.model.pair[F.ambiguity] ?? 0;
  const base = drafts.map((d) => d.logit);
  const exactNamed = drafts.filter((d) => d.f[F.amountExact] === 1 && ((d.f[F.nameSim] ?? 0) >= 0.8 || d.f[F.alias] === 1)).length;
  for (let k = 0; k < drafts.length; k++) {
    const d = drafts[k];
    if (!d) continue;
    let others = 0;
    for (let j = 0; j < base.length; j++) if (j !== k && (base[j] ?? 0) >= (base[k] ?? 0) - AMBIGUITY_MARGIN) others++;
    d.f[F.ambiguity] = Math.log1p(others);
    d.logit += w * (d.f[F.ambiguity] ?? 0);
    const uniqueExact = exactNamed === 1 && d.f[F.amountExact] === 1 && d.f[F.sameItems] === 0 && d.f[F.sameLines] === 0
      && d.f[F.partial] === 0 && ((d.f[F.nameSim] ?? 0) >= 0.8 || d.f[F.alias] === 1);
    if (uniqueExact && d.f[F.rejected] === 0) d.strong = true;
  }
  drafts.sort((a, b) => b.logit - a.logit || (a.items[0] ?? 0) - (b.items[0] ?? 0));
  return drafts.slice(0, keep);
}

/** All scored 1:1 drafts of one bank line, best first, at most `limits.maxCandidatesPerLine`. */
export function oneToOneDrafts(ctx: MatchContext, line: number): { drafts: Draft[]; scored: number } {
  const { bank, books, params } = ctx;
  const amt = bank.amount[line] ?? 0;
  if (amt === 0) return { drafts: [], scored: 0 };
  const cur = bank.currency[line] ?? '';
  const day = bank.day[line] ?? 0;
  const refs = referenceHits(ctx, line);
  const cands = new Set<number>();
  for (const i of refs.keys()) if (inDateWindow(ctx, day, i, 2)) cands.add(i);
  const tol = toleranceFor(params, amt);
  let blockSize = 0;
  forEachInAmountRange(books, cur, amt - tol, amt + tol, (i) => {
    blockSize++;
    if (inDateWindow(ctx, day, i)) cands.add(i);
  });
  for (const src of fxSources(ctx.fx, cur)) {
    const rate = fxRateOn(ctx.fx, src, cur, day);
    if (rate === null) continue;
    const ftol = tol + (Math.abs(amt) * params.fxTolerancePercent) / 100;
    forEachInAmountRange(books, src, (amt - ftol) / rate, (amt + ftol) / rate, (i) => {
      if (inDateWindow(ctx, day, i)) cands.add(i);
    });
  }
  for (const hit of bank.parties[line] ?? []) {
    if (!(hit.sim >= 0.5 || hit.taxId || hit.alias)) continue;
    for (const i of books.parties[hit.party]?.items ?? []) {
      const open = books.amount[i] ?? 0;
      if (Math.sign(open) === Math.sign(amt) && Math.abs(amt) < Math.abs(open) && inDateWindow(ctx, day, i)) cands.add(i);
    }
  }
  const lazy = new Map<number, number>();
  const drafts: Draft[] = [];
  for (const i of cands) {
    const party = books.party[i] ?? -1;
    const hit = partyHit(bank, line, party);
    let sim = hit?.sim ?? 0;
    if (!hit && party >= 0) {
      const cached = lazy.get(party);
      if (cached !== undefined) sim = cached;
      else if (lazy.size < MAX_LAZY_SIMS) {
        sim = lineToPartySimilarity(bank, books, line, party);
        lazy.set(party, sim);
      }
    }
    const d = buildOneDraft(ctx, line, i, { ref: refs.get(i) ?? 0, sim, taxId: hit?.taxId ?? false, alias: hit?.alias ?? false, blockSize });
    if (d) drafts.push(d);
  }
  return { drafts: finishLineDrafts(ctx, drafts, params.limits.maxCandidatesPerLine), scored: cands.size };
}
