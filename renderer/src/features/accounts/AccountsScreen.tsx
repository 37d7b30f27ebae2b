import { useEffect, useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { BankAccount } from '../../../../main/core/contract/index.js';
import { canArchive, canEdit } from '../../app/screens.js';
import { Alert } from '../../components/Alert.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Icon } from '../../components/Icon.js';
import { InlineRename } from '../../components/InlineRename.js';
import { TopBar } from '../../components/TopBar.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';
import { AccountOverview } from '../overview/AccountOverview.js';
import { DashboardSummary, StatusCells, StatusHeaders } from '../overview/StatusCells.js';
import { AccountCreateForm } from './AccountCreateForm.js';
import { formatIban } from './format-iban.js';

function AccountRow({
  account, editing, onEdit, overviewId,
}: { account: BankAccount; editing: boolean; onEdit(id: number | null): void; overviewId: string }) {
  const { t, error: describe } = useI18n();
  const role = useAppStore((state) => state.user?.role);
  const renameError = useAppStore((state) => (state.accountsErrors.rename?.id === account.id ? state.accountsErrors.rename.error : null));
  const rename = useAppStore((state) => state.renameAccount);
  const setArchived = useAppStore((state) => state.setAccountArchived);
  const open = useAppStore((state) => state.openAccountView);
  return (
    <tr className={account.archived ? 'row-muted' : undefined}>
      <th scope="row" className="cell-name">
        {editing ? (
          <InlineRename
            value={account.name}
            label={t('accounts.name')}
            onSave={(name) => rename(account.id, name)}
            onDone={() => onEdit(null)}
            error={renameError ? describe(renameError) : null}
          />
        ) : (
          <button type="button" className="btn-link cell-link" title={t('accounts.open')} onClick={() => open(account.id)}>{account.name}</button>
        )}
      </th>
      <td className="mono" data-testid="account-iban">{account.iban ? formatIban(account.iban) : (account.number ?? '')}</td>
      <td className="mono">{account.currency}</td>
      <StatusCells account={account} overviewId={overviewId} />
      <td className="cell-actions">
        {canEdit(role) && !editing ? (
          <button type="button" className="btn btn-small" onClick={() => onEdit(account.id)}>{t('common.rename')}</button>
        ) : null}
        {canArchive(role) ? (
          <button type="button" className="btn btn-small" onClick={() => void setArchived(account.id, !account.archived)}>
            {t(account.archived ? 'common.restore' : 'common.archive')}
          </button>
        ) : null}
      </td>
    </tr>
  );
}

/** Bank accounts of the current company: IBAN in groups of four, currency, status. */
export function AccountsScreen() {
  const { t, tn, error: describe } = useI18n();
  const role = useAppStore((state) => state.user?.role);
  const company = useAppStore((state) => state.companies.find((c) => c.id === state.currentCompanyId) ?? null);
  const accounts = useAppStore((state) => state.accounts);
  const loading = useAppStore((state) => state.accountsLoading);
  const loaded = useAppStore((state) => state.accountsCompanyId !== null && state.accountsCompanyId === state.currentCompanyId);
  const loadError = useAppStore((state) => state.accountsErrors.load);
  const navigate = useAppStore((state) => state.navigate);
  const currencies = useAppStore(
    useShallow((state) => [...new Set(state.accounts.filter((a) => !a.archived).map((a) => a.currency))].sort()),
  );
  const [creating, setCreating] = useState(false);
  const [editingId, setEditingId] = useState<number | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const overviewId = useId();
  const loadOverview = useAppStore((state) => state.loadOverview);
  const overviewAccount = useAppStore(
    (state) => state.accounts.find((a) => a.id === state.overviewAccountId && a.companyId === state.currentCompanyId && !a.archived) ?? null,
  );
  const activeIds = useAppStore(useShallow((state) => state.accounts.filter((a) => !a.archived).map((a) => a.id))).join(',');

  // The dashboard's statuses follow the accounts shown (a new account, another company).
  useEffect(() => {
    if (loaded) void loadOverview();
  }, [loaded, activeIds, loadOverview]);

  if (!company) {
    return (
      <>
        <TopBar title={t('accounts.title')} />
        <div className="content">
          <EmptyState
            icon="companies"
            title={t('accounts.noCompany.title')}
            action={<button type="button" className="btn btn-primary" onClick={() => navigate('companies')}>{t('nav.companies')}</button>}
          >
            <p>{t('accounts.noCompany.body')}</p>
          </EmptyState>
        </div>
      </>
    );
  }

  const active = accounts.filter((a) => !a.archived);
  const shown = showArchived ? accounts : active;
  const newButton = canEdit(role) && !company.archived ? (
    <button type="button" className="btn btn-primary" data-primary-action aria-keyshortcuts="N" title={`${t('accounts.new')} (N)`} onClick={() => setCreating(true)}>
      <Icon name="plus" /> {t('accounts.new')}
    </button>
  ) : null;

  return (
    <>
      <TopBar
        title={t('accounts.title')}
        context={company.name}
        figures={loaded ? [tn('accounts.count', active.length), ...(currencies.length ? [currencies.join(', ')] : [])] : []}
        actions={newButton}
      />
      <div className="content">
        {loadError ? <Alert>{describe(loadError)}</Alert> : null}
        {creating ? <AccountCreateForm key={company.id} onClose={() => setCreating(false)} /> : null}
        {loading && !loaded ? <p className="muted" aria-busy="true">{t('common.loading')}</p> : null}
        {loaded && accounts.length === 0 && !creating ? (
          <EmptyState
            icon="accounts"
            title={t('accounts.empty.title')}
            action={newButton ? (
              <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>{t('accounts.empty.action')}</button>
            ) : null}
          >
            <p>{t('accounts.empty.body', { company: company.name })}</p>
          </EmptyState>
        ) : null}
        {loaded && accounts.length > 0 ? (
          <>
            <div className="toolbar">
              <DashboardSummary />
              <label className="checkbox">
                <input type="checkbox" checked={showArchived} onChange={(event) => setShowArchived(event.target.checked)} />
                {t('accounts.showArchived')}
              </label>
            </div>
            <table className="table table-dashboard" aria-label={t('accounts.title')}>
              <thead>
                <tr>
                  <th scope="col">{t('accounts.col.name')}</th>
                  <th scope="col">{t('accounts.col.iban')}</th>
                  <th scope="col">{t('accounts.col.currency')}</th>
                  <StatusHeaders />
                  <th scope="col" className="cell-actions"><span className="visually-hidden">{t('common.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {shown.map((account) => (
                  <AccountRow key={account.id} account={account} editing={editingId === account.id} onEdit={setEditingId} overviewId={overviewId} />
                ))}
              </tbody>
            </table>
            {overviewAccount ? <AccountOverview key={overviewAccount.id} account={overviewAccount} id={overviewId} /> : null}
          </>
        ) : null}
      </div>
    </>
  );
}
