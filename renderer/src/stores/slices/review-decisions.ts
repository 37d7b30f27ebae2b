import type { StoreApi } from 'zustand/vanilla';
import type { Envelope, MatchDetail, MatchStatusName, MatchSummary } from '../../../../main/core/contract/index.js';
import type { MessageRef } from '../../i18n/types.js';
import type { DecisionAction, ReviewSlice, UndoEntry } from '../review-types.js';
import type { AppState, SliceDeps } from '../types.js';
import { updateRow } from './review-paging.js';

/** How many decisions `u` can walk back. */
export const UNDO_DEPTH = 50;

const approvable: readonly MatchStatusName[] = ['proposed', 'pending_review'];
const rejectable: readonly MatchStatusName[] = ['proposed', 'pending_review', 'auto_approved'];

/** Whether a match in this status can be approved (or given one of its alternatives). */
export const canApprove = (status: MatchStatusName): boolean => approvable.includes(status);
/** Whether a match in this status can be rejected (auto-approved ones too). */
export const canReject = (status: MatchStatusName): boolean => rejectable.includes(status);
/** Whether one of the match's alternatives can be chosen instead. */
export const canChoose = (status: MatchStatusName): boolean => rejectable.includes(status);

/** A match's own fields without what only the detail carries (rows stay light). */
export function summaryOf(detail: MatchDetail): MatchSummary {
  const { alternatives: _a, decisions: _d, engineVersion: _e, note: _n, ...summary } = detail;
  return summary;
}

/** The bank text of a match, short enough for a receipt. */
function labelOf(match: Pick<MatchSummary, 'bank'>): string {
  const text = match.bank[0]?.counterpartyName || match.bank[0]?.description || '';
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}

const receiptKey = { approve: 'review.done.approve', reject: 'review.done.reject', choose: 'review.done.choose', manual: 'review.done.manual' } as const;

type Decisions = Pick<ReviewSlice, 'approveMatch' | 'rejectMatch' | 'chooseAlternative' | 'undoDecision' | 'undoLastDecision' | 'recordDecision'>;

/**
 * Decisions on the review queue. Each one shows its outcome at once (an optimistic status), moves
 * the selection to the next proposal, and on the core's refusal puts the status back and says why.
 * Every decision made here goes on an undo stack (`u`) and into a toast with Undo.
 */
