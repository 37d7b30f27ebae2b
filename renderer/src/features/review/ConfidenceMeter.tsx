import type { ConfidenceBand } from '../../../../main/core/contract/index.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { formatPercent } from './review-labels.js';

/** Confidence as a percentage and a small bar, with the auto-approve threshold drawn on it. */
export function ConfidenceMeter({ value, band, threshold }: { value: number; band: ConfidenceBand; threshold: number }) {
  const { t, locale } = useI18n();
  const percent = formatPercent(value, locale);
  const title = t('review.confidence.title', { value: percent, threshold: formatPercent(threshold, locale) });
  return (
    <span className="confidence" title={title}>
      <span className="confidence-value num">{percent}</span>
      <span className="confidence-bar" aria-hidden="true">
        <span className={`confidence-fill confidence-${band}`} style={{ width: `${Math.round(Math.min(1, Math.max(0, value)) * 100)}%` }} />
        <span className="confidence-threshold" style={{ left: `${Math.round(threshold * 100)}%` }} />
      </span>
    </span>
  );
}
