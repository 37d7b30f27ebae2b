/**
 * Stage 5: combinations. One line paying several items of its counterparty (credit notes netted
 * in, fees within tolerance), and several lines paying one item (instalments). Pools come from
 * blocking (the line's counterparties, its reference hits, the date window), are capped, and the
 * subset-sum is bounded; every cut is reported as a diagnostic.
 */
import { referenceHits } from './candidates.js';
import { inDateWindow, isRejected, type MatchContext } from './context.js';
import { differenceTreatment, signedDateGap, emptyFeatures, scoreFeatures, setAmountFeatures, setDateFeatures, type Draft } from './draft.js';
import { F } from './model.js';
import { partyHit } from './prepare-bank.js';
import { subsetSum } from './subset-sum.js';
import type { MatchDiagnostic } from './types.js';

/** Payments tried as instalments of one item (those naming it first, then by date). */
const MAX_INSTALMENT_POOL = 14;

/** Mutable budget shared by the searches of one stage run. */
export interface SearchBudget {
  deadline: number;
  now: () => number;
  exhausted: boolean;
  searches: number;
}

function overBudget(budget: SearchBudget): boolean {
  if (budget.exhausted) return true;
  if (++budget.searches % 32 === 0 && budget.now() > budget.deadline) budget.exhausted = true;
  return budget.exhausted;
}

interface Member {
  line: number;
  item: number;
  ref: number;
  sim: number;
  taxId: boolean;
  alias: boolean;
}

function combinationFeatures(ctx: MatchContext, members: Member[], diff: number, target: number, equallyGood: number, kind: 'combo' | 'instal'): { f: number[]; strong: boolean; gap: number } {
  const f = emptyFeatures();
  setAmountFeatures(f, diff, target, ctx.params, false);
  let gap = 0;
  let before = false;
  let ledger = false;
  for (const m of members) {
    if (ctx.books.kinds[m.item] === 'credit_note') continue;
    const g = signedDateGap(ctx.bank.day[m.line] ?? 0, ctx.books.day[m.item] ?? 0, ctx.books.endDay[m.item] ?? 0);
    if (Math.abs(g) > gap) gap = Math.abs(g);
    before ||= g < 0;
    ledger ||= ctx.books.kinds[m.item] === 'ledger_entry';
  }
  setDateFeatures(f, gap, before, ledger);
  const sims = members.map((m) => m.sim);
  const sim = sims.reduce((a, b) => a + b, 0) / Math.max(1, sims.length);
  const allStrong = members.every((m) => m.ref === 2);
  const anyRef = members.some((m) => m.ref > 0);
  const allTax = members.every((m) => m.taxId);
  const allAlias = members.every((m) => m.alias);
  const rejected = members.some((m) => isRejected(ctx, m.line, m.item));
  f[F.nameSim] = sim;
  f[F.nameStrong] = sim >= 0.8 ? 1 : 0;
  f[F.exactAndName] = (f[F.amountExact] ?? 0) * sim;
  f[F.refStrong] = allStrong ? 1 : 0;
  f[F.refWeak] = anyRef && !allStrong ? 1 : 0;
  f[F.taxId] = allTax ? 1 : 0;
  f[F.alias] = allAlias ? 1 : 0;
  f[F.multi] = Math.log2(members.length);
  f[F.creditNote] = members.some((m) => ctx.books.kinds[m.item] === 'credit_note') ? 1 : 0;
  f[F.instalments] = kind === 'instal' ? 1 : 0;
  f[F.solutions] = Math.log1p(Math.max(0, equallyGood - 1));
  f[F.rejected] = rejected ? 1 : 0;
  const named = allTax || allAlias || sim >= 0.8;
  const strong = !rejected && (allStrong || (f[F.amountExact] === 1 && named && equallyGood === 1));
  return { f, strong, gap };
}

function member(ctx: MatchContext, line: number, item: number, refs: ReadonlyMap<number, number>): Member {
  const hit = partyHit(ctx.bank, line, ctx.books.party[item] ?? -1);
  return { line, item, ref: refs.get(item) ?? 0, sim: hit?.sim ?? 0, taxId: hit?.taxId ?? false, alias: hit?.alias ?? false };
}

