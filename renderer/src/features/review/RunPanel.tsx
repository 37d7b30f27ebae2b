import { Alert } from '../../components/Alert.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';
import type { ReconcileTask } from '../../stores/review-types.js';

/** The engine's stages this version names; others show as "Working…". */
const stages = ['start', 'prepare', 'evidence', 'candidates', 'combine_lines', 'combine_items', 'transfers', 'assign', 'review', 'semantic', 'done'] as const;

/** A reconciliation run: progress with counts and Cancel while it runs, what it did once done. */
export function RunPanel({ task }: { task: ReconcileTask }) {
  const { t, number, error: describe } = useI18n();
  const cancel = useAppStore((state) => state.cancelReconcile);
  const dismiss = useAppStore((state) => state.dismissReconcileResult);
  const stage = stages.find((name) => name === task.stage);
  const stageText = stage ? t(`review.stage.${stage}`) : t('review.stage.other');

  if (task.running) {
    const counts = task.total !== null ? t('review.run.counts', { done: number(task.done), total: number(task.total) }) : null;
    const text = [task.cancelling ? t('review.run.cancelling') : stageText, counts].filter(Boolean).join(' · ');
    return (
      <section className="panel run-panel" aria-label={t('review.run.label')}>
        <div className="run-head">
          <p className="run-title">{t('review.run.running')}</p>
          <button type="button" className="btn btn-small" disabled={task.cancelling} onClick={() => void cancel()}>
            {t('review.run.cancel')}
          </button>
        </div>
        <ProgressBar label={t('review.run.label')} done={task.done} total={task.total} text={text} />
      </section>
    );
  }
  if (task.error) {
    return (
      <Alert>
        {describe(task.error)}
        <button type="button" className="btn btn-link" onClick={dismiss}>{t('common.dismiss')}</button>
      </Alert>
    );
  }
  const counts = task.result?.counts;
  if (!counts) return null;
  return (
    <section className="panel run-panel run-done" aria-label={t('review.run.label')}>
      <p className="run-title" role="status">
        {t('review.run.done', { proposals: number(counts.proposals), auto: number(counts.autoApproved), pending: number(counts.pendingReview), unmatched: number(counts.unmatchedBank) })}
      </p>
      <button type="button" className="btn btn-small btn-ghost" onClick={dismiss}>{t('common.dismiss')}</button>
    </section>
  );
}
