/**
 * Stages 2–4 for one bank line: deterministic reference evidence, candidate items by blocking
 * (reference keys; the items of the counterparties the line names, found by amount when there are
 * many; exact amounts by hash for the rest; always within the date window, never of the opposite
 * sign), and a scored 1:1 draft per candidate (full, fee, FX or partial). Only the best few are kept.
 */
import { inDateWindow, isRejected, pairScratch, type MatchContext, type PairScratch } from './context.js';
import { differenceTreatment, signedDateGap, fxRateOn, scoreFeatures, setAmountFeatures, setDateFeatures, type Draft } from './draft.js';
import { F } from './model.js';
import { partyHit } from './prepare-bank.js';
import { countInAmountRange, lowerBound } from './prepare-books.js';
import { toleranceFor } from './params.js';
import { isStrongKey } from './references.js';

export { pairScratch, type PairScratch } from './context.js';

const MAX_REF_POSTING = 50;
/** Counterparties with more open items than this are searched by amount, not item by item. */
const BIG_PARTY = 48;
/** Partial-payment candidates taken from such a counterparty (due closest to the payment). */
const BIG_PARTY_PARTIALS = 12;
/** Exact-amount items of counterparties the line does not name that are scored (closest dates). */
const MAX_UNNAMED = 12;
/** Candidates below this pair probability (0.1%) are not kept, except a line's best. */
const MIN_KEPT_LOGIT = Math.log(0.001 / 0.999);
/** Logit distance under which two candidates count as equally good for the ambiguity feature. */
export const AMBIGUITY_MARGIN = 0.5;

/** Reference evidence of a line: item → 2 (a specific key) or 1 (a bare number several items share, or a common key). */
export function referenceHits(ctx: MatchContext, line: number): ReadonlyMap<number, number> {
  const cached = ctx.refHits[line];
  if (cached) return cached;
  let hits: Map<number, number> | undefined;
  for (const key of ctx.bank.evidence[line]?.keys ?? []) {
    const posting = ctx.books.refIndex.get(key);
    if (!posting || posting.length > MAX_REF_POSTING) continue;
    // Specific: a series/year key shared by few items, or a 4+ digit number only one item carries.
    const level = (isStrongKey(key) && posting.length <= 5) || (key.length >= 5 && posting.length === 1) ? 2 : 1;
    hits ??= new Map<number, number>();
    for (const i of posting) if ((hits.get(i) ?? 0) < level) hits.set(i, level);
  }
  const out = hits ?? NO_HITS;
  ctx.refHits[line] = out;
  return out;
}

const NO_HITS: ReadonlyMap<number, number> = new Map();

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
 * Score one line against one item: a full settlement within tolerance (or the FX tolerance), or
 * a partial payment when the payer named the item or is its counterparty; false when neither
 * fits. Fills `s` (features, difference, allocation). Shared with the brute-force baseline.
 */
export function evaluatePair(ctx: MatchContext, line: number, item: number, ev: PairEvidence, s: PairScratch): boolean {
  const { bank, books, params } = ctx;
  const amt = bank.amount[line] ?? 0;
  const cur = bank.currency[line] ?? '';
  const open = books.amount[item] ?? 0;
  if (amt === 0 || open === 0 || Math.sign(amt) !== Math.sign(open)) return false;
  const itemCur = books.currency[item] ?? '';
  const fx = itemCur !== cur;
  const day = bank.day[line] ?? 0;
  const rate = fx ? fxRateOn(ctx.fx, itemCur, cur, day) : 1;
  if (rate === null) return false;
  const expected = Math.round(open * rate);
  const tol = toleranceFor(params, amt) + (fx ? Math.round((Math.abs(expected) * params.fxTolerancePercent) / 100) : 0);
  let diff = amt - expected;
  let alloc = open;
  let partial = false;
  if (Math.abs(diff) > tol) {
    if (books.kinds[item] === 'ledger_entry') return false; // a booked movement is matched whole
    const named = ev.ref > 0 || ev.taxId || ev.alias || ev.sim >= 0.5;
    const clearlyPart = Math.abs(amt) <= 0.9 * Math.abs(expected);
    if (!(Math.abs(amt) < Math.abs(expected) && named && (ev.ref > 0 || clearlyPart))) return false;
    partial = true;
    alloc = Math.round(amt / rate);
    diff = 0;
  }
  const f = s.f;
  f.fill(0);
  setAmountFeatures(f, diff, expected, params, fx);
  const signed = signedDateGap(day, books.day[item] ?? 0, books.endDay[item] ?? 0);
  const gap = Math.abs(signed);
  setDateFeatures(f, gap, signed < 0, books.kinds[item] === 'ledger_entry');
  const party = books.party[item] ?? -1;
  if (partial) {
    // A partial payment's zero difference is by construction, not evidence: the amounts differ.
    f[F.amountExact] = 0;
    f[F.amountRel] = 0;
    f[F.partial] = 1;
    f[F.partialShare] = Math.abs(alloc) / Math.abs(open);
    f[F.partialNoRef] = ev.ref === 0 ? 1 : 0;
  }
  f[F.nameSim] = ev.sim;
  f[F.nameStrong] = ev.sim >= 0.8 ? 1 : 0;
  f[F.noName] = (bank.tokens[line]?.length ?? 0) === 0 || party < 0 ? 1 : 0;
  f[F.exactAndName] = (f[F.amountExact] ?? 0) * ev.sim;
  f[F.refStrong] = ev.ref === 2 ? 1 : 0;
  f[F.refWeak] = ev.ref === 1 ? 1 : 0;
  f[F.taxId] = ev.taxId ? 1 : 0;
  f[F.alias] = ev.alias ? 1 : 0;
  f[F.sameItems] = Math.log1p(Math.max(0, (books.sameCount[item] ?? 1) - 1));
  f[F.sameLines] = party >= 0 && bank.topParty[line] === party ? Math.log1p(Math.max(0, (bank.sameCount[line] ?? 1) - 1)) : 0;
  f[F.blockSize] = Math.log1p(ev.blockSize) / 5;
  const rejected = isRejected(ctx, line, item);
  f[F.rejected] = rejected ? 1 : 0;
  s.diff = diff;
  s.alloc = alloc;
  s.rate = rate;
  s.fx = fx;
  s.gap = gap;
  // Strong signals: a specific reference, the tax id, or a number the named counterparty's item carries.
  s.strong = !rejected && (ev.ref === 2 || ev.taxId || (ev.ref === 1 && (ev.sim >= 0.8 || ev.alias)));
  return true;
}

