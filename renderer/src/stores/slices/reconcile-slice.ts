import { formatNumber } from '../../i18n/format.js';
import type { ReconcileSlice, ReconcileTask } from '../review-types.js';
import type { SliceCreator, SliceDeps } from '../types.js';

/** A task id for a run; crypto.randomUUID needs a secure context, which both hosts are. */
function newTaskId(): string {
  return typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * "Run reconciliation": starts the engine over the current company (or the queue's account),
 * follows its progress events, cancels it, and refreshes the queue with what it proposed.
 */
export function createReconcileSlice(deps: SliceDeps): SliceCreator<ReconcileSlice> {
  return (set, get) => {
    const patch = (taskId: string, change: Partial<ReconcileTask>): void =>
      set((s) => (s.reconcileTask?.taskId === taskId ? { reconcileTask: { ...s.reconcileTask, ...change } } : {}));

    return {
      reconcileTask: null,

      startReconcile: async () => {
        const companyId = get().currentCompanyId;
        if (companyId === null || get().reconcileTask?.running) return;
        const taskId = newTaskId();
        const accountId = get().reviewCompanyId === companyId ? get().reviewQuery.accountId : null;
        set({ reconcileTask: { taskId, companyId, running: true, cancelling: false, stage: 'start', done: 0, total: null, result: null, error: null } });
        const result = await deps.call('reconcile.start', { companyId, accountIds: accountId === null ? null : [accountId], taskId });
        if (get().reconcileTask?.taskId !== taskId) return;
        if (!result.ok) {
          if (result.error.code === 'cancelled') {
            set({ reconcileTask: null });
            get().pushToast({ tone: 'info', message: { key: 'review.run.cancelled' } });
          } else {
            patch(taskId, { running: false, cancelling: false, error: result.error });
            get().pushToast({ tone: 'error', error: result.error });
          }
          return;
        }
        const { resumed: _resumed, ...run } = result.value;
        patch(taskId, { running: false, cancelling: false, result: run });
        if (get().reviewCompanyId === companyId) set({ reviewLastRun: run });
        const counts = run.counts;
        const n = (value: number): string => formatNumber(value, get().locale);
        get().pushToast({
          tone: 'info',
          message: counts
            ? { key: 'review.run.done', params: { proposals: n(counts.proposals), auto: n(counts.autoApproved), pending: n(counts.pendingReview), unmatched: n(counts.unmatchedBank) } }
            : { key: 'review.run.doneShort' },
        });
        if (get().reviewCompanyId === companyId) get().refreshReview();
      },

      cancelReconcile: async () => {
        const task = get().reconcileTask;
        if (!task?.running || task.cancelling) return;
        patch(task.taskId, { cancelling: true });
        const result = await deps.call('tasks.cancel', { taskId: task.taskId });
        if (!result.ok) {
          patch(task.taskId, { cancelling: false });
          get().pushToast({ tone: 'error', error: result.error });
        }
      },

      onReconcileProgress: ({ taskId, kind, stage, done, total }) => {
        if (kind !== 'reconcile') return;
        const task = get().reconcileTask;
        if (task?.taskId !== taskId || !task.running) return;
        patch(taskId, { stage, done, total });
      },

      dismissReconcileResult: () => set((s) => (s.reconcileTask?.running ? {} : { reconcileTask: null })),
    };
  };
}
