import type { MatchAlternativeView, MatchSummary } from '../../../../main/core/contract/index.js';
import { Amount } from '../../components/Amount.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { ConfidenceMeter } from './ConfidenceMeter.js';
import { ReasonChips } from './ReasonChips.js';

/** The keys 1–9 choose among the first nine alternatives. */
export const MAX_KEYED_ALTERNATIVES = 9;

function bandOf(confidence: number): MatchSummary['band'] {
  return confidence >= 0.9 ? 'high' : confidence >= 0.6 ? 'medium' : 'low';
}

/** Other ways to explain the same bank line(s), best first, each chosen with its number key. */
export function Alternatives({
  alternatives, currency, threshold, disabled, onChoose,
}: {
  alternatives: readonly MatchAlternativeView[];
  currency: string;
  threshold: number;
  disabled: boolean;
  onChoose(index: number): void;
}) {
  const { t, tn } = useI18n();
  if (alternatives.length === 0) return null;
  return (
    <section className="alternatives" aria-labelledby="review-alternatives-title">
      <h3 id="review-alternatives-title" className="detail-heading">{tn('review.alternatives', alternatives.length)}</h3>
      <ol className="alternative-list">
        {alternatives.slice(0, MAX_KEYED_ALTERNATIVES).map((alternative, position) => {
          const key = String(position + 1);
          const names = alternative.books.map((item) => [item.counterpartyName, item.documentNumber].filter(Boolean).join(' · ')).filter(Boolean);
          const allocated = alternative.books.reduce((sum, item) => sum + item.allocatedMinor, 0);
          return (
            <li key={alternative.index} className="alternative" data-testid="alternative">
              <kbd aria-hidden="true">{key}</kbd>
              <div className="alternative-body">
                <span className="alternative-names">{names.join(', ') || t('review.alternative.noBooks')}</span>
                <ReasonChips reasons={alternative.reasons.slice(0, 3)} currency={currency} label={t('review.reasons')} />
              </div>
              <span className="alternative-amounts num">
                <Amount minor={allocated} currency={currency} />
                {alternative.differenceMinor !== 0 ? (
                  <span className="alternative-difference">{t('review.alternative.difference')} <Amount minor={alternative.differenceMinor} currency={currency} /></span>
                ) : null}
              </span>
              <ConfidenceMeter value={alternative.confidence} band={bandOf(alternative.confidence)} threshold={threshold} />
              <button
                type="button"
                className="btn btn-small"
                disabled={disabled}
                aria-keyshortcuts={key}
                aria-label={t('review.alternative.choose', { number: key })}
                title={`${t('review.alternative.choose', { number: key })} (${key})`}
                onClick={() => onChoose(alternative.index)}
              >
                {t('review.alternative.chooseShort')}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
