import { afterEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../main/core/contract/index.js';
import { createAppStore, type AppStore } from '../../renderer/src/stores/create-app-store.js';
import type { ReportFile } from '../../renderer/src/stores/reconcile-types.js';
import { makeLock, makeReport, reconcileReplies } from './support/report-fixtures.js';
import { createStubApi, fail, loggedInReplies, memoryStorage, ok, type StubReplies } from './support/stub-api.js';

let store: AppStore | null = null;
afterEach(() => store?.dispose());

async function setup(replies: StubReplies = {}) {
  const api = createStubApi({ ...loggedInReplies(), ...reconcileReplies(), ...replies });
  store = createAppStore({ api, storage: memoryStorage(), preferredLanguages: ['en-US'] });
  await store.getState().start();
  return { api, store };
}

describe('reports slice', () => {
  it('loads the report of the chosen account and date', async () => {
    const { api, store } = await setup();
    await store.getState().showReport(1, '2024-03-31');
    expect(api.inputsOf('reports.reconciliation')).toEqual([{ accountId: 1, to: '2024-03-31' }]);
    expect(store.getState().report?.unexplainedMinor).toBe(-55_000);
    // The same report again is not fetched twice.
    await store.getState().showReport(1, '2024-03-31');
    expect(api.inputsOf('reports.reconciliation')).toHaveLength(1);
  });

  it('keeps the newest choice when an older answer arrives late', async () => {
    let release: (() => void) | null = null;
    const { store } = await setup({
      'reports.reconciliation': (input: MethodInput<'reports.reconciliation'>) =>
        input.to === '2024-01-31'
          ? new Promise((resolve) => { release = () => resolve(ok(makeReport({ to: '2024-01-31', unexplainedMinor: 1 }))); })
          : ok(makeReport({ to: input.to })),
    });
    const slow = store.getState().showReport(1, '2024-01-31');
    await store.getState().showReport(1, '2024-03-31');
    release!();
    await slow;
    expect(store.getState().reportTo).toBe('2024-03-31');
    expect(store.getState().report?.to).toBe('2024-03-31');
  });

  it('fetches the report again when another window changes matches of the company', async () => {
    const { api, store } = await setup();
    await store.getState().showReport(1, '2024-03-31');
    api.emit('data.changed', { entity: 'matches', companyId: 2 });
    api.emit('data.changed', { entity: 'matches', companyId: 1 });
    await Promise.resolve();
    expect(api.inputsOf('reports.reconciliation')).toEqual([{ accountId: 1, to: '2024-03-31' }, { accountId: 1, to: '2024-03-31' }]);
  });

  it('keeps a failed load as an error and no report', async () => {
    const { store } = await setup({ 'reports.reconciliation': fail('not_found', 'no such account') });
    await store.getState().showReport(1, '2024-03-31');
    expect(store.getState().report).toBeNull();
    expect(store.getState().reportError?.code).toBe('not_found');
  });

  it('locks a period, then refreshes the locks and the report', async () => {
    let locked: string | null = null;
    const { api, store } = await setup({
      'periodLocks.lock': ({ accountId, through }) => {
        locked = through;
        return ok(makeLock({ accountId, lockedThrough: through }));
      },
      'reports.reconciliation': ({ to }) => ok(makeReport({ to, lockedThrough: locked })),
    });
    await store.getState().showReport(1, '2024-03-31');
    expect(await store.getState().lockPeriod(1, '2024-03-31')).toBe(true);
    expect(api.inputsOf('periodLocks.lock')).toEqual([{ accountId: 1, through: '2024-03-31' }]);
    expect(api.inputsOf('reports.reconciliation')).toHaveLength(2);
    expect(store.getState().report?.lockedThrough).toBe('2024-03-31');
    expect(store.getState().periodLocks).toEqual([makeLock({ lockedThrough: '2024-03-31' })]);
    expect(store.getState().toasts.at(-1)?.message).toEqual({ key: 'toast.periodLocked', params: { name: 'Main account', date: 'Mar 31, 2024' } });
  });

  it('keeps a refused lock as an error for the dialog', async () => {
    const { store } = await setup({ 'periodLocks.lock': fail('forbidden') });
    await store.getState().showReport(1, '2024-03-31');
    expect(await store.getState().lockPeriod(1, '2024-03-31')).toBe(false);
    expect(store.getState().lockError?.code).toBe('forbidden');
    expect(store.getState().periodLocks).toEqual([]);
  });

  it('unlocks, refreshes the report, and Undo locks through the same date again', async () => {
    const { api, store } = await setup({
      'periodLocks.list': ok([makeLock()]),
      'periodLocks.unlock': ok({}),
      'periodLocks.lock': ({ accountId, through }) => ok(makeLock({ accountId, lockedThrough: through })),
    });
    await store.getState().loadPeriodLocks();
    await store.getState().showReport(1, '2024-03-31');
    expect(await store.getState().unlockPeriod(1)).toBe(true);
    expect(api.inputsOf('periodLocks.unlock')).toEqual([{ accountId: 1 }]);
    expect(store.getState().periodLocks).toEqual([]);
    expect(api.inputsOf('reports.reconciliation')).toHaveLength(2);
    const toast = store.getState().toasts.at(-1);
    expect(toast?.message?.key).toBe('toast.periodUnlocked');
    await store.getState().undoLast();
    expect(api.inputsOf('periodLocks.lock')).toEqual([{ accountId: 1, through: '2024-02-29' }]);
    expect(store.getState().periodLocks).toEqual([makeLock()]);
  });

  it('exports the report on screen in the chosen format', async () => {
    const file: ReportFile = { fileName: 'conciliacion.csv', mimeType: 'text/csv', contentBase64: 'YSxi' };
    const { api, store } = await setup({ 'reports.export': ok(file) });
    expect(await store.getState().exportReport('csv')).toBeNull();
    await store.getState().showReport(1, '2024-03-31');
    expect(await store.getState().exportReport('csv')).toEqual(file);
    expect(api.inputsOf('reports.export')).toEqual([{ accountId: 1, to: '2024-03-31', format: 'csv', language: 'en' }]);
    expect(store.getState().exporting).toBeNull();
  });

  it('says why an export failed', async () => {
    const { store } = await setup({ 'reports.export': fail('internal', 'disk full') });
    await store.getState().showReport(1, '2024-03-31');
    expect(await store.getState().exportReport('pdf')).toBeNull();
    expect(store.getState().toasts.at(-1)?.error?.code).toBe('internal');
  });
});
