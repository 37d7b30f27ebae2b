import { useState, type FormEvent } from 'react';
import { Alert } from '../../components/Alert.js';
import { AuthLayout } from '../../components/AuthLayout.js';
import { TextField } from '../../components/Field.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';

/** Username and password; says clearly why a login failed, and until when a locked account waits. */
export function LoginScreen() {
  const { t, error: describe } = useI18n();
  const login = useAppStore((state) => state.login);
  const pending = useAppStore((state) => state.authPending);
  const loginError = useAppStore((state) => state.loginError);
  const notice = useAppStore((state) => state.sessionNotice);
  const firmName = useAppStore((state) => state.appInfo?.firmName ?? null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    setSubmitted(true);
    if (username.trim() === '' || password === '' || pending) return;
    void login({ username: username.trim(), password });
  };

  return (
    <AuthLayout title={t('login.title')} subtitle={firmName}>
      <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="auth-title">
        {notice && !loginError ? (
          <Alert tone="info" testId="session-notice">{t(notice === 'expired' ? 'login.expired' : 'login.loggedOut')}</Alert>
        ) : null}
        <TextField
          label={t('field.username')}
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          error={submitted && username.trim() === '' ? t('field.required') : null}
        />
        <TextField
          label={t('field.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={submitted && password === '' ? t('field.required') : null}
        />
        {loginError ? <Alert testId="login-error">{describe(loginError, 'login')}</Alert> : null}
        <button type="submit" className="btn btn-primary btn-block" disabled={pending}>
          {pending ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </AuthLayout>
  );
}
