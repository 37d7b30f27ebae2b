import { detectLanguage, isLanguage, resolveLocale } from '../../i18n/translate.js';
import type { SliceCreator, SliceDeps, Theme, UiSlice } from '../types.js';

export const LANGUAGE_KEY = 'cuadra.language';
export const THEME_KEY = 'cuadra.theme';
const themes: readonly Theme[] = ['light', 'dark', 'system'];

/** Language, theme, current screen, toasts and the shortcuts dialog; preferences are remembered. */
export function createUiSlice(deps: SliceDeps): SliceCreator<UiSlice> {
  const savedLanguage = deps.storage.getItem(LANGUAGE_KEY);
  const language = isLanguage(savedLanguage) ? savedLanguage : detectLanguage(deps.preferredLanguages);
  const savedTheme = deps.storage.getItem(THEME_KEY);
  const theme = themes.find((t) => t === savedTheme) ?? 'system';
  let nextToastId = 1;

  return (set, get) => ({
    language,
    locale: resolveLocale(language, deps.preferredLanguages),
    theme,
    screen: 'accounts',
    toasts: [],
    shortcutsOpen: false,

    setLanguage: (next) => {
      deps.storage.setItem(LANGUAGE_KEY, next);
      set({ language: next, locale: resolveLocale(next, deps.preferredLanguages) });
    },
    setTheme: (next) => {
      deps.storage.setItem(THEME_KEY, next);
      set({ theme: next });
    },
    navigate: (screen) => set({ screen }),
    pushToast: (toast) => {
      const id = nextToastId++;
      // Keep the few newest: a toast is a receipt, not a history.
      set((state) => ({ toasts: [...state.toasts.slice(-3), { ...toast, id }] }));
      return id;
    },
    dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
    undoLast: async () => {
      const toast = [...get().toasts].reverse().find((candidate) => candidate.undo);
      if (!toast?.undo) return;
      get().dismissToast(toast.id);
      await toast.undo();
    },
    setShortcutsOpen: (open) => set({ shortcutsOpen: open }),
  });
}
