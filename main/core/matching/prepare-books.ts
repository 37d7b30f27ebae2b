/**
 * Stage 1, books side: items normalised into columns, counterparties grouped into parties with
 * rarity-weighted name tokens, and the blocking indexes (amount-sorted arrays per currency,
 * reference keys, name tokens and prefixes, tax ids). Built once per run; never all pairs.
 */
import type { BookItemKind } from '../importers/books-types.js';
import { toDayNumber } from '../importers/dates.js';
import { canonicalTaxId, canonicalUuid, documentKeys, paymentKey } from './references.js';
import type { WeightedName } from './similarity.js';
import { nameTokens } from './text.js';
import type { MatchBookItem } from './types.js';

/** A books counterparty: one tax id, or one normalised name when there is no tax id. */
export interface Party extends WeightedName {
  name: string;
  nameKey: string;
  taxId: string | null;
  /** Item indexes, oldest first. */
  items: number[];
  /** The same items sorted by signed open amount (for counterparties with many items). */
  byAmount: AmountIndex;
}

/** Items sorted by signed open amount, for range queries. */
export interface AmountIndex {
  order: Int32Array;
  amounts: Float64Array;
}

/** Column view of the books plus every index the candidate stages query. */
export interface BooksIndex {
  n: number;
  ids: string[];
  items: readonly MatchBookItem[];
  kinds: BookItemKind[];
  amount: Float64Array;
  currency: string[];
  day: Int32Array;
  /** Latest of date and due date: payments are measured from here. */
  endDay: Int32Array;
  party: Int32Array;
  parties: Party[];
  partyByTaxId: Map<string, number>;
  partyByNameKey: Map<string, number[]>;
  tokenIndex: Map<string, number[]>;
  prefixIndex: Map<string, number[]>;
  /** Tokens of 5+ letters by their sorted letters: catches transposed and swapped letters. */
  signatureIndex: Map<string, number[]>;
  tokenWeight: Map<string, number>;
  defaultWeight: number;
  refIndex: Map<string, number[]>;
  uuidIndex: Map<string, number>;
  byCurrency: Map<string, AmountIndex>;
  /** Per currency: open amount → items with exactly that amount, by due day. */
  exactIndex: Map<string, Map<number, number[]>>;
  /** Per item: how many open items of its party share its currency and amount (itself included). */
  sameCount: Int32Array;
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== value) list.push(value);
  } else map.set(key, [value]);
}

/** A YYYY-MM-DD → day-number parser that remembers the dates it has seen (a run has few distinct dates). */
export function dayParser(): (iso: string) => number {
  const cache = new Map<string, number>();
  return (iso) => {
    let d = cache.get(iso);
    if (d === undefined) {
      d = toDayNumber(iso);
      cache.set(iso, d);
    }
    return d;
  };
}

/** A token's letters sorted ("QUMITOR" and "QUIMTOR" share "IMOQRTU"). */
export function letterSignature(token: string): string {
  return [...token].sort().join('');
}

function buildParties(items: readonly MatchBookItem[], party: Int32Array): { parties: Party[]; byTax: Map<string, number>; byName: Map<string, number[]> } {
  const parties: Party[] = [];
  const byTax = new Map<string, number>();
  const byName = new Map<string, number[]>();
  const tokenCache = new Map<string, string[]>();
  items.forEach((item, i) => {
    const name = item.counterpartyName?.trim() ?? '';
    const taxId = item.taxId ? canonicalTaxId(item.taxId) : null;
    let tokens = tokenCache.get(name);
    if (!tokens) {
      tokens = nameTokens(name);
      tokenCache.set(name, tokens);
    }
    // One party per name; a second tax id under the same name is another company.
    const nk = tokens.join(' ');
    let p = taxId ? byTax.get(taxId) : undefined;
    if (p === undefined && nk !== '') {
      const same = byName.get(nk) ?? [];
      p = same.find((q) => taxId === null || parties[q]?.taxId === null || parties[q]?.taxId === taxId);
      if (p !== undefined && taxId !== null && parties[p]?.taxId === null) {
        const existing = parties[p];
        if (existing) existing.taxId = taxId;
        byTax.set(taxId, p);
      }
    }
    if (p === undefined && nk === '' && taxId === null) {
      party[i] = -1;
      return;
    }
    if (p === undefined) {
      p = parties.length;
      parties.push({ name, nameKey: nk, taxId, tokens, weights: [], total: 0, items: [], byAmount: { order: new Int32Array(0), amounts: new Float64Array(0) } });
      if (taxId) byTax.set(taxId, p);
      if (nk !== '') push(byName, nk, p);
    }
    party[i] = p;
    parties[p]?.items.push(i);
  });
  return { parties, byTax, byName };
}

/**
 * Normalise the books and build the blocking indexes. `wantedKeys`, when given, are the reference
 * keys the bank side shows: only those are indexed (the others could never be looked up).
 */
