import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Company } from '../../../../main/core/contract/index.js';
import { canArchive, canEdit } from '../../app/screens.js';
import { Alert } from '../../components/Alert.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Icon } from '../../components/Icon.js';
import { InlineRename } from '../../components/InlineRename.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { TopBar } from '../../components/TopBar.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';
import { CompanyCreateForm } from './CompanyCreateForm.js';

function CompanyRow({ company, editing, onEdit }: { company: Company; editing: boolean; onEdit(id: number | null): void }) {
  const { t, date, error: describe } = useI18n();
  const role = useAppStore((state) => state.user?.role);
  const isCurrent = useAppStore((state) => state.currentCompanyId === company.id);
  const renameError = useAppStore((state) => (state.companiesErrors.rename?.id === company.id ? state.companiesErrors.rename.error : null));
  const rename = useAppStore((state) => state.renameCompany);
  const setArchived = useAppStore((state) => state.setCompanyArchived);
  const select = useAppStore((state) => state.selectCompany);
  const navigate = useAppStore((state) => state.navigate);

  return (
    <tr aria-current={isCurrent ? 'true' : undefined} className={company.archived ? 'row-muted' : undefined}>
      <th scope="row" className="cell-name">
        {editing ? (
          <InlineRename
            value={company.name}
            label={t('companies.name')}
            onSave={(name) => rename(company.id, name)}
            onDone={() => onEdit(null)}
            error={renameError ? describe(renameError) : null}
          />
        ) : (
          <>
            <span>{company.name}</span>
            {isCurrent ? <span className="tag">{t('companies.current')}</span> : null}
          </>
        )}
      </th>
      <td className="mono">{company.taxId ?? ''}</td>
      <td className="num">{date(company.createdAt)}</td>
      <td>
        <StatusBadge tone={company.archived ? 'neutral' : 'ok'} label={t(company.archived ? 'status.archived' : 'status.active')} />
      </td>
      <td className="cell-actions">
        {!company.archived && !isCurrent ? (
          <button type="button" className="btn btn-small" onClick={() => { select(company.id); navigate('accounts'); }}>
            {t('companies.open')}
          </button>
        ) : null}
        {canEdit(role) && !editing ? (
          <button type="button" className="btn btn-small" onClick={() => onEdit(company.id)}>{t('common.rename')}</button>
        ) : null}
        {canArchive(role) ? (
          <button type="button" className="btn btn-small" onClick={() => void setArchived(company.id, !company.archived)}>
            {t(company.archived ? 'common.restore' : 'common.archive')}
          </button>
        ) : null}
      </td>
    </tr>
  );
}

/** Client companies: create, rename in place, archive and restore with Undo. */
export function CompaniesScreen() {
  const { t, tn, error: describe } = useI18n();
  const role = useAppStore((state) => state.user?.role);
  const [creating, setCreating] = useState(false);
  const [editingId, setEditingId] = useState<number | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const companies = useAppStore((state) => state.companies);
  const loaded = useAppStore((state) => state.companiesLoaded);
  const loadError = useAppStore((state) => state.companiesErrors.load);
  const counts = useAppStore(
    useShallow((state) => {
      const archived = state.companies.filter((c) => c.archived).length;
      return { active: state.companies.length - archived, archived };
    }),
  );
  const shown = showArchived ? companies : companies.filter((company) => !company.archived);

  const newButton = canEdit(role) ? (
    <button
      type="button"
      className="btn btn-primary"
      data-primary-action
      aria-keyshortcuts="N"
      title={`${t('companies.new')} (N)`}
      onClick={() => setCreating(true)}
    >
      <Icon name="plus" /> {t('companies.new')}
    </button>
  ) : null;

  return (
    <>
      <TopBar
        title={t('companies.title')}
        figures={loaded ? [tn('companies.active', counts.active), tn('companies.archived', counts.archived)] : []}
        actions={newButton}
      />
      <div className="content">
        {loadError ? <Alert>{describe(loadError)}</Alert> : null}
        {creating ? <CompanyCreateForm onClose={() => setCreating(false)} /> : null}
        {loaded && companies.length === 0 && !creating ? (
          <EmptyState
            icon="companies"
            title={t('companies.empty.title')}
            action={canEdit(role) ? (
              <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>{t('companies.empty.action')}</button>
            ) : null}
          >
            <p>{t('companies.empty.body')}</p>
          </EmptyState>
        ) : null}
        {companies.length > 0 ? (
          <>
            <div className="toolbar">
              <label className="checkbox">
                <input type="checkbox" checked={showArchived} onChange={(event) => setShowArchived(event.target.checked)} />
                {t('companies.showArchived')}
              </label>
            </div>
            <table className="table" aria-label={t('companies.title')}>
              <thead>
                <tr>
                  <th scope="col">{t('companies.col.name')}</th>
                  <th scope="col">{t('companies.col.taxId')}</th>
                  <th scope="col" className="num">{t('companies.col.created')}</th>
                  <th scope="col">{t('companies.col.status')}</th>
                  <th scope="col" className="cell-actions"><span className="visually-hidden">{t('common.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {shown.map((company) => (
                  <CompanyRow key={company.id} company={company} editing={editingId === company.id} onEdit={setEditingId} />
                ))}
              </tbody>
            </table>
          </>
        ) : null}
      </div>
    </>
  );
}
