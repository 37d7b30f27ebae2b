import { EmptyState } from '../../components/EmptyState.js';
import { TopBar } from '../../components/TopBar.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';

type PlaceholderId = 'inbox' | 'review' | 'reports' | 'rules';

/** A screen not built yet: says calmly what will be here, never shows made-up data. */
export function PlaceholderScreen({ screen }: { screen: PlaceholderId }) {
  const { t } = useI18n();
  const company = useAppStore((state) => state.companies.find((c) => c.id === state.currentCompanyId)?.name ?? null);
  return (
    <>
      <TopBar title={t(`nav.${screen}`)} context={company} />
      <div className="content">
        <EmptyState icon={screen} title={t(`placeholder.${screen}.title`)}>
          <p>{t(`placeholder.${screen}.body`)}</p>
          <p className="muted">{t('common.notYet')}</p>
        </EmptyState>
      </div>
    </>
  );
}
