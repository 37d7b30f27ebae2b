import { useId, useState, type FormEvent } from 'react';
import { Alert } from '../../components/Alert.js';
import { TextField } from '../../components/Field.js';
import { errorField } from '../../i18n/errors.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';
import { commonCurrencies, defaultCurrency, formatIban } from './format-iban.js';

const FIELDS = ['name', 'iban', 'number', 'currency'] as const;
type FieldName = (typeof FIELDS)[number];

/** The inline panel that adds a bank account; the core checks the IBAN and says what is wrong. */
export function AccountCreateForm({ onClose }: { onClose: () => void }) {
  const { t, locale, error: describe } = useI18n();
  const create = useAppStore((state) => state.createAccount);
  const createError = useAppStore((state) => state.accountsErrors.create);
  const listId = useId();
  const [name, setName] = useState('');
  const [iban, setIban] = useState('');
  const [number, setNumber] = useState('');
  const [currency, setCurrency] = useState(() => defaultCurrency(locale));
  const [submitted, setSubmitted] = useState(false);
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setSubmitted(true);
    if (name.trim() === '' || currency.trim() === '' || pending) return;
    setPending(true);
    const ok = await create({
      name: name.trim(),
      iban: iban.trim() === '' ? null : iban.trim(),
      number: number.trim() === '' ? null : number.trim(),
      currency: currency.trim().toUpperCase(),
    });
    setPending(false);
    if (ok) onClose();
  };

  const serverError = submitted ? createError : null;
  const serverField = serverError ? errorField(serverError) : null;
  const fieldOf = (field: FieldName): string | null => (serverError && serverField === field ? describe(serverError) : null);
  const formError = serverError && !FIELDS.includes(serverField as FieldName) ? describe(serverError) : null;
  const required = (value: string): string | null => (submitted && value.trim() === '' ? t('field.required') : null);
  const ibanPreview = iban.trim() !== '' ? formatIban(iban) : null;

  return (
    <form
      className="panel create-panel"
      aria-label={t('accounts.form')}
      noValidate
      onSubmit={(event) => void onSubmit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="form-row">
        <TextField label={t('accounts.name')} value={name} onChange={(e) => setName(e.target.value)} autoFocus error={required(name) ?? fieldOf('name')} />
        <TextField
          label={t('accounts.iban')}
          value={iban}
          onChange={(e) => setIban(e.target.value)}
          className="grow"
          inputMode="text"
          autoCapitalize="characters"
          spellCheck={false}
          optional
          error={fieldOf('iban')}
          hint={ibanPreview ? <span className="mono">{ibanPreview}</span> : t('accounts.iban.hint')}
        />
        <TextField
          label={t('accounts.number')}
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          spellCheck={false}
          optional
          hint={t('accounts.number.hint')}
          error={fieldOf('number')}
        />
        <TextField
          label={t('accounts.currency')}
          value={currency}
          onChange={(e) => setCurrency(e.target.value.toUpperCase())}
          list={listId}
          maxLength={3}
          className="narrow"
          spellCheck={false}
          error={required(currency) ?? fieldOf('currency')}
        />
        <datalist id={listId}>
          {commonCurrencies.map((code) => (
            <option key={code} value={code} />
          ))}
        </datalist>
      </div>
      {formError ? <Alert>{formError}</Alert> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={pending}>{t('accounts.create')}</button>
        <button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
