import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/use-i18n.js';
import type { UnmatchedLine } from '../../stores/review-types.js';
import { MatchSides } from './MatchSides.js';
import { ReasonChips } from './ReasonChips.js';
import { suggestionWord } from './reason-text.js';

/** A bank line nothing explains yet: what it probably is, and the way to match it by hand. */
export function UnmatchedDetail({ line, onManual }: { line: UnmatchedLine; onManual(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const suggestion = suggestionWord(i18n, line.suggestedTreatment);
  const sides = { bank: [line], books: [], reasons: line.reasons, currency: line.currency, differenceMinor: line.amountMinor, differenceTreatment: 'none' as const, writeOffAccount: null };
  return (
    <article className="proposal" aria-labelledby="proposal-title" data-testid="unmatched-line">
      <header className="proposal-head">
        <h2 id="proposal-title" className="proposal-title">{t('review.unmatched.title')}</h2>
      </header>
      <div className="proposal-actions" role="group" aria-label={t('review.actions')}>
        <button type="button" className="btn btn-primary" aria-keyshortcuts="M" title={`${t('review.manual')} (M)`} onClick={onManual}>
          <Icon name="plus" /> {t('review.manual')}
        </button>
      </div>
      {suggestion ? <p className="unmatched-suggestion">{t('review.unmatched.suggestion', { treatment: suggestion })}</p> : null}
      <MatchSides match={sides} />
      <section aria-labelledby="review-reasons-title">
        <h3 id="review-reasons-title" className="detail-heading">{t('review.reasons')}</h3>
        <ReasonChips reasons={line.reasons} currency={line.currency} label={t('review.reasons')} />
      </section>
    </article>
  );
}
