import type { ReconciliationReport } from '../../../../main/core/contract/index.js';
import { Alert } from '../../components/Alert.js';
import { Amount } from '../../components/Amount.js';
import { Icon } from '../../components/Icon.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { proofStatus, proofTone } from './report-status.js';

function MaybeAmount({ minor, currency }: { minor: number | null; currency: string }) {
  const { t } = useI18n();
  return minor === null ? <span className="muted">{t('reports.notAvailable')}</span> : <Amount minor={minor} currency={currency} />;
}

/**
 * The balance proof: bank balance, less books, less bank lines not in the books, plus book
 * entries not on the statement, equals the unexplained remainder, which is shown in red with a
 * word when it is not zero.
 */
export function ProofTable({ report }: { report: ReconciliationReport }) {
  const { t, minor, date } = useI18n();
  const status = proofStatus(report);
  const currency = report.currency;
  const statusLabel = t(`reports.status.${status}`);
  const line = report.statementBalanceMinor !== null && report.booksBalanceMinor !== null && report.unexplainedMinor !== null
    ? t('reports.proof.line', {
      statement: minor(report.statementBalanceMinor, currency),
      books: minor(report.booksBalanceMinor, currency),
      bank: minor(report.outstandingBankTotalMinor, currency),
      booksOut: minor(report.outstandingBooksTotalMinor, currency),
      unexplained: minor(report.unexplainedMinor, currency),
    })
    : null;

  return (
    <div className="proof">
      {report.booksBalanceMinor === null ? <Alert tone="info" testId="no-books">{t('reports.noBooks')}</Alert> : null}
      {report.statementBalanceMinor === null ? <Alert tone="info">{t('reports.noStatement', { date: date(report.to) })}</Alert> : null}
      <table className="table proof-table">
        <caption className="table-caption">{t('reports.proof.caption', { date: date(report.to) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.proof.col.item')}</th>
            <th scope="col" className="num">{t('reports.proof.col.amount')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">
              {t('reports.proof.statement')}
              {report.statementBalanceDate ? (
                <span className="proof-sub"> ({t('reports.proof.statementOf', { date: date(report.statementBalanceDate) })})</span>
              ) : null}
            </th>
            <td className="num"><MaybeAmount minor={report.statementBalanceMinor} currency={currency} /></td>
          </tr>
          <tr>
            <th scope="row">{t('reports.proof.books')}</th>
            <td className="num"><MaybeAmount minor={report.booksBalanceMinor} currency={currency} /></td>
          </tr>
          <tr>
            <th scope="row">{t('reports.proof.outstandingBank', { count: report.outstandingBank.length })}</th>
            <td className="num"><Amount minor={report.outstandingBankTotalMinor} currency={currency} /></td>
          </tr>
          <tr>
            <th scope="row">{t('reports.proof.outstandingBooks', { count: report.outstandingBooks.length })}</th>
            <td className="num"><Amount minor={report.outstandingBooksTotalMinor} currency={currency} /></td>
          </tr>
        </tbody>
        <tfoot>
          <tr className={`proof-result proof-${status}`} data-testid="proof-result">
            <th scope="row">
              <span className="proof-result-label">{t('reports.proof.unexplained')}</span>
              <StatusBadge tone={proofTone[status]} label={statusLabel} />
            </th>
            <td className="num"><MaybeAmount minor={report.unexplainedMinor} currency={currency} /></td>
          </tr>
        </tfoot>
      </table>
      {line ? (
        <p className="proof-line">
          <span className="proof-line-label">{t('reports.proof.lineLabel')}: </span>
          <span className="num" data-testid="proof-line">{line}</span>
        </p>
      ) : null}
      {status === 'unexplained' && report.unexplainedMinor !== null ? (
        <p className="proof-note proof-note-danger" data-testid="unexplained-note">
          <Icon name="warning" />
          <span><strong>{statusLabel}:</strong> {t('reports.unexplained.note', { amount: minor(report.unexplainedMinor, currency) })}</span>
        </p>
      ) : null}
      {status === 'reconciled' ? (
        <p className="proof-note proof-note-ok">
          <Icon name="check" />
          <span>{t('reports.reconciled.note')}</span>
        </p>
      ) : null}
    </div>
  );
}
