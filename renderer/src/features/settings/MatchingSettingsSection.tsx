import { useEffect, useId, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Alert } from '../../components/Alert.js';
import { TextField } from '../../components/Field.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';
import type { MatchingDraftErrors, MatchingDraftField, MatchingSettingsDraft } from '../../stores/reconcile-types.js';
import { companyCurrency, companyDigits, draftFromSettings } from '../../stores/slices/matching-draft.js';

function MatchingForm({ initial, currency, editable }: { initial: MatchingSettingsDraft; currency: string | null; editable: boolean }) {
  const { t, error: describe } = useI18n();
  const save = useAppStore((state) => state.saveMatchingSettings);
  const saving = useAppStore((state) => state.matchingSaving);
  const saveError = useAppStore((state) => state.matchingSettingsErrors.save);
  const windowHint = useId();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<MatchingDraftErrors>({});
  const [submitted, setSubmitted] = useState(false);

  const errorOf = (field: MatchingDraftField): string | null => {
    const problem = errors[field];
    if (!problem) return null;
    if (problem === 'required') return t('field.required');
    if (problem === 'number') return t('matching.error.number');
    if (problem === 'whole') return t('matching.error.whole');
    return t(`matching.error.range.${field}`);
  };
  const field = (name: MatchingDraftField) => ({
    value: draft[name],
    error: errorOf(name),
    readOnly: !editable,
    inputMode: 'decimal' as const,
    onChange: (event: { target: { value: string } }) => setDraft((current) => ({ ...current, [name]: event.target.value })),
  });
  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!editable) return;
    setSubmitted(true);
    const result = await save(draft);
    setErrors(result.errors);
  };

  return (
    <form className="form" aria-label={t('matching.title')} noValidate onSubmit={(event) => void onSubmit(event)}>
      <div className="form-row">
        <TextField label={t('matching.threshold')} hint={t('matching.threshold.hint')} {...field('thresholdPercent')} />
        <TextField label={t('matching.tolerance')} hint={t('matching.tolerance.hint')} {...field('tolerancePercent')} />
      </div>
      <TextField
        className="field-half"
        label={currency ? t('matching.fee', { currency }) : t('matching.fee.plain')}
        hint={t('matching.fee.hint')}
        {...field('feeTolerance')}
      />
      <fieldset className="fieldset matching-window" aria-describedby={windowHint}>
        <legend className="field-label">{t('matching.window')}</legend>
        <div className="form-row">
          <TextField label={t('matching.before')} {...field('dateWindowBefore')} inputMode="numeric" />
          <TextField label={t('matching.after')} {...field('dateWindowAfter')} inputMode="numeric" />
        </div>
        <p id={windowHint} className="field-hint">{t('matching.window.hint')}</p>
      </fieldset>
      {submitted && saveError ? <Alert>{describe(saveError)}</Alert> : null}
      {editable ? (
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={saving}>{saving ? t('matching.saving') : t('matching.save')}</button>
        </div>
      ) : (
        <p className="muted">{t('matching.readOnly')}</p>
      )}
    </form>
  );
}

/** The current company's matching settings: administrators change them, everyone else reads them. */
export function MatchingSettingsSection() {
  const { t, locale, error: describe } = useI18n();
  const headingId = useId();
  const company = useAppStore((state) => state.companies.find((c) => c.id === state.currentCompanyId) ?? null);
  const companyId = company?.id ?? null;
  const admin = useAppStore((state) => state.user?.role === 'admin');
  const settings = useAppStore((state) => (state.matchingSettingsCompanyId === state.currentCompanyId ? state.matchingSettings : null));
  const loadError = useAppStore((state) => state.matchingSettingsErrors.load);
  const load = useAppStore((state) => state.loadMatchingSettings);
  const currency = companyCurrency(useAppStore(useShallow((state) => state.accounts.filter((a) => a.companyId === state.currentCompanyId))));

  useEffect(() => {
    if (companyId !== null) void load();
  }, [companyId, load]);

  const digits = companyDigits(currency);
  return (
    <section className="panel settings-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('matching.title')}
        {settings?.isDefault ? <span className="tag">{t('matching.default')}</span> : null}
      </h2>
      {company ? <p className="muted">{t('matching.intro', { company: company.name })}</p> : <p className="muted">{t('matching.noCompany')}</p>}
      {loadError ? <Alert>{describe(loadError)}</Alert> : null}
      {company && settings ? (
        <MatchingForm
          // A new company, new saved values or another locale start the form afresh.
          key={`${company.id}|${locale}|${JSON.stringify(settings)}`}
          initial={draftFromSettings(settings, digits, locale)}
          currency={currency}
          editable={admin}
        />
      ) : null}
    </section>
  );
}
