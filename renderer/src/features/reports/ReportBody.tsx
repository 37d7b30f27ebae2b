import { useId } from 'react';
import type { ReconciliationReport } from '../../../../main/core/contract/index.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';
import { formatIban } from '../accounts/format-iban.js';
import { AgeChart } from '../overview/AgeChart.js';
import { OutstandingTable } from './OutstandingTable.js';
import { ProofTable } from './ProofTable.js';

/** The lock of the report's account as a sentence: who locked it through when, or that it is open. */
export function useLockText(report: ReconciliationReport): string {
  const { t, date, dateTime } = useI18n();
  const lock = useAppStore((state) => state.periodLocks.find((l) => l.accountId === report.accountId) ?? null);
  if (lock) return t('reports.lock.current', { date: date(lock.lockedThrough), user: lock.lockedBy, time: dateTime(lock.lockedAt) });
  if (report.lockedThrough) return t('reports.lock.currentShort', { date: date(report.lockedThrough) });
  return t('reports.lock.none');
}

/** The report itself, as the screen and the print view show it: facts, proof, outstanding items, ages. */
export function ReportBody({ report, level = 2 }: { report: ReconciliationReport; level?: 2 | 3 }) {
  const { t, date, dateTime } = useI18n();
  const proofId = useId();
  const lockText = useLockText(report);
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div className="report-body">
      <dl className="report-facts" aria-label={t('reports.facts')}>
        <div><dt>{t('reports.fact.account')}</dt><dd>{report.accountName}</dd></div>
        {report.iban ? <div><dt>{t('reports.fact.iban')}</dt><dd className="mono">{formatIban(report.iban)}</dd></div> : null}
        <div><dt>{t('reports.fact.currency')}</dt><dd className="mono">{report.currency}</dd></div>
        <div><dt>{t('reports.fact.date')}</dt><dd>{date(report.to)}</dd></div>
        <div><dt>{t('reports.fact.lock')}</dt><dd>{lockText}</dd></div>
      </dl>
      <p className="muted report-generated">{t('reports.generated', { time: dateTime(report.generatedAt) })}</p>
      <section className="report-section" aria-labelledby={proofId}>
        <Heading id={proofId} className="section-title">{t('reports.proof.title')}</Heading>
        <ProofTable report={report} />
      </section>
      <div className="report-columns">
        <OutstandingTable
          title={t('reports.outstandingBank.title')}
          items={report.outstandingBank}
          totalMinor={report.outstandingBankTotalMinor}
          currency={report.currency}
          level={level}
        />
        <OutstandingTable
          title={t('reports.outstandingBooks.title')}
          items={report.outstandingBooks}
          totalMinor={report.outstandingBooksTotalMinor}
          currency={report.currency}
          level={level}
        />
      </div>
      <AgeChart report={report} headingLevel={level} />
    </div>
  );
}
