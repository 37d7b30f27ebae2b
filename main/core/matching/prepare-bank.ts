/**
 * Stage 1, bank side: lines normalised into columns, the references and hints of their text,
 * and the books counterparties each line may be from, found by token blocking (rarity-weighted
 * postings of name tokens and 4-letter prefixes, capped) and then scored with `nameSimilarity`.
 */
import { normalizeIban } from '../importers/iban.js';
import type { BooksIndex } from './prepare-books.js';
import { dayParser, letterSignature } from './prepare-books.js';
import { canonicalTaxId, extractTextEvidence, type TextEvidence } from './references.js';
import { nameSimilarity } from './similarity.js';
import { descriptionTokens, foldText, foldedHints, foldedTokens, nameTokens, type TextHints } from './text.js';
import type { LearnedAlias, MatchBankLine, OwnAccount } from './types.js';

/** A books counterparty a bank line may be from. */
export interface PartyHit {
  party: number;
  sim: number;
  taxId: boolean;
  alias: boolean;
}

/** Column view of the bank lines with their evidence and counterparty hits. */
export interface BankIndex {
  n: number;
  ids: string[];
  lines: readonly MatchBankLine[];
  account: string[];
  amount: Float64Array;
  currency: string[];
  day: Int32Array;
  tokens: string[][];
  fromDescription: Uint8Array;
  truncated: Uint8Array;
  evidence: TextEvidence[];
  taxIds: string[][];
  hints: TextHints[];
  /** The counterparty account is one of the company's own accounts. */
  ownIban: Uint8Array;
  /** The importer flagged the line as an own-account transfer, or it is a credit on a card account. */
  ownFlag: Uint8Array;
  parties: PartyHit[][];
  /** Best counterparty when it is convincing (tax id, alias or similarity ≥ 0.6), else -1. */
  topParty: Int32Array;
  /** Per line: how many lines of its top party share its currency and amount (itself included). */
  sameCount: Int32Array;
}

const MAX_POSTING = 400;
const PARTIES_SCORED = 10;
const PARTIES_KEPT = 4;
const MIN_SIM = 0.45;

/** The text an alias is learned from and looked up by: the name field, or the description. */
export function aliasKey(text: string): string {
  return descriptionTokens(text).join(' ');
}

/** The alias key of a bank line (what the learning part should store as `bankText`). */
export function aliasTextOf(line: Pick<MatchBankLine, 'counterpartyName' | 'description'>): string {
  return line.counterpartyName && line.counterpartyName.trim() !== '' ? line.counterpartyName : line.description;
}

/** Learned aliases by their rarest-first token: a line matches one when it shows all the alias's words. */
interface AliasIndex {
  byToken: Map<string, Array<{ tokens: string[]; parties: number[] }>>;
}

function aliasIndex(books: BooksIndex, aliases: readonly LearnedAlias[]): AliasIndex {
  const byToken = new Map<string, Array<{ tokens: string[]; parties: number[] }>>();
  for (const a of aliases) {
    const tokens = [...new Set(aliasKey(a.bankText).split(' ').filter((t) => t !== ''))];
    if (tokens.length === 0) continue;
    const targets = new Set<number>();
    if (a.taxId) {
      const p = books.partyByTaxId.get(canonicalTaxId(a.taxId));
      if (p !== undefined) targets.add(p);
    }
    if (a.counterpartyName) for (const p of books.partyByNameKey.get(nameTokens(a.counterpartyName).join(' ')) ?? []) targets.add(p);
    if (targets.size === 0) continue;
    const first = tokens[0] ?? '';
    const list = byToken.get(first) ?? [];
    list.push({ tokens, parties: [...targets] });
    byToken.set(first, list);
  }
  return { byToken };
}

function aliasParties(index: AliasIndex, tokens: readonly string[]): number[] {
  if (index.byToken.size === 0) return [];
  const set = new Set(tokens);
  const out = new Set<number>();
  for (const t of set) for (const a of index.byToken.get(t) ?? []) if (a.tokens.every((x) => set.has(x))) for (const p of a.parties) out.add(p);
  return [...out];
}

