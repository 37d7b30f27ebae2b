import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/use-i18n.js';
import { useAppStore } from '../stores/store-context.js';
import type { Toast } from '../stores/types.js';
import { Icon } from './Icon.js';

const LIFETIME_MS = { plain: 6000, undo: 10000 } as const;

function ToastItem({ toast }: { toast: Toast }) {
  const { t, tr, error } = useI18n();
  const dismiss = useAppStore((state) => state.dismissToast);
  const [held, setHeld] = useState(false);

  useEffect(() => {
    // Errors stay until dismissed; receipts go away unless the pointer or focus holds them.
    if (toast.tone === 'error' || held) return;
    const timer = setTimeout(() => dismiss(toast.id), toast.undo ? LIFETIME_MS.undo : LIFETIME_MS.plain);
    return () => clearTimeout(timer);
  }, [toast, held, dismiss]);

  const text = toast.error ? error(toast.error) : toast.message ? tr(toast.message) : '';
  return (
    <li
      className={`toast toast-${toast.tone}`}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      <span className="toast-text">{text}</span>
      {toast.undo ? (
        <button
          type="button"
          className="btn btn-link toast-undo"
          title={`${t('common.undo')} (U)`}
          aria-keyshortcuts="U"
          onClick={() => {
            dismiss(toast.id);
            void toast.undo?.();
          }}
        >
          {t('common.undo')}
        </button>
      ) : null}
      <button type="button" className="btn btn-ghost btn-icon" aria-label={t('common.dismiss')} onClick={() => dismiss(toast.id)}>
        <Icon name="close" size={14} />
      </button>
    </li>
  );
}

/** Receipts of recent changes, with Undo; announced politely to screen readers. */
export function Toasts() {
  const toasts = useAppStore((state) => state.toasts);
  return (
    <section className="toasts" aria-live="polite" aria-relevant="additions text" data-testid="toasts">
      <ul className="toast-list">
        {toasts.map((toast) => (
          <ToastItem key={toast.id} toast={toast} />
        ))}
      </ul>
    </section>
  );
}
