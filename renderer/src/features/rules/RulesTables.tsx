import { useId, useState } from 'react';
import { Amount } from '../../components/Amount.js';
import { Dialog } from '../../components/Dialog.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';
import type { RejectedPair } from '../../stores/reconcile-types.js';

/** Learned aliases and the person's rules: bank text → counterparty and tax id, with use counts; deletable with undo. */
export function AliasesTable({ editable }: { editable: boolean }) {
  const { t, number, dateTime } = useI18n();
  const headingId = useId();
  const aliases = useAppStore((state) => state.aliases);
  const deleteAlias = useAppStore((state) => state.deleteAlias);
  return (
    <section className="report-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">{t('rules.aliases.title')}</h2>
      {aliases.length === 0 ? (
        <p className="muted">{t('rules.aliases.empty')}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('rules.aliases.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rules.col.bankText')}</th>
              <th scope="col">{t('rules.col.counterparty')}</th>
              <th scope="col">{t('rules.col.taxId')}</th>
              <th scope="col">{t('rules.col.source')}</th>
              <th scope="col" className="num">{t('rules.col.used')}</th>
              <th scope="col">{t('rules.col.createdBy')}</th>
              <th scope="col">{t('rules.col.createdAt')}</th>
              {editable ? <th scope="col" className="cell-actions"><span className="visually-hidden">{t('common.actions')}</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {aliases.map((alias) => (
              <tr key={alias.id}>
                <th scope="row" className="mono">{alias.bankText}</th>
                <td>{alias.counterpartyName ?? ''}</td>
                <td className="mono">{alias.taxId ?? ''}</td>
                <td><span className={alias.source === 'rule' ? 'tag tag-rule' : 'tag tag-learned'}>{t(`rules.source.${alias.source}`)}</span></td>
                <td className="num">{number(alias.timesUsed)}</td>
                <td>{alias.createdBy}</td>
                <td className="nowrap">{dateTime(alias.createdAt)}</td>
                {editable ? (
                  <td className="cell-actions">
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={t('rules.deleteAlias', { text: alias.bankText })}
                      onClick={() => void deleteAlias(alias.id)}
                    >
                      {t('rules.delete')}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Forgetting a rejected pair cannot be undone from here, so it asks first. */
function ForgetDialog({ pair, onClose }: { pair: RejectedPair; onClose: () => void }) {
  const { t, date } = useI18n();
  const deleteRejected = useAppStore((state) => state.deleteRejected);
  const [pending, setPending] = useState(false);
  const line = `${date(pair.bankLine.bookingDate)} ${pair.bankLine.description}`;
  const confirm = async (): Promise<void> => {
    setPending(true);
    await deleteRejected(pair.id);
    onClose();
  };
  return (
    <Dialog
      title={t('rules.forget.title')}
      onClose={onClose}
      footer={(
        <div className="dialog-footer-actions">
          <button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button>
          <button type="button" className="btn btn-danger" disabled={pending} onClick={() => void confirm()}>{t('rules.forget.confirm')}</button>
        </div>
      )}
    >
      <p>{t('rules.forget.body', { line, item: pair.bookItemLabel })}</p>
    </Dialog>
  );
}

/** Pairs a person rejected, which the engine never proposes for auto-approval again. */
export function RejectedTable({ editable }: { editable: boolean }) {
  const { t, date, dateTime } = useI18n();
  const headingId = useId();
  const pairs = useAppStore((state) => state.rejectedPairs);
  const [forgetting, setForgetting] = useState<RejectedPair | null>(null);
  return (
    <section className="report-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">{t('rules.rejected.title')}</h2>
      {pairs.length === 0 ? (
        <p className="muted">{t('rules.rejected.empty')}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('rules.rejected.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rules.col.bankLine')}</th>
              <th scope="col" className="num">{t('reports.col.amount')}</th>
              <th scope="col">{t('rules.col.bookItem')}</th>
              <th scope="col">{t('rules.col.rejectedBy')}</th>
              <th scope="col">{t('rules.col.rejectedAt')}</th>
              {editable ? <th scope="col" className="cell-actions"><span className="visually-hidden">{t('common.actions')}</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {pairs.map((pair) => {
              const line = `${date(pair.bankLine.bookingDate)} ${pair.bankLine.description}`;
              return (
                <tr key={pair.id}>
                  <th scope="row">
                    <span className="nowrap">{date(pair.bankLine.bookingDate)}</span> <span className="rule-line">{pair.bankLine.description}</span>
                  </th>
                  <td className="num"><Amount minor={pair.bankLine.amountMinor} currency={pair.bankLine.currency} /></td>
                  <td>{pair.bookItemLabel}</td>
                  <td>{pair.rejectedBy}</td>
                  <td className="nowrap">{dateTime(pair.rejectedAt)}</td>
                  {editable ? (
                    <td className="cell-actions">
                      <button type="button" className="btn btn-small" aria-label={t('rules.forgetOf', { line })} onClick={() => setForgetting(pair)}>
                        {t('rules.forget')}
                      </button>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {forgetting ? <ForgetDialog pair={forgetting} onClose={() => setForgetting(null)} /> : null}
    </section>
  );
}