/** Similarity of a bank line to a books party (the same function the brute-force scorer uses). */
export function lineToPartySimilarity(bank: BankIndex, books: BooksIndex, line: number, party: number): number {
  const p = books.parties[party];
  if (!p) return 0;
  return nameSimilarity(bank.tokens[line] ?? [], p, bank.fromDescription[line] === 1, bank.truncated[line] === 1, (t) => books.tokenWeight.get(t) ?? books.defaultWeight);
}

/** The `k` entries of `list` with the highest `score` (ties: lower index first), without sorting the list. */
function topByScore(list: readonly number[], score: Float64Array, k: number): number[] {
  const best: number[] = [];
  const better = (a: number, b: number): boolean => (score[a] ?? 0) > (score[b] ?? 0) || ((score[a] ?? 0) === (score[b] ?? 0) && a < b);
  for (const p of list) {
    if (best.length === k && !better(p, best[k - 1] ?? 0)) continue;
    let pos = best.length === k ? k - 1 : best.length;
    while (pos > 0 && better(p, best[pos - 1] ?? 0)) pos--;
    best.splice(pos, 0, p);
    if (best.length > k) best.pop();
  }
  return best;
}

function accumulate(posting: readonly number[] | undefined, weight: number, score: Float64Array, touched: number[]): void {
  if (!posting || posting.length > MAX_POSTING) return;
  for (const p of posting) {
    if (score[p] === 0) touched.push(p);
    score[p] = (score[p] ?? 0) + weight;
  }
}

/**
 * Parties sharing rarity-weighted tokens with the line (exact tokens; for a token the books do not
 * know — truncated or misspelt — its 4-letter prefix and its letter signature), best first.
 */
function blockParties(books: BooksIndex, tokens: readonly string[], score: Float64Array, touched: number[]): number[] {
  for (const t of new Set(tokens)) {
    const w = books.tokenWeight.get(t) ?? books.defaultWeight;
    const exact = books.tokenIndex.get(t);
    if (exact) {
      accumulate(exact, w, score, touched);
      continue;
    }
    if (t.length >= 4) accumulate(books.prefixIndex.get(t.slice(0, 4)), w * 0.5, score, touched);
    if (t.length >= 5) accumulate(books.signatureIndex.get(letterSignature(t)), w * 0.5, score, touched);
  }
  const top = topByScore(touched, score, PARTIES_SCORED);
  for (const p of touched) score[p] = 0;
  touched.length = 0;
  return top;
}

