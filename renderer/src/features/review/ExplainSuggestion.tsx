import { useEffect, useId } from 'react';
import type { MatchStatusName } from '../../../../main/core/contract/index.js';
import { Alert } from '../../components/Alert.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';

/**
 * "Explain" next to a pending proposal, when the firm turned explanations on: a chat model's
 * answer, labelled as a suggestion. It never approves, rejects or changes the match.
 */
export function ExplainSuggestion({ matchId, status }: { matchId: number; status: MatchStatusName }) {
  const { t, error: describe } = useI18n();
  const headingId = useId();
  const loaded = useAppStore((state) => state.embeddingSettings !== null);
  const enabled = useAppStore((state) => state.embeddingSettings?.config.explanations.enabled ?? false);
  const load = useAppStore((state) => state.loadEmbeddingSettings);
  const entry = useAppStore((state) => state.matchExplanations[matchId]);
  const explain = useAppStore((state) => state.explainMatch);

  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);

  if (!enabled || (status !== 'proposed' && status !== 'pending_review')) return null;
  const result = entry?.result ?? null;
  return (
    <section className="fieldset" aria-labelledby={headingId}>
      <h3 id={headingId} className="detail-heading">{t('explain.title')}</h3>
      <div className="form-actions">
        <button type="button" className="btn btn-small" disabled={entry?.pending} onClick={() => void explain(matchId)}>
          {entry?.pending ? t('explain.asking') : t('explain.button')}
        </button>
      </div>
      {result?.status === 'suggestion' ? (
        <div className="alert alert-info" role="status" data-testid="explanation">
          <p><span className="tag">{t('explain.label')}</span> {result.text}</p>
          <p className="field-hint">{t('explain.note', { model: result.model })}</p>
        </div>
      ) : null}
      {result?.status === 'disabled' ? <p className="muted">{t('explain.disabled')}</p> : null}
      {result?.status === 'unavailable' ? <Alert>{t('explain.unavailable', { message: result.error })}</Alert> : null}
      {entry?.error ? <Alert>{describe(entry.error)}</Alert> : null}
    </section>
  );
}
