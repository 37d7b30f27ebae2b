import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useI18n } from '../i18n/use-i18n.js';
import { useAppStore } from '../stores/store-context.js';

/** The company being worked on, always visible at the top of the sidebar; switching is one choice. */
export function CompanySwitcher() {
  const { t } = useI18n();
  const id = useId();
  const active = useAppStore(useShallow((state) => state.companies.filter((company) => !company.archived)));
  const currentId = useAppStore((state) => state.currentCompanyId);
  const select = useAppStore((state) => state.selectCompany);
  const navigate = useAppStore((state) => state.navigate);

  return (
    <div className="switcher">
      <label htmlFor={id} className="switcher-label">{t('switcher.label')}</label>
      {active.length === 0 ? (
        <button type="button" id={id} className="switcher-empty" onClick={() => navigate('companies')}>
          {t('switcher.none')}
        </button>
      ) : (
        <select
          id={id}
          className="input select switcher-select"
          value={currentId ?? ''}
          onChange={(event) => select(Number(event.target.value))}
          data-testid="company-switcher"
        >
          {active.map((company) => (
            <option key={company.id} value={company.id}>{company.name}</option>
          ))}
        </select>
      )}
    </div>
  );
}
