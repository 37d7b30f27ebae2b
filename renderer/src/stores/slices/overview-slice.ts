import type { AccountStatus, OverviewSlice } from '../reconcile-types.js';
import type { SliceCreator, SliceDeps } from '../types.js';
import { todayIso } from './iso-date.js';

/** The slice's data as it is before anything was loaded. */
export function initialOverview(): Pick<
  OverviewSlice,
  'overviewCompanyId' | 'overviewTo' | 'accountStatuses' | 'overviewLoading' | 'lastRun' | 'overviewAccountId' | 'importBatches' | 'lineSpan' | 'overviewDetailError'
> {
  return {
    overviewCompanyId: null,
    overviewTo: '',
    accountStatuses: {},
    overviewLoading: false,
    lastRun: null,
    overviewAccountId: null,
    importBatches: [],
    lineSpan: null,
    overviewDetailError: null,
  };
}

/**
 * The company dashboard (every active account's counts and its report at today) and the overview
 * of one account (its imported statements, the span of its lines), loaded when it is opened.
 */
export function createOverviewSlice(deps: SliceDeps): SliceCreator<OverviewSlice> {
  return (set, get) => {
    // Answers of an older load (another company, a newer refresh) are dropped.
    let generation = 0;
    let detailGeneration = 0;

    const statusOf = async (companyId: number, accountId: number, to: string): Promise<AccountStatus> => {
      const [counts, report] = await Promise.all([
        deps.call('matches.counts', { companyId, accountId }),
        deps.call('reports.reconciliation', { accountId, to }),
      ]);
      return {
        counts: counts.ok ? counts.value : null,
        report: report.ok ? report.value : null,
        error: !counts.ok ? counts.error : !report.ok ? report.error : null,
      };
    };

    return {
      ...initialOverview(),

      loadOverview: async () => {
        const companyId = get().currentCompanyId;
        const gen = ++generation;
        if (companyId === null) {
          set({ ...initialOverview() });
          return;
        }
        const to = todayIso();
        const accounts = get().accounts.filter((a) => a.companyId === companyId && !a.archived);
        if (get().overviewCompanyId !== companyId) set({ ...initialOverview() });
        set({ overviewLoading: true, overviewTo: to });
        const [runs, statuses] = await Promise.all([
          deps.call('reconcile.runs', { companyId, limit: 1 }),
          Promise.all(accounts.map(async (a) => [a.id, await statusOf(companyId, a.id, to)] as const)),
        ]);
        if (gen !== generation || get().currentCompanyId !== companyId) return;
        set({
          overviewCompanyId: companyId,
          accountStatuses: Object.fromEntries(statuses),
          lastRun: runs.ok ? (runs.value[0] ?? null) : null,
          overviewLoading: false,
        });
      },

      openAccountOverview: async (accountId) => {
        const companyId = get().currentCompanyId;
        const gen = ++detailGeneration;
        set({ overviewAccountId: accountId, lineSpan: null, overviewDetailError: null });
        if (accountId === null || companyId === null) return;
        const [batches, first, last] = await Promise.all([
          deps.call('imports.list', { companyId }),
          deps.call('bankLines.list', { accountId, sort: 'date', direction: 'asc', limit: 1 }),
          deps.call('bankLines.list', { accountId, sort: 'date', direction: 'desc', limit: 1 }),
          get().loadPeriodLocks(),
        ]);
        if (gen !== detailGeneration || get().currentCompanyId !== companyId) return;
        const failed = [batches, first, last].find((result) => !result.ok);
        set({
          importBatches: batches.ok ? batches.value : [],
          lineSpan: first.ok && last.ok
            ? { total: first.value.total, first: first.value.rows[0]?.bookingDate ?? null, last: last.value.rows[0]?.bookingDate ?? null }
            : null,
          overviewDetailError: failed && !failed.ok ? failed.error : null,
        });
      },
    };
  };
}
