import { useId } from 'react';
import { SelectField } from '../../components/Field.js';
import { TopBar } from '../../components/TopBar.js';
import { useI18n } from '../../i18n/use-i18n.js';
import type { Language } from '../../i18n/types.js';
import { useAppStore } from '../../stores/store-context.js';
import type { Theme } from '../../stores/types.js';
import { MatchingSettingsSection } from './MatchingSettingsSection.js';
import { EmbeddingSettingsSection } from './EmbeddingSettingsSection.js';

const themes: readonly Theme[] = ['light', 'dark', 'system'];

/** Preferences of this computer (language, theme) and what the app is. */
export function SettingsScreen() {
  const { t, locale } = useI18n();
  const language = useAppStore((state) => state.language);
  const theme = useAppStore((state) => state.theme);
  const setLanguage = useAppStore((state) => state.setLanguage);
  const setTheme = useAppStore((state) => state.setTheme);
  const info = useAppStore((state) => state.appInfo);
  const themeName = useId();

  return (
    <>
      <TopBar title={t('settings.title')} />
      <div className="content content-narrow">
        <section className="panel settings-section" aria-labelledby="settings-preferences">
          <h2 id="settings-preferences" className="section-title">{t('settings.preferences')}</h2>
          <SelectField
            label={t('settings.language')}
            value={language}
            onChange={(event) => setLanguage(event.target.value as Language)}
            hint={t('settings.language.hint', { locale })}
          >
            <option value="es" lang="es">Español</option>
            <option value="en" lang="en">English</option>
          </SelectField>
          <fieldset className="fieldset">
            <legend className="field-label">{t('settings.theme')}</legend>
            <div className="segmented">
              {themes.map((value) => (
                <label key={value} className="segmented-option">
                  <input type="radio" name={themeName} value={value} checked={theme === value} onChange={() => setTheme(value)} />
                  <span>{t(`theme.${value}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        </section>
        <MatchingSettingsSection />
        <EmbeddingSettingsSection />
        <section className="panel settings-section" aria-labelledby="settings-about">
          <h2 id="settings-about" className="section-title">{t('settings.about')}</h2>
          <dl className="facts">
            <dt>{t('settings.firm')}</dt>
            <dd>{info?.firmName ?? '—'}</dd>
            <dt>{t('settings.version')}</dt>
            <dd className="mono">{info?.version ?? '—'}</dd>
          </dl>
        </section>
      </div>
    </>
  );
}
