import type { MatchBookItemView, MatchSummary } from '../../../../main/core/contract/index.js';
import { Amount } from '../../components/Amount.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { evidenceRanges, type EvidenceTerms } from './evidence.js';
import { Evidence } from './Evidence.js';
import { treatmentWord } from './reason-text.js';

type Sides = Pick<MatchSummary, 'bank' | 'books' | 'reasons' | 'currency' | 'differenceMinor' | 'differenceTreatment' | 'writeOffAccount'>;

/** What to look for in the bank text: the items' numbers and tax ids, the references the engine found, the names. */
export function evidenceTermsOf(match: Pick<Sides, 'books' | 'reasons'>): EvidenceTerms {
  const fromReasons = match.reasons
    .filter((reason) => reason.code === 'reference_match' || reason.code === 'tax_id_match')
    .flatMap((reason) => String(reason.params['reference'] ?? reason.params['taxId'] ?? '').split(/,\s*/));
  return {
    references: [...match.books.flatMap((item) => [item.documentNumber, item.taxId]), ...fromReasons],
    names: match.books.map((item) => item.counterpartyName),
  };
}

/** The match's two sides in one table, amounts in aligned columns, and the difference boxed with its treatment. */
export function MatchSides({ match, onItemManual }: { match: Sides; onItemManual?: (item: MatchBookItemView) => void }) {
  const i18n = useI18n();
  const { t, date } = i18n;
  const terms = evidenceTermsOf(match);
  const bankTexts = match.bank.map((line) => `${line.description} ${line.counterpartyName ?? ''}`).join(' ');
  const bankTerms: EvidenceTerms = { references: [], names: [bankTexts] };
  const bankTotal = match.bank.reduce((sum, line) => sum + line.amountMinor, 0);
  const allocated = match.books.reduce((sum, item) => sum + item.allocatedMinor, 0);
  const found = (reference: string | null): boolean => reference !== null && evidenceRanges(bankTexts, { references: [reference], names: [] }).length > 0;
  const treatment = treatmentWord(i18n, match.differenceTreatment);
  const explained = match.differenceMinor === 0 || match.differenceTreatment !== 'none';

  return (
    <table className="sides">
      <colgroup>
        <col style={{ width: '96px' }} />
        <col />
        <col style={{ width: '120px' }} />
        <col style={{ width: '120px' }} />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">{t('review.col.date')}</th>
          <th scope="col">{t('review.col.text')}</th>
          <th scope="col" className="num">{t('review.col.amount')}</th>
          <th scope="col" className="num">{t('review.col.allocated')}</th>
        </tr>
      </thead>
      <tbody>
        <tr className="sides-heading"><th scope="rowgroup" colSpan={4}>{t('review.side.bank')}</th></tr>
        {match.bank.map((line) => (
          <tr key={`bank-${line.id}`} data-testid="side-bank">
            <td className="nowrap">{date(line.bookingDate)}</td>
            <td className="sides-text">
              <span className="sides-main"><Evidence text={line.description} terms={terms} /></span>
              {line.counterpartyName ? <span className="sides-sub"><Evidence text={line.counterpartyName} terms={terms} /></span> : null}
            </td>
            <td className="num"><Amount minor={line.amountMinor} currency={line.currency} /></td>
            <td />
          </tr>
        ))}
      </tbody>
      <tbody>
        <tr className="sides-heading"><th scope="rowgroup" colSpan={4}>{t('review.side.books')}</th></tr>
        {match.books.length === 0 ? (
          <tr><td colSpan={4} className="muted">{t('review.side.noBooks')}</td></tr>
        ) : null}
        {match.books.map((item) => (
          <tr key={`book-${item.id}`} data-testid="side-books">
            <td className="nowrap">{date(item.date)}</td>
            <td className="sides-text">
              <span className="sides-main">
                <Evidence text={item.counterpartyName ?? item.description} terms={bankTerms} />
                {item.kind !== 'invoice' ? <span className="tag">{t(`lines.kind.${item.kind}`)}</span> : null}
              </span>
              <span className="sides-sub">
                {item.documentNumber ? (
                  <span className="mono sides-document">
                    {found(item.documentNumber) ? <mark className="evidence evidence-reference" title={t('review.evidence.reference')}>{item.documentNumber}</mark> : item.documentNumber}
                  </span>
                ) : null}
                {[item.counterpartyName ? item.description : '', item.dueDate ? t('review.due', { date: date(item.dueDate) }) : '']
                  .filter(Boolean)
                  .join(' · ')}
                {onItemManual ? (
                  <button type="button" className="btn btn-link sides-item-manual" onClick={() => onItemManual(item)} aria-label={t('review.manualFromItem', { item: item.documentNumber ?? item.description })}>
                    {t('review.manualFromItem.short')}
                  </button>
                ) : null}
              </span>
            </td>
            <td className="num" title={t('review.col.open')}><Amount minor={item.openAmountMinor} currency={item.currency} /></td>
            <td className="num"><Amount minor={item.allocatedMinor} currency={item.currency} /></td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="sides-total">
          <th scope="row" colSpan={2}>{t('review.totals')}</th>
          <td className="num"><Amount minor={bankTotal} currency={match.currency} /></td>
          <td className="num"><Amount minor={allocated} currency={match.currency} /></td>
        </tr>
        <tr>
          <th scope="row" colSpan={2} className="sides-difference-label">{t('review.difference')}</th>
          <td colSpan={2} className="num">
            <span className={explained ? 'difference' : 'difference difference-open'} data-testid="difference">
              <Amount minor={match.differenceMinor} currency={match.currency} />
              <span className="difference-treatment">
                {match.differenceMinor === 0 ? t('review.difference.none') : treatment ?? ''}
                {match.differenceTreatment === 'write_off' && match.writeOffAccount ? ` → ${match.writeOffAccount}` : ''}
              </span>
            </span>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