/** One line paying several items of its counterparties (or items its text names). */
export function lineCombination(ctx: MatchContext, line: number, budget: SearchBudget, diagnostics: MatchDiagnostic[]): Draft | null {
  const { bank, books, params } = ctx;
  const amt = bank.amount[line] ?? 0;
  const cur = bank.currency[line] ?? '';
  const day = bank.day[line] ?? 0;
  if (amt === 0) return null;
  const refs = referenceHits(ctx, line);
  const pool = new Set<number>();
  const eligible = (i: number): boolean => {
    if (books.currency[i] !== cur || !inDateWindow(ctx, day, i, 1)) return false;
    const open = books.amount[i] ?? 0;
    return Math.sign(open) === Math.sign(amt) || (books.kinds[i] === 'credit_note' && open !== 0);
  };
  for (const i of refs.keys()) if (eligible(i)) pool.add(i);
  const hits = bank.parties[line] ?? [];
  // A counterparty confirmed by tax id or alias is the one; otherwise the most similar (two if as similar).
  const topSim = hits[0]?.sim ?? 0;
  const parties = hits[0]?.taxId || hits[0]?.alias ? hits.slice(0, 1) : hits.filter((h) => h.sim >= 0.6 && h.sim >= topSim - 0.05).slice(0, 2);
  for (const h of parties) for (const i of books.parties[h.party]?.items ?? []) if (eligible(i)) pool.add(i);
  if (pool.size < 2) return null;
  // Combinations settle exactly or net of a fee: the percent tolerance would let random sums in.
  const tol = params.feeToleranceMinor;
  let credits = 0;
  for (const i of pool) if (Math.sign(books.amount[i] ?? 0) !== Math.sign(amt)) credits += Math.abs(books.amount[i] ?? 0);
  let list = [...pool].filter((i) => Math.sign(books.amount[i] ?? 0) !== Math.sign(amt) || Math.abs(books.amount[i] ?? 0) <= Math.abs(amt) + credits + tol);
  if (list.length < 2) return null;
  const due = (i: number): number => Math.abs(day - (books.endDay[i] ?? 0));
  list.sort((a, b) => (refs.get(b) ?? 0) - (refs.get(a) ?? 0) || due(a) - due(b) || a - b);
  if (list.length > params.limits.maxCombinationPool) {
    diagnostics.push({ level: 'info', code: 'combination_pool_truncated', bankId: bank.ids[line] ?? '', message: `Only the first ${params.limits.maxCombinationPool} of ${list.length} open items of this counterparty were tried as a combination.` });
    list = list.slice(0, params.limits.maxCombinationPool);
  }
  let sameSign = 0;
  for (const i of list) if (Math.sign(books.amount[i] ?? 0) === Math.sign(amt)) sameSign += Math.abs(books.amount[i] ?? 0);
  if (sameSign + tol < Math.abs(amt) || overBudget(budget)) return null;
  const search = subsetSum(list.map((i) => books.amount[i] ?? 0), amt, tol, params.limits.maxCombinationSize, params.limits.maxSubsetSums);
  if (search.gaveUp === 'sum_cap') {
    diagnostics.push({ level: 'info', code: 'combination_sum_cap', bankId: bank.ids[line] ?? '', message: `The combination search for this line stopped at its limit of ${params.limits.maxSubsetSums} sums.` });
  }
  const sol = search.solution;
  if (!sol) return null;
  const items = sol.members.map((k) => list[k] ?? 0).sort((a, b) => a - b);
  const members = items.map((i) => member(ctx, line, i, refs));
  const diff = amt - sol.sum;
  const { f, strong, gap } = combinationFeatures(ctx, members, diff, amt, sol.equallyGood, 'combo');
  return {
    kind: 'combo', bank: [line], items, alloc: items.map((i) => books.amount[i] ?? 0), diff, treatment: differenceTreatment(diff, params, false),
    f, logit: scoreFeatures(ctx.model, f), strong, fxRate: null, gapDays: gap,
  };
}

/** Several lines of one counterparty paying one of its items (instalments), for every item of `party`. */
export function instalmentDrafts(ctx: MatchContext, party: number, lines: readonly number[], budget: SearchBudget, diagnostics: MatchDiagnostic[]): Draft[] {
  const { bank, books, params } = ctx;
  const out: Draft[] = [];
  const refsOf = (l: number): ReadonlyMap<number, number> => referenceHits(ctx, l);
  for (const item of books.parties[party]?.items ?? []) {
    const open = books.amount[item] ?? 0;
    const cur = books.currency[item] ?? '';
    let pool = lines.filter((l) => bank.currency[l] === cur && Math.sign(bank.amount[l] ?? 0) === Math.sign(open)
      && Math.abs(bank.amount[l] ?? 0) < Math.abs(open) && inDateWindow(ctx, bank.day[l] ?? 0, item));
    if (pool.length < 2) continue;
    let total = 0;
    for (const l of pool) total += Math.abs(bank.amount[l] ?? 0);
    const tol = params.feeToleranceMinor;
    if (total + tol < Math.abs(open)) continue;
    pool.sort((a, b) => (refsOf(b).get(item) ?? 0) - (refsOf(a).get(item) ?? 0) || (bank.day[a] ?? 0) - (bank.day[b] ?? 0) || a - b);
    const cap = Math.min(params.limits.maxCombinationPool, MAX_INSTALMENT_POOL);
    if (pool.length > cap) {
      diagnostics.push({ level: 'info', code: 'combination_pool_truncated', bookId: books.ids[item] ?? '', message: `Only ${cap} of ${pool.length} payments of this counterparty were tried as instalments of the item.` });
      pool = pool.slice(0, cap);
    }
    if (overBudget(budget)) break;
    const search = subsetSum(pool.map((l) => bank.amount[l] ?? 0), open, tol, params.limits.maxCombinationSize, params.limits.maxSubsetSums);
    const sol = search.solution;
    if (!sol) continue;
    const chosen = sol.members.map((k) => pool[k] ?? 0).sort((a, b) => a - b);
    const members = chosen.map((l) => member(ctx, l, item, refsOf(l)));
    const diff = sol.sum - open;
    const { f, strong, gap } = combinationFeatures(ctx, members, diff, open, sol.equallyGood, 'instal');
    out.push({
      kind: 'instal', bank: chosen, items: [item], alloc: [open], diff, treatment: differenceTreatment(diff, params, false),
      f, logit: scoreFeatures(ctx.model, f), strong, fxRate: null, gapDays: gap,
    });
  }
  return out;
}
