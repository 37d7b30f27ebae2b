/**
 * Transfers between the company's own accounts: a debit in one account and a credit of the same
 * amount in another within a few days (a card account's credit and the checking debit that paid
 * it, a move between current accounts). Paired by a hash on (currency, |amount|); a pair needs a
 * sign on at least one side (text such as TRASPASO, an own IBAN, or the importer's flag).
 */
import type { MatchContext } from './context.js';
import { emptyFeatures, scoreFeatures, setAmountFeatures, setDateFeatures, type Draft } from './draft.js';
import { F } from './model.js';

/** Debits paired with one credit at most (the window's first ones). */
const MAX_PARTNERS = 16;

function transferSign(ctx: MatchContext, line: number): number {
  const h = ctx.bank.hints[line];
  return (h?.transfer ? 1 : 0) + (ctx.bank.ownFlag[line] ?? 0) + (ctx.bank.ownIban[line] ?? 0);
}

function namedSim(ctx: MatchContext, line: number): number {
  return ctx.bank.topParty[line] !== -1 ? (ctx.bank.parties[line]?.[0]?.sim ?? 0) : 0;
}

/** Drafts pairing lines of different own accounts that look like the two legs of one transfer. */
export function transferDrafts(ctx: MatchContext): Draft[] {
  const { bank, params } = ctx;
  const buckets = new Map<string, number[]>();
  for (let l = 0; l < bank.n; l++) {
    const amt = bank.amount[l] ?? 0;
    if (amt === 0) continue;
    const key = `${bank.currency[l]}|${Math.abs(amt)}`;
    const list = buckets.get(key);
    if (list) list.push(l);
    else buckets.set(key, [l]);
  }
  const out: Draft[] = [];
  for (const list of buckets.values()) {
    if (list.length < 2) continue;
    // Debits and credits of one amount, each by day: a credit is paired with the debits of other
    // accounts within the window (a sliding window, so a round amount paid a thousand times costs
    // no more than its neighbourhoods).
    const debits = list.filter((l) => (bank.amount[l] ?? 0) < 0).sort((a, b) => (bank.day[a] ?? 0) - (bank.day[b] ?? 0) || a - b);
    const credits = list.filter((l) => (bank.amount[l] ?? 0) > 0).sort((a, b) => (bank.day[a] ?? 0) - (bank.day[b] ?? 0) || a - b);
    const pairs: Array<[number, number]> = [];
    let start = 0;
    for (const in1 of credits) {
      const d = bank.day[in1] ?? 0;
      while (start < debits.length && (bank.day[debits[start] ?? 0] ?? 0) < d - params.transferWindowDays) start++;
      let taken = 0;
      for (let k = start; k < debits.length && taken < MAX_PARTNERS; k++) {
        const out1 = debits[k] ?? 0;
        if ((bank.day[out1] ?? 0) > d + params.transferWindowDays) break;
        if (bank.account[in1] === bank.account[out1] || transferSign(ctx, out1) + transferSign(ctx, in1) === 0) continue;
        pairs.push([out1, in1]);
        taken++;
      }
    }
    const partners = new Map<number, number>();
    for (const [a, b] of pairs) {
      partners.set(a, (partners.get(a) ?? 0) + 1);
      partners.set(b, (partners.get(b) ?? 0) + 1);
    }
    for (const [a, b] of pairs) {
      const gap = Math.abs((bank.day[b] ?? 0) - (bank.day[a] ?? 0));
      const f = emptyFeatures();
      setAmountFeatures(f, 0, bank.amount[a] ?? 0, params, false);
      setDateFeatures(f, gap, false, false);
      const signs = transferSign(ctx, a) + transferSign(ctx, b);
      const others = (partners.get(a) ?? 1) + (partners.get(b) ?? 1) - 2;
      f[F.transfer] = 1;
      f[F.transferHint] = Math.min(signs, 4) / 2;
      f[F.ownIban] = (bank.ownIban[a] ?? 0) || (bank.ownIban[b] ?? 0) ? 1 : 0;
      // A leg that names a books counterparty is more likely a payment to or from it.
      f[F.transferNamed] = Math.max(namedSim(ctx, a), namedSim(ctx, b));
      f[F.noName] = 1;
      f[F.solutions] = Math.log1p(others);
      out.push({
        kind: 'transfer', bank: [a, b], items: [], alloc: [], diff: 0, treatment: 'none', f,
        logit: scoreFeatures(ctx.model, f), strong: others === 0 && signs > 0, fxRate: null, gapDays: gap,
      });
    }
  }
  return out;
}
