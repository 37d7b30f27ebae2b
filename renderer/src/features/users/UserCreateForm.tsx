import { useState, type FormEvent } from 'react';
import type { Role } from '../../../../main/core/contract/index.js';
import { Alert } from '../../components/Alert.js';
import { SelectField, TextField } from '../../components/Field.js';
import { PasswordFields } from '../../components/PasswordFields.js';
import { errorField } from '../../i18n/errors.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';

const PASSWORD_CODES = new Set(['password_too_long', 'password_too_weak']);

// Kept here as data so the renderer bundle does not pull in zod with the contract's `roles`;
// the type check below fails when the contract gains a role this list lacks.
const roleOptions = ['preparer', 'reviewer', 'admin'] as const satisfies readonly Role[];
const coversEveryRole: Exclude<Role, (typeof roleOptions)[number]> extends never ? true : false = true;
void coversEveryRole;

/** The inline panel that creates a user with a role and a first password. */
export function UserCreateForm({ onClose }: { onClose: () => void }) {
  const { t, error: describe } = useI18n();
  const create = useAppStore((state) => state.createUser);
  const createError = useAppStore((state) => state.usersErrors.create);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('preparer');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setSubmitted(true);
    if (username.trim() === '' || displayName.trim() === '' || password === '' || password !== repeat || pending) return;
    setPending(true);
    const ok = await create({ username: username.trim(), displayName: displayName.trim(), role, password });
    setPending(false);
    if (ok) onClose();
  };

  const serverError = submitted ? createError : null;
  const field = serverError ? errorField(serverError) : null;
  const passwordError = serverError && PASSWORD_CODES.has(serverError.code) ? describe(serverError) : null;
  const usernameError = serverError && !passwordError && (field === 'username' || serverError.code === 'conflict') ? describe(serverError) : null;
  const formError = serverError && !passwordError && !usernameError ? describe(serverError) : null;
  const required = (value: string): string | null => (submitted && value.trim() === '' ? t('field.required') : null);

  return (
    <form
      className="panel create-panel"
      aria-label={t('users.form')}
      noValidate
      onSubmit={(event) => void onSubmit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="form-grid">
        <TextField
          label={t('field.username')}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoFocus
          autoCapitalize="none"
          spellCheck={false}
          autoComplete="off"
          hint={t('field.username.hint')}
          error={required(username) ?? usernameError}
        />
        <TextField label={t('field.displayName')} value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="off" error={required(displayName)} />
        <SelectField label={t('users.role')} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {roleOptions.map((value) => (
            <option key={value} value={value}>{t(`role.${value}`)}</option>
          ))}
        </SelectField>
        <PasswordFields password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat} showErrors={submitted} serverError={passwordError} />
      </div>
      {formError ? <Alert>{formError}</Alert> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={pending}>{t('users.create')}</button>
        <button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
