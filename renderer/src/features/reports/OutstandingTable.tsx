import { useId } from 'react';
import type { ReconciliationReport } from '../../../../main/core/contract/index.js';
import { Amount } from '../../components/Amount.js';
import { useI18n } from '../../i18n/use-i18n.js';

type Item = ReconciliationReport['outstandingBank'][number];

/** One side's outstanding items with their age at the report's date, and their total. */
export function OutstandingTable({
  title, items, totalMinor, currency, level = 2,
}: { title: string; items: readonly Item[]; totalMinor: number; currency: string; level?: 2 | 3 }) {
  const { t, tn, number, date } = useI18n();
  const headingId = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className="report-section" aria-labelledby={headingId}>
      <Heading id={headingId} className="section-title">
        {title} <span className="muted">({number(items.length)})</span>
      </Heading>
      {items.length === 0 ? (
        <p className="muted">{t('reports.outstanding.none')}</p>
      ) : (
        <table className="table table-compact">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.col.date')}</th>
              <th scope="col">{t('reports.col.reference')}</th>
              <th scope="col">{t('reports.col.description')}</th>
              <th scope="col" className="num">{t('reports.col.age')}</th>
              <th scope="col" className="num">{t('reports.col.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td className="nowrap">{date(item.date)}</td>
                <td className="mono">{item.externalId ?? ''}</td>
                <td>{item.description}</td>
                <td className={item.ageDays > 90 ? 'num nowrap age-old' : 'num nowrap'}>{tn('reports.age', item.ageDays)}</td>
                <td className="num"><Amount minor={item.amountMinor} currency={currency} /></td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>{t('reports.total')}</th>
              <td className="num"><Amount minor={totalMinor} currency={currency} /></td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