/** The draft of a scored pair (copies the scratch). */
export function pairDraft(ctx: MatchContext, line: number, item: number, s: PairScratch, logit: number): Draft {
  return {
    kind: 'one', bank: [line], items: [item], alloc: [s.alloc], diff: s.diff, treatment: differenceTreatment(s.diff, ctx.params, s.fx),
    f: s.f.slice(), logit, strong: s.strong, fxRate: s.fx ? s.rate : null, gapDays: s.gap,
  };
}

/** Score one line against one item as a 1:1 draft, or null (see `evaluatePair`). */
export function buildOneDraft(ctx: MatchContext, line: number, item: number, ev: PairEvidence, s: PairScratch = pairScratch()): Draft | null {
  return evaluatePair(ctx, line, item, ev, s) ? pairDraft(ctx, line, item, s, scoreFeatures(ctx.model, s.f)) : null;
}

/**
 * From the base logits of a line's candidates: the ambiguity term of each (how many others are
 * about as good), the final logits, and the indexes of the best `keep`, best first.
 */
export function rankCandidates(ctx: MatchContext, base: readonly number[], keep: number): { ambiguity: number[]; logits: number[]; best: number[] } {
  const w = ctx.model.pair[F.ambiguity] ?? 0;
  const sorted = [...base].sort((a, b) => b - a);
  const ambiguity: number[] = [];
  const logits: number[] = [];
  const countAtLeast = (x: number): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] ?? 0) >= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const l of base) {
    // Others within ±margin of this candidate: equally good explanations of the line.
    const near = countAtLeast(l - AMBIGUITY_MARGIN) - countAtLeast(l + AMBIGUITY_MARGIN + 1e-9) - 1;
    const a = Math.log1p(Math.max(0, near));
    ambiguity.push(a);
    logits.push(l + w * a);
  }
  const order = base.map((_, k) => k).sort((x, y) => (logits[y] ?? 0) - (logits[x] ?? 0) || x - y);
  return { ambiguity, logits, best: order.slice(0, keep) };
}

/** Mark the unique-exact-amount-with-matching-counterparty strong signal on a line's kept drafts. */
export function markUniqueExact(drafts: readonly Draft[], exactNamed: number): void {
  for (const d of drafts) {
    const named = (d.f[F.nameSim] ?? 0) >= 0.8 || d.f[F.alias] === 1;
    if (exactNamed === 1 && named && d.f[F.amountExact] === 1 && d.f[F.partial] === 0 && d.f[F.sameItems] === 0 && d.f[F.sameLines] === 0 && d.f[F.rejected] === 0) d.strong = true;
  }
}

/**
 * Up to `k` items of `posting` (sorted by due day) inside the line's date window, nearest due day
 * first: a binary search, then outwards. Round amounts shared by thousands of items cost O(log n + k).
 */
function nearestByDue(ctx: MatchContext, posting: readonly number[], day: number, k: number, keep: (i: number) => boolean, out: number[]): void {
  const endDay = ctx.books.endDay;
  let lo = 0;
  let hi = posting.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((endDay[posting[mid] ?? 0] ?? 0) < day) lo = mid + 1;
    else hi = mid;
  }
  let left = lo - 1;
  let right = lo;
  let taken = 0;
  while (taken < k && (left >= 0 || right < posting.length)) {
    const li = left >= 0 ? (posting[left] ?? 0) : -1;
    const ri = right < posting.length ? (posting[right] ?? 0) : -1;
    const takeLeft = ri < 0 || (li >= 0 && day - (endDay[li] ?? 0) <= (endDay[ri] ?? 0) - day);
    const i = takeLeft ? li : ri;
    if (takeLeft) left--;
    else right++;
    if (keep(i) && inDateWindow(ctx, day, i)) {
      out.push(i);
      taken++;
    }
  }
}

