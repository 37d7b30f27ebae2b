import { useId, useState, type FormEvent } from 'react';
import { Alert } from '../../components/Alert.js';
import { TextField } from '../../components/Field.js';
import { useI18n } from '../../i18n/use-i18n.js';
import type { PlainKey } from '../../i18n/types.js';
import { useAppStore } from '../../stores/store-context.js';
import type { EmbeddingDraft, EmbeddingDraftErrors, EmbeddingDraftField } from '../../stores/embedding-types.js';

const rangeKeys: Partial<Record<EmbeddingDraftField, PlainKey>> = {
  dimensions: 'embedding.error.range.dimensions',
  batchSize: 'embedding.error.range.batchSize',
  timeoutSeconds: 'embedding.error.range.timeoutSeconds',
  expiryDays: 'embedding.error.range.expiryDays',
  maxEntries: 'embedding.error.range.maxEntries',
};

/** The firm's embedding settings: provider, server, cache limits and explanations; read-only unless `editable`. */
export function EmbeddingForm({ initial, editable }: { initial: EmbeddingDraft; editable: boolean }) {
  const { t, error: describe } = useI18n();
  const save = useAppStore((state) => state.saveEmbeddingSettings);
  const saving = useAppStore((state) => state.embeddingSaving);
  const saveError = useAppStore((state) => state.embeddingErrors.save);
  const providerName = useId();
  const explanationsHint = useId();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<EmbeddingDraftErrors>({});
  const [submitted, setSubmitted] = useState(false);

  const errorOf = (field: EmbeddingDraftField): string | null => {
    const problem = errors[field];
    if (!problem) return null;
    if (problem === 'required') return t('field.required');
    if (problem === 'whole') return t('embedding.error.whole');
    if (problem === 'multiple32') return t('embedding.error.multiple32');
    if (problem === 'url') return t('embedding.error.url');
    const key = rangeKeys[field];
    return key ? t(key) : null;
  };
  const field = (name: EmbeddingDraftField, numeric = false) => ({
    value: draft[name],
    error: errorOf(name),
    readOnly: !editable,
    ...(numeric ? { inputMode: 'numeric' as const } : { spellCheck: false, autoComplete: 'off' }),
    onChange: (event: { target: { value: string } }) => setDraft((current) => ({ ...current, [name]: event.target.value })),
  });
  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!editable) return;
    setSubmitted(true);
    setErrors((await save(draft)).errors);
  };
  const remote = draft.provider === 'openai';

  return (
    <form className="form" aria-label={t('embedding.title')} noValidate onSubmit={(event) => void onSubmit(event)}>
      <fieldset className="fieldset">
        <legend className="field-label">{t('embedding.provider')}</legend>
        <div className="segmented">
          {(['local', 'openai'] as const).map((value) => (
            <label key={value} className="segmented-option">
              <input
                type="radio"
                name={providerName}
                value={value}
                checked={draft.provider === value}
                disabled={!editable}
                onChange={() => setDraft((current) => ({ ...current, provider: value }))}
              />
              <span>{t(value === 'local' ? 'embedding.provider.local' : 'embedding.provider.openai')}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {remote || draft.explanationsEnabled ? (
        <fieldset className="fieldset">
          <legend className="field-label">{t('embedding.server')}</legend>
          <TextField label={t('embedding.baseURL')} hint={t('embedding.baseURL.hint')} type="url" {...field('baseURL')} />
          {remote ? (
            <>
              <div className="form-row">
                <TextField label={t('embedding.model')} {...field('model')} />
                <TextField label={t('embedding.dimensions')} hint={t('embedding.dimensions.hint')} {...field('dimensions', true)} />
              </div>
              <div className="form-row">
                <TextField label={t('embedding.batchSize')} {...field('batchSize', true)} />
                <TextField label={t('embedding.timeout')} {...field('timeoutSeconds', true)} />
              </div>
            </>
          ) : null}
        </fieldset>
      ) : null}
      <fieldset className="fieldset">
        <legend className="field-label">{t('embedding.cache')}</legend>
        <div className="form-row">
          <TextField label={t('embedding.expiryDays')} {...field('expiryDays', true)} />
          <TextField label={t('embedding.maxEntries')} {...field('maxEntries', true)} />
        </div>
      </fieldset>
      <fieldset className="fieldset" aria-describedby={explanationsHint}>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.explanationsEnabled}
            disabled={!editable}
            onChange={(event) => setDraft((current) => ({ ...current, explanationsEnabled: event.target.checked }))}
          />
          <span>{t('embedding.explanations')}</span>
        </label>
        <p id={explanationsHint} className="field-hint">{t('embedding.explanations.hint')}</p>
        {draft.explanationsEnabled ? <TextField className="field-half" label={t('embedding.chatModel')} {...field('chatModel')} /> : null}
      </fieldset>
      {submitted && saveError ? <Alert>{describe(saveError)}</Alert> : null}
      {editable ? (
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={saving}>{saving ? t('embedding.saving') : t('embedding.save')}</button>
        </div>
      ) : (
        <p className="muted">{t('embedding.readOnly')}</p>
      )}
    </form>
  );
}
