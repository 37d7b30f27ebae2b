import { useEffect } from 'react';
import { Alert } from '../components/Alert.js';
import { FirstRunScreen } from '../features/first-run/FirstRunScreen.js';
import { LoginScreen } from '../features/login/LoginScreen.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useAppStore } from '../stores/store-context.js';
import { AppFrame } from './AppFrame.js';
import { useDocumentPreferences } from './use-document-preferences.js';

function Starting() {
  const { t } = useI18n();
  return (
    <main className="center-screen" aria-busy="true">
      <p className="muted">{t('app.loading')}</p>
    </main>
  );
}

function Unreachable() {
  const { t, error } = useI18n();
  const startError = useAppStore((state) => state.startError);
  const start = useAppStore((state) => state.start);
  return (
    <main className="center-screen">
      <div className="card auth-card">
        <h1 className="auth-title">{t('app.unreachable.title')}</h1>
        <p>{t('app.unreachable.body')}</p>
        {startError ? (
          <Alert>
            {error(startError)}
            {/* The host's own sentence says what to do (e.g. open the address `npm run serve` printed). */}
            {startError.code === 'internal' ? <span className="alert-detail">{startError.message}</span> : null}
          </Alert>
        ) : null}
        <button type="button" className="btn btn-primary" onClick={() => void start()}>{t('app.retry')}</button>
      </div>
    </main>
  );
}

/** The whole app: asks the core where to begin, then shows first run, login or the frame. */
export function App() {
  const phase = useAppStore((state) => state.phase);
  const start = useAppStore((state) => state.start);
  useDocumentPreferences();

  useEffect(() => {
    void start();
  }, [start]);

  switch (phase) {
    case 'starting':
      return <Starting />;
    case 'unreachable':
      return <Unreachable />;
    case 'setup':
      return <FirstRunScreen />;
    case 'login':
      return <LoginScreen />;
    case 'ready':
      return <AppFrame />;
  }
}
