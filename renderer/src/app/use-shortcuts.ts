import { useEffect } from 'react';
import { useAppStoreApi } from '../stores/store-context.js';
import { firmScreens, mainScreens, visibleScreens } from './screens.js';

const CHORD_WINDOW_MS = 1500;

/** True when a key press belongs to what the user is typing, not to the app. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

/**
 * The app's single-key shortcuts: `?` lists them, `g` + letter goes to a screen, `n` runs the
 * screen's primary action (the button marked `data-primary-action`), `u` undoes the last change.
 */
export function useShortcuts(): void {
  const store = useAppStoreApi();
  useEffect(() => {
    let chordStartedAt = 0;
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target)) return;
      const state = store.getState();
      if (state.shortcutsOpen || document.querySelector('[role="dialog"]')) return;
      const key = event.key;
      if (key === '?') {
        event.preventDefault();
        state.setShortcutsOpen(true);
        return;
      }
      if (chordStartedAt && event.timeStamp - chordStartedAt < CHORD_WINDOW_MS) {
        chordStartedAt = 0;
        const screens = [...mainScreens, ...visibleScreens(firmScreens, state.user?.role)];
        const target = screens.find((screen) => screen.chord === key.toLowerCase());
        if (target) {
          event.preventDefault();
          state.navigate(target.id);
        }
        return;
      }
      chordStartedAt = 0;
      if (key === 'g' || key === 'G') {
        chordStartedAt = event.timeStamp || 1;
      } else if (key === 'n' || key === 'N') {
        const primary = document.querySelector<HTMLButtonElement>('[data-primary-action]:not([disabled])');
        if (primary) {
          event.preventDefault();
          primary.click();
        }
      } else if (key === 'u' || key === 'U') {
        event.preventDefault();
        void state.undoLast();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store]);
}
