import { memo } from 'react';
import type { MatchSummary } from '../../../../main/core/contract/index.js';
import { Amount } from '../../components/Amount.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useI18n } from '../../i18n/use-i18n.js';
import type { UnmatchedLine } from '../../stores/review-types.js';
import { ConfidenceMeter } from './ConfidenceMeter.js';
import { suggestionWord } from './reason-text.js';
import { statusTone } from './review-labels.js';

/**
 * One proposal in the queue, on two lines: bank text and amount; date, books side, confidence and status.
 * Memoised: the list re-renders on every scrolled frame, and a row that stays on screen (same
 * match object, same threshold) is not rendered again.
 */
export const QueueRow = memo(function QueueRow({ match, threshold }: { match: MatchSummary; threshold: number }) {
  const { t, date } = useI18n();
  const first = match.bank[0];
  const text = first?.description ?? '';
  const books = match.books.map((item) => [item.counterpartyName, item.documentNumber].filter(Boolean).join(' · ')).filter(Boolean).join(', ');
  const meta = [first ? date(first.bookingDate) : '', books].filter(Boolean).join(' · ');
  return (
    <>
      <span className="queue-text" title={text}>{text}</span>
      <span className="queue-amount"><Amount minor={match.bankTotalMinor} currency={match.currency} /></span>
      <span className="queue-meta" title={meta}>{meta}</span>
      <span className="queue-confidence"><ConfidenceMeter value={match.confidence} band={match.band} threshold={threshold} /></span>
      <span className="queue-status"><StatusBadge tone={statusTone[match.status]} label={t(`review.status.${match.status}`)} /></span>
    </>
  );
});

/** One bank line no match takes: date, text, amount and what it probably is (memoised like QueueRow). */
export const UnmatchedRow = memo(function UnmatchedRow({ line }: { line: UnmatchedLine }) {
  const i18n = useI18n();
  const suggestion = suggestionWord(i18n, line.suggestedTreatment);
  const meta = [i18n.date(line.bookingDate), line.counterpartyName].filter(Boolean).join(' · ');
  return (
    <>
      <span className="queue-text" title={line.description}>{line.description}</span>
      <span className="queue-amount"><Amount minor={line.amountMinor} currency={line.currency} /></span>
      <span className="queue-meta">{meta}</span>
      <span className="queue-confidence">{suggestion ? <span className="chip">{suggestion}</span> : null}</span>
      <span className="queue-status"><StatusBadge tone="neutral" label={i18n.t('review.status.unmatched')} /></span>
    </>
  );
});
