/**
 * What a chat model is told about a match: the bank side, and as candidates the proposal and
 * each alternative with the engine's confidence and reasons. The answer is a suggestion shown
 * to a person; nothing here (or in the explainer) writes to a match.
 */
import type { Database } from 'better-sqlite3';
import type { MatchDetail, MatchExplanation } from '../contract/index.js';
import type { Explainer, ExplainCandidate, PendingMatchSummary } from '../embed/explain.js';
import { formatMinor } from '../importers/money.js';
import { matchDetail } from './matches-repo.js';

type Items = MatchDetail['books'];

function candidate(id: string, books: Items, currency: string, confidence: number, reasons: MatchDetail['reasons']): ExplainCandidate {
  const allocated = books.reduce((sum, item) => sum + item.allocatedMinor, 0);
  const description = books.length === 0
    ? 'no books item (own-account transfer or bank charge)'
    : books.map((item) => [item.kind, item.documentNumber, item.counterpartyName, item.description].filter((part) => part).join(', ')).join(' + ');
  const dates = books.map((item) => item.dueDate ?? item.date).sort();
  return {
    id,
    description,
    ...(dates[0] ? { date: dates[0] } : {}),
    amount: formatMinor(allocated, currency),
    currency,
    confidence: Math.round(confidence * 1000) / 1000,
    reasons: reasons.map((reason) => reason.text),
  };
}

/** The question about match `id`: its bank lines and the candidates (the proposal first, then its alternatives). */
export function summariseMatch(detail: MatchDetail): PendingMatchSummary {
  const { bank, currency } = detail;
  const text = bank.map((line) => [line.description, line.counterpartyName].filter((part) => part).join(' — ')).join(' | ');
  return {
    bank: {
      id: bank.map((line) => line.bankId ?? `#${line.id}`).join('+'),
      date: bank.map((line) => line.bookingDate).sort()[0] ?? '',
      amount: formatMinor(detail.bankTotalMinor, currency),
      currency,
      text,
    },
    candidates: [
      candidate('proposal', detail.books, currency, detail.confidence, detail.reasons),
      ...detail.alternatives.map((alt) => candidate(`alternative-${alt.index}`, alt.books, currency, alt.confidence, alt.reasons)),
    ],
  };
}

/** Asks the explainer about match `id` (not_found when it does not exist); the match is only read. */
export async function explainMatch(db: Database, explainer: Explainer, id: number): Promise<MatchExplanation> {
  const detail = matchDetail(db, id);
  if (!explainer.enabled) return { status: 'disabled' };
  return explainer.explain(summariseMatch(detail));
}
