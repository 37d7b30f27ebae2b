import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { LinesSort } from '../../stores/types.js';

/** One column of a virtual table. */
export interface Column<R> {
  id: string;
  header: string;
  /** A CSS width for the <col>; the table's layout is fixed so rows never shift while scrolling. */
  width: string;
  numeric?: boolean;
  /** The order this column sorts by, when it can. */
  sortKey?: LinesSort;
  cell(row: R): ReactNode;
}

export interface VirtualTableProps<R> {
  label: string;
  columns: readonly Column<R>[];
  rowCount: number;
  rowAt(index: number): R | undefined;
  rowKey(row: R): string | number;
  sort: { key: LinesSort; direction: 'asc' | 'desc' };
  onSort(key: LinesSort): void;
  selected: number | null;
  onSelect(index: number): void;
  /** The rows [start, end) that are (nearly) on screen: the owner fetches them. */
  onRange(start: number, end: number): void;
  loadingText: string;
  sortHint: string;
}

/** Fixed row height (px) of the virtual table: the position of a row is index × height. */
export const ROW_HEIGHT = 32;
const OVERSCAN = 12;

/**
 * A table that renders only the rows in view (plus a margin) between two spacer rows, so a
 * hundred thousand lines scroll like a hundred. Keeps real table semantics (row, columnheader,
 * aria-sort, aria-rowcount / aria-rowindex) for screen readers and role locators.
 */
export function VirtualTable<R>(props: VirtualTableProps<R>) {
  const { columns, rowCount, rowAt, selected, onRange } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  const frame = useRef(0);

  useLayoutEffect(() => {
    const node = scroller.current;
    if (!node) return;
    const measure = (): void => setView({ top: node.scrollTop, height: node.clientHeight || 600 });
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(node);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rowCount, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);

  useEffect(() => {
    onRange(first, Math.max(first + 1, last));
  }, [first, last, onRange]);

  // Keep the selected row in view when the keyboard moves it.
  useEffect(() => {
    const node = scroller.current;
    if (!node || selected === null) return;
    const header = ROW_HEIGHT;
    const top = selected * ROW_HEIGHT;
    if (top < node.scrollTop) node.scrollTop = top;
    else if (top + ROW_HEIGHT + header > node.scrollTop + node.clientHeight) node.scrollTop = top + ROW_HEIGHT + header - node.clientHeight;
  }, [selected]);

  const onScroll = (): void => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const node = scroller.current;
      if (node) setView({ top: node.scrollTop, height: node.clientHeight || 600 });
    });
  };

  const rows: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    const row = rowAt(index);
    const isSelected = index === selected;
    rows.push(
      <tr
        key={row ? props.rowKey(row) : `pending-${index}`}
        aria-rowindex={index + 2}
        aria-selected={isSelected}
        className={isSelected ? 'vtable-row vtable-selected' : 'vtable-row'}
        onClick={() => props.onSelect(index)}
      >
        {row ? (
          columns.map((column) => (
            <td key={column.id} className={column.numeric ? 'num' : undefined}>{column.cell(row)}</td>
          ))
        ) : (
          <td colSpan={columns.length} className="vtable-pending">{props.loadingText}</td>
        )}
      </tr>,
    );
  }

  return (
    <div ref={scroller} className="vtable-scroll" onScroll={onScroll} tabIndex={0} data-testid="virtual-table">
      <table className="vtable" aria-label={props.label} aria-rowcount={rowCount + 1} aria-multiselectable="false">
        <colgroup>
          {columns.map((column) => <col key={column.id} style={{ width: column.width }} />)}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((column) => {
              const active = column.sortKey !== undefined && column.sortKey === props.sort.key;
              const ariaSort = active ? (props.sort.direction === 'asc' ? 'ascending' : 'descending') : column.sortKey ? 'none' : undefined;
              return (
                <th key={column.id} scope="col" aria-sort={ariaSort} className={column.numeric ? 'num' : undefined}>
                  {column.sortKey ? (
                    <button type="button" className="vtable-sort" title={props.sortHint} onClick={() => column.sortKey && props.onSort(column.sortKey)}>
                      {column.header}
                      <span className="vtable-arrow" aria-hidden="true">{active ? (props.sort.direction === 'asc' ? '▲' : '▼') : ''}</span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {first > 0 ? (
            <tr className="vtable-spacer" aria-hidden="true" style={{ height: first * ROW_HEIGHT }}><td colSpan={columns.length} /></tr>
          ) : null}
          {rows}
          {rowCount > last ? (
            <tr className="vtable-spacer" aria-hidden="true" style={{ height: (rowCount - last) * ROW_HEIGHT }}><td colSpan={columns.length} /></tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
