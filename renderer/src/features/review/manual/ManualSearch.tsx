import { useEffect, useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Alert } from '../../../components/Alert.js';
import { Amount } from '../../../components/Amount.js';
import { Icon } from '../../../components/Icon.js';
import { useI18n } from '../../../i18n/use-i18n.js';
import { manualItemName, manualTotals } from '../../../stores/slices/manual-match-model.js';
import { useAppStore } from '../../../stores/store-context.js';
import type { ManualDraft, ManualSide } from '../../../stores/review-types.js';
import { AmountInput } from './AmountInput.js';

const SEARCH_DELAY_MS = 250;
const sides: readonly ManualSide[] = ['books', 'bank'];

/** Search, amount range, dates and status of the builder's search. */
function SearchFilters({ currency }: { currency: string }) {
  const { t } = useI18n();
  const query = useAppStore((state) => state.manualSearch.query);
  const setSearch = useAppStore((state) => state.setManualSearch);
  const difference = useAppStore((state) => (state.manualDraft ? manualTotals(state.manualDraft).differenceMinor : 0));
  const accounts = useAppStore(useShallow((state) => state.accounts.filter((a) => a.companyId === state.currentCompanyId && !a.archived)));
  const [text, setText] = useState(query.text);

  useEffect(() => {
    if (text === query.text) return;
    const timer = setTimeout(() => void setSearch({ text }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, query.text, setSearch]);

  return (
    <div className="manual-filters">
      {query.side === 'bank' ? (
        <label className="filter">
          <span className="filter-label">{t('manual.search.account')}</span>
          <select className="input select input-small" value={query.accountId ?? ''} onChange={(e) => void setSearch({ accountId: e.target.value === '' ? null : Number(e.target.value) })}>
            {query.accountId === null ? <option value="">{t('manual.search.chooseAccount')}</option> : null}
            {accounts.map((account) => <option key={account.id} value={account.id}>{account.name}</option>)}
          </select>
        </label>
      ) : null}
      <label className="filter manual-text">
        <span className="filter-label">{t('manual.search.text')}</span>
        <input
          type="search"
          className="input input-small"
          placeholder={query.side === 'books' ? t('manual.search.textBooks') : t('manual.search.textBank')}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              void setSearch({ text });
            }
          }}
        />
      </label>
      <label className="filter">
        <span className="filter-label">{t('manual.search.min')}</span>
        <AmountInput key={`min-${query.minAmountMinor}`} className="filter-amount" label={t('manual.search.min')} value={query.minAmountMinor} currency={currency} onApply={(minor) => void setSearch({ minAmountMinor: minor })} />
      </label>
      <label className="filter">
        <span className="filter-label">{t('manual.search.max')}</span>
        <AmountInput key={`max-${query.maxAmountMinor}`} className="filter-amount" label={t('manual.search.max')} value={query.maxAmountMinor} currency={currency} onApply={(minor) => void setSearch({ maxAmountMinor: minor })} />
      </label>
      <label className="filter">
        <span className="filter-label">{t('manual.search.from')}</span>
        <input type="date" className="input input-small" value={query.from ?? ''} onChange={(e) => void setSearch({ from: e.target.value || null })} />
      </label>
      <label className="filter">
        <span className="filter-label">{t('manual.search.to')}</span>
        <input type="date" className="input input-small" value={query.to ?? ''} onChange={(e) => void setSearch({ to: e.target.value || null })} />
      </label>
      <label className="filter">
        <span className="filter-label">{t('manual.search.status')}</span>
        <select className="input select input-small" value={query.status} onChange={(e) => void setSearch({ status: e.target.value === 'pending' ? 'pending' : 'unmatched' })}>
          <option value="unmatched">{t('manual.search.status.unmatched')}</option>
          <option value="pending">{t('manual.search.status.pending')}</option>
        </select>
      </label>
      {difference !== 0 ? (
        <button
          type="button"
          className="btn btn-small"
          title={t('manual.search.remaining.title')}
          onClick={() => void setSearch({ minAmountMinor: Math.abs(difference), maxAmountMinor: Math.abs(difference) })}
        >
          {t('manual.search.remaining')} <Amount minor={Math.abs(difference)} currency={currency} />
        </button>
      ) : null}
    </div>
  );
}

