import { useState, type FormEvent } from 'react';
import { Alert } from '../../components/Alert.js';
import { TextField } from '../../components/Field.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';

const MIN_TEXT = 3;

/** The inline panel that adds a rule: when the bank text contains these words, the counterparty is this one. */
export function RuleForm({ onClose }: { onClose: () => void }) {
  const { t, error: describe } = useI18n();
  const addRule = useAppStore((state) => state.addRule);
  const addError = useAppStore((state) => state.learningErrors.add);
  const [bankText, setBankText] = useState('');
  const [counterparty, setCounterparty] = useState('');
  const [taxId, setTaxId] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [pending, setPending] = useState(false);

  const textError = !submitted ? null : bankText.trim() === '' ? t('field.required') : bankText.trim().length < MIN_TEXT ? t('rules.tooShort') : null;
  const targetError = submitted && counterparty.trim() === '' && taxId.trim() === '' ? t('rules.needTarget') : null;

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setSubmitted(true);
    if (pending || bankText.trim().length < MIN_TEXT || (counterparty.trim() === '' && taxId.trim() === '')) return;
    setPending(true);
    const saved = await addRule({
      bankText: bankText.trim(),
      counterpartyName: counterparty.trim() === '' ? null : counterparty.trim(),
      taxId: taxId.trim() === '' ? null : taxId.trim(),
    });
    setPending(false);
    if (saved) onClose();
  };

  return (
    <form
      className="panel create-panel"
      aria-label={t('rules.form')}
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
        <TextField
          label={t('rules.bankText')}
          value={bankText}
          onChange={(e) => setBankText(e.target.value)}
          autoFocus
          className="grow"
          spellCheck={false}
          maxLength={200}
          hint={t('rules.bankText.hint')}
          error={textError}
        />
        <TextField
          label={t('rules.counterparty')}
          value={counterparty}
          onChange={(e) => setCounterparty(e.target.value)}
          maxLength={200}
          optional
          error={targetError}
        />
        <TextField
          label={t('rules.taxId')}
          value={taxId}
          onChange={(e) => setTaxId(e.target.value)}
          maxLength={32}
          spellCheck={false}
          optional
        />
      </div>
      {submitted && addError ? <Alert>{describe(addError)}</Alert> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={pending}>{t('rules.add')}</button>
        <button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
