import { useEffect, useId, useState, type KeyboardEvent, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';
import type { ReviewSort } from '../../stores/review-types.js';
import { bands, reviewViews, viewCount } from './review-labels.js';

const SEARCH_DELAY_MS = 250;
const sorts: readonly ReviewSort[] = ['value', 'confidence', 'date'];

/** The queue's tabs (status, with counts), confidence band, search, order and account. */
export function ReviewToolbar({ searchRef, panelId }: { searchRef: RefObject<HTMLInputElement | null>; panelId: string }) {
  const { t, number } = useI18n();
  const baseId = useId();
  const query = useAppStore((state) => state.reviewQuery);
  const counts = useAppStore((state) => state.reviewCounts);
  const setQuery = useAppStore((state) => state.setReviewQuery);
  const accounts = useAppStore(useShallow((state) => state.accounts.filter((a) => a.companyId === state.currentCompanyId && !a.archived)));
  const [search, setSearch] = useState(query.search);
  const unmatched = query.view === 'unmatched';

  useEffect(() => {
    if (search.trim() === query.search) return;
    const timer = setTimeout(() => setQuery({ search: search.trim() }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, query.search, setQuery]);

  const onTabKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const step = event.key === 'ArrowRight' ? 1 : -1;
    const next = reviewViews[(reviewViews.indexOf(query.view) + step + reviewViews.length) % reviewViews.length] ?? 'review';
    setQuery({ view: next });
    document.getElementById(`${baseId}-tab-${next}`)?.focus();
  };

  return (
    <div className="review-toolbar">
      <div className="tabs" role="tablist" aria-label={t('review.views')} onKeyDown={onTabKey}>
        {reviewViews.map((view) => {
          const count = viewCount(view, counts);
          return (
            <button
              key={view}
              id={`${baseId}-tab-${view}`}
              type="button"
              role="tab"
              className="tab"
              aria-selected={query.view === view}
              aria-controls={panelId}
              tabIndex={query.view === view ? 0 : -1}
              onClick={() => setQuery({ view })}
            >
              {t(`review.view.${view}`)}
              {count !== null ? <span className="tab-count">{number(count)}</span> : null}
            </button>
          );
        })}
      </div>
      <div className="review-filters">
        <label className="filter filter-search">
          <span className="visually-hidden">{t('review.search')}</span>
          <Icon name="search" className="filter-search-icon" size={14} />
          <input
            ref={searchRef}
            type="search"
            className="input input-small"
            placeholder={t('review.search.placeholder')}
            title={`${t('review.search')} (/)`}
            aria-keyshortcuts="/"
            disabled={unmatched}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') setQuery({ search: search.trim() });
              if (event.key === 'Escape') {
                event.stopPropagation();
                if (search !== '') setSearch('');
                else event.currentTarget.blur();
              }
            }}
          />
          <kbd className="filter-key" aria-hidden="true">/</kbd>
        </label>
        <label className="filter filter-inline">
          <span className="filter-label">{t('review.band')}</span>
          <select
            className="input select input-small"
            value={query.band ?? ''}
            disabled={unmatched}
            onChange={(event) => setQuery({ band: bands.find((band) => band === event.target.value) ?? null })}
          >
            <option value="">{t('review.band.all')}</option>
            {bands.map((band) => {
              const count = query.view === 'review' && counts ? ` (${number(counts.reviewByBand[band])})` : '';
              return <option key={band} value={band}>{`${t(`review.band.${band}`)}${count}`}</option>;
            })}
          </select>
        </label>
        <label className="filter filter-inline">
          <span className="filter-label">{t('review.sort')}</span>
          <select className="input select input-small" value={query.sort} disabled={unmatched} onChange={(event) => setQuery({ sort: sorts.find((s) => s === event.target.value) ?? 'value' })}>
            {sorts.map((sort) => <option key={sort} value={sort}>{t(`review.sort.${sort}`)}</option>)}
          </select>
        </label>
        {accounts.length > 1 ? (
          <label className="filter filter-inline">
            <span className="filter-label">{t('review.account')}</span>
            <select
              className="input select input-small"
              value={query.accountId ?? ''}
              onChange={(event) => setQuery({ accountId: event.target.value === '' ? null : Number(event.target.value) })}
            >
              <option value="">{t('review.account.all')}</option>
              {accounts.map((account) => <option key={account.id} value={account.id}>{account.name}</option>)}
            </select>
          </label>
        ) : null}
      </div>
    </div>
  );
}
