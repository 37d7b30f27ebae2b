/**
 * Stage 7, the semantic pass over what is left. For each bank line no proposal took, the texts
 * of the open items whose amount fits (same sign, within the settlement tolerance, inside the
 * date window) are compared with the line's text by embedding similarity, and the nearest past
 * approved lines (found by the caller's vector index) name counterparties whose items become
 * candidates too. The best candidate above a floor becomes a 'semantic' proposal for review —
 * never auto-approved: similarity of texts alone is not a strong signal.
 *
 * Pure: the caller passes the embedder (a function) and the neighbour search; nothing here reads
 * a database. Deterministic for the same input, result and embedder.
 */
import { proposalId } from './review.js';
import { foldText } from './text.js';
import { toleranceFor } from './params.js';
import { formatMinor } from '../importers/money.js';
import type { MatchAlternative, MatchBankLine, MatchBookItem, MatchInput, MatchProposal, MatchResult, Reason, UnmatchedBankLine } from './types.js';

/** What the semantic pass needs from the host. */
export interface SemanticSearch {
  /** The unit vector of a text (all zeros for a text without tokens). */
  embed(text: string): Float32Array;
  /**
   * Past approved bank lines nearest to `vector` with the counterparty they were matched to
   * (nearest first); absent when the company has none yet.
   */
  nearestApproved?(vector: Float32Array, k: number): ReadonlyArray<{ similarity: number; counterpartyName?: string; taxId?: string }>;
}

/** Tuning of the pass. */
export interface SemanticOptions {
  /** Cosine similarity a candidate's text must reach. */
  minSimilarity: number;
  /** Similarity a past approved line must reach to name its counterparty. */
  minApprovedSimilarity: number;
  /** Candidates kept per line (the best is proposed, the rest are alternatives). */
  maxCandidates: number;
  /** Past approved lines consulted per line. */
  neighbours: number;
  /** Similarity a candidate the line pays only part of must reach. */
  minPartialSimilarity: number;
  /** A word shared with more items than this does not make them candidates. */
  maxWordItems: number;
}

export const DEFAULT_SEMANTIC_OPTIONS: SemanticOptions = {
  minSimilarity: 0.45, minApprovedSimilarity: 0.8, maxCandidates: 4, neighbours: 5, minPartialSimilarity: 0.55, maxWordItems: 40,
};

/** Words of a text that can tell items apart: folded, three characters or more, not all digits. */
function wordsOf(text: string): string[] {
  return [...new Set(foldText(text).split(/[^0-9a-z]+/i).filter((w) => w.length >= 3 && !/^\d+$/.test(w)).map((w) => w.toLowerCase()))];
}

/** The text of a bank line the pass embeds. */
export function bankLineText(line: Pick<MatchBankLine, 'description' | 'counterpartyName'>): string {
  return `${line.counterpartyName ?? ''} ${line.description}`.trim();
}

/** The text of a books item the pass embeds (its counterparty and document references). */
export function bookItemText(item: Pick<MatchBookItem, 'counterpartyName' | 'documentNumber' | 'paymentReference'>): string {
  return [item.counterpartyName, item.documentNumber, item.paymentReference].filter((s): s is string => typeof s === 'string' && s !== '').join(' ');
}

const DAY = 86_400_000;
const dayOf = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
const pct = (x: number): number => Math.round(x * 100);

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** What the semantic pass added. */
export interface SemanticStats {
  linesConsidered: number;
  proposals: number;
  candidatesScored: number;
}

interface Candidate {
  item: MatchBookItem;
  similarity: number;
  viaCounterparty: string | null;
  /** Line amount less the item's open amount (0 for a partial payment, which allocates the line's amount). */
  difference: number;
  /** What the line allocates to the item. */
  allocated: number;
  partial: boolean;
}

/**
 * Adds semantic proposals for unmatched lines to `result` (returns a new result; `result` is not
 * changed). Only items still open take part, each at most up to what is left open of it.
 */
