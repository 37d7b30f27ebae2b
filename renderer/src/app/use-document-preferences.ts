import { useEffect } from 'react';
import { useAppStore } from '../stores/store-context.js';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** Applies the language and the theme to <html> (lang, data-theme), following the system when asked. */
export function useDocumentPreferences(): void {
  const language = useAppStore((state) => state.language);
  const theme = useAppStore((state) => state.theme);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  useEffect(() => {
    const root = document.documentElement;
    if (theme !== 'system') {
      root.dataset['theme'] = theme;
      return;
    }
    const media = typeof window.matchMedia === 'function' ? window.matchMedia(DARK_QUERY) : null;
    const apply = (): void => {
      root.dataset['theme'] = media?.matches ? 'dark' : 'light';
    };
    apply();
    media?.addEventListener('change', apply);
    return () => media?.removeEventListener('change', apply);
  }, [theme]);
}
