import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Alert } from '../../components/Alert.js';
import { EmptyState } from '../../components/EmptyState.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { LINES_PAGE_SIZE } from '../../stores/slices/lines-slice.js';
import { useAppStore } from '../../stores/store-context.js';
import type { LinesFilter, LinesSort, LinesTab, PagedRows } from '../../stores/types.js';
import { LinesToolbar } from './LinesToolbar.js';
import { VirtualTable, type Column } from './VirtualTable.js';

/** True when a key press belongs to a field being typed in. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target.tagName === 'INPUT' && !['checkbox', 'radio', 'button'].includes((target as HTMLInputElement).type);
}

/** The order a column sorts in first: newest and largest first, text A→Z. */
const firstDirection = (key: LinesSort): 'asc' | 'desc' => (key === 'description' ? 'asc' : 'desc');

interface LinesPanelProps<R> {
  tab: LinesTab;
  rows: PagedRows<R>;
  columns: readonly Column<R>[];
  rowKey(row: R): number;
  currency: string;
  label: string;
  /** The selected row's details under the table. */
  detail(row: R): ReactNode;
  empty: ReactNode;
}

/**
 * One tab of the account view: filters, a virtual table fetched page by page as it scrolls,
 * and the keyboard (↑/↓ or j/k move the selection, / goes to the search).
 */
export function LinesPanel<R>({ tab, rows, columns, rowKey, currency, label, detail, empty }: LinesPanelProps<R>) {
  const { t, error: describe } = useI18n();
  const ensureRows = useAppStore((state) => state.ensureRows);
  const setFilter = useAppStore((state) => state.setLinesFilter);
  const searchRef = useRef<HTMLInputElement>(null);
  const [range, setRange] = useState({ start: 0, end: LINES_PAGE_SIZE });
  const [selection, setSelection] = useState<{ generation: number; index: number } | null>(null);
  const selected = selection?.generation === rows.generation ? selection.index : null;
  const total = rows.total ?? 0;

  useEffect(() => {
    void ensureRows(tab, range.start, range.end);
  }, [ensureRows, tab, range, rows.generation]);

  const onRange = useCallback((start: number, end: number) => {
    setRange((current) => (current.start === start && current.end === end ? current : { start, end }));
  }, []);
  const onChange = useCallback((change: Partial<LinesFilter>) => setFilter(tab, change), [setFilter, tab]);
  const rowAt = useCallback(
    (index: number): R | undefined => rows.pages[Math.floor(index / LINES_PAGE_SIZE)]?.[index % LINES_PAGE_SIZE],
    [rows.pages],
  );
  const onSort = (key: LinesSort): void => {
    const direction = rows.filter.sort === key ? (rows.filter.direction === 'asc' ? 'desc' : 'asc') : firstDirection(key);
    setFilter(tab, { sort: key, direction });
  };

  const generation = rows.generation;
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      if (document.querySelector('[role="dialog"]')) return;
      const key = event.key;
      if (key === '/') {
        event.preventDefault();
        searchRef.current?.focus();
        return;
      }
      const step = key === 'ArrowDown' || key === 'j' ? 1 : key === 'ArrowUp' || key === 'k' ? -1 : 0;
      if (step === 0 || total === 0) return;
      event.preventDefault();
      setSelection((current) => {
        const from = current?.generation === generation ? current.index : step > 0 ? -1 : total;
        return { generation, index: Math.min(total - 1, Math.max(0, from + step)) };
      });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [generation, total]);

  const selectedRow = selected !== null ? rowAt(selected) : undefined;
  const filtered = useMemo(() => {
    const f = rows.filter;
    return f.search !== '' || f.from !== null || f.to !== null || f.minAmountMinor !== null || f.maxAmountMinor !== null || f.status !== 'all';
  }, [rows.filter]);

  return (
    <div className="lines-panel">
      <LinesToolbar filter={rows.filter} currency={currency} onChange={onChange} searchRef={searchRef} />
      {rows.error ? <Alert>{describe(rows.error)}</Alert> : null}
      {rows.total === 0 && !filtered ? empty : null}
      {rows.total === 0 && filtered ? <p className="muted lines-none" role="status">{t('lines.noMatch')}</p> : null}
      {rows.total === null && !rows.error ? <p className="muted lines-none" aria-busy="true">{t('common.loading')}</p> : null}
      {total > 0 ? (
        <VirtualTable
          label={label}
          columns={columns}
          rowCount={total}
          rowAt={rowAt}
          rowKey={rowKey}
          sort={{ key: rows.filter.sort, direction: rows.filter.direction }}
          onSort={onSort}
          selected={selected}
          onSelect={(index) => setSelection({ generation, index })}
          onRange={onRange}
          loadingText={t('common.loading')}
          sortHint={t('lines.sortHint')}
        />
      ) : null}
      {selectedRow ? <div className="lines-detail" aria-live="polite">{detail(selectedRow)}</div> : null}
    </div>
  );
}

/** Shown when an account has nothing yet: where lines come from. */
export function NoLinesYet({ title, body, onInbox, inboxLabel }: { title: string; body: string; onInbox(): void; inboxLabel: string }) {
  return (
    <EmptyState icon="inbox" title={title} action={<button type="button" className="btn btn-primary" onClick={onInbox}>{inboxLabel}</button>}>
      <p>{body}</p>
    </EmptyState>
  );
}
