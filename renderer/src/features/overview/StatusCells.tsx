import { useShallow } from 'zustand/react/shallow';
import type { BankAccount } from '../../../../main/core/contract/index.js';
import { Amount } from '../../components/Amount.js';
import { Icon } from '../../components/Icon.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';
import { reconciliationState, stateTone } from './account-status.js';

const dash = <span className="muted" aria-hidden="true">—</span>;

/** The dashboard's column headers for the reconciliation status (placed after the account's own columns). */
export function StatusHeaders() {
  const { t } = useI18n();
  return (
    <>
      <th scope="col">{t('overview.col.reconciledThrough')}</th>
      <th scope="col" className="num">{t('overview.col.toReview')}</th>
      <th scope="col" className="num">{t('overview.col.unexplained')}</th>
      <th scope="col">{t('accounts.col.status')}</th>
    </>
  );
}

/**
 * One account's reconciliation status on the dashboard: lock, proposals to review, unexplained
 * difference, and a worded verdict that opens the account's overview below the table.
 */
export function StatusCells({ account, overviewId }: { account: BankAccount; overviewId: string }) {
  const { t, number, date } = useI18n();
  const status = useAppStore((state) => (state.overviewCompanyId === account.companyId ? state.accountStatuses[account.id] : undefined));
  const open = useAppStore((state) => state.overviewAccountId === account.id);
  const openOverview = useAppStore((state) => state.openAccountOverview);
  if (account.archived || !status) {
    return (
      <>
        <td>{dash}</td><td className="num">{dash}</td><td className="num">{dash}</td>
        <td>
          <StatusBadge tone={account.archived ? 'neutral' : 'ok'} label={t(account.archived ? 'status.archived' : 'status.active')} />
        </td>
      </>
    );
  }
  const { report, counts } = status;
  const state = reconciliationState(status);
  return (
    <>
      <td className="nowrap">
        {report?.lockedThrough ? date(report.lockedThrough) : <span className="muted">{t('overview.notLocked')}</span>}
      </td>
      <td className="num">{counts ? number(counts.byStatus.pending_review) : dash}</td>
      <td className={state === 'difference' ? 'num cell-danger' : 'num'}>
        {report && report.unexplainedMinor !== null ? <Amount minor={report.unexplainedMinor} currency={report.currency} /> : dash}
      </td>
      <td>
        <button
          type="button"
          className="status-toggle"
          aria-expanded={open}
          aria-controls={open ? overviewId : undefined}
          title={t('overview.openOf', { name: account.name })}
          onClick={() => void openOverview(open ? null : account.id)}
        >
          <StatusBadge tone={stateTone[state]} label={t(`overview.status.${state}`)} />
          <span className="visually-hidden"> {t('overview.openOf', { name: account.name })}</span>
          <Icon name="chevron" size={14} className={open ? 'status-chevron status-chevron-open' : 'status-chevron'} />
        </button>
      </td>
    </>
  );
}

/** The dashboard's line above the table: how many accounts are reconciled, at which date, and the last run. */
export function DashboardSummary() {
  const { t, number, date, dateTime } = useI18n();
  const to = useAppStore((state) => state.overviewTo);
  const lastRun = useAppStore((state) => state.lastRun);
  const states = useAppStore(useShallow((state) =>
    state.overviewCompanyId === state.currentCompanyId
      ? state.accounts.filter((a) => !a.archived).map((a) => reconciliationState(state.accountStatuses[a.id]))
      : []));
  if (states.length === 0 || to === '') return null;
  const parts = [
    t('overview.asOf', { date: date(to) }),
    t('overview.summary', { reconciled: number(states.filter((s) => s === 'reconciled').length), total: number(states.length) }),
    lastRun ? t('overview.lastRun', { time: dateTime(lastRun.startedAt), user: lastRun.startedBy }) : t('overview.noRun'),
  ];
  return <p className="dashboard-summary" data-testid="dashboard-summary">{parts.join(' · ')}</p>;
}
