import { Alert } from '../../components/Alert.js';
import { Amount } from '../../components/Amount.js';
import { Dialog } from '../../components/Dialog.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { canReject, shownRow } from '../../stores/slices/review-decisions.js';
import { useAppStore } from '../../stores/store-context.js';
import type { BandReview } from '../../stores/review-types.js';
import { ConfidenceMeter } from './ConfidenceMeter.js';
import { Evidence } from './Evidence.js';
import { evidenceTermsOf } from './MatchSides.js';
import { statusTone } from './review-labels.js';

/**
 * "Approve band": a random sample of the band, every row visible, to spot-check (and reject what
 * is wrong) before "Approve all N" is offered; approving sends the sample's token.
 */
export function BandDialog({ band }: { band: BandReview }) {
  const { t, date, number, error: describe } = useI18n();
  const close = useAppStore((state) => state.closeBandReview);
  const approveBand = useAppStore((state) => state.approveBand);
  const reject = useAppStore((state) => state.rejectMatch);
  const optimistic = useAppStore((state) => state.reviewOptimistic);
  const threshold = useAppStore((state) => state.reviewThreshold);
  const ready = band.token !== null && !band.loading;
  const title = t('review.band.title', { band: t(`review.band.${band.band}`) });

  const footer = (
    <>
      <button type="button" className="btn" onClick={close}>{t('common.cancel')}</button>
      <button type="button" className="btn btn-primary" disabled={!ready || band.approving || band.total === 0} onClick={() => void approveBand()}>
        {t('review.band.approveAll', { count: number(band.total) })}
      </button>
    </>
  );

  return (
    <Dialog title={title} onClose={close} size="wide" footer={footer}>
      {band.loading ? <p className="muted" aria-busy="true">{t('review.band.loading')}</p> : null}
      {band.error ? <Alert>{describe(band.error)}</Alert> : null}
      {ready ? (
        <>
          <p className="band-intro">{t('review.band.intro', { total: number(band.total), sample: number(band.sample.length) })}</p>
          <table className="table band-sample" aria-label={t('review.band.sample')}>
            <thead>
              <tr>
                <th scope="col">{t('review.col.date')}</th>
                <th scope="col">{t('review.col.bankText')}</th>
                <th scope="col">{t('review.col.books')}</th>
                <th scope="col" className="num">{t('review.col.amount')}</th>
                <th scope="col">{t('review.col.confidence')}</th>
                <th scope="col">{t('review.col.status')}</th>
                <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {band.sample.map((row) => {
                const match = shownRow(row, optimistic) ?? row;
                const line = match.bank[0];
                const books = match.books.map((item) => [item.documentNumber, item.counterpartyName].filter(Boolean).join(' · ')).join(', ');
                return (
                  <tr key={match.id} data-testid="band-sample-row">
                    <td className="nowrap">{line ? date(line.bookingDate) : ''}</td>
                    <td>{line ? <Evidence text={line.description} terms={evidenceTermsOf(match)} /> : null}</td>
                    <td>{books}</td>
                    <td className="num"><Amount minor={match.bankTotalMinor} currency={match.currency} /></td>
                    <td><ConfidenceMeter value={match.confidence} band={match.band} threshold={threshold} /></td>
                    <td><StatusBadge tone={statusTone[match.status]} label={t(`review.status.${match.status}`)} /></td>
                    <td className="cell-actions">
                      <button
                        type="button"
                        className="btn btn-small"
                        disabled={!canReject(match.status)}
                        aria-label={t('review.band.rejectOne', { text: line?.description ?? '' })}
                        onClick={() => void reject(match.id)}
                      >
                        {t('review.reject')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      ) : null}
    </Dialog>
  );
}
