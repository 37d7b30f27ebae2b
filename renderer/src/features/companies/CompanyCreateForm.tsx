import { useState, type FormEvent } from 'react';
import { TextField } from '../../components/Field.js';
import { errorField } from '../../i18n/errors.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';

/** The inline panel that creates a company: name and tax id; Enter creates, Escape closes. */
export function CompanyCreateForm({ onClose }: { onClose: () => void }) {
  const { t, error: describe } = useI18n();
  const create = useAppStore((state) => state.createCompany);
  const createError = useAppStore((state) => state.companiesErrors.create);
  const [name, setName] = useState('');
  const [taxId, setTaxId] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setSubmitted(true);
    if (name.trim() === '' || pending) return;
    setPending(true);
    const ok = await create({ name: name.trim(), taxId: taxId.trim() === '' ? null : taxId.trim() });
    setPending(false);
    if (ok) onClose();
  };

  // Only errors of this form's own submits: a stale one from an earlier panel is not shown.
  const serverError = submitted ? createError : null;
  const taxIdError = serverError && errorField(serverError) === 'taxId' ? describe(serverError) : null;
  const nameError = submitted && name.trim() === '' ? t('field.required') : serverError && !taxIdError ? describe(serverError) : null;

  return (
    <form
      className="panel create-panel"
      aria-label={t('companies.form')}
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
        <TextField label={t('companies.name')} value={name} onChange={(e) => setName(e.target.value)} autoFocus error={nameError} className="grow" />
        <TextField label={t('companies.taxId')} value={taxId} onChange={(e) => setTaxId(e.target.value)} optional error={taxIdError} spellCheck={false} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={pending}>{t('companies.create')}</button>
          <button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </div>
    </form>
  );
}
