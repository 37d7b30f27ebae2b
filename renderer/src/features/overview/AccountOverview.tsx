import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { BankAccount, ReconciliationReport } from '../../../../main/core/contract/index.js';
import { Alert } from '../../components/Alert.js';
import { Amount } from '../../components/Amount.js';
import { Icon } from '../../components/Icon.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';
import type { AccountStatus } from '../../stores/reconcile-types.js';
import { proofStatus, proofTone } from '../reports/report-status.js';
import { AgeChart } from './AgeChart.js';
import { balanceCheckOf } from './account-status.js';

const checkTone = { ok: 'ok', mismatch: 'danger', notChecked: 'neutral' } as const;

function Balances({ report }: { report: ReconciliationReport }) {
  const { t, date } = useI18n();
  const headingId = useId();
  const status = proofStatus(report);
  const money = (minor: number | null) =>
    minor === null ? <span className="muted">{t('reports.notAvailable')}</span> : <Amount minor={minor} currency={report.currency} />;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId} className="section-title">{t('overview.balances.title', { date: date(report.to) })}</h3>
      <dl className="overview-facts">
        <div><dt>{t('overview.balances.statement')}</dt><dd>{money(report.statementBalanceMinor)}</dd></div>
        <div><dt>{t('overview.balances.books')}</dt><dd>{money(report.booksBalanceMinor)}</dd></div>
        <div><dt>{t('reports.outstandingBank.title')}</dt><dd>{money(report.outstandingBankTotalMinor)}</dd></div>
        <div><dt>{t('reports.outstandingBooks.title')}</dt><dd>{money(report.outstandingBooksTotalMinor)}</dd></div>
        <div className={status === 'unexplained' ? 'cell-danger' : undefined}>
          <dt>{t('overview.balances.unexplained')}</dt>
          <dd>{money(report.unexplainedMinor)} <StatusBadge tone={proofTone[status]} label={t(`reports.status.${status}`)} /></dd>
        </div>
      </dl>
      {report.booksBalanceMinor === null ? <p className="muted">{t('reports.noBooks')}</p> : null}
    </section>
  );
}

function Counts({ status }: { status: AccountStatus }) {
  const { t, number } = useI18n();
  const headingId = useId();
  const lines = status.counts?.bankLines;
  if (!lines) return null;
  const rows = [
    { key: 'matched', tone: 'ok', count: lines.matched },
    { key: 'pending', tone: 'pending', count: lines.pending },
    { key: 'unmatched', tone: 'neutral', count: lines.unmatched },
  ] as const;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId} className="section-title">{t('overview.counts.title')}</h3>
      <table className="table table-compact">
        <caption className="visually-hidden">{t('overview.counts.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('overview.counts.col.status')}</th>
            <th scope="col" className="num">{t('overview.counts.col.lines')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row"><StatusBadge tone={row.tone} label={t(`overview.counts.${row.key}`)} /></th>
              <td className="num">{number(row.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Statements({ account }: { account: BankAccount }) {
  const { t, tn, date, dateTime, number } = useI18n();
  const headingId = useId();
  const span = useAppStore((state) => state.lineSpan);
  const batches = useAppStore(useShallow((state) => state.importBatches.filter((b) => b.accountId === account.id && b.side === 'bank')));
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId} className="section-title">{t('overview.periods.title')}</h3>
      {span && span.first && span.last ? (
        <p data-testid="line-span">
          {t('overview.periods.span', { first: date(span.first), last: date(span.last) })} · {tn('overview.periods.lines', span.total)}
        </p>
      ) : null}
      {batches.length === 0 ? (
        <p className="muted">{t('overview.periods.none')}</p>
      ) : (
        <table className="table table-compact">
          <caption className="visually-hidden">{t('overview.periods.caption', { name: account.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('overview.col.file')}</th>
              <th scope="col">{t('overview.col.format')}</th>
              <th scope="col">{t('overview.col.importedAt')}</th>
              <th scope="col">{t('overview.col.importedBy')}</th>
              <th scope="col" className="num">{t('overview.col.added')}</th>
              <th scope="col">{t('overview.col.check')}</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((batch) => {
              const check = balanceCheckOf(batch);
              return (
                <tr key={batch.id}>
                  <th scope="row" className="cell-file" title={batch.fileName}>{batch.fileName}</th>
                  <td className="mono">{batch.format}</td>
                  <td className="nowrap">{dateTime(batch.importedAt)}</td>
                  <td>{batch.importedBy}</td>
                  <td className="num">{number(batch.added)}</td>
                  <td><StatusBadge tone={checkTone[check]} label={t(`overview.check.${check}`)} /></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** One account at a glance: balances and their proof, lines by status, outstanding items by age, statements. */
export function AccountOverview({ account, id }: { account: BankAccount; id: string }) {
  const { t, error: describe } = useI18n();
  const headingId = useId();
  const status = useAppStore((state) => state.accountStatuses[account.id]);
  const detailError = useAppStore((state) => state.overviewDetailError);
  const close = useAppStore((state) => state.openAccountOverview);
  const showReport = useAppStore((state) => state.showReport);
  const to = useAppStore((state) => state.overviewTo);
  const navigate = useAppStore((state) => state.navigate);
  const openLines = useAppStore((state) => state.openAccountView);
  const report = status?.report ?? null;

  return (
    <section id={id} className="panel overview-panel" aria-labelledby={headingId}>
      <header className="overview-header">
        <h2 id={headingId} className="section-title">{t('overview.title', { name: account.name })}</h2>
        <div className="toolbar">
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              void showReport(account.id, to);
              navigate('reports');
            }}
          >
            {t('overview.openReport')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => openLines(account.id)}>{t('overview.openLines')}</button>
          <button type="button" className="btn btn-ghost btn-icon" aria-label={t('overview.close')} title={t('overview.close')} onClick={() => void close(null)}>
            <Icon name="close" />
          </button>
        </div>
      </header>
      {status?.error ? <Alert>{describe(status.error)}</Alert> : null}
      {detailError ? <Alert>{describe(detailError)}</Alert> : null}
      <div className="overview-grid">
        {report ? <Balances report={report} /> : null}
        {status ? <Counts status={status} /> : null}
      </div>
      {report ? <AgeChart report={report} /> : null}
      <Statements account={account} />
    </section>
  );
}