export function semanticPass(input: MatchInput, result: MatchResult, search: SemanticSearch, options: SemanticOptions = DEFAULT_SEMANTIC_OPTIONS): { result: MatchResult; stats: SemanticStats } {
  const params = result.parameters;
  const open = new Map(result.openBooks.map((a) => [a.bookId, a.amountMinor]));
  const items = input.bookItems.filter((i) => open.has(i.id));
  // Items by absolute open amount for the amount block.
  const byAmount = items
    .map((item) => ({ item, abs: Math.abs(open.get(item.id) ?? 0) }))
    .sort((a, b) => a.abs - b.abs);
  const amounts = byAmount.map((x) => x.abs);
  const itemVectors = new Map<string, Float32Array>();
  const vectorOf = (item: MatchBookItem): Float32Array => {
    let v = itemVectors.get(item.id);
    if (!v) {
      v = search.embed(bookItemText(item));
      itemVectors.set(item.id, v);
    }
    return v;
  };
  // Items by the words of their text, for candidates the amount alone does not find (part payments).
  const byWord = new Map<string, MatchBookItem[]>();
  for (const item of items) {
    for (const w of wordsOf(bookItemText(item))) {
      const list = byWord.get(w);
      if (list) list.push(item);
      else byWord.set(w, [item]);
    }
  }
  const linesById = new Map(input.bankLines.map((l) => [l.id, l]));
  const foldedParty = (name: string | undefined): string => (name ? foldText(name) : '');

  const added: MatchProposal[] = [];
  const stillUnmatched: UnmatchedBankLine[] = [];
  const stats: SemanticStats = { linesConsidered: 0, proposals: 0, candidatesScored: 0 };
  for (const u of result.unmatchedBank) {
    const line = linesById.get(u.bankId);
    // Charges, interest and taxes have no books counterpart; transfers are the transfer stage's.
    if (!line || u.suggestedTreatment !== null) {
      stillUnmatched.push(u);
      continue;
    }
    stats.linesConsidered++;
    const text = bankLineText(line);
    const lineVector = search.embed(text);
    // The counterparty the bank names, alone, is often closer to the books' text than the whole noisy line.
    const nameVector = line.counterpartyName ? search.embed(line.counterpartyName) : null;
    const amount = Math.abs(line.amountMinor);
    const tolerance = toleranceFor(params, line.amountMinor);
    const lineDay = dayOf(line.bookingDate);
    // Counterparties that past approved lines of similar text were matched to.
    const parties = new Map<string, number>();
    for (const n of search.nearestApproved?.(lineVector, options.neighbours) ?? []) {
      if (n.similarity < options.minApprovedSimilarity) continue;
      const key = n.taxId ? `tax:${n.taxId}` : `name:${foldedParty(n.counterpartyName)}`;
      if (!parties.has(key) || (parties.get(key) ?? 0) < n.similarity) parties.set(key, n.similarity);
    }
    const candidates: Candidate[] = [];
    const seen = new Set<string>();
    const consider = (item: MatchBookItem): void => {
      if (seen.has(item.id)) return;
      seen.add(item.id);
      const left = open.get(item.id) ?? 0;
      if (left === 0 || Math.sign(left) !== Math.sign(line.amountMinor) || item.currency !== line.currency) return;
      const start = dayOf(item.date) - params.dateWindowDays.before;
      const end = dayOf(item.dueDate ?? item.date) + params.dateWindowDays.after;
      if (lineDay < start || lineDay > end) return;
      const full = Math.abs(Math.abs(left) - amount) <= tolerance;
      const partial = !full && Math.abs(left) > amount;
      if (!full && !partial) return;
      stats.candidatesScored++;
      const itemVector = vectorOf(item);
      const similarity = Math.max(dot(lineVector, itemVector), nameVector ? dot(nameVector, itemVector) : 0);
      const viaTax = item.taxId ? parties.get(`tax:${item.taxId}`) : undefined;
      const via = viaTax ?? parties.get(`name:${foldedParty(item.counterpartyName)}`);
      const score = Math.max(similarity, via ?? 0);
      if (score < (partial ? options.minPartialSimilarity : options.minSimilarity)) return;
      candidates.push({
        item, similarity: score, viaCounterparty: via !== undefined ? (item.counterpartyName ?? item.taxId ?? null) : null,
        difference: partial ? 0 : line.amountMinor - left, allocated: partial ? line.amountMinor : left, partial,
      });
    };
    // Lower bound of the amount block by binary search.
    let lo = 0;
    let hi = amounts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((amounts[mid] ?? 0) < amount - tolerance) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < byAmount.length && (amounts[k] ?? 0) <= amount + tolerance; k++) consider(byAmount[k]!.item);
    for (const w of wordsOf(text)) {
      const list = byWord.get(w);
      if (list && list.length <= options.maxWordItems) for (const item of list) consider(item);
    }
    if (candidates.length === 0) {
      stillUnmatched.push(u);
      continue;
    }
    // Full settlements before part payments of about the same similarity.
    const rank = (c: Candidate): number => c.similarity - (c.partial ? 0.1 : 0);
    candidates.sort((a, b) => rank(b) - rank(a) || Math.abs(a.difference) - Math.abs(b.difference) || a.item.id.localeCompare(b.item.id));
    const kept = candidates.slice(0, options.maxCandidates);
    const [best, ...rest] = kept;
    const tie = rest.length > 0 && rest[0]!.similarity >= best!.similarity - 0.02;
    const proposal = toProposal(line, best!, open, tie, rest.length, params.roundingMinor);
    proposal.alternatives = rest.map((c) => alternativeOf(line, c, open, params.roundingMinor, proposal.confidence));
    added.push(proposal);
    stats.proposals++;
    open.set(best!.item.id, (open.get(best!.item.id) ?? 0) - best!.allocated);
  }
  const openBooks = result.openBooks.flatMap((a) => {
    const left = open.get(a.bookId) ?? 0;
    return left === 0 ? [] : [{ bookId: a.bookId, amountMinor: left }];
  });
  return {
    result: {
      ...result,
      proposals: [...result.proposals, ...added],
      unmatchedBank: stillUnmatched,
      openBooks,
      stats: { ...result.stats, proposals: result.proposals.length + added.length, pendingReview: result.stats.pendingReview + added.length, unmatchedBank: stillUnmatched.length },
    },
    stats,
  };
}

