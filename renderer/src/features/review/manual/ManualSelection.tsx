import type { DifferenceTreatmentName } from '../../../../../main/core/contract/index.js';
import { Amount } from '../../../components/Amount.js';
import { Icon } from '../../../components/Icon.js';
import { useI18n } from '../../../i18n/use-i18n.js';
import { manualItemName, manualTotals } from '../../../stores/slices/manual-match-model.js';
import { useAppStore } from '../../../stores/store-context.js';
import type { ManualDraft, ManualItem } from '../../../stores/review-types.js';
import { AmountInput } from './AmountInput.js';

const treatments: readonly Exclude<DifferenceTreatmentName, 'none'>[] = ['fee', 'rounding', 'fx', 'write_off'];

/** The sign an allocation takes: the item's (a credit note's allocation is negative). */
const signOf = (item: ManualItem): number => Math.sign(item.openAmountMinor) || Math.sign(item.amountMinor) || 1;

/** The running difference, boxed, and how to book it when it is not zero. */
function Difference({ draft }: { draft: ManualDraft }) {
  const { t } = useI18n();
  const setTreatment = useAppStore((state) => state.setManualTreatment);
  const setField = useAppStore((state) => state.setManualField);
  const { bankMinor, allocatedMinor, differenceMinor, currency } = manualTotals(draft);
  const code = currency ?? 'EUR';
  const balanced = differenceMinor === 0;
  return (
    <div className="manual-totals">
      <dl className="manual-sums">
        <div><dt>{t('manual.bankTotal')}</dt><dd><Amount minor={bankMinor} currency={code} /></dd></div>
        <div><dt>{t('manual.allocated')}</dt><dd><Amount minor={allocatedMinor} currency={code} /></dd></div>
        <div className={balanced ? 'difference' : draft.treatment === 'none' ? 'difference difference-open' : 'difference'} data-testid="manual-difference">
          <dt>{t('review.difference')}</dt>
          <dd aria-live="polite">
            <Amount minor={differenceMinor} currency={code} />
            {balanced ? <span className="difference-treatment">{t('review.difference.none')}</span> : null}
          </dd>
        </div>
      </dl>
      {!balanced ? (
        <fieldset className="manual-treatment">
          <legend className="legend">{t('manual.treatment')}</legend>
          <div className="manual-treatment-options">
            {treatments.map((treatment) => (
              <label key={treatment} className="checkbox">
                <input type="radio" name="manual-treatment" value={treatment} checked={draft.treatment === treatment} onChange={() => setTreatment(treatment)} />
                {t(`review.treatment.${treatment}`)}
              </label>
            ))}
          </div>
          {draft.treatment === 'write_off' ? (
            <label className="field manual-writeoff">
              <span className="field-label">{t('manual.writeOffAccount')}</span>
              <input className="input input-small" value={draft.writeOffAccount} placeholder={t('manual.writeOffAccount.placeholder')} maxLength={64} onChange={(e) => setField({ writeOffAccount: e.target.value })} />
            </label>
          ) : null}
        </fieldset>
      ) : null}
    </div>
  );
}

/** The builder's left column: the bank lines and the items chosen, with editable allocations and the difference. */
export function ManualSelection({ draft }: { draft: ManualDraft }) {
  const { t, date } = useI18n();
  const toggleLine = useAppStore((state) => state.toggleManualBankLine);
  const toggleItem = useAppStore((state) => state.toggleManualItem);
  const setAllocation = useAppStore((state) => state.setManualAllocation);
  return (
    <section className="manual-selection" aria-label={t('manual.chosen')}>
      <h3 className="detail-heading">{t('review.side.bank')}</h3>
      {draft.bankLines.length === 0 ? <p className="muted">{t('manual.noBank')}</p> : null}
      <ul className="manual-list" aria-label={t('manual.chosenBank')}>
        {draft.bankLines.map((line) => (
          <li key={line.id} className="manual-row" data-testid="manual-bank-line">
            <span className="nowrap muted">{date(line.bookingDate)}</span>
            <span className="manual-row-text" title={line.description}>{line.description}</span>
            <Amount minor={line.amountMinor} currency={line.currency} />
            <button type="button" className="btn btn-ghost btn-icon" aria-label={t('manual.remove', { what: line.description })} onClick={() => toggleLine(line)}>
              <Icon name="close" size={14} />
            </button>
          </li>
        ))}
      </ul>
      <h3 className="detail-heading">{t('review.side.books')}</h3>
      {draft.allocations.length === 0 ? <p className="muted">{t('manual.noItems')}</p> : null}
      <ul className="manual-list" aria-label={t('manual.chosenBooks')}>
        {draft.allocations.map(({ item, amountMinor }) => {
          const what = manualItemName(item);
          return (
            <li key={item.id} className="manual-row" data-testid="manual-item">
              <span className="nowrap muted">{date(item.date)}</span>
              <span className="manual-row-text" title={item.description}>
                <span className="mono">{item.documentNumber ?? item.paymentReference ?? ''}</span> {item.counterpartyName ?? item.description}
                <span className="manual-open muted">{t('manual.open')} <Amount minor={item.openAmountMinor} currency={item.currency} /></span>
              </span>
              <AmountInput
                key={`${item.id}-${amountMinor}`}
                className="manual-allocation"
                label={t('manual.allocation', { what })}
                value={amountMinor}
                currency={item.currency}
                allowEmpty={false}
                onApply={(minor) => setAllocation(item.id, signOf(item) * (minor ?? 0))}
              />
              <button type="button" className="btn btn-ghost btn-icon" aria-label={t('manual.remove', { what })} onClick={() => toggleItem(item)}>
                <Icon name="close" size={14} />
              </button>
            </li>
          );
        })}
      </ul>
      <Difference draft={draft} />
    </section>
  );
}
