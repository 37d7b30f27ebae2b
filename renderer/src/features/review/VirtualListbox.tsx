import { useEffect, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';

/** Row height (px) of the queue: the position of a row is index × height. */
export const QUEUE_ROW_HEIGHT = 48;
const OVERSCAN = 10;

export interface VirtualListboxProps<R> {
  id: string;
  label: string;
  rowCount: number;
  rowAt(index: number): R | undefined;
  rowKey(row: R): number;
  renderRow(row: R): ReactNode;
  selected: number | null;
  onSelect(index: number): void;
  /** The rows [start, end) that are (nearly) on screen: the owner fetches them. */
  onRange(start: number, end: number): void;
  loadingText: string;
  listRef?: RefObject<HTMLDivElement | null>;
}

/** The DOM id of an option, for aria-activedescendant. */
export const optionId = (listId: string, index: number): string => `${listId}-option-${index}`;

/**
 * A listbox that renders only the options in view (plus a margin), absolutely placed inside a
 * box as tall as all rows, so a hundred thousand proposals scroll like a hundred. Options carry
 * aria-setsize / aria-posinset, and the selected one is the listbox's active descendant.
 */
export function VirtualListbox<R>(props: VirtualListboxProps<R>) {
  const { id, rowCount, rowAt, selected, onRange } = props;
  const own = useRef<HTMLDivElement>(null);
  const scroller = props.listRef ?? own;
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
  }, [scroller]);

  const first = Math.max(0, Math.floor(view.top / QUEUE_ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rowCount, Math.ceil((view.top + view.height) / QUEUE_ROW_HEIGHT) + OVERSCAN);

  useEffect(() => {
    onRange(first, Math.max(first + 1, last));
  }, [first, last, onRange]);

  // Keep the selected option in view when the keyboard moves it.
  useEffect(() => {
    const node = scroller.current;
    if (!node || selected === null) return;
    const top = selected * QUEUE_ROW_HEIGHT;
    if (top < node.scrollTop) node.scrollTop = top;
    else if (top + QUEUE_ROW_HEIGHT > node.scrollTop + node.clientHeight) node.scrollTop = top + QUEUE_ROW_HEIGHT - node.clientHeight;
  }, [selected, scroller]);

  const onScroll = (): void => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const node = scroller.current;
      if (node) setView({ top: node.scrollTop, height: node.clientHeight || 600 });
    });
  };

  const options: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    const row = rowAt(index);
    const isSelected = index === selected;
    options.push(
      <div
        key={row ? props.rowKey(row) : `pending-${index}`}
        id={optionId(id, index)}
        role="option"
        aria-selected={isSelected}
        aria-setsize={rowCount}
        aria-posinset={index + 1}
        aria-busy={row ? undefined : true}
        className={isSelected ? 'queue-option queue-selected' : 'queue-option'}
        style={{ top: index * QUEUE_ROW_HEIGHT, height: QUEUE_ROW_HEIGHT }}
        onClick={() => props.onSelect(index)}
      >
        {row ? props.renderRow(row) : <span className="queue-pending">{props.loadingText}</span>}
      </div>,
    );
  }
  const active = selected !== null && selected >= first && selected < last ? optionId(id, selected) : undefined;

  return (
    <div
      ref={scroller}
      id={id}
      className="queue-scroll"
      role="listbox"
      aria-label={props.label}
      aria-activedescendant={active}
      tabIndex={0}
      onScroll={onScroll}
      data-testid="review-queue"
    >
      <div className="queue-inner" role="presentation" style={{ height: rowCount * QUEUE_ROW_HEIGHT }}>
        {options}
      </div>
    </div>
  );
}