/** Normalise the bank lines and resolve the counterparties they may be from (`evidence`: their texts' references, if already extracted). */
export function prepareBank(
  lines: readonly MatchBankLine[], books: BooksIndex, aliases: readonly LearnedAlias[], own: readonly OwnAccount[],
  evidence: readonly TextEvidence[] = lines.map((l) => extractTextEvidence(l.description, l.references)),
): BankIndex {
  const n = lines.length;
  const ownIbans = new Set(own.flatMap((a) => (a.iban ? [normalizeIban(a.iban)] : [])));
  const cardAccounts = new Set(own.filter((a) => a.kind === 'card').map((a) => a.accountId));
  const bank: BankIndex = {
    n, ids: [], lines, account: [], amount: new Float64Array(n), currency: [], day: new Int32Array(n), tokens: [],
    fromDescription: new Uint8Array(n), truncated: new Uint8Array(n), evidence: [], taxIds: [], hints: [],
    ownIban: new Uint8Array(n), ownFlag: new Uint8Array(n), parties: [], topParty: new Int32Array(n).fill(-1),
    sameCount: new Int32Array(n).fill(1),
  };
  const aliasesIdx = aliasIndex(books, aliases);
  const tokenCache = new Map<string, string[]>();
  const nameHitCache = new Map<string, PartyHit[]>();
  const sameLines = new Map<number, Map<number, number>>();
  const score = new Float64Array(books.parties.length);
  const touched: number[] = [];
  const day = dayParser();
  const ranking = (a: PartyHit, b: PartyHit): number => Number(b.taxId || b.alias) - Number(a.taxId || a.alias) || b.sim - a.sim || a.party - b.party;
  lines.forEach((line, i) => {
    bank.ids.push(line.id);
    bank.account.push(line.accountId);
    bank.amount[i] = line.amountMinor;
    bank.currency.push(line.currency.toUpperCase());
    bank.day[i] = day(line.valueDate && line.bookingDate > line.valueDate ? line.valueDate : line.bookingDate);
    const hasName = line.counterpartyName !== undefined && line.counterpartyName.trim() !== '';
    const folded = foldText(line.description);
    let tokens: string[];
    if (hasName) {
      // Name fields repeat (the same payer every month): cache them; free texts rarely repeat.
      const name = line.counterpartyName ?? '';
      const cached = tokenCache.get(name);
      tokens = cached ?? nameTokens(name);
      if (!cached) tokenCache.set(name, tokens);
    } else tokens = foldedTokens(folded);
    const text = hasName ? (line.counterpartyName ?? '') : line.description;
    bank.tokens.push(tokens);
    bank.fromDescription[i] = hasName ? 0 : 1;
    bank.truncated[i] = text.trim().length >= 28 ? 1 : 0;
    const ev = evidence[i] ?? extractTextEvidence(line.description, line.references);
    bank.evidence.push(ev);
    const taxIds = line.counterpartyTaxId ? [...new Set([...ev.taxIds, canonicalTaxId(line.counterpartyTaxId)])] : ev.taxIds;
    bank.taxIds.push(taxIds);
    bank.hints.push(foldedHints(folded));
    const cpIban = line.counterpartyIban ? normalizeIban(line.counterpartyIban) : '';
    bank.ownIban[i] = (cpIban !== '' && ownIbans.has(cpIban)) || ev.ibans.some((x) => ownIbans.has(x)) ? 1 : 0;
    bank.ownFlag[i] = line.isOwnAccountTransfer || (cardAccounts.has(line.accountId) && line.amountMinor > 0) ? 1 : 0;

    const nameKeyOf = `${bank.fromDescription[i]}${bank.truncated[i]}${tokens.join(' ')}`;
    let byName = nameHitCache.get(nameKeyOf);
    if (!byName) {
      byName = [];
      for (const p of blockParties(books, tokens, score, touched)) {
        const sim = lineToPartySimilarity(bank, books, i, p);
        if (sim >= MIN_SIM) byName.push({ party: p, sim, taxId: false, alias: false });
      }
      byName.sort(ranking);
      nameHitCache.set(nameKeyOf, byName);
    }
    const aliased = aliasesIdx.byToken.size === 0 ? [] : aliasParties(aliasesIdx, hasName ? descriptionTokens(text) : tokens);
    let kept: PartyHit[];
    if (taxIds.length === 0 && aliased.length === 0) kept = byName.length > PARTIES_KEPT ? byName.slice(0, PARTIES_KEPT) : byName;
    else {
      const hits = new Map<number, PartyHit>();
      for (const h of byName) hits.set(h.party, h);
      for (const t of taxIds) {
        const p = books.partyByTaxId.get(t);
        if (p !== undefined) hits.set(p, { party: p, sim: hits.get(p)?.sim ?? lineToPartySimilarity(bank, books, i, p), taxId: true, alias: false });
      }
      for (const p of aliased) {
        const prev = hits.get(p);
        hits.set(p, { party: p, sim: prev?.sim ?? lineToPartySimilarity(bank, books, i, p), taxId: prev?.taxId ?? false, alias: true });
      }
      kept = [...hits.values()].sort(ranking).slice(0, PARTIES_KEPT);
    }
    bank.parties.push(kept);
    const top = kept[0];
    if (top && (top.taxId || top.alias || top.sim >= 0.6)) {
      bank.topParty[i] = top.party;
      const counts = sameLines.get(top.party) ?? new Map<number, number>();
      counts.set(line.amountMinor, (counts.get(line.amountMinor) ?? 0) + 1);
      sameLines.set(top.party, counts);
    }
  });
  for (let i = 0; i < n; i++) {
    const p = bank.topParty[i] ?? -1;
    if (p >= 0) bank.sameCount[i] = sameLines.get(p)?.get(bank.amount[i] ?? 0) ?? 1;
  }
  return bank;
}

/** The hit of `party` for a line, if blocking found it. */
export function partyHit(bank: BankIndex, line: number, party: number): PartyHit | undefined {
  if (party < 0) return undefined;
  for (const h of bank.parties[line] ?? []) if (h.party === party) return h;
  return undefined;
}
