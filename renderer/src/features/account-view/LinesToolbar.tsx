import { useEffect, useState, type RefObject } from 'react';
import { Icon } from '../../components/Icon.js';
import { currencyDigits, minorToDecimal } from '../../i18n/format.js';
import { useI18n } from '../../i18n/use-i18n.js';
import type { LinesFilter } from '../../stores/types.js';
import { decimalSeparatorOf, parseAmountInput } from './amount-input.js';

const SEARCH_DELAY_MS = 250;
const statuses: readonly LinesFilter['status'][] = ['all', 'unmatched', 'pending', 'matched'];

/** An amount bound in the filter: typed freely, applied on Enter or when the field is left. */
function AmountBound({
  label, value, currency, onApply,
}: { label: string; value: number | null; currency: string; onApply: (minor: number | null) => void }) {
  const { t, locale } = useI18n();
  const digits = currencyDigits(currency);
  // The owner keys this field by its value, so a value set from outside starts it afresh.
  const [text, setText] = useState(() => (value === null ? '' : minorToDecimal(value, digits).replace('.', decimalSeparatorOf(locale))));
  const [invalid, setInvalid] = useState(false);
  const apply = (): void => {
    const parsed = parseAmountInput(text, digits, locale);
    setInvalid(parsed === 'invalid');
    if (parsed !== 'invalid' && parsed !== value) onApply(parsed);
  };
  return (
    <label className="filter">
      <span className="filter-label">{label}</span>
      <input
        className="input input-small filter-amount num"
        inputMode="decimal"
        value={text}
        aria-invalid={invalid || undefined}
        title={invalid ? t('lines.filter.amountInvalid') : t('lines.filter.amountHint')}
        onChange={(event) => setText(event.target.value)}
        onBlur={apply}
        onKeyDown={(event) => {
          if (event.key === 'Enter') apply();
        }}
      />
    </label>
  );
}

/** Search, date range, amount range and status of the account view's tables. */
export function LinesToolbar({
  filter, currency, onChange, searchRef,
}: {
  filter: LinesFilter;
  currency: string;
  onChange: (change: Partial<LinesFilter>) => void;
  searchRef: RefObject<HTMLInputElement | null>;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState(filter.search);
  useEffect(() => {
    if (search.trim() === filter.search) return;
    const timer = setTimeout(() => onChange({ search: search.trim() }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, filter.search, onChange]);

  const filtered = filter.search !== '' || filter.from !== null || filter.to !== null || filter.minAmountMinor !== null || filter.maxAmountMinor !== null || filter.status !== 'all';

  return (
    <div className="lines-toolbar" role="search" aria-label={t('lines.filters')}>
      <label className="filter filter-search">
        <span className="visually-hidden">{t('lines.search')}</span>
        <Icon name="search" className="filter-search-icon" />
        <input
          ref={searchRef}
          type="search"
          className="input input-small"
          placeholder={t('lines.search.placeholder')}
          aria-keyshortcuts="/"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && search !== '') {
              event.stopPropagation();
              setSearch('');
            }
          }}
        />
        <kbd className="filter-key" aria-hidden="true">/</kbd>
      </label>
      <label className="filter">
        <span className="filter-label">{t('lines.filter.from')}</span>
        <input type="date" className="input input-small" value={filter.from ?? ''} max={filter.to ?? undefined} onChange={(e) => onChange({ from: e.target.value || null })} />
      </label>
      <label className="filter">
        <span className="filter-label">{t('lines.filter.to')}</span>
        <input type="date" className="input input-small" value={filter.to ?? ''} min={filter.from ?? undefined} onChange={(e) => onChange({ to: e.target.value || null })} />
      </label>
      <AmountBound key={`min-${filter.minAmountMinor}`} label={t('lines.filter.min')} value={filter.minAmountMinor} currency={currency} onApply={(minor) => onChange({ minAmountMinor: minor })} />
      <AmountBound key={`max-${filter.maxAmountMinor}`} label={t('lines.filter.max')} value={filter.maxAmountMinor} currency={currency} onApply={(minor) => onChange({ maxAmountMinor: minor })} />
      <label className="filter">
        <span className="filter-label">{t('lines.filter.status')}</span>
        <select className="input select input-small" value={filter.status} onChange={(e) => onChange({ status: statuses.find((s) => s === e.target.value) ?? 'all' })}>
          {statuses.map((status) => <option key={status} value={status}>{t(`lines.filter.status.${status}`)}</option>)}
        </select>
      </label>
      {filtered ? (
        <button
          type="button"
          className="btn btn-small btn-ghost"
          onClick={() => {
            setSearch('');
            onChange({ search: '', from: null, to: null, minAmountMinor: null, maxAmountMinor: null, status: 'all' });
          }}
        >
          {t('lines.filter.clear')}
        </button>
      ) : null}
    </div>
  );
}
