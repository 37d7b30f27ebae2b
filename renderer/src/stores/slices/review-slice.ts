import type { ConfidenceBand, MatchSummary } from '../../../../main/core/contract/index.js';
import { formatNumber } from '../../i18n/format.js';
import type { MessageRef } from '../../i18n/types.js';
import type { ReviewPages, ReviewQuery, ReviewSlice, UnmatchedLine } from '../review-types.js';
import type { AppState, SliceCreator, SliceDeps } from '../types.js';
import { createReviewDecisions } from './review-decisions.js';
import { emptyPages, indexOfId, pagesToFetch, refreshedPages, REVIEW_PAGE_SIZE, rowAtPages, withPage } from './review-paging.js';

/** The auto-approve threshold shown until the company's own is known (the core's default). */
export const DEFAULT_THRESHOLD = 0.9;
/** How many proposals the band dialog shows for spot-checking. */
export const BAND_SAMPLE_SIZE = 10;

/** Pending proposals, most valuable first, every band and account. */
export function defaultReviewQuery(): ReviewQuery {
  return { view: 'review', band: null, search: '', sort: 'value', accountId: null };
}

type ReviewData = Pick<
  ReviewSlice,
  | 'reviewCompanyId' | 'reviewQuery' | 'reviewRows' | 'unmatchedRows' | 'reviewCounts' | 'reviewThreshold' | 'reviewLastRun'
  | 'reviewSelection' | 'reviewDetail' | 'reviewDetailError' | 'reviewOptimistic' | 'reviewUndo' | 'reviewAnnouncement' | 'bandReview'
>;

/** The slice's data before a queue was opened (also what logging out leaves). */
export function initialReview(): ReviewData {
  return {
    reviewCompanyId: null,
    reviewQuery: defaultReviewQuery(),
    reviewRows: emptyPages(0),
    unmatchedRows: emptyPages(0),
    reviewCounts: null,
    reviewThreshold: DEFAULT_THRESHOLD,
    reviewLastRun: null,
    reviewSelection: null,
    reviewDetail: null,
    reviewDetailError: null,
    reviewOptimistic: {},
    reviewUndo: [],
    reviewAnnouncement: null,
    bandReview: null,
  };
}

/** The rows of the list on screen: matches, or unmatched bank lines. */
export function reviewListOf(state: AppState): ReviewPages<{ id: number }> {
  return state.reviewQuery.view === 'unmatched' ? state.unmatchedRows : state.reviewRows;
}

/**
 * The review queue: matches of a company by status and band, fetched in pages of 200 as the list
 * scrolls; the selection and its detail; counts; band approval after a spot check. Decisions
 * (optimistic, undoable) are in review-decisions.ts.
 */