/** All scored 1:1 drafts of one bank line, best first, at most `limits.maxCandidatesPerLine`. */
export function oneToOneDrafts(ctx: MatchContext, line: number): { drafts: Draft[]; scored: number } {
  const { bank, books, params } = ctx;
  const amt = bank.amount[line] ?? 0;
  if (amt === 0) return { drafts: [], scored: 0 };
  const cur = bank.currency[line] ?? '';
  const day = bank.day[line] ?? 0;
  const refs = referenceHits(ctx, line);
  // Candidates, never all pairs: items the text references; every item of the counterparties the
  // line names (within the date window); of other counterparties only exact amounts (an unnamed
  // fee-sized difference is no evidence), the closest dates first.
  const cands: number[] = [];
  const stamp = ctx.scratchStamp;
  const mark = line + 1;
  const add = (i: number): void => {
    if (stamp[i] !== mark) {
      stamp[i] = mark;
      cands.push(i);
    }
  };
  for (const i of refs.keys()) if (inDateWindow(ctx, day, i, 2)) add(i);
  const tol = toleranceFor(params, amt);
  for (const hit of bank.parties[line] ?? []) {
    const party = books.parties[hit.party];
    if (!party) continue;
    if (party.items.length <= BIG_PARTY) {
      for (const i of party.items) if (Math.sign(books.amount[i] ?? 0) === Math.sign(amt) && inDateWindow(ctx, day, i)) add(i);
      continue;
    }
    // A counterparty with hundreds of open items (a utility, a landlord): its items near the
    // amount, and as partial-payment candidates only the few invoices due closest to the payment.
    const { order, amounts } = party.byAmount;
    for (let k = lowerBound(amounts, amt - tol); k < amounts.length && (amounts[k] ?? 0) <= amt + tol; k++) {
      const i = order[k] ?? 0;
      if (inDateWindow(ctx, day, i)) add(i);
    }
    const partials = party.items.filter((i) => books.kinds[i] !== 'ledger_entry' && Math.sign(books.amount[i] ?? 0) === Math.sign(amt)
      && Math.abs(books.amount[i] ?? 0) > Math.abs(amt) && inDateWindow(ctx, day, i));
    const due = (i: number): number => Math.abs(day - (books.endDay[i] ?? 0));
    for (const i of partials.sort((x, y) => due(x) - due(y) || x - y).slice(0, BIG_PARTY_PARTIALS)) add(i);
  }
  const unnamedExact: number[] = [];
  const exact = books.exactIndex.get(cur);
  for (let a = amt - params.roundingMinor; exact && a <= amt + params.roundingMinor; a++) {
    const posting = exact.get(a);
    if (posting) nearestByDue(ctx, posting, day, MAX_UNNAMED, (i) => stamp[i] !== mark, unnamedExact);
  }
  if (unnamedExact.length > MAX_UNNAMED) {
    const gap = (i: number): number => Math.abs(day - (books.endDay[i] ?? 0));
    unnamedExact.sort((x, y) => gap(x) - gap(y) || x - y);
    unnamedExact.length = MAX_UNNAMED;
  }
  for (const i of unnamedExact) add(i);
  const blockSize = countInAmountRange(books, cur, amt - tol, amt + tol);
  const scratch = ctx.pairScratch;
  const items: number[] = [];
  const evs: PairEvidence[] = [];
  const base: number[] = [];
  let exactNamed = 0;
  const ev: PairEvidence = { ref: 0, sim: 0, taxId: false, alias: false, blockSize };
  for (const i of cands) {
    // Counterparties blocking did not find share no name token with the line: similarity 0.
    const hit = partyHit(bank, line, books.party[i] ?? -1);
    ev.ref = refs.get(i) ?? 0;
    ev.sim = hit?.sim ?? 0;
    ev.taxId = hit?.taxId ?? false;
    ev.alias = hit?.alias ?? false;
    if (!evaluatePair(ctx, line, i, ev, scratch)) continue;
    if (scratch.f[F.amountExact] === 1 && scratch.f[F.partial] === 0 && (ev.sim >= 0.8 || ev.alias)) exactNamed++;
    items.push(i);
    evs.push({ ...ev });
    base.push(scoreFeatures(ctx.model, scratch.f));
  }
  const { ambiguity, logits, best } = rankCandidates(ctx, base, params.limits.maxCandidatesPerLine);
  const drafts: Draft[] = [];
  for (const k of best) {
    // Below the proposal floor a draft can only ever be listed; keep just the line's best one.
    if (drafts.length > 0 && (logits[k] ?? 0) < MIN_KEPT_LOGIT) break;
    const item = items[k] ?? 0;
    evaluatePair(ctx, line, item, evs[k] as PairEvidence, scratch);
    scratch.f[F.ambiguity] = ambiguity[k] ?? 0;
    drafts.push(pairDraft(ctx, line, item, scratch, logits[k] ?? 0));
  }
  markUniqueExact(drafts, exactNamed);
  return { drafts, scored: cands.length };
}