export function prepareBooks(items: readonly MatchBookItem[], wantedKeys?: ReadonlySet<string>): BooksIndex {
  const n = items.length;
  const amount = new Float64Array(n);
  const day = new Int32Array(n);
  const endDay = new Int32Array(n);
  const party = new Int32Array(n);
  const currency: string[] = [];
  const parse = dayParser();
  items.forEach((item, i) => {
    amount[i] = item.openAmountMinor;
    day[i] = parse(item.date);
    endDay[i] = item.dueDate ? Math.max(day[i] ?? 0, parse(item.dueDate)) : (day[i] ?? 0);
    currency.push(item.currency.toUpperCase());
  });
  const { parties, byTax, byName } = buildParties(items, party);

  // Rarity weights: a word most counterparties share says little about which one it is.
  const df = new Map<string, number>();
  for (const p of parties) for (const t of new Set(p.tokens)) df.set(t, (df.get(t) ?? 0) + 1);
  const P = Math.max(1, parties.length);
  const tokenWeight = new Map<string, number>();
  for (const [t, count] of df) tokenWeight.set(t, Math.log(1 + P / count));
  const defaultWeight = Math.log(1 + P);
  const tokenIndex = new Map<string, number[]>();
  const prefixIndex = new Map<string, number[]>();
  const signatureIndex = new Map<string, number[]>();
  parties.forEach((p, pi) => {
    p.weights = p.tokens.map((t) => tokenWeight.get(t) ?? defaultWeight);
    p.total = p.weights.reduce((a, b) => a + b, 0);
    p.items.sort((a, b) => (day[a] ?? 0) - (day[b] ?? 0) || a - b);
    if (p.items.length > 32) {
      const byAmt = [...p.items].sort((a, b) => (amount[a] ?? 0) - (amount[b] ?? 0) || a - b);
      p.byAmount = { order: Int32Array.from(byAmt), amounts: Float64Array.from(byAmt, (i) => amount[i] ?? 0) };
    }
    for (const t of p.tokens) {
      push(tokenIndex, t, pi);
      if (t.length >= 4) push(prefixIndex, t.slice(0, 4), pi);
      if (t.length >= 5) push(signatureIndex, letterSignature(t), pi);
    }
  });

  const refIndex = new Map<string, number[]>();
  const uuidIndex = new Map<string, number>();
  items.forEach((item, i) => {
    const keys = new Set<string>();
    if (item.documentNumber) {
      documentKeys(item.documentNumber, keys);
      keys.add(paymentKey(item.documentNumber));
    }
    if (item.paymentReference) {
      documentKeys(item.paymentReference, keys);
      keys.add(paymentKey(item.paymentReference));
    }
    if (item.cfdiUuid) {
      const u = canonicalUuid(item.cfdiUuid);
      if (u) {
        keys.add(`U${u}`);
        uuidIndex.set(u, i);
      }
    }
    for (const k of keys) if (k.length > 2 && (!wantedKeys || wantedKeys.has(k))) push(refIndex, k, i);
  });

  // Per counterparty, how many of its open items share each amount (a numeric map per party).
  const sameCount = new Int32Array(n).fill(1);
  for (const p of parties) {
    if (p.items.length < 2) continue;
    const counts = new Map<number, number>();
    for (const i of p.items) counts.set(amount[i] ?? 0, (counts.get(amount[i] ?? 0) ?? 0) + 1);
    for (const i of p.items) sameCount[i] = counts.get(amount[i] ?? 0) ?? 1;
  }
  const byCurrency = new Map<string, AmountIndex>();
  const groups = new Map<string, number[]>();
  currency.forEach((c, i) => push(groups, c, i));
  const exactIndex = new Map<string, Map<number, number[]>>();
  for (const [c, list] of groups) {
    const byAmount = new Map<number, number[]>();
    for (const i of list) push(byAmount, amount[i] ?? 0, i);
    for (const posting of byAmount.values()) if (posting.length > 1) posting.sort((a, b) => (endDay[a] ?? 0) - (endDay[b] ?? 0) || a - b);
    exactIndex.set(c, byAmount);
    list.sort((a, b) => (amount[a] ?? 0) - (amount[b] ?? 0) || a - b);
    const order = Int32Array.from(list);
    byCurrency.set(c, { order, amounts: Float64Array.from(list, (i) => amount[i] ?? 0) });
  }
  return {
    n, ids: items.map((it) => it.id), items, kinds: items.map((it) => it.kind), amount, currency, day, endDay, party, parties,
    partyByTaxId: byTax, partyByNameKey: byName, tokenIndex, prefixIndex, signatureIndex, tokenWeight, defaultWeight, refIndex, uuidIndex,
    byCurrency, exactIndex, sameCount,
  };
}

/** First position in `sorted` whose value is ≥ `value`. */
export function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many items of `currency` have a signed open amount in [lo, hi] (two binary searches). */
export function countInAmountRange(books: BooksIndex, currency: string, lo: number, hi: number): number {
  const idx = books.byCurrency.get(currency);
  if (!idx) return 0;
  return lowerBound(idx.amounts, hi + 0.5) - lowerBound(idx.amounts, lo);
}
