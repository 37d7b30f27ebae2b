import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { MatchSummary } from '../../../../main/core/contract/index.js';
import { Alert } from '../../components/Alert.js';
import { EmptyState } from '../../components/EmptyState.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { shownRow } from '../../stores/slices/review-decisions.js';
import { rowAtPages } from '../../stores/slices/review-paging.js';
import { useAppStore } from '../../stores/store-context.js';
import type { ReviewPages, UnmatchedLine } from '../../stores/review-types.js';
import { QueueRow, UnmatchedRow } from './QueueRows.js';
import { VirtualListbox } from './VirtualListbox.js';

function useRange(generation: number, ensure: (start: number, end: number) => Promise<void>) {
  const [range, setRange] = useState({ start: 0, end: 40 });
  useEffect(() => {
    void ensure(range.start, range.end);
  }, [ensure, range, generation]);
  return useCallback((start: number, end: number) => {
    setRange((current) => (current.start === start && current.end === end ? current : { start, end }));
  }, []);
}

/** What the queue says when it is empty: nothing run yet, all caught up, or nothing fits the filters. */
function QueueEmpty({ filtered }: { filtered: boolean }) {
  const { t } = useI18n();
  const view = useAppStore((state) => state.reviewQuery.view);
  const counts = useAppStore((state) => state.reviewCounts);
  const lastRun = useAppStore((state) => state.reviewLastRun);
  if (filtered) return <p className="muted queue-none" role="status">{t('review.empty.filtered')}</p>;
  if (view === 'unmatched') {
    return <EmptyState icon="check" title={t('review.empty.unmatched.title')}><p>{t('review.empty.unmatched.body')}</p></EmptyState>;
  }
  const nothingYet = !lastRun && (!counts || Object.values(counts.byStatus).every((n) => n === 0));
  return nothingYet ? (
    <EmptyState icon="review" title={t('review.empty.none.title')}><p>{t('review.empty.none.body')}</p></EmptyState>
  ) : (
    <EmptyState icon="check" title={t('review.empty.done.title')}><p>{t('review.empty.done.body')}</p></EmptyState>
  );
}

/** The left pane: the queue (or the unmatched lines) as a virtual listbox fetched page by page. */
export function QueuePane({ listId, listRef }: { listId: string; listRef: RefObject<HTMLDivElement | null> }) {
  const { t, error: describe } = useI18n();
  const query = useAppStore((state) => state.reviewQuery);
  const matches = useAppStore((state) => state.reviewRows);
  const unmatchedRows = useAppStore((state) => state.unmatchedRows);
  const optimistic = useAppStore((state) => state.reviewOptimistic);
  const threshold = useAppStore((state) => state.reviewThreshold);
  const selection = useAppStore((state) => state.reviewSelection);
  const ensure = useAppStore((state) => state.ensureReviewRows);
  const select = useAppStore((state) => state.selectReviewRow);
  const unmatched = query.view === 'unmatched';
  const rows: ReviewPages<{ id: number }> = unmatched ? unmatchedRows : matches;
  const onRange = useRange(rows.generation, ensure);
  const resetKey = `${query.view}|${query.band}|${query.search}|${query.sort}|${query.accountId}`;
  const previousKey = useRef(resetKey);

  useEffect(() => {
    // A new filter is a new list: start at its top (a refresh keeps the place).
    if (previousKey.current === resetKey) return;
    previousKey.current = resetKey;
    if (listRef.current) listRef.current.scrollTop = 0;
  }, [resetKey, listRef]);

  const matchAt = useCallback((index: number) => shownRow(rowAtPages(matches, index), optimistic), [matches, optimistic]);
  const lineAt = useCallback((index: number) => rowAtPages(unmatchedRows, index), [unmatchedRows]);
  const filtered = !unmatched && (query.search !== '' || query.band !== null);
  const total = rows.total ?? 0;

  return (
    <div className="queue-pane">
      {rows.error ? <Alert>{describe(rows.error)}</Alert> : null}
      {rows.total === null && !rows.error ? <p className="muted queue-none" aria-busy="true">{t('common.loading')}</p> : null}
      {rows.total === 0 ? <QueueEmpty filtered={filtered} /> : null}
      {total > 0 && !unmatched ? (
        <VirtualListbox<MatchSummary>
          id={listId}
          listRef={listRef}
          label={t(`review.list.${query.view}`)}
          rowCount={total}
          rowAt={matchAt}
          rowKey={(row) => row.id}
          renderRow={(row) => <QueueRow match={row} threshold={threshold} />}
          selected={selection?.index ?? null}
          onSelect={select}
          onRange={onRange}
          loadingText={t('common.loading')}
        />
      ) : null}
      {total > 0 && unmatched ? (
        <VirtualListbox<UnmatchedLine>
          id={listId}
          listRef={listRef}
          label={t('review.list.unmatched')}
          rowCount={total}
          rowAt={lineAt}
          rowKey={(row) => row.id}
          renderRow={(row) => <UnmatchedRow line={row} />}
          selected={selection?.index ?? null}
          onSelect={select}
          onRange={onRange}
          loadingText={t('common.loading')}
        />
      ) : null}
    </div>
  );
}
