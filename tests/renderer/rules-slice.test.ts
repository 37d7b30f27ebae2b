import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore, type AppStore } from '../../renderer/src/stores/create-app-store.js';
import { makeAlias, makeRejected, reconcileReplies } from './support/report-fixtures.js';
import { createStubApi, fail, loggedInReplies, memoryStorage, ok, type StubReplies } from './support/stub-api.js';

let store: AppStore | null = null;
afterEach(() => store?.dispose());

async function setup(replies: StubReplies = {}) {
  const api = createStubApi({
    ...loggedInReplies(),
    ...reconcileReplies(),
    'learning.list': ok({ aliases: [makeAlias(), makeAlias({ id: 2, bankText: 'AMAZON PAYMENTS', counterpartyName: 'Amazon EU Sarl', source: 'rule' })], rejectedPairs: [makeRejected()] }),
    ...replies,
  });
  store = createAppStore({ api, storage: memoryStorage(), preferredLanguages: ['en-US'] });
  await store.getState().start();
  await store.getState().loadLearning();
  return { api, store };
}

describe('rules slice', () => {
  it('loads aliases, rules and rejected pairs of the current company', async () => {
    const { api, store } = await setup();
    expect(api.inputsOf('learning.list')).toEqual([{ companyId: 1 }]);
    expect(store.getState().aliases.map((a) => a.bankText)).toEqual(['TELEFONICA DE ESPANA', 'AMAZON PAYMENTS']);
    expect(store.getState().rejectedPairs).toHaveLength(1);
    expect(store.getState().learningCompanyId).toBe(1);
  });

  it('adds a rule for the current company and lists it first', async () => {
    const added = makeAlias({ id: 9, bankText: 'ENDESA', counterpartyName: 'Endesa Energía', taxId: null, source: 'rule', timesUsed: 0 });
    const { api, store } = await setup({ 'learning.addRule': ok(added) });
    expect(await store.getState().addRule({ bankText: 'ENDESA', counterpartyName: 'Endesa Energía', taxId: null })).toBe(true);
    expect(api.inputsOf('learning.addRule')).toEqual([{ companyId: 1, bankText: 'ENDESA', counterpartyName: 'Endesa Energía', taxId: null }]);
    expect(store.getState().aliases[0]).toEqual(added);
    expect(store.getState().toasts.at(-1)?.message).toEqual({ key: 'toast.ruleAdded', params: { text: 'ENDESA' } });
  });

  it('keeps a refused rule as the form’s error', async () => {
    const { store } = await setup({ 'learning.addRule': fail('invalid_input', 'bankText: too short') });
    expect(await store.getState().addRule({ bankText: 'AB', counterpartyName: 'X', taxId: null })).toBe(false);
    expect(store.getState().learningErrors.add?.code).toBe('invalid_input');
    expect(store.getState().aliases).toHaveLength(2);
  });

  it('deletes an alias at once, and Undo brings it back as a rule', async () => {
    const restored = makeAlias({ id: 10, source: 'rule', timesUsed: 0 });
    const { api, store } = await setup({ 'learning.deleteAlias': ok({}), 'learning.addRule': ok(restored) });
    const pending = store.getState().deleteAlias(1);
    expect(store.getState().aliases.map((a) => a.id)).toEqual([2]);
    expect(await pending).toBe(true);
    expect(api.inputsOf('learning.deleteAlias')).toEqual([{ id: 1 }]);
    await store.getState().undoLast();
    expect(api.inputsOf('learning.addRule')).toEqual([
      { companyId: 1, bankText: 'TELEFONICA DE ESPANA', counterpartyName: 'Telefónica de España SA', taxId: 'A82018474' },
    ]);
    expect(store.getState().aliases.map((a) => a.id)).toEqual([10, 2]);
  });

  it('puts an alias back where it was when the core refuses to delete it', async () => {
    const { store } = await setup({ 'learning.deleteAlias': fail('forbidden') });
    expect(await store.getState().deleteAlias(2)).toBe(false);
    expect(store.getState().aliases.map((a) => a.id)).toEqual([1, 2]);
    expect(store.getState().toasts.at(-1)?.error?.code).toBe('forbidden');
  });

  it('forgets a rejected pair once the core has', async () => {
    const { api, store } = await setup({ 'learning.deleteRejected': ok({}) });
    expect(await store.getState().deleteRejected(7)).toBe(true);
    expect(api.inputsOf('learning.deleteRejected')).toEqual([{ id: 7 }]);
    expect(store.getState().rejectedPairs).toEqual([]);
  });
});
