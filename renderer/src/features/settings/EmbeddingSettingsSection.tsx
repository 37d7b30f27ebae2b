import { useEffect, useId, useState, type FormEvent } from 'react';
import { Alert } from '../../components/Alert.js';
import { TextField } from '../../components/Field.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';
import { draftFromConfig } from '../../stores/slices/embedding-draft.js';
import { EmbeddingForm } from './EmbeddingForm.js';

/** The API key: write-only. It is typed, stored in the keychain and never shown; the screen only knows whether one is stored. */
function KeyField() {
  const { t, error: describe } = useI18n();
  const hasKey = useAppStore((state) => state.embeddingSettings?.hasKey ?? false);
  const keyStore = useAppStore((state) => state.embeddingSettings?.keyStore ?? null);
  const pending = useAppStore((state) => state.embeddingKeyPending);
  const keyError = useAppStore((state) => state.embeddingErrors.key);
  const setKey = useAppStore((state) => state.setEmbeddingKey);
  const clearKey = useAppStore((state) => state.clearEmbeddingKey);
  const [typed, setTyped] = useState('');
  if (!keyStore) return null;

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (typed.trim() === '') return;
    // The typed key leaves the screen as soon as it is sent.
    if (await setKey(typed)) setTyped('');
  };
  return (
    <form className="form" aria-label={t('embedding.key')} noValidate onSubmit={(event) => void onSubmit(event)}>
      <p className="muted" role="status">{hasKey ? t(`embedding.key.stored.${keyStore.kind}`) : t('embedding.key.none')}</p>
      {keyStore.problem ? <Alert>{t('embedding.key.problem', { message: keyStore.problem })}</Alert> : null}
      <div className="form-row">
        <TextField
          className="grow"
          label={t('embedding.key')}
          hint={t('embedding.key.hint')}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
        <div className="form-actions">
          <button type="submit" className="btn" disabled={pending || typed.trim() === ''}>{t('embedding.key.store')}</button>
          {hasKey ? (
            <button type="button" className="btn btn-ghost" disabled={pending} onClick={() => void clearKey()}>{t('embedding.key.remove')}</button>
          ) : null}
        </div>
      </div>
      {keyError ? <Alert>{describe(keyError)}</Alert> : null}
    </form>
  );
}

/** "Test connection" and its one-line answer. */
function ConnectionTest() {
  const { t, error: describe, number } = useI18n();
  const test = useAppStore((state) => state.embeddingTest);
  const testError = useAppStore((state) => state.embeddingErrors.test);
  const run = useAppStore((state) => state.testEmbeddingConnection);
  const hintId = useId();
  const result = test.result;
  return (
    <div className="fieldset">
      <div className="form-actions">
        <button type="button" className="btn" aria-describedby={hintId} disabled={test.running} onClick={() => void run()}>
          {test.running ? t('embedding.testing') : t('embedding.test')}
        </button>
      </div>
      <p id={hintId} className="field-hint">{t('embedding.test.hint')}</p>
      {result?.ok ? (
        <Alert tone="info">{t('embedding.test.ok', { dimensions: number(result.dimensions ?? 0), ms: number(result.latencyMs ?? 0) })}</Alert>
      ) : null}
      {result && !result.ok ? <Alert>{t('embedding.test.failed', { message: result.message })}</Alert> : null}
      {testError ? <Alert>{describe(testError)}</Alert> : null}
    </div>
  );
}

/** The cache's counters, and Clear cache for administrators. */
function CacheFacts({ admin }: { admin: boolean }) {
  const { t, error: describe, number, locale } = useI18n();
  const cache = useAppStore((state) => state.embeddingSettings?.cache ?? null);
  const cacheError = useAppStore((state) => state.embeddingErrors.cache);
  const clear = useAppStore((state) => state.clearEmbeddingCache);
  if (!cache) return null;
  const rate = cache.hitRate === null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(cache.hitRate);
  return (
    <div className="fieldset">
      <dl className="facts">
        <dt>{t('embedding.cache.entries')}</dt>
        <dd className="num">{number(cache.entries)}</dd>
        <dt>{t('embedding.cache.hitRate')}</dt>
        <dd className="num">{rate}</dd>
      </dl>
      <p className="field-hint">{t('embedding.cache.hint')}</p>
      {admin ? (
        <div className="form-actions">
          <button type="button" className="btn" disabled={cache.entries === 0} onClick={() => void clear()}>{t('embedding.cache.clear')}</button>
        </div>
      ) : null}
      {cacheError ? <Alert>{describe(cacheError)}</Alert> : null}
    </div>
  );
}

/** Settings › Embeddings and AI suggestions: the firm's embedder, its key, the cache and explanations. */
export function EmbeddingSettingsSection() {
  const { t, error: describe, locale } = useI18n();
  const headingId = useId();
  const admin = useAppStore((state) => state.user?.role === 'admin');
  const settings = useAppStore((state) => state.embeddingSettings);
  const loadError = useAppStore((state) => state.embeddingErrors.load);
  const load = useAppStore((state) => state.loadEmbeddingSettings);

  useEffect(() => {
    void load();
  }, [load]);

  const breaker = settings?.breaker;
  return (
    <section className="panel settings-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">{t('embedding.title')}</h2>
      <p className="muted">{t('embedding.intro')}</p>
      {loadError ? <Alert>{describe(loadError)}</Alert> : null}
      {breaker?.state === 'open' ? (
        <Alert>
          <strong>{t('embedding.breaker.open')}</strong>
          {breaker.lastError ? <span>{t('embedding.breaker.detail', { message: breaker.lastError })}</span> : null}
        </Alert>
      ) : null}
      {settings ? (
        <>
          <EmbeddingForm
            // New saved values or another locale start the form afresh.
            key={`${locale}|${JSON.stringify(settings.config)}`}
            initial={draftFromConfig(settings.config)}
            editable={admin}
          />
          {admin ? <KeyField /> : null}
          {admin ? <ConnectionTest /> : null}
          <CacheFacts admin={admin} />
        </>
      ) : null}
    </section>
  );
}
