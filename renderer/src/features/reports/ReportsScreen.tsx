import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Alert } from '../../components/Alert.js';
import { EmptyState } from '../../components/EmptyState.js';
import { SelectField, TextField } from '../../components/Field.js';
import { TopBar } from '../../components/TopBar.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';
import type { ReportFormat } from '../../stores/reconcile-types.js';
import { isIsoDate, todayIso } from '../../stores/slices/iso-date.js';
import { downloadFile } from './download.js';
import { PeriodLockPanel } from './PeriodLockPanel.js';
import { PrintView } from './PrintView.js';
import { ReportBody } from './ReportBody.js';

const exportFormats: readonly Exclude<ReportFormat, 'html'>[] = ['csv', 'xlsx', 'pdf'];

/** Export buttons and the print view, for the report on screen. */
function ReportActions({ disabled }: { disabled: boolean }) {
  const { t } = useI18n();
  const exporting = useAppStore((state) => state.exporting);
  const exportReport = useAppStore((state) => state.exportReport);
  const setPrintView = useAppStore((state) => state.setPrintView);
  const save = async (format: ReportFormat): Promise<void> => {
    const file = await exportReport(format);
    if (file) downloadFile(file);
  };
  return (
    <div className="report-actions" role="group" aria-label={t('reports.actions')}>
      {exportFormats.map((format) => (
        <button
          key={format}
          type="button"
          className="btn"
          disabled={disabled || exporting !== null}
          aria-busy={exporting === format ? true : undefined}
          onClick={() => void save(format)}
        >
          {exporting === format ? t('reports.exporting') : t(`reports.export.${format}`)}
        </button>
      ))}
      <button type="button" className="btn btn-primary" disabled={disabled} onClick={() => setPrintView(true)}>
        {t('reports.print')}
      </button>
    </div>
  );
}

/**
 * The reconciliation report of one bank account at a date: the statement balance, the books
 * balance, the outstanding items on each side and the proof that they explain the difference;
 * exports, a print view, and the period lock for administrators.
 */
export function ReportsScreen() {
  const { t, date, error: describe } = useI18n();
  const company = useAppStore((state) => state.companies.find((c) => c.id === state.currentCompanyId) ?? null);
  const accountsLoaded = useAppStore((state) => state.accountsCompanyId !== null && state.accountsCompanyId === state.currentCompanyId);
  const accounts = useAppStore(useShallow((state) => state.accounts.filter((a) => !a.archived && a.companyId === state.currentCompanyId)));
  const accountId = useAppStore((state) => state.reportAccountId);
  const to = useAppStore((state) => state.reportTo);
  const report = useAppStore((state) => state.report);
  const loading = useAppStore((state) => state.reportLoading);
  const reportError = useAppStore((state) => state.reportError);
  const printView = useAppStore((state) => state.printView);
  const showReport = useAppStore((state) => state.showReport);
  const loadReport = useAppStore((state) => state.loadReport);
  const loadPeriodLocks = useAppStore((state) => state.loadPeriodLocks);
  const setPrintView = useAppStore((state) => state.setPrintView);
  const navigate = useAppStore((state) => state.navigate);
  const companyId = company?.id ?? null;
  const accountIds = accounts.map((a) => a.id).join(',');
  // The date field as typed: a half-typed date is kept here and not sent to the core.
  const [dateText, setDateText] = useState<string | null>(null);

  useEffect(() => {
    if (companyId !== null) void loadPeriodLocks();
  }, [companyId, loadPeriodLocks]);

  useEffect(() => {
    if (!accountsLoaded) return;
    const ids = accountIds === '' ? [] : accountIds.split(',').map(Number);
    const chosen = accountId !== null && ids.includes(accountId) ? accountId : (ids[0] ?? null);
    void showReport(chosen, to || todayIso());
  }, [accountsLoaded, accountIds, accountId, to, showReport]);

  if (!company) {
    return (
      <>
        <TopBar title={t('reports.title')} />
        <div className="content">
          <EmptyState
            icon="companies"
            title={t('accounts.noCompany.title')}
            action={<button type="button" className="btn btn-primary" onClick={() => navigate('companies')}>{t('nav.companies')}</button>}
          >
            <p>{t('reports.noCompany.body')}</p>
          </EmptyState>
        </div>
      </>
    );
  }

  const shown = report && report.accountId === accountId && report.to === to ? report : null;
  const typed = dateText ?? to;
  const dateError = dateText !== null && !isIsoDate(dateText) ? t('reports.dateNeeded') : null;

  return (
    <>
      <TopBar
        title={t('reports.title')}
        context={company.name}
        figures={shown ? [t('reports.heading', { name: shown.accountName, date: date(shown.to) })] : []}
        actions={<ReportActions disabled={!shown} />}
      />
      <div className="content">
        {accountsLoaded && accounts.length === 0 ? (
          <EmptyState
            icon="accounts"
            title={t('reports.noAccount.title')}
            action={<button type="button" className="btn btn-primary" onClick={() => navigate('accounts')}>{t('nav.accounts')}</button>}
          >
            <p>{t('reports.noAccount.body')}</p>
          </EmptyState>
        ) : (
          <form className="report-query" aria-label={t('reports.query')} onSubmit={(event) => event.preventDefault()}>
            <SelectField
              label={t('reports.account')}
              value={accountId ?? ''}
              onChange={(event) => void showReport(Number(event.target.value), to)}
            >
              {accounts.map((account) => (
                <option key={account.id} value={account.id}>{`${account.name} · ${account.currency}`}</option>
              ))}
            </SelectField>
            <TextField
              label={t('reports.to')}
              type="date"
              value={typed}
              error={dateError}
              onChange={(event) => {
                const value = event.target.value;
                setDateText(value);
                if (isIsoDate(value)) {
                  setDateText(null);
                  void showReport(accountId, value);
                }
              }}
            />
          </form>
        )}
        {reportError ? (
          <Alert>
            {describe(reportError)}
            <button type="button" className="btn btn-small" onClick={() => void loadReport()}>{t('app.retry')}</button>
          </Alert>
        ) : null}
        {loading && !shown ? <p className="muted" aria-busy="true">{t('common.loading')}</p> : null}
        {shown ? (
          <>
            <ReportBody report={shown} />
            <PeriodLockPanel report={shown} />
          </>
        ) : null}
      </div>
      {printView && shown ? <PrintView report={shown} onClose={() => setPrintView(false)} /> : null}
    </>
  );
}
