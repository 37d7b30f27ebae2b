import { useState, type FormEvent } from 'react';
import { Alert } from '../../components/Alert.js';
import { AuthLayout } from '../../components/AuthLayout.js';
import { TextField } from '../../components/Field.js';
import { PasswordFields } from '../../components/PasswordFields.js';
import { errorField } from '../../i18n/errors.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';

const PASSWORD_CODES = new Set(['password_too_long', 'password_too_weak']);

/** First run: the firm's name and its first administrator, who is then logged in. */
export function FirstRunScreen() {
  const { t, error: describe } = useI18n();
  const setup = useAppStore((state) => state.setup);
  const pending = useAppStore((state) => state.authPending);
  const setupError = useAppStore((state) => state.setupError);
  const [firmName, setFirmName] = useState('');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const required = (value: string): string | null => (submitted && value.trim() === '' ? t('field.required') : null);
  const serverField = setupError ? errorField(setupError) : null;
  const fieldError = (name: string): string | null =>
    setupError && serverField === name && !PASSWORD_CODES.has(setupError.code) ? describe(setupError) : null;
  const passwordError = setupError && PASSWORD_CODES.has(setupError.code) ? describe(setupError) : null;
  const formError = setupError && !passwordError && !['firmName', 'username', 'displayName'].includes(serverField ?? '')
    ? describe(setupError)
    : null;

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    setSubmitted(true);
    const blank = [firmName, username, displayName, password].some((value) => value.trim() === '');
    if (blank || password !== repeat || pending) return;
    void setup({ firmName: firmName.trim(), username: username.trim(), displayName: displayName.trim(), password });
  };

  return (
    <AuthLayout title={t('firstRun.title')} subtitle={t('firstRun.intro')}>
      <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="auth-title">
        <fieldset className="fieldset">
          <legend className="legend">{t('firstRun.firm')}</legend>
          <TextField
            label={t('firstRun.firmName')}
            value={firmName}
            onChange={(event) => setFirmName(event.target.value)}
            autoComplete="organization"
            autoFocus
            error={required(firmName) ?? fieldError('firmName')}
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend className="legend">{t('firstRun.admin')}</legend>
          <TextField
            label={t('field.username')}
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            hint={t('field.username.hint')}
            error={required(username) ?? fieldError('username')}
          />
          <TextField
            label={t('field.displayName')}
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
            autoComplete="name"
            error={required(displayName) ?? fieldError('displayName')}
          />
          <PasswordFields
            password={password}
            repeat={repeat}
            onPassword={setPassword}
            onRepeat={setRepeat}
            showErrors={submitted}
            serverError={passwordError}
          />
        </fieldset>
        {formError ? <Alert>{formError}</Alert> : null}
        <button type="submit" className="btn btn-primary btn-block" disabled={pending}>
          {pending ? t('firstRun.submitting') : t('firstRun.submit')}
        </button>
      </form>
    </AuthLayout>
  );
}