export function createReviewDecisions(
  deps: SliceDeps,
  set: StoreApi<AppState>['setState'],
  get: StoreApi<AppState>['getState'],
): Decisions {
  /** Matches with a decision on its way: a second key press waits for the first answer. */
  const pending = new Set<number>();

  const announce = (message: MessageRef): void =>
    set((s) => ({ reviewAnnouncement: { seq: (s.reviewAnnouncement?.seq ?? 0) + 1, message } }));

  const findMatch = (id: number): MatchSummary | undefined => {
    const state = get();
    if (state.reviewDetail?.id === id) return state.reviewDetail;
    for (const pages of [state.reviewRows.pages, state.reviewRows.stale ?? {}]) {
      for (const list of Object.values(pages)) {
        const found = list.find((row) => row.id === id);
        if (found) return found;
      }
    }
    return state.bandReview?.sample.find((row) => row.id === id);
  };

  /** The status the person sees: the optimistic one while a decision is on its way. */
  const statusOf = (id: number): MatchStatusName | null => get().reviewOptimistic[id] ?? findMatch(id)?.status ?? null;

  const setOptimistic = (id: number, status: MatchStatusName | null): void =>
    set((s) => {
      const next = { ...s.reviewOptimistic };
      if (status === null) delete next[id];
      else next[id] = status;
      return { reviewOptimistic: next };
    });

  /** Puts the core's answer wherever the match is shown. */
  const apply = (detail: MatchDetail, decidedId: number): void => {
    const summary = summaryOf(detail);
    set((s) => {
      const optimistic = { ...s.reviewOptimistic };
      delete optimistic[decidedId];
      delete optimistic[detail.id];
      // Choosing an alternative may answer with another match: the proposal it replaced is superseded.
      const replaced = (row: MatchSummary): MatchSummary => (detail.id === decidedId ? summary : { ...row, status: 'superseded', canUndo: false });
      const sample = s.bandReview?.sample.map((row) => (row.id === decidedId ? replaced(row) : row));
      return {
        reviewRows: updateRow(s.reviewRows, decidedId, replaced),
        reviewOptimistic: optimistic,
        reviewDetail: s.reviewDetail?.id === decidedId || s.reviewDetail?.id === detail.id ? detail : s.reviewDetail,
        bandReview: s.bandReview && sample ? { ...s.bandReview, sample } : s.bandReview,
      };
    });
  };

  const remember = (detail: MatchDetail, action: DecisionAction, fromStatus: MatchStatusName, label: string): void => {
    const message: MessageRef = { key: receiptKey[action], params: { what: label } };
    const toastId = get().pushToast({ tone: 'info', message, undo: () => get().undoDecision(detail.id) });
    const entry: UndoEntry = { matchId: detail.id, action, fromStatus, toastId };
    set((s) => ({ reviewUndo: [...s.reviewUndo.filter((e) => e.matchId !== detail.id), entry].slice(-UNDO_DEPTH) }));
    announce(message);
    void get().loadReviewCounts();
  };

  const selectedMatchId = (): number | null =>
    get().reviewQuery.view === 'unmatched' ? null : (get().reviewSelection?.id ?? null);

  const decide = async (
    action: DecisionAction,
    id: number | undefined,
    allowed: (status: MatchStatusName) => boolean,
    optimistic: MatchStatusName,
    request: (id: number) => Promise<Envelope<MatchDetail>>,
  ): Promise<boolean> => {
    const target = id ?? selectedMatchId();
    if (target === null || pending.has(target)) return false;
    const from = statusOf(target);
    if (from === null) return false;
    if (!allowed(from)) {
      announce({ key: 'review.announce.notAllowed' });
      return false;
    }
    const label = labelOf(findMatch(target) ?? { bank: [] });
    pending.add(target);
    setOptimistic(target, optimistic);
    // The next proposal is what the person looks at next.
    if (get().reviewSelection?.id === target && get().reviewQuery.view !== 'unmatched') get().moveReviewSelection(1);
    let result: Envelope<MatchDetail>;
    try {
      result = await request(target);
    } finally {
      pending.delete(target);
    }
    if (!result.ok) {
      setOptimistic(target, null);
      announce({ key: 'review.announce.failed' });
      get().pushToast({ tone: 'error', error: result.error });
      return false;
    }
    apply(result.value, target);
    remember(result.value, action, from, label);
    return true;
  };

  return {
    approveMatch: (id) => decide('approve', id, canApprove, 'approved', (target) => deps.call('matches.approve', { id: target })),

    rejectMatch: (id) => decide('reject', id, canReject, 'rejected', (target) => deps.call('matches.reject', { id: target })),

    chooseAlternative: (index, id) =>
      decide('choose', id, canChoose, 'approved', (target) => deps.call('matches.chooseAlternative', { id: target, index })),

    undoDecision: async (matchId) => {
      if (pending.has(matchId)) return false;
      const entry = get().reviewUndo.findLast((e) => e.matchId === matchId);
      pending.add(matchId);
      if (entry) setOptimistic(matchId, entry.fromStatus);
      let result: Envelope<MatchDetail>;
      try {
        result = await deps.call('matches.undo', { id: matchId });
      } finally {
        pending.delete(matchId);
      }
      if (!result.ok) {
        setOptimistic(matchId, null);
        announce({ key: 'review.announce.failed' });
        get().pushToast({ tone: 'error', error: result.error });
        return false;
      }
      apply(result.value, matchId);
      set((s) => ({ reviewUndo: s.reviewUndo.filter((e) => e.matchId !== matchId) }));
      if (entry?.toastId != null) get().dismissToast(entry.toastId);
      announce({ key: 'review.done.undo' });
      void get().loadReviewCounts();
      return true;
    },

    undoLastDecision: async () => {
      const last = get().reviewUndo.at(-1);
      if (!last) {
        // Nothing decided here: `u` keeps its app-wide meaning (the newest toast's Undo).
        await get().undoLast();
        return false;
      }
      return get().undoDecision(last.matchId);
    },

    recordDecision: (detail, action, fromStatus) => {
      apply(detail, detail.id);
      remember(detail, action, fromStatus, labelOf(detail));
      get().refreshReview();
    },
  };
}

/** The row at an index as the person sees it (with a decision on its way shown as made). */
export function shownRow<R extends { id: number; status: MatchStatusName }>(row: R | undefined, optimistic: Readonly<Record<number, MatchStatusName>>): R | undefined {
  if (!row) return undefined;
  const status = optimistic[row.id];
  return status === undefined || status === row.status ? row : { ...row, status };
}