/** The results: open books items or bank lines, each added to (or removed from) the match with its checkbox. */
function SearchResults({ draft }: { draft: ManualDraft }) {
  const { t, tn, date, number, error: describe } = useI18n();
  const search = useAppStore((state) => state.manualSearch);
  const toggleItem = useAppStore((state) => state.toggleManualItem);
  const toggleLine = useAppStore((state) => state.toggleManualBankLine);
  const { query } = search;
  const chosenItems = new Set(draft.allocations.map((a) => a.item.id));
  const chosenLines = new Set(draft.bankLines.map((l) => l.id));
  const shown = query.side === 'books' ? search.books.length : search.bank.length;

  return (
    <div className="manual-results">
      {search.error ? <Alert>{describe(search.error)}</Alert> : null}
      {search.loading ? <p className="muted" aria-busy="true">{t('common.loading')}</p> : null}
      {!search.loading && search.total === 0 ? <p className="muted" role="status">{t('manual.search.none')}</p> : null}
      {shown > 0 ? (
        <table className="table manual-table" aria-label={query.side === 'books' ? t('manual.results.books') : t('manual.results.bank')}>
          <thead>
            <tr>
              <th scope="col"><span className="visually-hidden">{t('manual.results.pick')}</span></th>
              <th scope="col">{t('review.col.date')}</th>
              <th scope="col">{query.side === 'books' ? t('review.col.document') : t('review.col.bankText')}</th>
              {query.side === 'books' ? <th scope="col">{t('manual.results.counterparty')}</th> : null}
              <th scope="col" className="num">{query.side === 'books' ? t('review.col.open') : t('review.col.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {query.side === 'books'
              ? search.books.map((item) => {
                  const what = manualItemName(item);
                  return (
                    <tr key={item.id} data-testid="manual-result">
                      <td><input type="checkbox" checked={chosenItems.has(item.id)} aria-label={t('manual.results.pickItem', { what })} onChange={() => toggleItem(item)} /></td>
                      <td className="nowrap">{date(item.date)}</td>
                      <td className="mono nowrap">{item.documentNumber ?? item.paymentReference ?? ''}</td>
                      <td><span className="clip" title={item.description}>{item.counterpartyName ?? item.description}</span></td>
                      <td className="num nowrap"><Amount minor={item.openAmountMinor} currency={item.currency} /></td>
                    </tr>
                  );
                })
              : search.bank.map((line) => (
                  <tr key={line.id} data-testid="manual-result">
                    <td><input type="checkbox" checked={chosenLines.has(line.id)} aria-label={t('manual.results.pickLine', { what: line.description })} onChange={() => toggleLine(line)} /></td>
                    <td className="nowrap">{date(line.bookingDate)}</td>
                    <td><span className="clip" title={line.description}>{line.description}</span></td>
                    <td className="num nowrap"><Amount minor={line.amountMinor} currency={line.currency} /></td>
                  </tr>
                ))}
          </tbody>
        </table>
      ) : null}
      {search.total !== null && search.total > shown ? (
        <p className="muted manual-more">{t('manual.search.more', { shown: number(shown), total: number(search.total) })}</p>
      ) : null}
      {search.total !== null && search.total > 0 ? <p className="visually-hidden" role="status">{tn('manual.search.found', search.total)}</p> : null}
    </div>
  );
}

/** The builder's right column: what to add, found by amount, text, dates and status. */
export function ManualSearch({ draft }: { draft: ManualDraft }) {
  const { t } = useI18n();
  const baseId = useId();
  const side = useAppStore((state) => state.manualSearch.query.side);
  const setSearch = useAppStore((state) => state.setManualSearch);
  const currency = manualTotals(draft).currency ?? 'EUR';
  return (
    <section className="manual-search" aria-labelledby={`${baseId}-title`}>
      <h3 id={`${baseId}-title`} className="detail-heading"><Icon name="search" size={14} /> {t('manual.search.title')}</h3>
      <div className="tabs" role="group" aria-label={t('manual.search.side')}>
        {sides.map((value) => (
          <button
            key={value}
            type="button"
            className="tab"
            aria-pressed={side === value}
            onClick={() => void setSearch({ side: value, minAmountMinor: null, maxAmountMinor: null })}
          >
            {value === 'books' ? t('manual.search.books') : t('manual.search.bank')}
          </button>
        ))}
      </div>
      <SearchFilters key={side} currency={currency} />
      <SearchResults draft={draft} />
    </section>
  );
}
