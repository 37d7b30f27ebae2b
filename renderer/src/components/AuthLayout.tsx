import type { ReactNode } from 'react';
import { useI18n } from '../i18n/use-i18n.js';
import { useAppStore } from '../stores/store-context.js';
import type { Language } from '../i18n/types.js';

/** The centred card of first run and login, with the language choice in reach before logging in. */
export function AuthLayout({ title, subtitle, children }: { title: string; subtitle?: string | null; children: ReactNode }) {
  const { t } = useI18n();
  const language = useAppStore((state) => state.language);
  const setLanguage = useAppStore((state) => state.setLanguage);
  const version = useAppStore((state) => state.appInfo?.version);
  return (
    <div className="auth-screen">
      <main className="auth-main" aria-labelledby="auth-title">
        <div className="card auth-card">
          <div className="auth-brand">
            <span className="brand-mark" aria-hidden="true">C</span>
            <span className="auth-product">Cuadra</span>
          </div>
          <h1 id="auth-title" className="auth-title">{title}</h1>
          {subtitle ? <p className="auth-subtitle">{subtitle}</p> : null}
          {children}
        </div>
      </main>
      <footer className="auth-footer">
        <label className="inline-select">
          <span className="visually-hidden">{t('settings.language')}</span>
          <select className="input select input-small" value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
            <option value="es" lang="es">Español</option>
            <option value="en" lang="en">English</option>
          </select>
        </label>
        {version ? <span className="muted">v{version}</span> : null}
      </footer>
    </div>
  );
}