export function createReviewSlice(deps: SliceDeps): SliceCreator<ReviewSlice> {
  return (set, get) => {
    let generation = 0;
    let detailSeq = 0;
    const inFlight = new Set<string>();
    const unmatchedView = (): boolean => get().reviewQuery.view === 'unmatched';
    const flightKey = (unmatched: boolean, gen: number, page: number): string => `${unmatched ? 'u' : 'm'}:${gen}:${page}`;

    const setLoading = (unmatched: boolean, gen: number): void => {
      const prefix = `${unmatched ? 'u' : 'm'}:${gen}:`;
      const busy = [...inFlight].some((key) => key.startsWith(prefix));
      if (unmatched) set((s) => (s.unmatchedRows.generation === gen ? { unmatchedRows: { ...s.unmatchedRows, loading: busy } } : {}));
      else set((s) => (s.reviewRows.generation === gen ? { reviewRows: { ...s.reviewRows, loading: busy } } : {}));
    };

    const loadDetail = async (id: number): Promise<void> => {
      const seq = ++detailSeq;
      const result = await deps.call('matches.get', { id });
      // Only the answer for the row still selected counts (j held down asks for many).
      if (seq !== detailSeq) return;
      if (result.ok) set({ reviewDetail: result.value, reviewDetailError: null });
      else set({ reviewDetailError: result.error });
    };

    /** Points the selection at a row; a new match is fetched in full for its alternatives. */
    const point = (index: number, id: number | null): void => {
      const before = get().reviewSelection;
      set({ reviewSelection: { index, id } });
      if (id === before?.id) return;
      set((s) => ({ reviewDetail: s.reviewDetail?.id === id ? s.reviewDetail : null, reviewDetailError: null }));
      if (id !== null && !unmatchedView()) void loadDetail(id);
      else detailSeq++;
    };

    /**
     * Keeps the selection meaningful as rows arrive: the first row is selected once known, the
     * selected match is followed when a refresh moves it, and a row that vanished (decided in
     * another window) hands the selection to the one now in its place.
     */
    const syncSelection = (): void => {
      const state = get();
      const list = reviewListOf(state);
      if (list.total === null) return;
      const selection = state.reviewSelection;
      if (list.total === 0) {
        detailSeq++;
        if (selection) set({ reviewSelection: null, reviewDetail: null });
        return;
      }
      let index = Math.min(list.total - 1, Math.max(0, selection?.index ?? 0));
      if (selection?.id != null) {
        const found = indexOfId(list, selection.id);
        if (found !== null) index = found;
      }
      const fresh = list.pages[Math.floor(index / REVIEW_PAGE_SIZE)]?.[index % REVIEW_PAGE_SIZE];
      if (!fresh) {
        if (!selection) set({ reviewSelection: { index, id: null } });
        return;
      }
      if (selection?.index !== index || selection.id !== fresh.id) point(index, fresh.id);
    };

    const fetchPage = async (unmatched: boolean, gen: number, page: number): Promise<void> => {
      const state = get();
      const companyId = state.reviewCompanyId;
      if (companyId === null) return;
      const q = state.reviewQuery;
      const paging = { offset: page * REVIEW_PAGE_SIZE, limit: REVIEW_PAGE_SIZE };
      const key = flightKey(unmatched, gen, page);
      inFlight.add(key);
      setLoading(unmatched, gen);
      try {
        if (unmatched) {
          const result = await deps.call('matches.unmatched', { companyId, accountId: q.accountId, ...paging });
          if (get().unmatchedRows.generation !== gen) return;
          if (!result.ok) set((s) => ({ unmatchedRows: { ...s.unmatchedRows, error: result.error } }));
          else set((s) => ({ unmatchedRows: withPage(s.unmatchedRows, page, result.value) }));
        } else {
          if (q.view === 'unmatched') return;
          const query = { companyId, accountId: q.accountId, filter: q.view, band: q.band, search: q.search, sort: q.sort, ...paging };
          const result = await deps.call('matches.list', query);
          if (get().reviewRows.generation !== gen) return;
          if (!result.ok) set((s) => ({ reviewRows: { ...s.reviewRows, error: result.error } }));
          else set((s) => ({ reviewRows: withPage(s.reviewRows, page, result.value) }));
        }
        syncSelection();
      } finally {
        inFlight.delete(key);
        setLoading(unmatched, gen);
      }
    };

    const loadThreshold = async (companyId: number): Promise<void> => {
      const result = await deps.call('matchingSettings.get', { companyId });
      if (result.ok && get().reviewCompanyId === companyId) set({ reviewThreshold: result.value.threshold });
    };

    const loadLastRun = async (companyId: number): Promise<void> => {
      const result = await deps.call('reconcile.runs', { companyId, limit: 1 });
      if (result.ok && get().reviewCompanyId === companyId) set({ reviewLastRun: result.value[0] ?? null });
    };

    /** Both lists start over (a new filter, company or account): nothing old is worth showing. */
    const resetLists = (): Pick<AppState, 'reviewRows' | 'unmatchedRows' | 'reviewSelection' | 'reviewDetail' | 'reviewDetailError'> => {
      generation++;
      detailSeq++;
      return { reviewRows: emptyPages(generation), unmatchedRows: emptyPages(generation), reviewSelection: null, reviewDetail: null, reviewDetailError: null };
    };

    return {
      ...initialReview(),

      openReview: (companyId) => {
        if (get().reviewCompanyId === companyId) {
          get().refreshReview();
          return;
        }
        set({ ...initialReview(), ...resetLists(), reviewCompanyId: companyId });
        // The first page goes first: the core answers one request at a time, and counting
        // a large company takes longer than a page.
        void get().ensureReviewRows(0, REVIEW_PAGE_SIZE);
        void get().loadReviewCounts();
        void loadThreshold(companyId);
        void loadLastRun(companyId);
      },

      setReviewQuery: (change) => {
        const before = get().reviewQuery;
        const next = { ...before, ...change, search: (change.search ?? before.search).trim() };
        set({ reviewQuery: next, ...resetLists() });
        if (next.accountId !== before.accountId) void get().loadReviewCounts();
      },

      ensureReviewRows: async (start, end) => {
        if (get().reviewCompanyId === null) return;
        const unmatched = unmatchedView();
        const rows = reviewListOf(get());
        const gen = rows.generation;
        const wanted = pagesToFetch(rows, start, end, (page) => inFlight.has(flightKey(unmatched, gen, page)));
        await Promise.all(wanted.map((page) => fetchPage(unmatched, gen, page)));
      },

      selectReviewRow: (index) => {
        const list = reviewListOf(get());
        if (list.total === null || list.total === 0) return;
        const at = Math.min(list.total - 1, Math.max(0, index));
        point(at, rowAtPages(list, at)?.id ?? null);
      },

      moveReviewSelection: (step) => {
        const current = get().reviewSelection;
        const from = current ? current.index : step > 0 ? -1 : (reviewListOf(get()).total ?? 0);
        get().selectReviewRow(from + step);
      },

      loadReviewCounts: async () => {
        const companyId = get().reviewCompanyId;
        if (companyId === null) return;
        const accountId = get().reviewQuery.accountId;
        const result = await deps.call('matches.counts', { companyId, accountId });
        if (!result.ok || get().reviewCompanyId !== companyId || get().reviewQuery.accountId !== accountId) return;
        set({ reviewCounts: result.value });
      },

      refreshReview: () => {
        if (get().reviewCompanyId === null) return;
        generation++;
        set((s) => ({ reviewRows: refreshedPages(s.reviewRows, generation), unmatchedRows: refreshedPages(s.unmatchedRows, generation) }));
        void get().loadReviewCounts();
        const id = get().reviewSelection?.id;
        if (id != null && !unmatchedView()) void loadDetail(id);
      },

      ...createReviewDecisions(deps, set, get),

      openBandReview: async (band: ConfidenceBand) => {
        const companyId = get().reviewCompanyId;
        if (companyId === null) return;
        set({ bandReview: { band, loading: true, token: null, total: 0, sample: [], approving: false, error: null } });
        const result = await deps.call('matches.bandSample', { companyId, accountId: get().reviewQuery.accountId, band, size: BAND_SAMPLE_SIZE });
        if (get().bandReview?.band !== band) return;
        if (!result.ok) set((s) => ({ bandReview: s.bandReview && { ...s.bandReview, loading: false, error: result.error } }));
        else set((s) => ({ bandReview: s.bandReview && { ...s.bandReview, loading: false, ...result.value } }));
      },

      approveBand: async () => {
        const band = get().bandReview;
        // The band is approved only after its sample was shown: the token proves it.
        if (!band?.token || band.approving) return false;
        set({ bandReview: { ...band, approving: true, error: null } });
        const result = await deps.call('matches.approveBand', { token: band.token });
        if (!result.ok) {
          set((s) => ({ bandReview: s.bandReview && { ...s.bandReview, approving: false, error: result.error } }));
          return false;
        }
        const { approved, skipped } = result.value;
        const count = formatNumber(approved, get().locale);
        const message: MessageRef = skipped > 0
          ? { key: 'review.done.bandSkipped', params: { count, skipped: formatNumber(skipped, get().locale) } }
          : { key: 'review.done.band', params: { count } };
        set((s) => ({ bandReview: null, reviewAnnouncement: { seq: (s.reviewAnnouncement?.seq ?? 0) + 1, message } }));
        get().pushToast({ tone: 'info', message });
        get().refreshReview();
        return true;
      },

      closeBandReview: () => set({ bandReview: null }),
    };
  };
}

/** The selected proposal as stored (the queue's view), or undefined. */
export function selectedMatch(state: AppState): MatchSummary | undefined {
  const selection = state.reviewSelection;
  if (!selection || state.reviewQuery.view === 'unmatched') return undefined;
  return rowAtPages(state.reviewRows, selection.index);
}

/** The selected unmatched bank line (the unmatched view), or undefined. */
export function selectedUnmatched(state: AppState): UnmatchedLine | undefined {
  const selection = state.reviewSelection;
  if (!selection || state.reviewQuery.view !== 'unmatched') return undefined;
  return rowAtPages(state.unmatchedRows, selection.index);
}
