import { useCallback, useEffect, useId, useRef } from 'react';
import { canEdit } from '../../app/screens.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Icon } from '../../components/Icon.js';
import { TopBar } from '../../components/TopBar.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { reviewListOf, selectedMatch, selectedUnmatched } from '../../stores/slices/review-slice.js';
import { useAppStore, useAppStoreApi } from '../../stores/store-context.js';
import { BandDialog } from './BandDialog.js';
import { DetailPane } from './DetailPane.js';
import { ManualMatchDialog } from './manual/ManualMatchDialog.js';
import { QueuePane } from './QueuePane.js';
import { ReviewToolbar } from './ReviewToolbar.js';
import { RunPanel } from './RunPanel.js';
import { useReviewKeys, type ReviewKeyAction } from './use-review-keys.js';

/** The top bar's actions: approve a band after a spot check, and run reconciliation (N). */
function ReviewActions() {
  const { t } = useI18n();
  const role = useAppStore((state) => state.user?.role);
  const running = useAppStore((state) => state.reconcileTask?.running === true);
  const band = useAppStore((state) => state.reviewQuery.band ?? 'high');
  const bandCount = useAppStore((state) => state.reviewCounts?.reviewByBand[state.reviewQuery.band ?? 'high'] ?? 0);
  const openBand = useAppStore((state) => state.openBandReview);
  const start = useAppStore((state) => state.startReconcile);
  const allowed = canEdit(role);
  const bandName = t(`review.band.${band}`);
  return (
    <>
      <button type="button" className="btn" disabled={bandCount === 0} title={t('review.band.button.title', { band: bandName })} onClick={() => void openBand(band)}>
        {t('review.band.button')}
      </button>
      <button
        type="button"
        className="btn btn-primary"
        data-primary-action
        aria-keyshortcuts="N"
        title={allowed ? `${t('review.run')} (N)` : t('review.run.readOnly')}
        disabled={!allowed || running}
        onClick={() => void start()}
      >
        <Icon name="review" /> {t('review.run')}
      </button>
    </>
  );
}

/**
 * The review queue: proposals on the left (a virtual listbox), the selected one on the right with
 * its evidence, reasons and alternatives; decisions by keyboard, optimistic and undoable.
 */
export function ReviewScreen() {
  const { t, tn, tr, dateTime } = useI18n();
  const store = useAppStoreApi();
  const listId = useId();
  const panelId = useId();
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const company = useAppStore((state) => state.companies.find((c) => c.id === state.currentCompanyId) ?? null);
  const companyId = company?.id ?? null;
  const openReview = useAppStore((state) => state.openReview);
  const counts = useAppStore((state) => state.reviewCounts);
  const lastRun = useAppStore((state) => state.reviewLastRun);
  const task = useAppStore((state) => (state.reconcileTask?.companyId === companyId ? state.reconcileTask : null));
  const band = useAppStore((state) => state.bandReview);
  const manual = useAppStore((state) => state.manualDraft !== null);
  const announcement = useAppStore((state) => state.reviewAnnouncement);
  const navigate = useAppStore((state) => state.navigate);
  const view = useAppStore((state) => state.reviewQuery.view);

  useEffect(() => {
    if (companyId !== null) openReview(companyId);
  }, [companyId, openReview]);

  const openManual = useCallback(() => {
    const state = store.getState();
    const line = selectedUnmatched(state);
    const match = selectedMatch(state);
    if (line) state.openManualMatch({ bankLines: [line] });
    // A proposal's items come along with what it gave them: the person adjusts rather than starts over.
    else if (match) state.openManualMatch({ bankLines: match.bank, books: match.books });
  }, [store]);

  useReviewKeys((action: ReviewKeyAction) => {
    const state = store.getState();
    switch (action.type) {
      case 'move':
        state.moveReviewSelection(action.step);
        break;
      case 'first':
        state.selectReviewRow(0);
        break;
      case 'last':
        state.selectReviewRow((reviewListOf(state).total ?? 1) - 1);
        break;
      case 'approve':
        void state.approveMatch();
        break;
      case 'reject':
        void state.rejectMatch();
        break;
      case 'choose': {
        const id = state.reviewSelection?.id;
        const alternative = state.reviewDetail?.id === id ? state.reviewDetail?.alternatives[action.position] : undefined;
        if (alternative) void state.chooseAlternative(alternative.index);
        break;
      }
      case 'undo':
        void state.undoLastDecision();
        break;
      case 'manual':
        openManual();
        break;
      case 'search':
        searchRef.current?.focus();
        break;
    }
  });

  if (!company) {
    return (
      <>
        <TopBar title={t('nav.review')} />
        <div className="content">
          <EmptyState
            icon="companies"
            title={t('accounts.noCompany.title')}
            action={<button type="button" className="btn btn-primary" onClick={() => navigate('companies')}>{t('nav.companies')}</button>}
          >
            <p>{t('review.noCompany.body')}</p>
          </EmptyState>
        </div>
      </>
    );
  }

  const figures = counts
    ? [tn('review.figures.pending', counts.byStatus.pending_review), tn('review.figures.auto', counts.byStatus.auto_approved), tn('review.figures.unmatched', counts.bankLines.unmatched)]
    : [];
  const context = lastRun ? `${company.name} · ${t('review.lastRun', { when: dateTime(lastRun.startedAt) })}` : company.name;

  return (
    <>
      <TopBar title={t('nav.review')} context={context} figures={figures} actions={<ReviewActions />} />
      <div className="content content-fill review">
        {task ? <RunPanel task={task} /> : null}
        {/* Keyed by company: another company's queue starts with its own (empty) search. */}
        <ReviewToolbar key={company.id} searchRef={searchRef} panelId={panelId} />
        <div id={panelId} className="review-split" role="tabpanel" aria-label={t(`review.view.${view}`)}>
          <section className="review-queue" aria-label={t('review.queue')}>
            <QueuePane listId={listId} listRef={listRef} />
          </section>
          <section className="review-detail" aria-label={t('review.detail')}>
            <DetailPane onManual={openManual} />
          </section>
        </div>
        <p className="visually-hidden" role="status" aria-live="polite" data-testid="review-announcement">
          {announcement ? tr(announcement.message) : ''}
        </p>
      </div>
      {band ? <BandDialog band={band} /> : null}
      {manual ? <ManualMatchDialog /> : null}
    </>
  );
}
