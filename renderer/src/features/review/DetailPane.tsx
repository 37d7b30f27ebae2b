import type { MatchBookItemView } from '../../../../main/core/contract/index.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { shownRow } from '../../stores/slices/review-decisions.js';
import { selectedMatch, selectedUnmatched } from '../../stores/slices/review-slice.js';
import { useAppStore } from '../../stores/store-context.js';
import { ProposalDetail } from './ProposalDetail.js';
import { UnmatchedDetail } from './UnmatchedDetail.js';

/** The right pane: the selected proposal (or unmatched line) with its decisions. */
export function DetailPane({ onManual }: { onManual(): void }) {
  const { t } = useI18n();
  const stored = useAppStore(selectedMatch);
  const line = useAppStore(selectedUnmatched);
  const optimistic = useAppStore((state) => state.reviewOptimistic);
  const detail = useAppStore((state) => state.reviewDetail);
  const detailError = useAppStore((state) => state.reviewDetailError);
  const threshold = useAppStore((state) => state.reviewThreshold);
  const undoStack = useAppStore((state) => state.reviewUndo);
  const approve = useAppStore((state) => state.approveMatch);
  const reject = useAppStore((state) => state.rejectMatch);
  const choose = useAppStore((state) => state.chooseAlternative);
  const undo = useAppStore((state) => state.undoDecision);
  const openManual = useAppStore((state) => state.openManualMatch);

  if (line) return <UnmatchedDetail line={line} onManual={onManual} />;
  // The detail is fetched after the row: when both are there it is the fresher of the two.
  const own = stored && detail?.id === stored.id ? detail : null;
  const match = shownRow(own ?? stored, optimistic);
  if (!match) return <p className="muted detail-none">{t('review.detail.none')}</p>;
  const id = match.id;
  return (
    <ProposalDetail
      match={match}
      detail={own}
      detailError={detailError}
      threshold={threshold}
      undoable={undoStack.some((entry) => entry.matchId === id)}
      busy={optimistic[id] !== undefined}
      actions={{
        approve: () => void approve(id),
        reject: () => void reject(id),
        choose: (index) => void choose(index, id),
        manual: onManual,
        manualFromItem: (item: MatchBookItemView) => openManual({ item }),
        undo: () => void undo(id),
      }}
    />
  );
}
