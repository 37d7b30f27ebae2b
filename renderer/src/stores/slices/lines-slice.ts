import type { Envelope } from '../../../../main/core/contract/index.js';
import type { AppState, LinesFilter, LinesSlice, LinesTab, PagedRows, SliceCreator, SliceDeps } from '../types.js';

/** Rows per request; the table asks for the pages under its visible window. */
export const LINES_PAGE_SIZE = 100;

/** Newest first, everything shown. */
export function defaultLinesFilter(): LinesFilter {
  return { search: '', from: null, to: null, minAmountMinor: null, maxAmountMinor: null, status: 'all', sort: 'date', direction: 'desc' };
}

function emptyRows<R>(filter: LinesFilter, generation: number): PagedRows<R> {
  return { filter, total: null, pages: {}, loading: false, error: null, generation };
}

/** The slice's data as it is before an account was opened. */
export function initialLines(): Pick<LinesSlice, 'viewAccountId' | 'viewTab' | 'booksScope' | 'bankLines' | 'bookItems'> {
  return {
    viewAccountId: null,
    viewTab: 'bank',
    booksScope: 'company',
    bankLines: emptyRows(defaultLinesFilter(), 0),
    bookItems: emptyRows(defaultLinesFilter(), 0),
  };
}

type Page<R> = { total: number; offset: number; rows: R[] };

function withPage<R>(rows: PagedRows<R>, page: number, value: Page<R>): PagedRows<R> {
  return { ...rows, total: value.total, pages: { ...rows.pages, [page]: value.rows }, error: null };
}

/** The account view's tables: bank lines of an account and books items, filtered, sorted, fetched by pages. */
export function createLinesSlice(deps: SliceDeps): SliceCreator<LinesSlice> {
  return (set, get) => {
    let generation = 0;
    const inFlight = new Set<string>();
    const keyOf = (tab: LinesTab): 'bankLines' | 'bookItems' => (tab === 'bank' ? 'bankLines' : 'bookItems');
    const rowsOf = (state: AppState, tab: LinesTab): PagedRows<unknown> => state[keyOf(tab)];

    /** Forgets what a table loaded and starts a new generation with the given filter. */
    const reset = (tab: LinesTab, filter: LinesFilter): Partial<AppState> =>
      tab === 'bank' ? { bankLines: emptyRows(filter, ++generation) } : { bookItems: emptyRows(filter, ++generation) };

    const setLoading = (tab: LinesTab, gen: number): void => {
      const busy = [...inFlight].some((key) => key.startsWith(`${tab}:${gen}:`));
      if (tab === 'bank') set((state) => (state.bankLines.generation === gen ? { bankLines: { ...state.bankLines, loading: busy } } : {}));
      else set((state) => (state.bookItems.generation === gen ? { bookItems: { ...state.bookItems, loading: busy } } : {}));
    };

    const fetchPage = async (tab: LinesTab, gen: number, page: number): Promise<void> => {
      const state = get();
      const accountId = state.viewAccountId;
      const companyId = state.currentCompanyId;
      if (accountId === null || companyId === null) return;
      const f = rowsOf(state, tab).filter;
      const query = {
        from: f.from, to: f.to, minAmountMinor: f.minAmountMinor, maxAmountMinor: f.maxAmountMinor, search: f.search,
        status: f.status, sort: f.sort, direction: f.direction, offset: page * LINES_PAGE_SIZE, limit: LINES_PAGE_SIZE,
      };
      const key = `${tab}:${gen}:${page}`;
      inFlight.add(key);
      setLoading(tab, gen);
      const stale = (): boolean => rowsOf(get(), tab).generation !== gen;
      const fail = (result: Envelope<unknown>): boolean => {
        if (result.ok || stale()) return false;
        if (tab === 'bank') set((s) => ({ bankLines: { ...s.bankLines, error: result.error } }));
        else set((s) => ({ bookItems: { ...s.bookItems, error: result.error } }));
        return true;
      };
      try {
        if (tab === 'bank') {
          const result = await deps.call('bankLines.list', { accountId, ...query });
          if (fail(result) || !result.ok || stale()) return;
          set((s) => ({ bankLines: withPage(s.bankLines, page, result.value) }));
        } else {
          const scoped = state.booksScope === 'account' ? accountId : null;
          const result = await deps.call('bookItems.list', { companyId, accountId: scoped, kind: null, ...query });
          if (fail(result) || !result.ok || stale()) return;
          set((s) => ({ bookItems: withPage(s.bookItems, page, result.value) }));
        }
      } finally {
        inFlight.delete(key);
        setLoading(tab, gen);
      }
    };

    return {
      ...initialLines(),

      openAccountView: (accountId, tab = 'bank') => {
        const same = get().viewAccountId === accountId;
        // Coming back to the same account keeps its filters; another account starts afresh.
        const bankFilter = same ? get().bankLines.filter : defaultLinesFilter();
        const booksFilter = same ? get().bookItems.filter : defaultLinesFilter();
        set({ viewAccountId: accountId, viewTab: tab, ...reset('bank', bankFilter), ...reset('books', booksFilter) });
        get().navigate('account');
      },

      setViewTab: (tab) => set({ viewTab: tab }),

      setBooksScope: (scope) => set((state) => ({ booksScope: scope, ...reset('books', state.bookItems.filter) })),

      setLinesFilter: (tab, change) => set((state) => reset(tab, { ...rowsOf(state, tab).filter, ...change })),

      ensureRows: async (tab, start, end) => {
        const rows = rowsOf(get(), tab);
        if (get().viewAccountId === null) return;
        const first = Math.max(0, Math.floor(start / LINES_PAGE_SIZE));
        const last = Math.max(first, Math.floor((Math.max(start + 1, end) - 1) / LINES_PAGE_SIZE));
        const wanted: number[] = [];
        for (let page = first; page <= last; page++) {
          if (rows.total !== null && page * LINES_PAGE_SIZE >= rows.total) break;
          // Until the total is known only the first page asked for is fetched.
          if (rows.total === null && page > first) break;
          if (rows.pages[page] !== undefined || inFlight.has(`${tab}:${rows.generation}:${page}`)) continue;
          wanted.push(page);
        }
        await Promise.all(wanted.map((page) => fetchPage(tab, rows.generation, page)));
      },

      reloadLines: () => {
        if (get().viewAccountId === null) return;
        set((state) => ({ ...reset('bank', state.bankLines.filter), ...reset('books', state.bookItems.filter) }));
      },
    };
  };
}
