import { TextField } from './Field.js';
import { useI18n } from '../i18n/use-i18n.js';

/** bcrypt reads at most this many bytes; the core refuses longer passwords (it is the authority). */
export const MAX_PASSWORD_BYTES = 72;

/** UTF-8 length of a password, as bcrypt sees it. */
export function passwordBytes(password: string): number {
  return new TextEncoder().encode(password).length;
}

interface PasswordFieldsProps {
  password: string;
  repeat: string;
  onPassword(value: string): void;
  onRepeat(value: string): void;
  /** Show the mismatch/required messages (after a first submit). */
  showErrors: boolean;
  /** An error from the core about the password (too long, too weak). */
  serverError: string | null;
}

/** A new password typed twice, with a live byte count near the bcrypt limit. */
export function PasswordFields({ password, repeat, onPassword, onRepeat, showErrors, serverError }: PasswordFieldsProps) {
  const { t } = useI18n();
  const bytes = passwordBytes(password);
  const tooLong = bytes > MAX_PASSWORD_BYTES;
  const hint = tooLong
    ? t('field.password.tooLong', { bytes })
    : bytes > MAX_PASSWORD_BYTES - 16
      ? `${t('field.password.hint')} ${t('field.password.bytes', { bytes })}`
      : t('field.password.hint');
  const passwordError = serverError ?? (showErrors && password === '' ? t('field.required') : null);
  const repeatError = showErrors && repeat !== password ? t('field.password.mismatch') : null;
  return (
    <>
      <TextField
        label={t('field.password')}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(event) => onPassword(event.target.value)}
        hint={hint}
        error={passwordError}
      />
      <TextField
        label={t('field.passwordRepeat')}
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={(event) => onRepeat(event.target.value)}
        error={repeatError}
      />
    </>
  );
}
