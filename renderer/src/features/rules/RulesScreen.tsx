import { useEffect, useState } from 'react';
import { canEdit } from '../../app/screens.js';
import { Alert } from '../../components/Alert.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Icon } from '../../components/Icon.js';
import { TopBar } from '../../components/TopBar.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';
import { RuleForm } from './RuleForm.js';
import { AliasesTable, RejectedTable } from './RulesTables.js';

/** What Cuadra learned for the current company and the rules people gave it, with rejected pairs. */
export function RulesScreen() {
  const { t, tn, error: describe } = useI18n();
  const role = useAppStore((state) => state.user?.role);
  const company = useAppStore((state) => state.companies.find((c) => c.id === state.currentCompanyId) ?? null);
  const companyId = company?.id ?? null;
  const loaded = useAppStore((state) => state.learningCompanyId !== null && state.learningCompanyId === state.currentCompanyId);
  const loading = useAppStore((state) => state.learningLoading);
  const loadError = useAppStore((state) => state.learningErrors.load);
  const aliasCount = useAppStore((state) => state.aliases.length);
  const rejectedCount = useAppStore((state) => state.rejectedPairs.length);
  const loadLearning = useAppStore((state) => state.loadLearning);
  const navigate = useAppStore((state) => state.navigate);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    if (companyId !== null) void loadLearning();
  }, [companyId, loadLearning]);

  if (!company) {
    return (
      <>
        <TopBar title={t('rules.title')} />
        <div className="content">
          <EmptyState
            icon="companies"
            title={t('accounts.noCompany.title')}
            action={<button type="button" className="btn btn-primary" onClick={() => navigate('companies')}>{t('nav.companies')}</button>}
          >
            <p>{t('rules.noCompany.body')}</p>
          </EmptyState>
        </div>
      </>
    );
  }

  const editable = canEdit(role);
  const newButton = editable ? (
    <button type="button" className="btn btn-primary" data-primary-action aria-keyshortcuts="N" title={`${t('rules.new')} (N)`} onClick={() => setCreating(true)}>
      <Icon name="plus" /> {t('rules.new')}
    </button>
  ) : null;

  return (
    <>
      <TopBar
        title={t('rules.title')}
        context={company.name}
        figures={loaded ? [tn('rules.count', aliasCount), tn('rules.rejectedCount', rejectedCount)] : []}
        actions={newButton}
      />
      <div className="content">
        {loadError ? <Alert>{describe(loadError)}</Alert> : null}
        {!editable ? <p className="muted">{t('rules.readOnly')}</p> : null}
        {creating ? <RuleForm key={company.id} onClose={() => setCreating(false)} /> : null}
        {!loaded && loading ? <p className="muted" aria-busy="true">{t('common.loading')}</p> : null}
        {loaded ? (
          <>
            <AliasesTable editable={editable} />
            <RejectedTable editable={editable} />
          </>
        ) : null}
      </div>
    </>
  );
}
