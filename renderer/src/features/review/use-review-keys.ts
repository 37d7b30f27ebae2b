import { useEffect, useRef } from 'react';
import { isTyping } from '../../app/use-shortcuts.js';
import { useAppStoreApi } from '../../stores/store-context.js';

const CHORD_WINDOW_MS = 1500;

/** What a key does on the review screen. */
export type ReviewKeyAction =
  | { type: 'move'; step: number }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'approve' }
  | { type: 'reject' }
  | { type: 'choose'; position: number }
  | { type: 'undo' }
  | { type: 'manual' }
  | { type: 'search' };

/** The review screen's keyboard map: j/k or arrows move, a approve, r reject, 1–9 choose, u undo, m manual, / search. */
export function reviewKeyAction(key: string): ReviewKeyAction | null {
  if (/^[1-9]$/.test(key)) return { type: 'choose', position: Number(key) - 1 };
  switch (key) {
    case 'ArrowDown':
    case 'j':
    case 'J':
      return { type: 'move', step: 1 };
    case 'ArrowUp':
    case 'k':
    case 'K':
      return { type: 'move', step: -1 };
    case 'PageDown':
      return { type: 'move', step: 10 };
    case 'PageUp':
      return { type: 'move', step: -10 };
    case 'Home':
      return { type: 'first' };
    case 'End':
      return { type: 'last' };
    case 'a':
    case 'A':
      return { type: 'approve' };
    case 'r':
    case 'R':
      return { type: 'reject' };
    case 'u':
    case 'U':
      return { type: 'undo' };
    case 'm':
    case 'M':
      return { type: 'manual' };
    case '/':
      return { type: 'search' };
    default:
      return null;
  }
}

/**
 * Binds the keyboard map while the review screen is shown. It listens in the capture phase so
 * that its `u` (undo the latest decision) comes before the app-wide one; keys typed in fields,
 * keys with modifiers, keys while a dialog is open and the key after `g` (go to a screen) are left alone.
 */
export function useReviewKeys(run: (action: ReviewKeyAction) => void): void {
  const store = useAppStoreApi();
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  });

  useEffect(() => {
    let chordAt = 0;
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target)) return;
      if (store.getState().shortcutsOpen || document.querySelector('[role="dialog"]')) return;
      if (event.key === 'g' || event.key === 'G') {
        chordAt = event.timeStamp || 1;
        return;
      }
      if (chordAt && event.timeStamp - chordAt < CHORD_WINDOW_MS) {
        chordAt = 0;
        return;
      }
      chordAt = 0;
      const action = reviewKeyAction(event.key);
      if (!action) return;
      event.preventDefault();
      latest.current(action);
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, [store]);
}