/**
 * Confidence of a semantic candidate, calibrated on generated months (seeds 7 and 8): part
 * payments named by similar text are right about a third of the time, a little more the closer
 * the text; full settlements found only by text are rarely right. Always far below auto-approval.
 */
function confidenceOf(c: Candidate, tie: boolean): number {
  const clamp = (x: number): number => Math.max(0, Math.min(1, x));
  const base = c.partial ? 0.2 + 0.3 * clamp((c.similarity - 0.5) / 0.5) : 0.15 + 0.3 * clamp((c.similarity - 0.4) / 0.6);
  return Math.round(base * (tie ? 0.6 : 1) * 10000) / 10000;
}

function reasonsOf(line: MatchBankLine, c: Candidate, left: number, tie: boolean, others: number, roundingMinor: number): Reason[] {
  const reasons: Reason[] = [{ code: 'semantic_similarity', params: { similarity: pct(c.similarity), text: bookItemText(c.item) } }];
  if (c.viaCounterparty) reasons.push({ code: 'semantic_counterparty', params: { name: c.viaCounterparty } });
  if (c.partial) reasons.push({ code: 'partial_payment', params: { allocated: formatMinor(c.allocated, line.currency), open: formatMinor(left, line.currency), currency: line.currency } });
  else if (c.difference === 0) reasons.push({ code: 'amount_exact', params: {} });
  else {
    const treatment = Math.abs(c.difference) <= roundingMinor ? 'rounding' : 'fee';
    reasons.push({ code: 'amount_difference', params: { difference: formatMinor(c.difference, line.currency), currency: line.currency, treatment } });
  }
  if (tie) reasons.push({ code: 'ambiguous', params: { count: others } });
  reasons.push({ code: 'no_strong_signal', params: {} });
  return reasons;
}

function toProposal(line: MatchBankLine, c: Candidate, open: ReadonlyMap<string, number>, tie: boolean, others: number, roundingMinor: number): MatchProposal {
  const left = open.get(c.item.id) ?? 0;
  return {
    id: proposalId([line.id], [c.item.id]),
    bankIds: [line.id],
    bookIds: [c.item.id],
    allocations: [{ bookId: c.item.id, amountMinor: c.allocated }],
    differenceMinor: c.difference,
    differenceTreatment: c.difference === 0 ? 'none' : Math.abs(c.difference) <= roundingMinor ? 'rounding' : 'fee',
    confidence: confidenceOf(c, tie),
    kind: 'semantic',
    status: 'pending_review',
    reasons: reasonsOf(line, c, left, tie, others, roundingMinor),
    alternatives: [],
  };
}

function alternativeOf(line: MatchBankLine, c: Candidate, open: ReadonlyMap<string, number>, roundingMinor: number, accepted: number): MatchAlternative {
  const left = open.get(c.item.id) ?? 0;
  return {
    bankIds: [line.id],
    bookIds: [c.item.id],
    allocations: [{ bookId: c.item.id, amountMinor: c.allocated }],
    differenceMinor: c.difference,
    confidence: Math.min(confidenceOf(c, false), 1 - accepted),
    kind: 'semantic',
    reasons: reasonsOf(line, c, left, false, 0, roundingMinor),
  };
}
