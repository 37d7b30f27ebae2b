import type { Envelope } from '../../../../main/core/contract/index.js';
import { formatDate } from '../../i18n/format.js';
import type { PeriodLock, ReportsSlice } from '../reconcile-types.js';
import type { SliceCreator, SliceDeps } from '../types.js';
import { isIsoDate } from './iso-date.js';

/** The slice's data as it is before anything was loaded. */
export function initialReports(): Pick<
  ReportsSlice,
  'reportAccountId' | 'reportTo' | 'report' | 'reportLoading' | 'reportError' | 'periodLocks' | 'periodLocksCompanyId' | 'lockPending' | 'lockError' | 'exporting' | 'printView'
> {
  return {
    reportAccountId: null,
    reportTo: '',
    report: null,
    reportLoading: false,
    reportError: null,
    periodLocks: [],
    periodLocksCompanyId: null,
    lockPending: false,
    lockError: null,
    exporting: null,
    printView: false,
  };
}

const withLock = (locks: readonly PeriodLock[], lock: PeriodLock): PeriodLock[] =>
  [...locks.filter((l) => l.accountId !== lock.accountId), lock];

/** The reconciliation report of one account at a date, the company's period locks, exports and the print view. */
export function createReportsSlice(deps: SliceDeps): SliceCreator<ReportsSlice> {
  return (set, get) => {
    const accountName = (accountId: number): string => get().accounts.find((a) => a.id === accountId)?.name ?? `#${accountId}`;
    const dateText = (iso: string): string => formatDate(iso, get().locale);
    const stillCurrent = (companyId: number | null): boolean => get().currentCompanyId === companyId;

    /** After a lock changes: the report on screen shows the lock too. */
    const refreshAfterLock = async (accountId: number): Promise<void> => {
      if (get().reportAccountId === accountId) await get().loadReport();
    };

    const lock = async (accountId: number, through: string): Promise<Envelope<PeriodLock>> => {
      const companyId = get().currentCompanyId;
      const result = await deps.call('periodLocks.lock', { accountId, through });
      if (result.ok && stillCurrent(companyId)) set((state) => ({ periodLocks: withLock(state.periodLocks, result.value) }));
      return result;
    };

    return {
      ...initialReports(),

      showReport: async (accountId, to) => {
        const { reportAccountId, reportTo, report, reportLoading } = get();
        // The same report is on screen or on its way: nothing to fetch.
        if (accountId === reportAccountId && to === reportTo && (report || reportLoading)) return;
        set({ reportAccountId: accountId, reportTo: to, report: null, reportError: null });
        await get().loadReport();
      },

      loadReport: async () => {
        const { reportAccountId: accountId, reportTo: to } = get();
        if (accountId === null || !isIsoDate(to)) {
          set({ report: null, reportLoading: false });
          return;
        }
        set({ reportLoading: true, reportError: null });
        const result = await deps.call('reports.reconciliation', { accountId, to });
        // The person may have chosen another account or date meanwhile: that answer wins.
        if (get().reportAccountId !== accountId || get().reportTo !== to) return;
        if (!result.ok) {
          set({ report: null, reportLoading: false, reportError: result.error });
          return;
        }
        set({ report: result.value, reportLoading: false });
      },

      loadPeriodLocks: async () => {
        const companyId = get().currentCompanyId;
        if (companyId === null) {
          set({ periodLocks: [], periodLocksCompanyId: null });
          return;
        }
        const result = await deps.call('periodLocks.list', { companyId });
        if (!stillCurrent(companyId)) return;
        if (!result.ok) {
          set({ lockError: result.error });
          return;
        }
        set({ periodLocks: result.value, periodLocksCompanyId: companyId, lockError: null });
      },

      lockPeriod: async (accountId, through) => {
        set({ lockPending: true, lockError: null });
        const result = await lock(accountId, through);
        set({ lockPending: false });
        if (!result.ok) {
          set({ lockError: result.error });
          return false;
        }
        get().pushToast({
          tone: 'info',
          message: { key: 'toast.periodLocked', params: { name: accountName(accountId), date: dateText(result.value.lockedThrough) } },
        });
        await refreshAfterLock(accountId);
        return true;
      },

      unlockPeriod: async (accountId) => {
        const before = get().periodLocks.find((l) => l.accountId === accountId) ?? null;
        const companyId = get().currentCompanyId;
        set({ lockPending: true, lockError: null });
        const result = await deps.call('periodLocks.unlock', { accountId });
        set({ lockPending: false });
        if (!result.ok) {
          set({ lockError: result.error });
          get().pushToast({ tone: 'error', error: result.error });
          return false;
        }
        if (stillCurrent(companyId)) set((state) => ({ periodLocks: state.periodLocks.filter((l) => l.accountId !== accountId) }));
        const name = accountName(accountId);
        get().pushToast({
          tone: 'info',
          message: { key: 'toast.periodUnlocked', params: { name } },
          // Unlocking is reversible: the same lock date comes back.
          undo: before
            ? async () => {
                const again = await lock(accountId, before.lockedThrough);
                if (!again.ok) {
                  get().pushToast({ tone: 'error', error: again.error });
                  return;
                }
                get().pushToast({ tone: 'info', message: { key: 'toast.periodLocked', params: { name, date: dateText(before.lockedThrough) } } });
                await refreshAfterLock(accountId);
              }
            : undefined,
        });
        await refreshAfterLock(accountId);
        return true;
      },

      exportReport: async (format) => {
        const report = get().report;
        if (!report || get().exporting) return null;
        set({ exporting: format });
        // The file speaks the language of the screen it was exported from.
        const result = await deps.call('reports.export', { accountId: report.accountId, to: report.to, format, language: get().language });
        set({ exporting: null });
        if (!result.ok) {
          get().pushToast({ tone: 'error', error: result.error });
          return null;
        }
        return result.value;
      },

      setPrintView: (open) => set({ printView: open }),
    };
  };
}
