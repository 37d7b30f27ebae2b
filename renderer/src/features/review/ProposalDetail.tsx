import type { CoreErrorData, MatchBookItemView, MatchDetail, MatchSummary } from '../../../../main/core/contract/index.js';
import { Alert } from '../../components/Alert.js';
import { Icon } from '../../components/Icon.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { canApprove, canChoose, canReject } from '../../stores/slices/review-decisions.js';
import { Alternatives } from './Alternatives.js';
import { ConfidenceMeter } from './ConfidenceMeter.js';
import { ExplainSuggestion } from './ExplainSuggestion.js';
import { MatchSides } from './MatchSides.js';
import { ReasonChips } from './ReasonChips.js';
import { statusTone } from './review-labels.js';

export interface ProposalActions {
  approve(): void;
  reject(): void;
  choose(index: number): void;
  manual(): void;
  manualFromItem(item: MatchBookItemView): void;
  undo(): void;
}

/** The selected proposal: status and confidence, the decision buttons, both sides, reasons, alternatives, history. */
export function ProposalDetail({
  match, detail, detailError, threshold, undoable, busy, actions,
}: {
  match: MatchSummary;
  /** The full match once fetched (alternatives, history). */
  detail: MatchDetail | null;
  detailError: CoreErrorData | null;
  threshold: number;
  /** Whether `u` would undo a decision on this match. */
  undoable: boolean;
  /** A decision on this match is on its way. */
  busy: boolean;
  actions: ProposalActions;
}) {
  const { t, dateTime, error: describe } = useI18n();
  const decided = match.decidedBy && match.decidedAt ? t('review.decidedBy', { user: match.decidedBy, when: dateTime(match.decidedAt) }) : null;
  return (
    <article className="proposal" aria-labelledby="proposal-title" data-testid="proposal">
      <header className="proposal-head">
        <h2 id="proposal-title" className="proposal-title">{t(`review.kind.${match.kind}`)}</h2>
        <StatusBadge tone={statusTone[match.status]} label={t(`review.status.${match.status}`)} />
        <ConfidenceMeter value={match.confidence} band={match.band} threshold={threshold} />
      </header>
      <div className="proposal-actions" role="group" aria-label={t('review.actions')}>
        <button type="button" className="btn btn-primary" aria-keyshortcuts="A" title={`${t('review.approve')} (A)`} disabled={busy || !canApprove(match.status)} onClick={actions.approve}>
          <Icon name="check" /> {t('review.approve')}
        </button>
        <button type="button" className="btn" aria-keyshortcuts="R" title={`${t('review.reject')} (R)`} disabled={busy || !canReject(match.status)} onClick={actions.reject}>
          <Icon name="close" /> {t('review.reject')}
        </button>
        <button type="button" className="btn" aria-keyshortcuts="M" title={`${t('review.manual')} (M)`} onClick={actions.manual}>
          {t('review.manual')}
        </button>
        {undoable ? (
          <button type="button" className="btn btn-ghost" aria-keyshortcuts="U" title={`${t('common.undo')} (U)`} disabled={busy} onClick={actions.undo}>
            {t('common.undo')}
          </button>
        ) : null}
        {decided ? <span className="proposal-decided muted">{decided}</span> : null}
      </div>
      <MatchSides match={match} onItemManual={actions.manualFromItem} />
      <section aria-labelledby="review-reasons-title">
        <h3 id="review-reasons-title" className="detail-heading">{t('review.reasons')}</h3>
        <ReasonChips reasons={match.reasons} currency={match.currency} label={t('review.reasons')} />
      </section>
      <ExplainSuggestion matchId={match.id} status={match.status} />
      {detailError ? <Alert>{describe(detailError)}</Alert> : null}
      {detail ? (
        <Alternatives alternatives={detail.alternatives} currency={match.currency} threshold={threshold} disabled={busy || !canChoose(match.status)} onChoose={actions.choose} />
      ) : match.alternativeCount > 0 ? (
        <p className="muted" aria-busy="true">{t('common.loading')}</p>
      ) : null}
      {detail?.note ? <p className="proposal-note"><span className="muted">{t('review.note')}</span> {detail.note}</p> : null}
    </article>
  );
}
